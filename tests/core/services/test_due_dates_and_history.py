"""Slippage is history, and every change is in the audit trail."""

import datetime as dt

import pytest

from core.domain.actions import ActionChanges
from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionKind


def test_first_due_date_is_the_plan_not_a_slip(services, register):
    unowned = register["unowned"]
    detail = services.edits.update(unowned.id, unowned.version, ActionChanges(due=dt.date(2026, 5, 1)))
    assert detail.summary.original_due == dt.date(2026, 5, 1)
    assert detail.due_changes == []


def test_moving_a_due_date_needs_a_reason_and_keeps_the_original(services, register, clock):
    must = register["must"]
    with pytest.raises(RuleViolation, match="needs a reason"):
        services.edits.update(must.id, must.version, ActionChanges(due=dt.date(2026, 6, 30)))
    clock.advance(days=1)
    detail = services.edits.update(
        must.id,
        must.version,
        ActionChanges(due=dt.date(2026, 6, 30), due_reason="Supplier delay on new fridges"),
    )
    assert detail.summary.original_due == dt.date(2026, 4, 30)
    assert detail.summary.due == dt.date(2026, 6, 30)
    assert detail.summary.slipped_days == 61
    change = detail.due_changes[0]
    assert (change.old_due, change.new_due, change.reason, change.changed_by) == (
        dt.date(2026, 4, 30),
        dt.date(2026, 6, 30),
        "Supplier delay on new fridges",
        "tester",
    )
    detail = services.edits.update(
        must.id, detail.version, ActionChanges(due=dt.date(2026, 7, 31), due_reason="Second delay")
    )
    assert [c.reason for c in detail.due_changes] == ["Supplier delay on new fridges", "Second delay"]
    assert detail.summary.original_due == dt.date(2026, 4, 30)


def test_every_change_is_audited(services, register, tmp_path):
    must, tom = register["must"], register["tom"]
    services.edits.update(must.id, must.version, ActionChanges(owner_id=tom.id, success_measure="Audit 100%"))
    note = services.edits.add_note(must.id, "Started")
    services.edits.edit_note(note.id, "Started work")
    services.edits.delete_note(note.id)
    file = tmp_path / "log.txt"
    file.write_text("log", encoding="utf-8")
    evidence = services.evidence.attach_file(must.id, file)
    services.evidence.remove(evidence.id)
    entries = [
        (e.entity, e.operation, e.field, e.old_value, e.new_value) for e in services.actions.history(must.id)
    ]
    assert entries[0][:2] == ("action", "create")
    assert ("action", "update", "owner", "Priya Shah", "Tom Hughes") in entries
    assert ("action", "update", "success_measure", None, "Audit 100%") in entries
    assert ("note", "create", None, None, "Started") in entries
    assert ("note", "update", "text", "Started", "Started work") in entries
    assert ("note", "delete", None, "Started work", None) in entries
    assert ("evidence", "create", None, None, "log.txt") in entries
    assert ("evidence", "delete", None, "log.txt", None) in entries
    assert all(e.actor == "tester" for e in services.actions.history(must.id))


def test_internal_action_gets_a_reference_from_location_and_year(services, register):
    created = services.edits.create(register["sid"].id, ActionKind.SHOULD, "Refresh the patient leaflet.")
    assert created.summary.reference == "SID-2026-S02"
    assert register["must"].summary.reference == "SID-2026-M01"
    assert register["late"].summary.reference.startswith("KEN-2026-S")
