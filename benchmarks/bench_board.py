"""The board pack for 100,000 actions across 50 locations, and the CQC action plan for one location with
200 MUST actions and 1,000 steps, each timed end to end (gathering and laying out; the pack also keeps its
snapshot, as printing it for a meeting does), against a minimal reportlab document with the same number of
plain table rows as the document printed (performance.md §3)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle
from sqlalchemy import insert

from benchmarks.generate import CACHE, TODAY, cached_database
from benchmarks.harness import Row, median_time, print_table
from core.domain.documents import CqcPlanOptions, MeetingPackOptions
from core.domain.regulations import regulation_title
from core.domain.vocabulary import Statute
from core.reports.fonts import REGULAR, register_fonts
from core.reports.models import CqcPlanDocument, MeetingPackDocument
from core.reports.styles import CELL_FONT_SIZE, CELL_LEADING
from core.reports.tables import scaled_widths
from core.services.app import open_services
from core.services.context import ServiceContext
from core.store.db import Database
from core.store.migrate import head_revision, upgrade_to_head
from core.store.orm import ActionRecord, InspectionRecord, LocationRecord, PersonRecord, StepRecord

CLOCK = dt.datetime.combine(TODAY, dt.time(9, 30))
PLAN_ACTIONS, STEPS_PER_ACTION = 200, 5
REGULATIONS = ["9", "10", "11", "12", "13", "15", "16", "17", "18", "19"]


def run() -> list[Row]:
    return [_board_pack(), _cqc_plan()]


def _board_pack() -> Row:
    path = cached_database(locations=50, inspections=500, actions=100_000)
    services = open_services(ctx=ServiceContext(db=Database(path), actor="bench", clock=lambda: CLOCK))
    options = MeetingPackOptions(meeting=TODAY, series="Bench")
    document = services.documents.meeting_pack_document(options)
    pages = _pages(services.documents.meeting_pack(options))
    seconds = median_time(
        lambda: services.documents.meeting_pack(options, keep_snapshot=True), runs=3, warmup=0
    )
    rows = _pack_rows(document)
    baseline = median_time(partial(_plain_table_document, _plain_rows(rows)), runs=3, warmup=0)
    services.close()
    return Row(
        f"board pack PDF, 100,000 actions at 50 locations ({pages} pages, {rows} rows)",
        seconds,
        baseline,
        "reportlab, plain rows",
        2.0,
        note=f"{pages / seconds:.0f} pages/s",
    )


HEADER = [
    "Reference",
    "Action",
    "Regulation",
    "Owner",
    "Due",
    "Status",
    "BRAG",
    "Latest progress",
    "Evidence",
]
WEIGHTS = [11, 40, 14, 12, 9, 10, 9, 24, 7]


def _plain_table_document(rows: list[list[str]]) -> bytes:
    """The least a PDF of these cells costs: plain text, no styles, 100-row tables (performance.md §3)."""
    register_fonts()
    widths = scaled_widths(WEIGHTS)
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, CELL_FONT_SIZE, CELL_LEADING),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    story: list[Flowable] = [
        Table([HEADER, *rows[start : start + 100]], colWidths=widths, repeatRows=1, style=style)
        for start in range(0, len(rows), 100)
    ]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build(story)
    return buffer.getvalue()


def _plain_rows(count: int) -> list[list[str]]:
    """That many rows of one-line plain cells in nine columns (the baseline table)."""
    line = [
        "BEN-2026-M001",
        "The provider must ensure that staff complete training",
        "Regulation 12",
        "Owner 01",
        "30 Apr 2026",
        "In progress",
        "Green",
        "Progress update 1.",
        "0",
    ]
    return [list(line) for _ in range(count)]


def _cqc_plan() -> Row:
    path = _plan_database()
    services = open_services(ctx=ServiceContext(db=Database(path), actor="bench", clock=lambda: CLOCK))
    options = CqcPlanOptions(location_id=1)
    document = services.documents.cqc_plan_document(options)
    pages = _pages(services.documents.cqc_plan(options))
    seconds = median_time(lambda: services.documents.cqc_plan(options), runs=3, warmup=0)
    rows = _plan_rows(document)
    baseline = median_time(partial(_plain_table_document, _plain_rows(rows)), runs=3, warmup=0)
    services.close()
    return Row(
        f"CQC plan PDF, {PLAN_ACTIONS} actions and {rows - PLAN_ACTIONS:,} steps ({pages} pages)",
        seconds,
        baseline,
        "reportlab, plain rows",
        2.0,
        note=f"{pages / seconds:.0f} pages/s",
    )


def _pack_rows(d: MeetingPackDocument) -> int:
    shown = (d.exceptions, d.closure, d.enforcement, d.due_soon, d.verified, d.due_moves)
    return (
        sum(len(s.items) for s in shown)
        + len(d.matrix)
        + len(d.delivery)
        + len(d.ratings)
        + len(d.reports)
        + len(d.movement)
    )


def _plan_rows(d: CqcPlanDocument) -> int:
    lines = [*(a for b in d.breaches for a in b.actions), *d.uncited]
    return len(lines) + sum(len(line.steps) for line in lines)


def _pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def _plan_database() -> Path:
    """One location, one inspection, 200 MUST actions over ten regulations, five steps each."""
    path = CACHE / f"cqc-plan-{PLAN_ACTIONS}-{STEPS_PER_ACTION}-{TODAY:%Y%m%d}-r{head_revision()}.sqlite3"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    db = Database(path)
    upgrade_to_head(db)
    now = CLOCK
    text = (
        "The provider must ensure that care and treatment is provided in a safe way, including assessing the "
        "risks to the health and safety of service users and doing all that is reasonably practicable."
    )
    with db.engine.begin() as conn:
        conn.execute(
            insert(PersonRecord), [{"id": i, "name": f"Owner {i:02d}", "active": True} for i in range(1, 21)]
        )
        conn.execute(
            insert(LocationRecord), [{"id": 1, "code": "BEN", "name": "Benchmark House", "created_at": now}]
        )
        conn.execute(
            insert(InspectionRecord),
            [
                {
                    "id": 1,
                    "location_id": 1,
                    "key_date": TODAY - dt.timedelta(days=60),
                    "visit_dates": [],
                    "kind": "routine inspection",
                    "ratings": {},
                    "service_ratings": {},
                    "scores": {},
                }
            ],
        )
        actions, steps = [], []
        for i in range(1, PLAN_ACTIONS + 1):
            reg = REGULATIONS[i % len(REGULATIONS)]
            due = TODAY + dt.timedelta(days=i % 90)
            actions.append(
                {
                    "id": i,
                    "reference": f"BEN-2026-M{i:03d}",
                    "location_id": 1,
                    "inspection_id": 1,
                    "kind": "must",
                    "origin": "requirement-notice" if i % 4 == 0 else "must-list",
                    "text": text,
                    "text_key": f"k{i}",
                    "reg_number": reg,
                    "reg_statute": Statute.RA_2014.value,
                    "reg_title": regulation_title(Statute.RA_2014, reg),
                    "owner_id": i % 20 + 1,
                    "original_due": due,
                    "due": due,
                    "status": "in_progress",
                    "priority": "high",
                    "created_at": now,
                    "created_by": "bench",
                    "updated_at": now,
                    "updated_by": "bench",
                    "version": 1,
                    "step_count": STEPS_PER_ACTION,
                    "steps_done": 1,
                    "next_step_due": due,
                }
            )
            for n in range(1, STEPS_PER_ACTION + 1):
                steps.append(
                    {
                        "action_id": i,
                        "position": n,
                        "text": f"Step {n}: review the risk assessments of every "
                        "service user with the clinical lead and record the actions agreed",
                        "owner_id": (i + n) % 20 + 1,
                        "due": due,
                        "monitoring": "Weekly audit of ten records reported to the governance meeting",
                        "success_measure": (
                            "Twenty of twenty records audited are complete for two consecutive months"
                        ),
                        "status": "done" if n == 1 else "open",
                        "created_at": now,
                        "created_by": "bench",
                        "updated_at": now,
                        "updated_by": "bench",
                    }
                )
        conn.execute(insert(ActionRecord), actions)
        conn.execute(insert(StepRecord), steps)
    db.dispose()
    return path


if __name__ == "__main__":
    print_table(run())
