"""The provider's action plan for CQC as a Word document (python-docx), for pasting into CQC's portal.

The same document model and the same order as the PDF: per regulation, how it was not being met, then
each requirement with the provider's steps in a table, or the unmistakable gap when none are planned.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import TypeVar

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from core.domain.regulations import regulation_title
from core.domain.steps import steps_progress
from core.domain.wording import due_with_slippage, format_datetime
from core.reports import columns as col
from core.reports.cqc_plan import GAP_TEXT
from core.reports.markup import printable
from core.reports.models import ActionLine, Breach, CqcPlanDocument
from core.reports.tables import Column

_GAP_FILL = "F4C7C0"  # the same tint as the PDF's gap box
_HEADER_FILL = "DEE0E2"
T = TypeVar("T")


def render_cqc_plan_docx(document: CqcPlanDocument) -> bytes:
    doc = Document()
    _landscape(doc)
    heading = document.heading
    doc.core_properties.title = printable(heading.title)
    doc.core_properties.subject = printable(heading.subject)
    doc.core_properties.author = printable(heading.generated_by)
    doc.add_heading(printable(heading.title), level=0)
    if heading.provider:
        doc.add_paragraph(printable(heading.provider))
    facts = [
        *heading.facts,
        ("Generated", f"{format_datetime(heading.generated_at)} by {heading.generated_by}"),
    ]
    _facts(doc, facts)
    if document.unplanned:
        paragraph = doc.add_paragraph()
        paragraph.add_run("Gaps in this plan: ").bold = True
        n = len(document.unplanned)
        paragraph.add_run(
            f"{n} requirement{'s' if n != 1 else ''} ({', '.join(document.unplanned)}) "
            f"{'has' if n == 1 else 'have'} no steps planned yet."
        )
    for breach in document.breaches:
        _breach(doc, breach)
    if document.uncited:
        doc.add_heading("Other MUST actions (the report gave no regulation)", level=1)
        for line in document.uncited:
            _requirement(doc, line, notice=False)
    if not document.breaches and not document.uncited:
        doc.add_paragraph("The inspection left no MUST actions to answer.")
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _breach(doc: WordDocument, breach: Breach) -> None:
    regulation = breach.regulation
    title = regulation.title or regulation_title(regulation.statute, regulation.number) or ""
    doc.add_heading(f"Regulation {regulation.number}" + (f": {title}" if title else ""), level=1)
    _facts(
        doc,
        [
            ("Regulations", regulation.statute.value if regulation.statute else "Not stated in the report"),
            ("Regulated activity", "; ".join(breach.activities) or "Not stated in the report"),
        ],
    )
    doc.add_heading("How the regulation was not being met", level=2)
    if breach.findings:
        for finding in breach.findings:
            _labelled(
                doc, f"{finding.action.reference} ({finding.action.origin.label}): ", finding.action.text
            )
    else:
        doc.add_paragraph(
            "The report lists MUST actions under this regulation without a separate notice; "
            "each is set out below with the steps we are taking."
        )
    doc.add_heading("What we are doing", level=2)
    for line in breach.actions:
        _requirement(doc, line, notice=line.action.origin.is_notice)


def _requirement(doc: WordDocument, line: ActionLine, *, notice: bool) -> None:
    action = line.action
    _labelled(
        doc,
        f"{action.reference} ({action.origin.label}): ",
        "CQC's notice, as set out above." if notice else action.text,
    )
    state = [
        action.status.label,
        f"lead {action.owner_name or 'not yet assigned'}",
        f"due {due_with_slippage(action)}",
    ]
    if line.steps:
        state.append(steps_progress(len(line.steps), sum(1 for s in line.steps if s.is_done)))
    doc.add_paragraph("; ".join(state) + ".")
    if line.steps:
        _table(doc, col.STEP_COLUMNS, line.steps)
    elif not action.status.is_live:
        doc.add_paragraph(
            f"No separate steps were recorded; the requirement is {action.status.label.lower()}."
        )
    else:
        gap = doc.add_table(rows=1, cols=1)
        gap.style = "Table Grid"
        cell = gap.rows[0].cells[0]
        cell.paragraphs[0].add_run(GAP_TEXT).bold = True
        _shade(cell, _GAP_FILL)
    if line.verified_at:
        doc.add_paragraph(col.verification_words(line))


def _table(doc: WordDocument, columns: Sequence[Column[T]], items: Sequence[T]) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(column.header).bold = True
        _shade(cell, _HEADER_FILL)
    for item in items:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx leaves add_row untyped
        for cell, column in zip(cells, columns, strict=True):
            cell.text = printable(column.text(item))
    total = sum(c.width for c in columns)
    for index, column in enumerate(columns):
        for row in table.rows:
            row.cells[index].width = Mm(250 * column.width / total)
    return table


def _facts(doc: WordDocument, facts: list[tuple[str, str]]) -> None:
    for label, value in facts:
        _labelled(doc, f"{label}: ", value)


def _labelled(doc: WordDocument, label: str, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(printable(label)).bold = True
    paragraph.add_run(printable(text))
    paragraph.paragraph_format.space_after = Pt(3)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _landscape(doc: WordDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
