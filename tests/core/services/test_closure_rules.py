"""The closure rules at the service layer: each refuses with one sentence and changes nothing, and the allowed
path works. (The rules are written in core/domain/workflow.py and applied by core/services/rules.py.)"""

import datetime as dt

import pytest

from core.domain.actions import ActionChanges
from core.domain.errors import NotFound, RuleViolation
from core.domain.vocabulary import Access, ActionStatus, Rag
from core.domain.workflow import Transition


@pytest.fixture
def verified(services, register, tmp_path):
    """The Sidcup MUST action, owned by Priya, completed by her and verified by Tom (a governance lead)."""
    must = register["must"]
    proof = tmp_path / "fridge-log.pdf"
    proof.write_bytes(b"%PDF-1.4 log")
    services.evidence.attach_file(must.id, proof, "March fridge log")
    services.evidence.add_link(must.id, "https://intranet.example.org/fridges", "Fridge register")
    services.sign_in(register["priya"].id)
    services.edits.add_note(must.id, "New fridge installed.")
    done = services.edits.transition(must.id, services.actions.get(must.id).version, Transition.COMPLETE)
    services.sign_in(register["tom"].id)
    return services.edits.transition(
        must.id, done.version, Transition.VERIFY, reason="Fridge log seen on site"
    )


def test_an_action_without_an_owner_cannot_be_completed(services, register, tmp_path):
    unowned = register["unowned"]
    proof = tmp_path / "training.pdf"
    proof.write_bytes(b"%PDF-1.4")
    services.evidence.attach_file(unowned.id, proof)
    services.sign_in(register["sam"].id)
    version = services.actions.get(unowned.id).version
    with pytest.raises(RuleViolation, match=f"{unowned.summary.reference} has no owner"):
        services.edits.transition(unowned.id, version, Transition.COMPLETE)
    assert services.actions.get(unowned.id).summary.status is ActionStatus.OPEN


def test_verified_action_is_locked(services, register, verified):
    ref, before = verified.summary.reference, services.actions.get(verified.id)
    assert before.summary.rag is Rag.BLUE and before.verification_note == "Fridge log seen on site"
    refusals = {
        "removing evidence": lambda: services.evidence.remove(verified.evidence[0].id),
        "adding evidence": lambda: services.evidence.add_link(verified.id, "https://example.org/x"),
        "describing its evidence": lambda: services.evidence.describe(verified.evidence[0].id, "Other"),
        "changing its owner": lambda: services.edits.update(
            verified.id, before.version, ActionChanges(owner_id=register["tom"].id)
        ),
        "changing its due date": lambda: services.edits.update(
            verified.id, before.version, ActionChanges(due=dt.date(2027, 1, 1), due_reason="Later")
        ),
        "changing its text": lambda: services.edits.update(
            verified.id, before.version, ActionChanges(text="x")
        ),
        "adding a progress note": lambda: services.edits.add_note(verified.id, "More"),
        "editing its notes": lambda: services.edits.edit_note(before.notes[0].id, "Changed"),
        "removing a progress note": lambda: services.edits.delete_note(before.notes[0].id),
    }
    for what, attempt in refusals.items():
        with pytest.raises(RuleViolation) as refused:
            attempt()
        assert str(refused.value) == f"{ref} is verified; reopen it before {what}."
    assert services.actions.get(verified.id) == before


def test_bulk_edits_cannot_walk_around_the_lock(services, register, verified):
    result = services.edits.bulk_update(
        [verified.id, register["should"].id], ActionChanges(owner_id=register["sam"].id)
    )
    assert result.changed == [register["should"].summary.reference]
    assert "is verified; reopen it" in result.refused[verified.summary.reference]


def test_only_a_governance_lead_reopens_a_verified_action_and_it_is_no_longer_blue(
    services, register, verified
):
    services.sign_in(register["sam"].id)
    with pytest.raises(RuleViolation, match="only a governance lead can reopen it"):
        services.edits.transition(verified.id, verified.version, Transition.REOPEN, reason="Repeat finding")
    services.sign_in(register["tom"].id)
    with pytest.raises(RuleViolation, match="needs a reason"):
        services.edits.transition(verified.id, verified.version, Transition.REOPEN)
    reopened = services.edits.transition(
        verified.id, verified.version, Transition.REOPEN, reason="Repeat finding"
    )
    assert reopened.summary.status is ActionStatus.IN_PROGRESS and reopened.summary.rag is not Rag.BLUE
    history = {(e.field, e.new_value, e.actor) for e in services.actions.history(verified.id)}
    assert ("reopen_reason", "Repeat finding", "Tom Hughes") in history
    services.evidence.remove(reopened.evidence[0].id)  # unlocked again
    assert len(services.actions.get(verified.id).evidence) == 1


def test_handing_over_after_completion_opens_no_path_to_self_verification(services, register, tmp_path):
    """Complete, hand to someone else, verify yourself, take it back: refused at the verify step."""
    should, priya, sam, tom = register["should"], register["priya"], register["sam"], register["tom"]
    services.edits.add_note(should.id, "Appraisals done.")
    services.sign_in(priya.id)
    done = services.edits.transition(should.id, services.actions.get(should.id).version, Transition.COMPLETE)
    handed = services.edits.update(should.id, done.version, ActionChanges(owner_id=sam.id))
    with pytest.raises(RuleViolation, match="Priya Shah completed"):
        services.edits.transition(should.id, handed.version, Transition.VERIFY, reason="Checked")
    services.sign_in(sam.id)
    with pytest.raises(RuleViolation, match="Sam Reid owns"):
        services.edits.transition(should.id, handed.version, Transition.VERIFY, reason="Checked")
    services.sign_in(tom.id)
    verified = services.edits.transition(
        should.id, handed.version, Transition.VERIFY, reason="Checked records"
    )
    assert verified.verifier_name == "Tom Hughes"
    with pytest.raises(RuleViolation, match="is verified; reopen it before changing its owner"):
        services.edits.update(should.id, verified.version, ActionChanges(owner_id=tom.id))


def test_verifier_is_the_signed_in_person_and_their_name_at_the_time_is_kept(services, register, verified):
    assert verified.verifier_id == register["tom"].id and verified.verifier_name == "Tom Hughes"
    services.people.update(register["tom"].id, name="Thomas Hughes")
    assert services.actions.get(verified.id).verifier_name == "Tom Hughes"


def test_a_viewer_cannot_change_actions(services, register):
    viewer = services.people.add("Vera Viewer", access=Access.VIEWER)
    services.sign_in(viewer.id)
    should = services.actions.get(register["should"].id)
    with pytest.raises(RuleViolation, match="Vera Viewer is a viewer in Candour"):
        services.edits.add_note(should.id, "Hello")
    with pytest.raises(RuleViolation, match="viewer"):
        services.edits.update(should.id, should.version, ActionChanges(priority=None))
    assert services.actions.get(should.id) == should


def test_signing_in_needs_an_existing_person(services, register):
    with pytest.raises(NotFound, match="There is no person called Nobody"):
        services.people.identity_by_name("Nobody")
    assert services.people.identity_by_name("tom hughes").access is Access.GOVERNANCE_LEAD


def test_roles_are_given_by_a_governance_lead(services, register):
    sam = register["sam"]
    with pytest.raises(RuleViolation, match="Only a governance lead"):
        services.people.set_access(sam.id, Access.GOVERNANCE_LEAD)  # nobody signed in
    services.sign_in(register["tom"].id)
    assert services.people.set_access(sam.id, Access.GOVERNANCE_LEAD).access is Access.GOVERNANCE_LEAD


def test_a_viewer_cannot_change_steps_either(services, register):
    step = services.steps.add(register["should"].id, "Book appraisals")
    viewer = services.people.add("Vera Viewer", access=Access.VIEWER)
    services.sign_in(viewer.id)
    with pytest.raises(RuleViolation, match="Vera Viewer is a viewer in Candour"):
        services.steps.add(register["should"].id, "Another step")
    with pytest.raises(RuleViolation, match="viewer"):
        services.steps.done(step.id)
    assert [s.text for s in services.steps.list(register["should"].id)] == ["Book appraisals"]
