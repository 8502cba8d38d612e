"""Status transitions through the service: rules enforced, history written, versions checked."""

import datetime as dt

import pytest

from core.domain.actions import ActionChanges
from core.domain.errors import RuleViolation, StaleVersion
from core.domain.vocabulary import ActionStatus, Rag
from core.domain.workflow import Transition


def test_must_action_cannot_complete_on_notes_alone(services, register):
    must = register["must"]
    services.edits.add_note(must.id, "Fridge thermometer ordered.")
    current = services.actions.get(must.id)
    with pytest.raises(RuleViolation, match="MUST action needs evidence"):
        services.edits.transition(must.id, current.version, Transition.COMPLETE)
    assert services.actions.get(must.id).summary.status is ActionStatus.OPEN


def test_full_lifecycle_to_blue(services, register, tmp_path):
    must, tom = register["must"], register["tom"]
    proof = tmp_path / "fridge-log.pdf"
    proof.write_bytes(b"%PDF-1.4 temperature log")
    services.evidence.attach_file(must.id, proof, "March fridge log")
    services.sign_in(register["priya"].id)
    detail = services.edits.transition(must.id, services.actions.get(must.id).version, Transition.COMPLETE)
    assert detail.summary.status is ActionStatus.COMPLETED
    assert detail.completed_by == "Priya Shah"
    assert set(detail.transitions) == {Transition.VERIFY, Transition.REOPEN}
    services.sign_in(tom.id)
    detail = services.edits.transition(must.id, detail.version, Transition.VERIFY, reason="Checked on site")
    assert detail.summary.status is ActionStatus.VERIFIED
    assert detail.summary.rag is Rag.BLUE
    assert detail.verifier_name == "Tom Hughes"


def test_owner_cannot_verify_their_own_action(services, register):
    should, priya = register["should"], register["priya"]
    services.edits.add_note(should.id, "Appraisals booked for all staff.")
    services.sign_in(register["sam"].id)
    done = services.edits.transition(should.id, services.actions.get(should.id).version, Transition.COMPLETE)
    services.sign_in(priya.id)
    with pytest.raises(RuleViolation, match=r"Priya Shah owns .*someone other than the owner"):
        services.edits.transition(should.id, done.version, Transition.VERIFY, reason="Looked")
    assert services.actions.get(should.id).summary.status is ActionStatus.COMPLETED


def test_not_applicable_and_reopen_keep_their_reasons(services, register):
    late = register["late"]
    detail = services.edits.transition(
        late.id, late.version, ActionStatus.NOT_APPLICABLE, reason="Service closed in February"
    )
    assert detail.not_applicable_reason == "Service closed in February"
    services.sign_in(register["sam"].id)
    detail = services.edits.transition(late.id, detail.version, Transition.REOPEN, reason="Service reopened")
    assert detail.summary.status is ActionStatus.IN_PROGRESS
    fields = {(e.field, e.new_value) for e in services.actions.history(late.id)}
    assert ("reopen_reason", "Service reopened") in fields
    assert ("status", "not_applicable") in fields


def test_stale_version_is_refused_and_nothing_changes(services, register, clock):
    must, tom, sam = register["must"], register["tom"], register["sam"]
    seen = services.actions.get(must.id).version
    services.ctx.actor = "alice"
    services.edits.update(must.id, seen, ActionChanges(owner_id=tom.id))
    services.ctx.actor = "bob"
    with pytest.raises(StaleVersion, match="changed by alice at 2 Mar 2026 09:30; reload"):
        services.edits.update(must.id, seen, ActionChanges(owner_id=sam.id))
    assert services.actions.get(must.id).summary.owner_name == "Tom Hughes"


def test_rag_uses_the_clock(services, register, clock):
    should = register["should"]  # due 10 March, today 2 March
    assert services.actions.get(should.id).summary.rag is Rag.AMBER
    clock.advance(days=9)
    summary = services.actions.get(should.id).summary
    assert summary.rag is Rag.RED and summary.overdue
    unowned = services.actions.get(register["unowned"].id).summary
    assert unowned.rag is Rag.RED and unowned.rag_label == "Red (no owner)"


def test_bulk_transition_reports_refusals_and_changes_the_rest(services, register):
    should, late, must = register["should"], register["late"], register["must"]
    services.edits.add_note(should.id, "Done")
    services.edits.add_note(late.id, "Done")
    services.sign_in(register["sam"].id)
    result = services.edits.bulk_transition([should.id, late.id, must.id], Transition.COMPLETE)
    assert sorted(result.changed) == sorted(
        [
            should.reference if hasattr(should, "reference") else should.summary.reference,
            late.summary.reference,
        ]
    )
    assert result.refused == {
        must.summary.reference: "A MUST action needs evidence before it can be completed."
    }
    assert services.actions.get(must.id).summary.status is ActionStatus.OPEN
    assert services.actions.get(late.id).summary.status is ActionStatus.COMPLETED


def test_bulk_assign_and_due_date_with_reason(services, register):
    ids = [register["should"].id, register["late"].id]
    sam = register["sam"]
    result = services.edits.bulk_update(
        ids,
        ActionChanges(
            owner_id=sam.id, due=dt.date(2026, 6, 30), due_reason="Re-planned at governance meeting"
        ),
    )
    assert len(result.changed) == 2 and not result.refused
    for action_id in ids:
        detail = services.actions.get(action_id)
        assert detail.summary.owner_name == "Sam Reid"
        assert detail.due_changes[-1].reason == "Re-planned at governance meeting"


def test_bulk_due_change_without_reason_is_refused_per_action(services, register):
    result = services.edits.bulk_update([register["should"].id], ActionChanges(due=dt.date(2026, 9, 1)))
    assert not result.changed
    assert "needs a reason" in next(iter(result.refused.values()))
    assert services.actions.get(register["should"].id).summary.due == dt.date(2026, 3, 10)
