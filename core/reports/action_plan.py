"""The action plan: summary counts, then per location its ratings and its actions, grouped by inspection
and key question, MUST before SHOULD."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from core.reports import columns as col
from core.reports.blocks import (
    document_info,
    heading_block,
    nothing_to_show,
    section_heading,
    subsection_heading,
)
from core.reports.columns import counts_table, ratings_table, steps_in_words
from core.reports.markup import para
from core.reports.models import (
    ActionGroup,
    ActionLine,
    ActionPlanDocument,
    InspectionSection,
    LocationSection,
)
from core.reports.page import ProgressFn, build_pdf
from core.reports.styles import styles
from core.reports.tables import Detail, GroupTitle, data_table

COLUMNS = (
    col.REFERENCE,
    col.ACTION,
    col.REGULATION,
    col.OWNER,
    col.DUE,
    col.STATUS,
    col.RAG,
    col.LATEST_NOTE,
    col.EVIDENCE_COUNT,
)
EMPTY = "No actions match this selection, so there is nothing to show. Widen the selection and print again."


def render_action_plan(document: ActionPlanDocument, progress: ProgressFn | None = None) -> bytes:
    story = heading_block(document.heading)
    if not document.locations:
        story.append(nothing_to_show(EMPTY))
    else:
        story += section_heading("Summary")
        story.append(counts_table(document.summary))
        for location in document.locations:
            story += _location(location)
    return build_pdf(story, document_info(document.heading), progress)


def _location(location: LocationSection) -> list[Flowable]:
    story = location_heading(location)
    for section in location.sections:
        story += _inspection(section)
    if not location.sections:
        story.append(nothing_to_show("No actions at this location match the selection."))
    return story


def location_heading(location: LocationSection) -> list[Flowable]:
    """What stands above a location's actions: its name, details, ratings and inspections on record."""
    s = styles()
    story = section_heading(location.name, room=80 * mm)
    if location.details:
        story.append(para(location.details, s.note))
    story += [ratings_table([location.ratings], with_location=False), Spacer(1, 1.5 * mm)]
    if location.inspections:
        story.append(para("Inspections on record: " + "; ".join(location.inspections) + ".", s.note))
    return story


def _inspection(section: InspectionSection) -> list[Flowable]:
    items: list[ActionLine | GroupTitle | Detail] = []
    for group in section.groups:
        items.append(GroupTitle(group_title(group)))
        for line in group.actions:
            items.append(line)
            if detail := steps_in_words(line):
                items.append(Detail(detail))
    return [*subsection_heading(section_title(section)), data_table(COLUMNS, items)]


def section_title(section: InspectionSection) -> str:
    return f"{section.title}: {_count(section.action_count)}"


def group_title(group: ActionGroup) -> str:
    return f"{group.title} ({_count(len(group.actions))})"


def _count(n: int) -> str:
    return f"{n} action" if n == 1 else f"{n} actions"
