"""The provider's action plan for CQC: per regulation breached, in regulation order, how it was not being
met, the regulated activity, and the actions taken with owner, completion date and monitoring."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from core.domain.regulations import regulation_title
from core.reports import columns as col
from core.reports.blocks import (
    document_info,
    heading_block,
    nothing_to_show,
    section_heading,
    subsection_heading,
)
from core.reports.markup import labelled, para
from core.reports.models import ActionLine, Breach, CqcPlanDocument
from core.reports.page import ProgressFn, build_pdf
from core.reports.styles import styles
from core.reports.tables import Column, data_table, facts_table


def _what_we_do(line: ActionLine) -> str:
    action = line.action
    text = (f"Put right the breach set out in the {action.origin.label.lower()} above."
            if action.origin.is_notice else action.text)
    if line.latest_note:
        text += f"\nLatest progress: {line.latest_note}"
    return text


COLUMNS = (
    col.REFERENCE,
    Column[ActionLine]("Action we are taking", 80, _what_we_do),
    Column[ActionLine]("Responsible", 24, lambda a: a.action.owner_name or "Not yet assigned"),
    Column[ActionLine]("Completion date", 26, col.DUE.text),
    col.STATUS,
    col.MONITORING,
    col.EVIDENCE,
)


def render_cqc_plan(document: CqcPlanDocument, progress: ProgressFn | None = None) -> bytes:
    s = styles()
    story = heading_block(document.heading)
    story.append(para(
        f"This is our action plan in response to the inspection of {document.location} on "
        f"{document.inspection}. For each regulation that was not being met it sets out how it was not being "
        "met, the regulated activity, the action we are taking, who is responsible, when it will be complete "
        "and how we will monitor it.", s.body))
    for breach in document.breaches:
        story += _breach(breach)
    if document.uncited:
        story += section_heading("Other MUST actions (the report gave no regulation)")
        story.append(data_table(COLUMNS, document.uncited))
    if not document.breaches and not document.uncited:
        story.append(nothing_to_show("The inspection left no MUST actions to answer."))
    return build_pdf(story, document_info(document.heading), progress)


def _breach(breach: Breach) -> list[Flowable]:
    s = styles()
    regulation = breach.regulation
    title = regulation.title or regulation_title(regulation.statute, regulation.number) or ""
    story = section_heading(f"Regulation {regulation.number}" + (f": {title}" if title else ""))
    story.append(facts_table([
        ("Regulations", regulation.statute.value if regulation.statute else "Not stated in the report"),
        ("Regulated activity", "; ".join(breach.activities) or "Not stated in the report"),
    ]))
    story += subsection_heading("How the regulation was not being met", room=25 * mm)
    if breach.findings:
        story += [labelled(f"{f.action.reference} ({f.action.origin.label}):", f.action.text, s.body)
                  for f in breach.findings]
    else:
        story.append(para("The report lists MUST actions under this regulation without a separate notice; "
                          "they are set out below.", s.body))
    story += subsection_heading("What we are doing")
    story.append(data_table(COLUMNS, breach.actions))
    return story
