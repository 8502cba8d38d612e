"""Importing many actions: each action gets the row, reference and history it always got, the changes are
reported, and the work per action does not grow with the number of actions (counted, never timed: SQL
statements on every engine, SQLite's virtual-machine steps on SQLite)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select

from core.domain.actions import ActionFilter
from core.domain.changes import Entity
from core.domain.errors import RuleViolation
from core.domain.imports import LoadedReport
from core.domain.parsed import ParsedAction, ParsedInspection, ParsedLocation, ParsedReport, Regulation
from core.domain.vocabulary import ActionKind, ActionOrigin, KeyQuestion, ReportFormat, Statute
from core.services.app import Services, record_changes
from core.store.audit_chain import first_break
from core.store.orm import ActionRecord, AuditRecord, ReportRecord
from core.store.search import SEARCH_TABLE
from tests.support.big_report import loaded_report

SUPERSEDED = (
    "Closed as superseded: the inspection of 1 January 2024 was superseded by the inspection of 1 June 2025."
)
REG12 = Regulation(number="12", paragraphs="(2)(a)", statute=Statute.RA_2014, title="Safe care and treatment")


def two_inspections() -> LoadedReport:
    """An older inspection (superseded, so its actions are filed closed) and a newer one, with a repeat."""
    older = [
        ParsedAction(
            kind=ActionKind.SHOULD,
            origin=ActionOrigin.SHOULD_LIST,
            text="Review the cleaning rota.",
            key_question=KeyQuestion.SAFE,
            service="Community services",
            section="Safe",
        ),
        ParsedAction(kind=ActionKind.MUST, origin=ActionOrigin.MUST_LIST, text="Audit the medicines."),
    ]
    newer = [
        ParsedAction(
            kind=ActionKind.MUST,
            origin=ActionOrigin.REQUIREMENT_NOTICE,
            text="Assess the risks of falls.",
            regulation=REG12,
            due=dt.date(2025, 9, 1),
            regulated_activity="Treatment of disease, disorder or injury",
        ),
        ParsedAction(kind=ActionKind.MUST, origin=ActionOrigin.WARNING_NOTICE, text="Staff the night shift."),
        ParsedAction(kind=ActionKind.MUST, origin=ActionOrigin.MUST_LIST, text="Staff the night shift!"),
    ]
    parsed = ParsedReport(
        source="two.txt",
        format=ReportFormat.TEXT,
        location=ParsedLocation(name="Bulk House"),
        inspections=[
            ParsedInspection(inspection_dates=[dt.date(2024, 1, 1)], actions=older),
            ParsedInspection(inspection_dates=[dt.date(2025, 6, 1)], actions=newer),
        ],
    )
    return LoadedReport(source="two.txt", sha256="ab" * 32, format=ReportFormat.TEXT, text="", report=parsed)


def test_imported_actions_have_their_rows_references_history_and_reported_changes(services, clock):
    outcome, changes = record_changes(lambda: services.imports.commit(two_inspections()))
    assert (outcome.new_must, outcome.new_should, outcome.already_present) == (3, 1, 1)
    with services.ctx.db.reading() as session:
        actions = session.scalars(select(ActionRecord).order_by(ActionRecord.id)).all()
        history = session.scalars(select(AuditRecord).order_by(AuditRecord.id)).all()
        report_id = session.scalar(select(ReportRecord.id))
        assert first_break(session) == (len(history), None)
    ids = [a.id for a in actions]
    rows = [
        (a.reference, a.kind, a.origin, a.status, a.not_applicable_reason, a.priority, a.version, a.report_id)
        for a in actions
    ]
    assert rows == [
        ("BUL-2024-S01", "should", "should-list", "not_applicable", SUPERSEDED, "medium", 2, report_id),
        ("BUL-2024-M01", "must", "must-list", "not_applicable", SUPERSEDED, "high", 2, report_id),
        ("BUL-2025-M01", "must", "requirement-notice", "open", None, "high", 1, report_id),
        ("BUL-2025-M02", "must", "warning-notice", "open", None, "critical", 1, report_id),
    ]
    first, _, notice, _ = actions
    assert (first.key_question, first.key_question_source, first.service, first.section) == (
        "safe",
        "none",
        "Community services",
        "Safe",
    )
    assert (notice.reg_number, notice.reg_paragraphs, notice.reg_statute, notice.reg_title) == (
        "12",
        "(2)(a)",
        REG12.statute.value,
        "Safe care and treatment",
    )
    assert (notice.due, notice.original_due) == (dt.date(2025, 9, 1), dt.date(2025, 9, 1))
    assert {(a.created_at, a.created_by, a.updated_at, a.updated_by) for a in actions} == {
        (clock.value, "tester", clock.value, "tester")
    }
    action_history = [
        (h.action_id, h.operation, h.field, h.old_value, h.new_value) for h in history if h.entity == "action"
    ]
    closing = [("not_applicable_reason", None, SUPERSEDED), ("status", "open", "not_applicable")]
    expected = []
    for action in actions:
        expected.append((action.id, "create", None, None, f"{action.reference}: {action.text}"))
        if action.status == "not_applicable":
            expected += [(action.id, "update", *change) for change in closing]
    assert action_history == expected
    assert {(h.at, h.actor) for h in history} == {(clock.value, "tester")}
    assert changes.actions == frozenset(ids)
    assert changes.locations == frozenset({outcome.location_id})
    assert changes.reports == frozenset({report_id})
    assert Entity.ACTION in changes.added_or_removed
    assert not changes.everything
    assert services.actions.ids(ActionFilter(text="night shift")) == [ids[3]]


def test_a_value_too_long_in_an_imported_action_is_one_sentence_and_nothing_is_filed(services):
    loaded = two_inspections()
    long_service = ParsedAction(
        kind=ActionKind.MUST, origin=ActionOrigin.MUST_LIST, text="Too long.", service="s" * 301
    )
    inspection = loaded.report.inspections[1].model_copy(update={"actions": [long_service]})
    report = loaded.report.model_copy(update={"inspections": [inspection]})
    with pytest.raises(RuleViolation, match=r"^The action service is too long: 301 characters, at most 300"):
        services.imports.commit(loaded, report)
    with services.ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ReportRecord)) == 0
        assert session.scalar(select(func.count()).select_from(ActionRecord)) == 0


@contextmanager
def counted(services: Services) -> Iterator[dict[str, int]]:
    """Count the SQL statements sent; on SQLite also the virtual-machine steps they took (in hundreds) and
    the blocks the search index wrote (FTS5 writes them with statements of its own, which SQLite traces)."""
    counts = {"statements": 0, "steps": 0, "index blocks": 0}

    def tick() -> int:
        counts["steps"] += 1
        return 0  # 0: carry on

    def traced(statement: str) -> None:
        if f"'{SEARCH_TABLE}_data'" in statement:
            counts["index blocks"] += 1

    def before(conn: Any, *_args: Any) -> None:
        counts["statements"] += 1
        if services.ctx.db.is_sqlite:
            conn.connection.driver_connection.set_progress_handler(tick, 100)
            conn.connection.driver_connection.set_trace_callback(traced)

    engine = services.ctx.db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", before)


def import_counts(services: Services, actions: int) -> dict[str, int]:
    with counted(services) as counts:
        outcome = services.imports.commit(loaded_report(actions, name=f"House of {actions}"))
    assert outcome.new_must == actions
    return counts


def test_importing_ten_times_the_actions_sends_hardly_more_statements(services):
    small, large = import_counts(services, 100)["statements"], import_counts(services, 1000)["statements"]
    # rows go a thousand to a statement: not one statement (or two) per action, as one flush each was
    assert large <= small + 4, (small, large)


def test_the_work_sqlite_does_per_imported_action_stays_flat(services):
    if not services.ctx.db.is_sqlite:
        pytest.skip("SQLite's own steps are counted on SQLite; on a server the statement count stands for it")
    small, large = import_counts(services, 100), import_counts(services, 1000)
    for measure in ("steps", "index blocks"):
        # a scan of the actions per new action would make the steps grow about tenfold from 100 to 1,000
        # actions; a statement per row, the search index's blocks (it writes a segment at each statement)
        assert large[measure] / 1000 <= 1.3 * small[measure] / 100, (measure, small, large)
    # and the index takes the new actions a block at a time, many to a block, not a segment per action
    # (a statement per row costs four blocks an action, and its merges grow with the index)
    assert large["index blocks"] < 100, large
