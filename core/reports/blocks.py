"""Pieces every document starts with or repeats: the heading block and section headings."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from core.domain.wording import format_datetime
from core.reports.markup import escape, para
from core.reports.models import Heading
from core.reports.page import DocumentInfo
from core.reports.styles import FRAME_HEIGHT, FRAME_WIDTH, styles
from core.reports.tables import facts_table


def document_info(heading: Heading) -> DocumentInfo:
    return DocumentInfo(
        title=heading.title,
        subject=heading.subject,
        author=heading.generated_by,
        generated_at=heading.generated_at,
        header_right=heading.provider,
    )


def heading_block(heading: Heading) -> list[Flowable]:
    """Title, provider, then the facts: what the document covers, when and by whom it was generated."""
    s = styles()
    generated = f"{format_datetime(heading.generated_at)} by {heading.generated_by}"
    facts = [*heading.facts, ("Generated", generated)]
    story: list[Flowable] = [Paragraph(escape(heading.title), s.title)]
    if heading.provider:
        story.append(para(heading.provider, s.subtitle))
    story += [facts_table(facts), Spacer(1, 3 * mm)]
    return story


def section_heading(text: str, *, room: float = 45 * mm) -> list[Flowable]:
    """A heading that starts a new page unless `room` is left for it and the start of what follows."""
    return [CondPageBreak(room), Paragraph(escape(text), styles().heading)]


def heading_with(text: str, content: Flowable) -> list[Flowable]:
    """A section heading and its content, moved to a new page together unless both fit here (or the
    content is longer than a page anyway)."""
    _, height = content.wrap(FRAME_WIDTH, FRAME_HEIGHT)
    return [*section_heading(text, room=min(height + 15 * mm, FRAME_HEIGHT)), content]


def subsection_heading(text: str, *, room: float = 35 * mm) -> list[Flowable]:
    return [CondPageBreak(room), Paragraph(escape(text), styles().subheading)]


def nothing_to_show(text: str) -> Paragraph:
    return para(text, styles().body)
