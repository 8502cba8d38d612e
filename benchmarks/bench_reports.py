"""Printed action plans of 1,000 and 10,000 actions from the large register, against a minimal reportlab
document with the same number of plain table rows (100-row tables, the fastest plain layout measured in
performance.md §3). The plan is timed end to end, as the user waits for it: gathering the data and
laying out the pages."""

from __future__ import annotations

import datetime as dt
from functools import partial
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_time, print_table
from core.domain.actions import ActionFilter
from core.domain.documents import ActionPlanOptions
from core.reports.fonts import REGULAR, register_fonts
from core.reports.styles import CELL_FONT_SIZE, CELL_LEADING
from core.reports.tables import plain_lines, scaled_widths
from core.services.app import Services, open_services
from core.services.context import ServiceContext
from core.store.db import Database

ACTIONS_PER_LOCATION = 200  # the generated register spreads 100,000 actions evenly over 500 locations
# (actions, timed runs, goal in seconds: performance.md G10)
CASES = ((1_000, 5, 2.0), (10_000, 3, 10.0))


def run(path: Path | None = None) -> list[Row]:
    path = path or cached_database()
    # A fixed clock, so every run prints the same document.
    services = open_services(
        ctx=ServiceContext(db=Database(path), actor="bench", clock=lambda: dt.datetime(2026, 3, 2, 9, 30))
    )
    rows = []
    for wanted, runs, goal in CASES:
        flt = ActionFilter(location_ids=frozenset(range(1, wanted // ACTIONS_PER_LOCATION + 1)))
        count = services.actions.count(flt)
        options = ActionPlanOptions(filter=flt)
        pages = _pages(services.documents.action_plan(options))
        seconds = median_time(partial(services.documents.action_plan, options), runs=runs, warmup=0)
        texts = _cells(services, flt)
        baseline = median_time(partial(_plain_table_document, texts), runs=runs, warmup=0)
        rows.append(
            Row(
                f"action plan PDF, {count:,} actions ({pages} pages)",
                seconds,
                baseline,
                "reportlab, the same cells wrapped, 100-row tables",
                goal,
                note=f"{pages / seconds:.0f} pages/s; baseline {_pages(_plain_table_document(texts))} pages",
            )
        )
    services.close()
    return rows


def _pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


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


def _cells(services: Services, flt: ActionFilter) -> list[list[str]]:
    """Like for like: the plan's own actions and texts, wrapped to the same widths in the same font."""
    register_fonts()
    summaries = services.actions.summaries(services.actions.ids(flt))
    notes = services.actions.latest_notes([s.id for s in summaries])
    widths = scaled_widths(WEIGHTS)
    rows = [
        [
            s.reference,
            s.text,
            f"Regulation {s.regulation.number}" if s.regulation else "",
            s.owner_name or "",
            str(s.due or ""),
            s.status.label,
            s.rag.label,
            notes.get(s.id, ""),
            str(s.evidence_count),
        ]
        for s in summaries
    ]
    return [
        [plain_lines(text, REGULAR, width) for text, width in zip(row, widths, strict=True)] for row in rows
    ]


def _plain_table_document(rows: list[list[str]]) -> bytes:
    """The least a PDF of these cells costs: plain wrapped text, no styles, 100-row tables (performance.md
    §3)."""
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


if __name__ == "__main__":
    results = run()
    print_table(results)
    for result in results:
        print(f"{result.figure}: {result.note}")
