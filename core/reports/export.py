"""The action register as a spreadsheet: CSV (UTF-8 with a BOM) and Excel (.xlsx).

Every text cell that a spreadsheet could read as a formula is neutralised with a leading apostrophe,
and both writers replace the target only once the whole file is written.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.clock import local_now
from core.domain.actions import ActionSummary, RegisterRow
from core.domain.parsed import Regulation
from core.domain.regulations import regulation_title
from core.files import replacing

if TYPE_CHECKING:  # openpyxl is imported only when writing Excel: a CSV export does not pay for it
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Value = str | int | dt.date | dt.datetime | None
Action = ActionSummary | RegisterRow  # both have the register's columns by name
ProgressFn = Callable[[int, int], None]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
PROGRESS_EVERY = 500
DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # in Excel's character widths
    value: Callable[[Action, str | None], Value]  # (action, its latest progress note)
    wrap: bool = False


def regulation_text(regulation: Regulation | None) -> str | None:
    """e.g. 'Regulation 12 (2)(b) — Safe care and treatment'."""
    if regulation is None:
        return None
    title = regulation.title or regulation_title(regulation.statute, regulation.number)
    text = f"Regulation {regulation.number}"
    if regulation.paragraphs:
        text += f" {regulation.paragraphs}"
    return f"{text} — {title}" if title else text


COLUMNS: tuple[Column, ...] = (
    Column("Reference", 15, lambda s, _n: s.reference),
    Column("Location", 28, lambda s, _n: s.location_name),
    Column("Type", 8, lambda s, _n: s.kind.label),
    Column("Origin", 19, lambda s, _n: s.origin.label),
    Column("Action", 60, lambda s, _n: s.text, wrap=True),
    Column("Key question", 13, lambda s, _n: s.key_question.label if s.key_question else None),
    Column("Service", 20, lambda s, _n: s.service),
    Column("Regulation", 38, lambda s, _n: regulation_text(s.regulation), wrap=True),
    Column("Owner", 20, lambda s, _n: s.owner_name),
    Column("Original due", 13, lambda s, _n: s.original_due),
    Column("Due", 13, lambda s, _n: s.due),
    Column("Status", 20, lambda s, _n: s.status.label),
    Column("BRAG", 17, lambda s, _n: s.rag_label),
    Column("Priority", 10, lambda s, _n: s.priority.label),
    Column("Last progress note", 50, lambda _s, note: note, wrap=True),
    Column("Notes", 8, lambda s, _n: s.note_count),
    Column("Evidence", 10, lambda s, _n: s.evidence_count),
    Column("Last updated", 18, lambda s, _n: s.updated_at),
    Column("Updated by", 18, lambda s, _n: s.updated_by),
)
HEADERS = [c.header for c in COLUMNS]


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe, so it stays text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def row_values(action: Action, note: str | None) -> list[Value]:
    return [column.value(action, note) for column in COLUMNS]


# -- CSV ----------------------------------------------------------------------------------------------


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def write_csv(
    rows: Sequence[Action],
    path: Path,
    latest_notes: dict[int, str] | None = None,
    *,
    progress: ProgressFn | None = None,
) -> None:
    """One row per action in the given order; UTF-8 with a BOM so Excel reads accented names right."""
    notes = latest_notes or {}
    with replacing(Path(path)) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for done, action in enumerate(rows, start=1):
            writer.writerow([_csv_cell(v) for v in row_values(action, notes.get(action.id))])
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(rows)):
                progress(done, len(rows))


# -- Excel ----------------------------------------------------------------------------------------------


class _Cells:
    """Builds the styled cells of one worksheet; the styles are registered with the workbook once."""

    def __init__(self, workbook: Workbook, sheet: WriteOnlyWorksheet) -> None:
        from openpyxl.styles import Alignment, Font, NamedStyle

        self.sheet = sheet
        for style in (
            NamedStyle("Candour date", number_format=DATE_FORMAT, alignment=Alignment(vertical="top")),
            NamedStyle("Candour time", number_format=DATETIME_FORMAT, alignment=Alignment(vertical="top")),
            NamedStyle("Candour wrapped", alignment=Alignment(wrap_text=True, vertical="top")),
            NamedStyle("Candour header", font=Font(bold=True), alignment=Alignment(vertical="top")),
        ):
            if style.name not in workbook.named_styles:
                workbook.add_named_style(style)

    def header(self, text: str) -> Cell:
        return self._styled(text, "Candour header")

    def cell(self, value: Value, *, wrap: bool = False) -> object:
        if isinstance(value, dt.datetime):
            return self._styled(value, "Candour time")
        if isinstance(value, dt.date):
            return self._styled(value, "Candour date")
        if isinstance(value, str):
            text = _excel_text(value)
            return self._styled(text, "Candour wrapped") if wrap else text
        return value

    def _styled(self, value: Value, style: str) -> Cell:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value)  # type: ignore[arg-type]  # dates too; types-openpyxl omits them
        cell.style = style
        return cell


def _excel_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return text if len(text) <= EXCEL_CELL_LIMIT else text[: EXCEL_CELL_LIMIT - 1] + "…"


def write_xlsx(
    rows: Sequence[Action],
    path: Path,
    latest_notes: dict[int, str] | None = None,
    filter_text: str | None = None,
    *,
    exported_at: dt.datetime | None = None,
    progress: ProgressFn | None = None,
) -> None:
    """An 'Actions' sheet (bold frozen header, auto-filter, dates as dates) and an 'About this export'
    sheet."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    notes = latest_notes or {}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    cells = _Cells(workbook, sheet)
    last_column = get_column_letter(len(COLUMNS))
    for number, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last_column}{len(rows) + 1}"
    sheet.append([cells.header(h) for h in HEADERS])
    wraps = [c.wrap for c in COLUMNS]
    for done, action in enumerate(rows, start=1):
        values = row_values(action, notes.get(action.id))
        sheet.append([cells.cell(v, wrap=w) for v, w in zip(values, wraps, strict=True)])
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(rows)):
            progress(done, len(rows))
    _about_sheet(workbook, len(rows), filter_text, exported_at or local_now().replace(microsecond=0))
    with replacing(Path(path)) as partial:
        workbook.save(partial)


def _about_sheet(workbook: Workbook, count: int, filter_text: str | None, exported_at: dt.datetime) -> None:
    sheet = workbook.create_sheet("About this export")
    cells = _Cells(workbook, sheet)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 80
    sheet.append([cells.header("Candour action register")])
    for label, value in (
        ("Filter", filter_text or "All actions"),
        ("Actions", count),
        ("Exported", exported_at),
    ):
        sheet.append([cells.header(label), cells.cell(value, wrap=True)])
