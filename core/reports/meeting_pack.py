"""The governance meeting pack: what is overdue, what falls due before the next meeting, what awaits
verification, what was verified and which due dates moved since the last meeting, the reports imported,
and the ratings of each location."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from core.domain.registry import ReportSummary
from core.domain.wording import format_date, format_datetime, signed_days
from core.reports import columns as col
from core.reports.blocks import document_info, heading_block, heading_with, nothing_to_show, section_heading
from core.reports.columns import ratings_table
from core.reports.models import ActionLine, DueMove, MeetingPackDocument
from core.reports.page import ProgressFn, build_pdf
from core.reports.tables import Column, GroupTitle, data_table, grid_table, scaled_widths

T = TypeVar("T")


def render_meeting_pack(document: MeetingPackDocument, progress: ProgressFn | None = None) -> bytes:
    d = document
    since = format_date(d.since)
    story = heading_block(d.heading)
    story += section_heading("At a glance")
    story.append(_glance(d))
    story += _section("1. Overdue actions", f"Open or in progress and due before {format_date(d.as_at)}.",
                      _by_location(d.overdue), _overdue_columns(d), "No action is overdue.")
    next_meeting = format_date(d.next_meeting)
    story += _section(f"2. Due before the next meeting ({next_meeting})",
                      f"Open or in progress and due from {format_date(d.as_at)} to {next_meeting}.",
                      _by_location(d.due_soon), (col.REFERENCE, col.ACTION, col.OWNER, col.DUE, col.STATUS,
                                                 col.RAG, col.LATEST_NOTE),
                      "No action falls due before the next meeting.")
    story += _section("3. Completed, awaiting verification",
                      "Marked completed by their owners; an independent check will close them.",
                      _by_location(d.awaiting_verification),
                      (col.REFERENCE, col.ACTION, col.OWNER, col.DUE, col.COMPLETED, col.EVIDENCE),
                      "No action is waiting to be verified.")
    story += _section(f"4. Verified since the last meeting ({since})",
                      "Closed after an independent check of the evidence listed.", _by_location(d.verified),
                      (col.REFERENCE, col.ACTION, col.OWNER, col.VERIFIED, col.EVIDENCE,
                       col.VERIFICATION_NOTE),
                      f"No action has been verified since {since}.")
    story += _section(f"5. Due dates moved since the last meeting ({since})", "", list(d.due_moves),
                      MOVE_COLUMNS, f"No due date has moved since {since}.")
    story += _section(f"6. Reports imported since the last meeting ({since})", "", list(d.reports),
                      REPORT_COLUMNS, f"No report has been imported since {since}.")
    ratings = ratings_table(d.ratings, with_location=True) if d.ratings else nothing_to_show(
        "No location is on record.")
    story += heading_with("7. Ratings by location", ratings)
    return build_pdf(story, document_info(d.heading), progress)


def _section(title: str, intro: str, items: Sequence[T | GroupTitle], columns: Sequence[Column[T]],
             empty: str) -> list[Flowable]:
    if not items:
        return [*section_heading(title, room=20 * mm), nothing_to_show(empty)]
    story = section_heading(title)
    if intro:
        story.append(nothing_to_show(intro))
    return [*story, data_table(columns, items)]


def _by_location(lines: Sequence[ActionLine]) -> list[ActionLine | GroupTitle]:
    """Lines (already ordered by location) with a title row where each location starts."""
    items: list[ActionLine | GroupTitle] = []
    current = None
    for line in lines:
        if line.action.location_name != current:
            current = line.action.location_name
            items.append(GroupTitle(current))
        items.append(line)
    return items


def _glance(d: MeetingPackDocument) -> Flowable:
    figures = [("Overdue", len(d.overdue)), ("Due before the next meeting", len(d.due_soon)),
               ("Awaiting verification", len(d.awaiting_verification)), ("Verified since", len(d.verified)),
               ("Due dates moved", len(d.due_moves)), ("Reports imported", len(d.reports))]
    table = grid_table([label for label, _ in figures], [[str(n) for _, n in figures]],
                       scaled_widths([1] * len(figures)))
    table.setStyle([("ALIGN", (0, 1), (-1, 1), "CENTER"), ("FONTSIZE", (0, 1), (-1, 1), 14),
                    ("LEADING", (0, 1), (-1, 1), 17), ("TOPPADDING", (0, 1), (-1, 1), 5)])
    return table


def _overdue_columns(d: MeetingPackDocument) -> tuple[Column[ActionLine], ...]:
    def days(line: ActionLine) -> str:
        due = line.action.due
        return str((d.as_at - due).days) if due else "—"

    days_over = Column[ActionLine]("Days overdue", 13, days)
    return col.REFERENCE, col.ACTION, col.OWNER, col.DUE, days_over, col.STATUS, col.LATEST_NOTE


def _move_change(move: DueMove) -> str:
    if move.old_due and move.new_due:
        return signed_days((move.new_due - move.old_due).days)
    return "—"


MOVE_COLUMNS: tuple[Column[DueMove], ...] = (
    Column[DueMove]("Reference", 27, lambda m: f"{m.action.reference}\n{m.action.kind.label}", bold=True),
    Column[DueMove]("Location", 28, lambda m: m.action.location_name),
    Column[DueMove]("Action", 72, lambda m: m.action.text),
    Column[DueMove]("Moved from", 20, lambda m: format_date(m.old_due, "No date")),
    Column[DueMove]("Moved to", 20, lambda m: format_date(m.new_due, "No date")),
    Column[DueMove]("Change", 15, _move_change),
    Column[DueMove]("Reason", 60, lambda m: m.reason),
    Column[DueMove]("Moved by", 28, lambda m: f"{m.changed_by}\n{format_datetime(m.changed_at)}"),
)

REPORT_COLUMNS: tuple[Column[ReportSummary], ...] = (
    Column[ReportSummary]("Report file", 90, lambda r: r.file_name),
    Column[ReportSummary]("Location", 60, lambda r: r.location_name or "Not matched to a location"),
    Column[ReportSummary]("Imported", 40, lambda r: f"{format_datetime(r.imported_at)}\nby {r.imported_by}"),
    Column[ReportSummary]("Inspections", 20, lambda r: str(r.inspection_count)),
    Column[ReportSummary]("Actions", 20, lambda r: str(r.action_count)),
)
