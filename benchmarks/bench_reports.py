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
from reportlab.platypus import Flowable, SimpleDocTemplate, Table

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_time, print_table
from core.domain.actions import ActionFilter
from core.domain.documents import ActionPlanOptions
from core.services.app import open_services
from core.services.context import ServiceContext
from core.store.db import Database

ACTIONS_PER_LOCATION = 200  # the generated register spreads 100,000 actions evenly over 500 locations
# (actions, timed runs, goal in seconds: performance.md G10)
CASES = ((1_000, 5, 2.0), (10_000, 3, 10.0))


def run(path: Path | None = None) -> list[Row]:
    path = path or cached_database()
    # A fixed clock, so every run prints the same document.
    services = open_services(ctx=ServiceContext(db=Database(path), actor="bench",
                                                clock=lambda: dt.datetime(2026, 3, 2, 9, 30)))
    rows = []
    for wanted, runs, goal in CASES:
        flt = ActionFilter(location_ids=frozenset(range(1, wanted // ACTIONS_PER_LOCATION + 1)))
        count = services.actions.count(flt)
        options = ActionPlanOptions(filter=flt)
        pages = _pages(services.documents.action_plan(options))
        seconds = median_time(partial(services.documents.action_plan, options), runs=runs, warmup=0)
        baseline = median_time(partial(_plain_table_document, count), runs=runs, warmup=0)
        rows.append(Row(f"action plan PDF, {count:,} actions ({pages} pages)", seconds, baseline,
                        "reportlab, plain rows", goal, note=f"{pages / seconds:.0f} pages/s"))
    services.close()
    return rows


def _pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def _plain_table_document(rows: int) -> bytes:
    """The least a PDF of that many table rows costs: one line of plain text per cell, nine columns."""
    header = ["Reference", "Action", "Regulation", "Owner", "Due", "Status", "RAG", "Latest progress",
              "Evidence"]
    line = ["The provider must ensure that staff complete training", "Regulation 12", "Owner 001",
            "30 Apr 2026", "In progress", "Green", "Progress update 1.", "0"]
    data = [[f"L001-2024-M{n:06d}", *line] for n in range(rows)]
    story: list[Flowable] = [Table([header, *data[start:start + 100]], repeatRows=1)
                             for start in range(0, rows, 100)]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build(story)
    return buffer.getvalue()


if __name__ == "__main__":
    results = run()
    print_table(results)
    for result in results:
        print(f"{result.figure}: {result.note}")
