"""The provider's action plan for CQC: per regulation breached, in regulation order, the regulation and how
it was not being met (from the report), then under each of CQC's requirements the provider's own steps:
what we will do, who is responsible, by when, how progress will be monitored and how we will know it is
put right. A requirement without steps says so unmistakably: it is a gap, never a plan."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from core.domain.regulations import regulation_title
from core.domain.steps import steps_progress
from core.domain.vocabulary import Rag
from core.domain.wording import due_with_slippage
from core.reports import columns as col
from core.reports.blocks import (
    document_info,
    heading_block,
    nothing_to_show,
    section_heading,
    subsection_heading,
)
from core.reports.fonts import BOLD
from core.reports.markup import labelled, para
from core.reports.models import ActionLine, Breach, CqcPlanDocument
from core.reports.page import ProgressFn, build_pdf
from core.reports.styles import FRAME_WIDTH, INK, RAG_FILLS, styles
from core.reports.tables import data_table, facts_table, plain_lines

GAP_TEXT = (
    f"{col.NO_STEPS.upper()}: the provider has not yet recorded what it will do about this "
    "requirement. This is not a plan."
)


def render_cqc_plan(document: CqcPlanDocument, progress: ProgressFn | None = None) -> bytes:
    s = styles()
    story = heading_block(document.heading)
    story.append(
        para(
            f"This is our action plan in response to the inspection of {document.location} on "
            f"{document.inspection}. For each regulation that was not being met it sets out how it was "
            "not being met and, under each requirement, the steps we are taking: who is responsible, by "
            "when, how progress will be monitored and how we will know the breach is put right.",
            s.body,
        )
    )
    if document.unplanned:
        n = len(document.unplanned)
        story.append(
            labelled(
                "Gaps in this plan:",
                f"{_requirements(n)} ({', '.join(document.unplanned)}) "
                f"{'has' if n == 1 else 'have'} no steps planned yet.",
                s.body,
            )
        )
    for breach in document.breaches:
        story += _breach(breach)
    if document.uncited:
        story += section_heading("Other MUST actions (the report gave no regulation)")
        for line in document.uncited:
            story += requirement_block(line, notice=False)
    if not document.breaches and not document.uncited:
        story.append(nothing_to_show("The inspection left no MUST actions to answer."))
    return build_pdf(story, document_info(document.heading), progress)


def _breach(breach: Breach) -> list[Flowable]:
    s = styles()
    regulation = breach.regulation
    title = regulation.title or regulation_title(regulation.statute, regulation.number) or ""
    story = section_heading(f"Regulation {regulation.number}" + (f": {title}" if title else ""))
    story.append(
        facts_table(
            [
                (
                    "Regulations",
                    regulation.statute.value if regulation.statute else "Not stated in the report",
                ),
                ("Regulated activity", "; ".join(breach.activities) or "Not stated in the report"),
            ]
        )
    )
    story += subsection_heading("How the regulation was not being met", room=25 * mm)
    if breach.findings:
        story += [
            labelled(f"{f.action.reference} ({f.action.origin.label}):", f.action.text, s.body)
            for f in breach.findings
        ]
    else:
        story.append(
            para(
                "The report lists MUST actions under this regulation without a separate notice; "
                "each is set out below with the steps we are taking.",
                s.body,
            )
        )
    story += subsection_heading("What we are doing", room=30 * mm)
    for line in breach.actions:
        story += requirement_block(line, notice=line.action.origin.is_notice)
    return story


def requirement_block(line: ActionLine, *, notice: bool) -> list[Flowable]:
    """One requirement: what CQC asked (or which notice), its overall state, then its steps or the gap."""
    s = styles()
    action = line.action
    asked = "CQC's notice, as set out above." if notice else action.text
    state = [
        action.status.label,
        f"lead {action.owner_name or 'not yet assigned'}",
        f"due {due_with_slippage(action)}",
    ]
    if line.steps:
        state.append(steps_progress(len(line.steps), sum(1 for st in line.steps if st.is_done)))
    head = [
        labelled(f"{action.reference} ({action.origin.label}):", asked, s.body),
        para("; ".join(state) + ".", s.note),
    ]
    if line.steps:
        body: list[Flowable] = [data_table(col.STEP_COLUMNS, line.steps)]
    elif action.status.is_live:
        body = [gap_box()]
    else:
        body = [
            para(
                f"No separate steps were recorded; the requirement is {action.status.label.lower()}.", s.body
            )
        ]
    if line.verified_at:
        body.append(para(col.verification_words(line), s.note))
    return [KeepTogether([*head, body[0]]), *body[1:], Spacer(1, 3 * mm)]


def gap_box() -> Table:
    """A heavy-bordered, tinted box that reads as a gap in colour and in black and white."""
    table = Table([[plain_lines(GAP_TEXT, BOLD, FRAME_WIDTH)]], colWidths=[FRAME_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, INK),
                ("BACKGROUND", (0, 0), (-1, -1), RAG_FILLS[Rag.RED]),
                ("FONT", (0, 0), (-1, -1), BOLD, 9, 11),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    table.spaceAfter = 2 * mm
    return table


def _requirements(n: int) -> str:
    return "1 requirement" if n == 1 else f"{n} requirements"
