"""Importing many actions holds the write lock for a time linear in their number: a new reference is
counted on from the highest one in use, never found by scanning the actions table once per action."""

from __future__ import annotations

from sqlalchemy import event

from core.domain.vocabulary import ActionKind
from tests.support.big_report import loaded_report


def test_references_are_allocated_without_a_table_scan_per_action(services):
    statements: list[str] = []

    def listener(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(services.ctx.db.engine, "before_cursor_execute", listener)
    try:
        outcome = services.imports.commit(loaded_report(300))
    finally:
        event.remove(services.ctx.db.engine, "before_cursor_execute", listener)
    assert outcome.new_must == 300
    reference_lookups = [s for s in statements if "action.reference" in s and s.lstrip().startswith("SELECT")]
    assert len(reference_lookups) <= 2, reference_lookups[:3]


def test_numbers_continue_after_the_highest_in_use_and_are_never_reused(services, register):
    location = register["must"].summary.location_id
    first = services.edits.create(location, ActionKind.MUST, "One")
    second = services.edits.create(location, ActionKind.MUST, "Two")
    prefix = first.summary.reference[:-2]
    assert second.summary.reference == f"{prefix}{int(first.summary.reference[-2:]) + 1:02d}"
