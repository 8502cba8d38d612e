"""The shared action table's columns (each document picks the ones it needs), and the ratings and count
tables every document uses."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import Table

from core.domain.steps import Step, steps_progress
from core.domain.vocabulary import ActionStatus, KeyQuestion, Rag
from core.domain.wording import due_with_slippage, format_date, format_datetime
from core.reports.fonts import BOLD
from core.reports.models import ActionLine, Counts, RatingsRow
from core.reports.styles import CELL_FONT_SIZE, CELL_LEADING, RAG_FILLS, rating_fill
from core.reports.tables import Column, grid_table, scaled_widths


def _action_text(line: ActionLine) -> str:
    action = line.action
    text = f"{action.text}\nService: {action.service}" if action.service else action.text
    return f"{text}\nSource: {action.source.label}" if action.source else text


def _evidence(line: ActionLine) -> str:
    return "\n".join(f"• {title}" for title in line.evidence) or "None attached"


def _completed(line: ActionLine) -> str:
    return f"{format_datetime(line.completed_at)}\nby {line.completed_by or 'not recorded'}"


def _verified(line: ActionLine) -> str:
    when = format_date(line.verified_at.date() if line.verified_at else None)
    return f"{when}\nby {line.verified_by or 'not recorded'}"


REFERENCE = Column[ActionLine](
    "Reference", 27, lambda a: f"{a.action.reference}\n{a.action.kind.label}", bold=True
)
LOCATION = Column[ActionLine]("Location", 28, lambda a: a.action.location_name)
ACTION = Column[ActionLine]("Action", 74, _action_text)
REGULATION = Column[ActionLine](
    "Regulation", 30, lambda a: a.action.regulation.cite() if a.action.regulation else "—"
)
OWNER = Column[ActionLine]("Owner", 22, lambda a: a.action.owner_name or "No owner")
DUE = Column[ActionLine]("Due", 24, lambda a: due_with_slippage(a.action))
STATUS = Column[ActionLine]("Status", 22, lambda a: a.action.status.label)
RAG = Column[ActionLine]("BRAG", 17, lambda a: a.action.rag_label, fill=lambda a: RAG_FILLS[a.action.rag])


def _progress(line: ActionLine) -> str:
    """The latest note; for a verified action, who verified it, what they checked and its evidence."""
    if line.action.status is not ActionStatus.VERIFIED:
        return line.latest_note or "—"
    return f"{verification_words(line)}\nEvidence:\n{_evidence(line)}"


LATEST_NOTE = Column[ActionLine]("Latest progress", 40, _progress)
EVIDENCE_COUNT = Column[ActionLine]("Evidence", 17, lambda a: str(a.action.evidence_count))
EVIDENCE = Column[ActionLine]("Evidence", 42, _evidence)
COMPLETED = Column[ActionLine]("Completed", 26, _completed)
VERIFIED = Column[ActionLine]("Verified", 26, _verified)
VERIFICATION_NOTE = Column[ActionLine]("Verification note", 36, lambda a: a.verification_note or "—")


# -- ratings -------------------------------------------------------------------------------------------

RATING_HEADERS = ["Overall", *(k.label for k in KeyQuestion)]


def ratings_table(rows: Sequence[RatingsRow], *, with_location: bool) -> Table:
    """Each row's overall and key-question ratings, each cell in the CQC colour AND in words."""
    header = (["Location"] if with_location else []) + RATING_HEADERS + ["Rated at the inspection of"]
    first = 1 if with_location else 0
    if with_location:
        widths = scaled_widths([60, *([27] * len(RATING_HEADERS)), 50])
    else:
        widths = [w * mm for w in [*([27] * len(RATING_HEADERS)), 50]]
    data: list[list[str]] = []
    fills: dict[tuple[int, int], Color] = {}
    for index, row in enumerate(rows, start=1):
        ratings = [row.overall, *(row.ratings.get(k) for k in KeyQuestion)]
        for offset, rating in enumerate(ratings):
            fills[(first + offset, index)] = rating_fill(rating)
        data.append(
            ([row.location] if with_location else [])
            + [r or "Not rated" for r in ratings]
            + [row.rated_on or "Never rated"]
        )
    return grid_table(header, data, widths, fills, bold_first_column=with_location)


# -- counts --------------------------------------------------------------------------------------------

_STATUS_HEADERS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.COMPLETED: "Awaiting verification",
    ActionStatus.VERIFIED: "Verified (closed)",
    ActionStatus.NOT_APPLICABLE: "Not applicable",
}


RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.GREY)


def counts_table(rows: Sequence[Counts]) -> Table:
    """Counts by status and RAG per row (the last row is the total)."""
    header = ["", "Actions", *_STATUS_HEADERS.values(), "Overdue", *(r.label for r in RAG_ORDER)]
    weights = [52, 15, 13, 16, 22, 19, 19, 16, 18, 17, 18, 18, 22]
    data = [
        [
            row.label,
            str(row.total),
            *(str(row.by_status.get(s, 0)) for s in _STATUS_HEADERS),
            str(row.overdue),
            *(str(row.by_rag.get(r, 0)) for r in RAG_ORDER),
        ]
        for row in rows
    ]
    first_rag = 3 + len(_STATUS_HEADERS)
    fills = {(first_rag + offset, 0): RAG_FILLS[rag] for offset, rag in enumerate(RAG_ORDER)}
    table = grid_table(header, data, scaled_widths(weights), fills, bold_first_column=True)
    table.setStyle(
        [
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("FONT", (0, len(rows)), (-1, len(rows)), BOLD, CELL_FONT_SIZE, CELL_LEADING),
        ]
    )
    return table


# -- steps ---------------------------------------------------------------------------------------------

NO_STEPS = "No steps planned yet"
NOT_RECORDED = "Not recorded"


def _step_progress(step: Step) -> str:
    text = step.status.label
    if step.done_at:
        text += f" {format_date(step.done_at.date())}"
    if step.evidence:
        text += f"\nEvidence: {step.evidence}"
    return text


STEP_COLUMNS: tuple[Column[Step], ...] = (
    Column[Step]("No.", 9, lambda s: str(s.number), bold=True),
    Column[Step]("What we will do", 70, lambda s: s.text),
    Column[Step]("Who is responsible", 28, lambda s: s.owner_name or "Not yet assigned"),
    Column[Step]("By when", 22, lambda s: format_date(s.due, "No date set")),
    Column[Step]("How progress will be monitored", 45, lambda s: s.monitoring or NOT_RECORDED),
    Column[Step]("How we will know it is put right", 45, lambda s: s.success_measure or NOT_RECORDED),
    Column[Step]("Progress", 30, _step_progress),
)


def steps_in_words(line: ActionLine, *, gaps: bool = True) -> str:
    """The steps as lines of text under an action in a long table; with gaps, a live action without steps
    says so. (A verified action's verification note is in its progress column.)"""
    action = line.action
    lines: list[str] = []
    if line.steps:
        lines.append(f"Steps ({steps_progress(action.step_count or len(line.steps), action.steps_done)}):")
        for step in line.steps:
            who = step.owner_name or "not yet assigned"
            lines.append(
                f"{step.number}. {step.text} ({who}, {format_date(step.due, 'no date')}; "
                f"{step.status.label.lower()})"
            )
    elif gaps and action.status.is_live:
        lines.append(f"{NO_STEPS}.")
    return "\n".join(lines)


def verification_words(line: ActionLine) -> str:
    """e.g. 'Verified 3 Mar 2026 by Tom Hughes: Checked in practice.'"""
    when = format_date(line.verified_at.date() if line.verified_at else None)
    return f"Verified {when} by {line.verified_by or 'not recorded'}: {line.verification_note or '—'}"
