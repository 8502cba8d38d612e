"""The board pack, in the shape NHS boards read: a cover sheet, the movement since the last pack, then
the exceptions, what is proposed for closure, open actions by site and key question, enforcement, and
delivery by the original due date; then what falls due, was verified, moved or was imported since the
last meeting, and each location's ratings. MUST before SHOULD in every list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from core.domain.documents import Assurance, CoverSheet, Purpose
from core.domain.registry import ReportSummary
from core.domain.vocabulary import ActionKind, KeyQuestion
from core.domain.wording import due_with_slippage, format_date, format_datetime, signed_days
from core.reports import columns as col
from core.reports.blocks import document_info, heading_block, heading_with, nothing_to_show, section_heading
from core.reports.columns import RAG_ORDER, ratings_table, steps_in_words
from core.reports.fonts import BOLD
from core.reports.markup import escape, para
from core.reports.models import (
    ActionLine,
    DeliveryRow,
    DueMove,
    ExceptionLine,
    MatrixRow,
    MeetingPackDocument,
    Shown,
)
from core.reports.page import ProgressFn, build_pdf
from core.reports.styles import CELL_FONT_SIZE, CELL_LEADING, FRAME_WIDTH, INK, RAG_FILLS, RULE, styles
from core.reports.tables import Column, Detail, GroupTitle, data_table, grid_table, scaled_widths

T = TypeVar("T")
_MATRIX_QUESTIONS: tuple[KeyQuestion | None, ...] = (*KeyQuestion, None)
# Open actions per matrix cell -> fill: one hue getting darker, so the shade reads in grey too.
MATRIX_BANDS: tuple[tuple[int, str, Color], ...] = (
    (0, "none", colors.white),
    (2, "1–2", colors.HexColor("#dce6f2")),
    (5, "3–5", colors.HexColor("#a9c1de")),
    (10, "6–10", colors.HexColor("#5f87b8")),
    (10**9, "more than 10", colors.HexColor("#1f3f6e")),
)


def render_meeting_pack(document: MeetingPackDocument, progress: ProgressFn | None = None) -> bytes:
    d = document
    since = format_date(d.since)
    story = heading_block(d.heading)
    story += cover_sheet(d.cover)
    story += _movement(d)
    story += _section(
        "2. Exceptions: overdue or off track",
        "Open or in progress, and overdue, without an owner (MUST), or due later than first planned.",
        d.exceptions,
        EXCEPTION_COLUMNS,
        "No action is overdue or off track.",
        kind=_exception_kind,
    )
    story += _section(
        "3. Proposed for closure",
        "Completed by their owners with the evidence listed: for the "
        "meeting to ratify once each has been checked by someone other than its owner.",
        d.closure,
        CLOSURE_COLUMNS,
        "No action is waiting to be verified.",
        steps=True,
    )
    story += heading_with("4. Open actions by site and key question", _matrix(d.matrix))
    if d.matrix:
        story.append(para(MATRIX_NOTE, styles().note))
    story += _section(
        "5. Enforcement: warning notices",
        "Warning notices and other enforcement, with the deadline CQC set and the state of each.",
        d.enforcement,
        ENFORCEMENT_COLUMNS,
        "No warning notice or other enforcement is on record.",
        steps=True,
    )
    story += heading_with("6. Delivered by the original due date", _delivery(d.delivery))
    story.append(para(DELIVERY_NOTE, styles().note))
    next_meeting = format_date(d.next_meeting)
    story += _section(
        f"7. Due before the next meeting ({next_meeting})",
        f"Open or in progress and due from {format_date(d.as_at)} to {next_meeting}.",
        d.due_soon,
        (col.REFERENCE, col.LOCATION, col.ACTION, col.OWNER, col.DUE, col.STATUS, col.RAG, col.LATEST_NOTE),
        "No action falls due before the next meeting.",
        steps=True,
    )
    story += _section(
        f"8. Verified since the last meeting ({since})",
        "Closed after an independent check of the evidence listed.",
        d.verified,
        (
            col.REFERENCE,
            col.LOCATION,
            col.ACTION,
            col.OWNER,
            col.VERIFIED,
            col.EVIDENCE,
            col.VERIFICATION_NOTE,
        ),
        f"No action has been verified since {since}.",
    )
    story += _section(
        f"9. Due dates moved since the last meeting ({since})",
        "",
        d.due_moves,
        MOVE_COLUMNS,
        f"No due date has moved since {since}.",
        kind=lambda m: m.action.kind,
    )
    reports = Shown(d.reports, len(d.reports))
    story += _section(
        f"10. Reports imported since the last meeting ({since})",
        "",
        reports,
        REPORT_COLUMNS,
        f"No report has been imported since {since}.",
        kind=None,
    )
    ratings = (
        ratings_table(d.ratings, with_location=True)
        if d.ratings
        else nothing_to_show("No location is on record.")
    )
    story += heading_with("11. Ratings by location", ratings)
    return build_pdf(story, document_info(d.heading), progress)


# -- the cover sheet ---------------------------------------------------------------------------------------


def _choices(chosen: Any, options: Sequence[Any]) -> str:
    """Every option with a box, the chosen one ticked: reads the same in colour, grey or photocopy."""
    return "   ".join(f"{'☒' if o is chosen else '☐'} {o.label}" for o in options)


def cover_sheet(cover: CoverSheet) -> list[Flowable]:
    s = styles()
    questions = ", ".join(k.label for k in cover.key_questions) or "Not stated"
    rows = [
        ("Meeting", cover.meeting_name or "Not stated"),
        ("Agenda item", cover.agenda_item or "Not stated"),
        ("Report author", cover.author or "Not stated"),
        ("Lead director", cover.lead_director or "Not stated"),
        ("Purpose", _choices(cover.purpose, list(Purpose))),
        (
            "Assurance level",
            _choices(cover.assurance, list(Assurance)) + ("" if cover.assurance else "   (not stated)"),
        ),
        ("CQC key questions", questions),
        ("Strategic risks (BAF)", cover.strategic_risks or "Not stated"),
        ("Previously considered by", cover.previously_considered or "Not previously considered"),
        (
            "Recommendation",
            cover.recommendation or "The board is asked to note the progress set out in this report.",
        ),
    ]
    data = [
        [Paragraph(escape(label), s.cell_bold), Paragraph(escape(value), s.cell)] for label, value in rows
    ]
    table = Table(data, colWidths=[48 * mm, FRAME_WIDTH - 48 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("INNERGRID", (0, 0), (-1, -1), 0.35, RULE),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eeefef")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), colors.HexColor("#f3f2f1")),
            ]
        )
    )
    return [Paragraph("Cover sheet", s.subheading), table, Spacer(1, 2 * mm)]


# -- movement ----------------------------------------------------------------------------------------------


def _arrow(now: int, before: int | None) -> str:
    if before is None:
        return str(now)
    if now == before:
        return f"{now} → (no change)"
    return (
        f"{now} {'↑' if now > before else '↓'} ({signed_days(now - before).replace(' d', '')} from {before})"
    )


def _movement(d: MeetingPackDocument) -> list[Flowable]:
    s = styles()
    story = section_heading("1. Movement since the last pack", room=40 * mm)
    last = d.last_pack
    if last is None:
        story.append(
            para(
                f"This is the first board pack Candour has produced for the {d.series} series, so "
                "there is no earlier pack to compare with: the counts below are today's, and the "
                "next pack will show the movement since this one.",
                s.body,
            )
        )
    else:
        story.append(
            para(
                f"Compared with the last pack, for the meeting of {format_date(last.meeting)} "
                f"(printed {format_datetime(last.printed_at)} by {last.printed_by}). Arrows show "
                "the change: ↑ more, ↓ fewer, → no change.",
                s.body,
            )
        )
    header = ["", *(r.label for r in RAG_ORDER), "All"]
    rows: list[list[str]] = []
    for m in d.movement:
        cells = [_arrow(m.now.get(r, 0), None if m.before is None else m.before.get(r, 0)) for r in RAG_ORDER]
        total_before = None if m.before is None else sum(m.before.values())
        rows.append([f"{m.kind.label} actions", *cells, _arrow(sum(m.now.values()), total_before)])
    fills = {(1 + n, 0): RAG_FILLS[r] for n, r in enumerate(RAG_ORDER)}
    story.append(
        grid_table(header, rows, scaled_widths([30, 32, 32, 32, 32, 32, 32]), fills, bold_first_column=True)
    )
    if d.changes is not None:
        c = d.changes
        story.append(Spacer(1, 2 * mm))
        story.append(
            para(
                f"Since the last pack: {c.verified} action{_s(c.verified)} turned Blue (verified), "
                f"{c.turned_red} turned Red, {c.new} new action{_s(c.new)} added and {c.gone} "
                f"deleted.",
                s.body,
            )
        )
    return story


def _s(n: int) -> str:
    return "" if n == 1 else "s"


# -- long lists ----------------------------------------------------------------------------------------------


def _line_kind(item: Any) -> ActionKind:
    return item.action.kind  # type: ignore[no-any-return]


def _exception_kind(item: ExceptionLine) -> ActionKind:
    return item.line.action.kind


def _section(
    title: str,
    intro: str,
    shown: Shown,
    columns: Sequence[Column[Any]],
    empty: str,
    *,
    kind: Any = _line_kind,
    steps: bool = False,
) -> list[Flowable]:
    if not shown.items:
        return [*section_heading(title, room=20 * mm), nothing_to_show(empty)]
    story = section_heading(title)
    if intro:
        story.append(nothing_to_show(intro))
    items: list[Any] = []
    current = None
    for item in shown.items:
        if kind is not None and kind(item) is not current:
            current = kind(item)
            items.append(GroupTitle(f"{current.label} actions"))
        items.append(item)
        if steps and (detail := steps_in_words(item, gaps=False)):
            items.append(Detail(detail))
    story.append(data_table(columns, items))
    if shown.left_out:
        story.append(
            para(
                f"Showing the first {len(shown.items)} of {shown.total:,}, MUST first; the other "
                f"{shown.left_out:,} are in the action plan.",
                styles().note,
            )
        )
    return story


def _on(fn: Any) -> Any:
    return lambda e: fn(e.line)


EXCEPTION_COLUMNS: tuple[Column[ExceptionLine], ...] = (
    Column[ExceptionLine]("Reference", 27, _on(col.REFERENCE.text), bold=True),
    Column[ExceptionLine]("Location", 28, _on(col.LOCATION.text)),
    Column[ExceptionLine]("Action", 70, _on(col.ACTION.text)),
    Column[ExceptionLine]("Owner", 22, _on(col.OWNER.text)),
    Column[ExceptionLine]("Original due", 20, lambda e: format_date(e.line.action.original_due, "No date")),
    Column[ExceptionLine]("Current due", 20, lambda e: format_date(e.line.action.due, "No date")),
    Column[ExceptionLine]("Reason", 40, lambda e: e.reason),
    Column[ExceptionLine]("Mitigation (latest progress)", 45, lambda e: e.mitigation),
)

CLOSURE_COLUMNS = (col.REFERENCE, col.LOCATION, col.ACTION, col.OWNER, col.COMPLETED, col.EVIDENCE)


def _deadline(line: ActionLine) -> str:
    return due_with_slippage(line.action, "No deadline")


ENFORCEMENT_COLUMNS: tuple[Column[ActionLine], ...] = (
    col.REFERENCE,
    col.LOCATION,
    Column[ActionLine]("Notice", 80, lambda a: f"{a.action.origin.label}: {a.action.text}"),
    col.OWNER,
    Column[ActionLine]("Deadline", 26, _deadline),
    Column[ActionLine](
        "State",
        30,
        lambda a: f"{a.action.status.label}\n{a.action.rag.label}",
        fill=lambda a: RAG_FILLS[a.action.rag],
    ),
)


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


# -- matrix and delivery -------------------------------------------------------------------------------------


def band(count: int) -> tuple[str, Color]:
    for top, words, fill in MATRIX_BANDS:
        if count <= top:
            return words, fill
    raise AssertionError("the last band is open-ended")


def _cell(cell: tuple[int, int]) -> str:
    musts, total = cell
    if not total:
        return "0"
    return f"{total} ({musts} MUST)" if musts else str(total)


def _matrix(rows: Sequence[MatrixRow]) -> Flowable:
    if not rows:
        return nothing_to_show("No action is open.")
    header = ["Location", *(q.label if q else "Not stated" for q in _MATRIX_QUESTIONS), "All open"]
    data: list[list[str]] = []
    fills: dict[tuple[int, int], Color] = {}
    for y, row in enumerate(rows, start=1):
        counts = [row.cells.get(q, (0, 0)) for q in _MATRIX_QUESTIONS]
        for x, cell in enumerate(counts, start=1):
            if cell[1]:
                fills[(x, y)] = band(cell[1])[1]
        total = (sum(c[0] for c in counts), sum(c[1] for c in counts))
        data.append([row.location, *(_cell(c) for c in counts), _cell(total)])
    return grid_table(
        header, data, scaled_widths([60, 28, 28, 28, 28, 28, 28, 30]), fills, bold_first_column=True
    )


MATRIX_NOTE = (
    "Each cell: open actions (of which MUST). Shading deepens with the number of open actions ("
    + "; ".join(words for _, words, _ in MATRIX_BANDS)
    + "), so it reads in black and white too."
)
DELIVERY_NOTE = (
    "Actions (other than not applicable) whose original due date has come; delivered means marked "
    "completed on or before that date, whatever the due date became later."
)


def _percent(row: DeliveryRow) -> str:
    return "—" if row.percent is None else f"{row.percent:.0f}%"


def _delivery(rows: Sequence[DeliveryRow]) -> Flowable:
    header = [
        "Location",
        "Original due date passed",
        "Delivered by it",
        "% delivered by the original due date",
    ]
    data = [[r.label, f"{r.due:,}", f"{r.on_time:,}", _percent(r)] for r in rows]
    table = grid_table(header, data, scaled_widths([90, 40, 40, 50]), bold_first_column=True)
    table.setStyle(
        [
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("FONT", (0, len(rows)), (-1, len(rows)), BOLD, CELL_FONT_SIZE, CELL_LEADING),
        ]
    )
    return table
