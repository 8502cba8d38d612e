"""Printed action plans of 1,000 and 10,000 actions from the large register, against the same document laid
out by stock reportlab in the cheapest way measured (performance.md §3): the same headings on the same page
frame, the same cells wrapped to the same widths in the same fonts, in plain 100-row Tables with no rules,
fills or rows kept together. The plan is timed end to end, as the user waits for it: gathering the data and
laying out the pages; the baseline is timed from its wrapped cells to the PDF. Both page counts are
printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_time, print_table
from core.domain.actions import ActionFilter
from core.domain.documents import ActionPlanOptions
from core.reports.action_plan import COLUMNS, group_title, location_heading, section_title
from core.reports.blocks import heading_block, section_heading, subsection_heading
from core.reports.columns import counts_table, steps_in_words
from core.reports.fonts import BOLD, REGULAR, register_fonts
from core.reports.models import ActionPlanDocument, LocationSection
from core.reports.styles import (
    CELL_FONT_SIZE,
    CELL_LEADING,
    CELL_PADDING,
    FOOTER_SPACE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN,
    PAGE_SIZE,
)
from core.reports.tables import Command, plain_lines, scaled_widths
from core.services.app import open_services
from core.services.context import ServiceContext
from core.store.db import Database

ACTIONS_PER_LOCATION = 200  # the generated register spreads 100,000 actions evenly over 500 locations
# (actions, timed runs, goal in seconds: performance.md G10 for 1,000, issue 13 for 10,000)
CASES = ((1_000, 5, 2.0), (10_000, 3, 5.5))
CHUNK_ROWS = 100


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
        document = services.documents.action_plan_document(options)
        cells = _wrapped(document)
        baseline = median_time(partial(_stock_document, document, cells), runs=runs, warmup=0)
        baseline_pages = _pages(_stock_document(document, cells))
        rows.append(
            Row(
                f"action plan PDF, {count:,} actions ({pages} pages)",
                seconds,
                baseline,
                f"stock reportlab, the same cells and headings, 100-row tables ({baseline_pages} pages)",
                goal,
                note=f"{pages / seconds:.0f} pages/s; baseline {baseline_pages} pages",
            )
        )
    services.close()
    return rows


def _pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


# -- the baseline: the plan's content, stock reportlab ---------------------------------------------------


@dataclass(frozen=True)
class _Section:
    """One inspection's table: its heading and its rows of wrapped cells; `spans` marks the title rows
    (spanning every column) and the detail rows (spanning all but the first)."""

    title: str
    rows: list[list[str]]
    spans: list[tuple[int, int]]  # (row, first spanned column)


def _wrapped(document: ActionPlanDocument) -> dict[str, list[_Section]]:
    """The plan's cells, per location and inspection, wrapped as the plan wraps them (not timed)."""
    register_fonts()
    widths = scaled_widths([c.width for c in COLUMNS])
    fonts = [BOLD if c.bold else REGULAR for c in COLUMNS]
    blank = [""] * (len(COLUMNS) - 1)
    wrapped: dict[str, list[_Section]] = {}
    for location in document.locations:
        sections = wrapped.setdefault(location.name, [])
        for section in location.sections:
            rows: list[list[str]] = []
            spans: list[tuple[int, int]] = []
            for group in section.groups:
                spans.append((len(rows), 0))
                rows.append([plain_lines(group_title(group), BOLD, FRAME_WIDTH), *blank])
                for line in group.actions:
                    rows.append(
                        [
                            plain_lines(c.text(line), f, w)
                            for c, f, w in zip(COLUMNS, fonts, widths, strict=True)
                        ]
                    )
                    if detail := steps_in_words(line):
                        spans.append((len(rows), 1))
                        rows.append(["", plain_lines(detail, REGULAR, sum(widths[1:])), *blank[1:]])
            sections.append(_Section(section_title(section), rows, spans))
    return wrapped


def _stock_document(document: ActionPlanDocument, wrapped: dict[str, list[_Section]]) -> bytes:
    """The plan's headings and cells in stock reportlab Tables of CHUNK_ROWS rows, on the plan's frame."""
    story = heading_block(document.heading)
    story += section_heading("Summary")
    story.append(counts_table(document.summary))
    for location in document.locations:
        story += _stock_location(location, wrapped[location.name])
    frame = Frame(MARGIN, MARGIN + FOOTER_SPACE, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0)
    buffer = BytesIO()
    BaseDocTemplate(buffer, pagesize=PAGE_SIZE, pageTemplates=[PageTemplate("page", [frame])]).build(story)
    return buffer.getvalue()


def _stock_location(location: LocationSection, sections: Sequence[_Section]) -> list[Flowable]:
    story = location_heading(location)
    widths = scaled_widths([c.width for c in COLUMNS])
    header = [c.header for c in COLUMNS]
    for section in sections:
        story += subsection_heading(section.title)
        for start in range(0, len(section.rows), CHUNK_ROWS):
            story.append(_stock_table(header, section, start, widths))
    return story


def _stock_table(header: list[str], section: _Section, start: int, widths: list[float]) -> Table:
    rows = section.rows[start : start + CHUNK_ROWS]
    commands: list[Command] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_FONT_SIZE, CELL_LEADING),
        ("FONT", (0, 0), (-1, 0), BOLD, CELL_FONT_SIZE, CELL_LEADING),
        ("FONT", (0, 1), (0, -1), BOLD, CELL_FONT_SIZE, CELL_LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    for row, first in section.spans:
        if start <= row < start + CHUNK_ROWS:
            commands.append(("SPAN", (first, row - start + 1), (-1, row - start + 1)))
    return Table([header, *rows], colWidths=widths, repeatRows=1, style=TableStyle(commands))


if __name__ == "__main__":
    results = run()
    print_table(results)
    for result in results:
        print(f"{result.figure}: {result.note}")
