"""Steps under an action: added, edited, reordered and done through the service, each change in the
history of its step, and an action with steps completed only when its steps are done."""

import datetime as dt

import pytest

from core.domain.errors import NotFound, RuleViolation
from core.domain.steps import StepChanges
from core.domain.vocabulary import ActionStatus, StepStatus
from core.domain.workflow import Transition


def _evidenced(services, action, tmp_path):
    proof = tmp_path / "proof.txt"
    proof.write_text("audit results", encoding="utf-8")
    services.evidence.attach_file(action.id, proof, "Audit")


def test_steps_are_added_in_order_and_counted_on_the_action(services, register):
    must, priya = register["must"], register["priya"]
    first = services.steps.add(
        must.id,
        "Buy a lockable fridge",
        owner_id=priya.id,
        due=dt.date(2026, 4, 1),
        monitoring="Weekly check at the huddle",
        success_measure="Fridge in use",
    )
    second = services.steps.add(must.id, "Train staff on the log", due=dt.date(2026, 3, 20))
    assert (first.number, second.number) == (1, 2)
    assert first.owner_name == "Priya Shah" and first.status is StepStatus.OPEN
    summary = services.actions.get(must.id).summary
    assert (summary.step_count, summary.steps_done, summary.next_step_due) == (2, 0, dt.date(2026, 3, 20))
    services.steps.done(second.id, "Training register signed by 12 of 12 staff")
    summary = services.actions.get(must.id).summary
    assert (summary.steps_done, summary.next_step_due) == (1, dt.date(2026, 4, 1))
    assert [s.text for s in services.actions.get(must.id).steps] == [
        "Buy a lockable fridge",
        "Train staff on the log",
    ]


def test_an_action_with_steps_completes_only_when_every_step_is_done(services, register, tmp_path):
    must = register["must"]
    _evidenced(services, must, tmp_path)
    step = services.steps.add(must.id, "Buy a lockable fridge")
    services.sign_in(register["priya"].id)
    detail = services.actions.get(must.id)
    assert detail.transitions[Transition.COMPLETE] == (
        "An action with steps can be completed only when its steps are done (1 not done yet)."
    )
    with pytest.raises(RuleViolation, match="only when its steps are done"):
        services.edits.transition(must.id, detail.version, Transition.COMPLETE)
    assert services.actions.get(must.id).summary.status is ActionStatus.OPEN
    services.steps.done(step.id)
    detail = services.edits.transition(must.id, services.actions.get(must.id).version, Transition.COMPLETE)
    assert detail.summary.status is ActionStatus.COMPLETED


def test_each_step_keeps_its_own_history(services, register):
    must, tom = register["must"], register["tom"]
    step = services.steps.add(must.id, "Buy a fridge")
    other = services.steps.add(must.id, "Train staff")
    services.steps.update(
        step.id, StepChanges(text="Buy a lockable fridge", owner_id=tom.id, due=dt.date(2026, 5, 1))
    )
    services.steps.done(step.id, "Delivery note 4471")
    history = services.steps.history(step.id)
    assert [(h.operation, h.field) for h in history] == [
        ("create", None),
        ("update", "owner"),
        ("update", "due"),
        ("update", "text"),
        ("update", "evidence"),
        ("update", "status"),
    ]
    assert history[1].new_value == "Tom Hughes" and history[3].old_value == "Buy a fridge"
    assert all(h.entity_id == step.id for h in history)
    assert [h.operation for h in services.steps.history(other.id)] == ["create"]
    action_history = services.actions.history(must.id)
    assert sum(1 for h in action_history if h.entity == "step") == 7


def test_steps_reorder_and_removal_keep_numbers_contiguous(services, register):
    must = register["must"]
    a, b, c = (services.steps.add(must.id, text) for text in ("A", "B", "C"))
    assert [s.text for s in services.steps.move(c.id, 1)] == ["C", "A", "B"]
    assert [s.number for s in services.steps.list(must.id)] == [1, 2, 3]
    with pytest.raises(RuleViolation, match="each of its 3 steps once"):
        services.steps.reorder(must.id, [a.id, b.id])
    with pytest.raises(RuleViolation, match="needs a reason"):
        services.steps.remove(a.id, " ")
    services.steps.remove(a.id, "Duplicate of step C")
    assert [(s.number, s.text) for s in services.steps.list(must.id)] == [(1, "C"), (2, "B")]
    deleted = [h for h in services.actions.history(must.id) if h.operation == "delete"]
    assert deleted[0].new_value == "Duplicate of step C" and deleted[0].old_value == "Step 2: A"
    assert services.actions.get(must.id).summary.step_count == 2


def test_steps_of_a_closed_action_cannot_change_until_it_is_reopened(services, register, tmp_path):
    must = register["must"]
    _evidenced(services, must, tmp_path)
    step = services.steps.add(must.id, "Buy a fridge")
    services.steps.done(step.id)
    services.sign_in(register["priya"].id)
    services.edits.transition(must.id, services.actions.get(must.id).version, Transition.COMPLETE)
    with pytest.raises(RuleViolation, match="reopen it first"):
        services.steps.add(must.id, "One more thing")
    with pytest.raises(RuleViolation, match="reopen it first"):
        services.steps.update(step.id, StepChanges(status=StepStatus.OPEN))
    assert services.steps.list(must.id)[0].status is StepStatus.DONE


def test_bad_step_input_is_refused_in_one_sentence(services, register):
    must = register["must"]
    with pytest.raises(RuleViolation, match="A step needs a description"):
        services.steps.add(must.id, "  ")
    with pytest.raises(NotFound, match="has no step 3 \\(it has no steps yet\\)"):
        services.steps.numbered(must.id, 3)
    with pytest.raises(NotFound, match="Person 999 does not exist"):
        services.steps.add(must.id, "Buy a fridge", owner_id=999)
    assert services.steps.list(must.id) == []


def test_a_viewer_cannot_plan_steps(services, register):
    from core.domain.vocabulary import Access

    viewer = services.people.add("Val Viewer", access=Access.VIEWER)
    services.sign_in(viewer.id)
    with pytest.raises(RuleViolation, match="Val Viewer is a viewer in Candour"):
        services.steps.add(register["must"].id, "Buy a fridge")
    assert services.steps.list(register["must"].id) == []
