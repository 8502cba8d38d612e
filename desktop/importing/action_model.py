"""PreviewActionModel: the actions extracted from one report, with a tick to keep each and editable text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from core.domain.parsed import ParsedAction, ParsedReport
from desktop.theme import kind_colour
from desktop.widgets.chips import CHIP_COLOUR_ROLE
from desktop.widgets.date_button import format_date

Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    IMPORT = 0
    KIND = 1
    TEXT = 2
    ORIGIN = 3
    REGULATION = 4
    DUE = 5
    INSPECTION = 6


HEADERS = {Col.IMPORT: "Import", Col.KIND: "Type", Col.TEXT: "Action text (double-click to correct)",
           Col.ORIGIN: "Origin", Col.REGULATION: "Regulation", Col.DUE: "Due", Col.INSPECTION: "Inspection"}


@dataclass(frozen=True)
class Row:
    inspection: int  # index into report.inspections
    action: ParsedAction
    keep: bool = True
    text: str = ""

    @property
    def edited(self) -> bool:
        return self.text != self.action.text


class PreviewActionModel(QAbstractTableModel):
    """Flattens every inspection's actions into one list; nothing here touches the database."""

    counts_changed = Signal()

    def __init__(self, report: ParsedReport, *, read_only: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report = report
        self._read_only = read_only
        self._dates = [_inspection_label(report, n) for n in range(len(report.inspections))]
        self._rows = [Row(n, a, keep=not read_only, text=a.text)
                      for n, inspection in enumerate(report.inspections) for a in inspection.actions]

    # -- what the user chose ------------------------------------------------------------------------

    @property
    def kept_count(self) -> int:
        return sum(r.keep for r in self._rows)

    def row(self, number: int) -> Row:
        return self._rows[number]

    def set_all(self, keep: bool) -> None:
        if self._read_only or not self._rows:
            return
        self._rows = [replace(r, keep=keep) for r in self._rows]
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Col) - 1))
        self.counts_changed.emit()

    def edited_report(self) -> ParsedReport:
        """The report with only the kept actions, carrying the user's corrected wording."""
        inspections = []
        for n, inspection in enumerate(self._report.inspections):
            actions = [r.action.model_copy(update={"text": r.text}) if r.edited else r.action
                       for r in self._rows if r.inspection == n and r.keep]
            inspections.append(inspection.model_copy(update={"actions": actions}))
        return self._report.model_copy(update={"inspections": inspections})

    # -- Qt model -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Col):
            return HEADERS[Col(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._read_only:
            return flags
        if index.column() == Col.IMPORT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == Col.TEXT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], Col(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, col)
        if role == Qt.ItemDataRole.CheckStateRole and col == Col.IMPORT:
            return Qt.CheckState.Checked if row.keep else Qt.CheckState.Unchecked
        if role == CHIP_COLOUR_ROLE and col == Col.KIND:
            return kind_colour(row.action.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, col)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == Col.IMPORT:
            return "Will be imported" if row.keep else "Will be skipped"
        if role == Qt.ItemDataRole.FontRole and col == Col.TEXT and row.edited:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not row.keep and col != Col.KIND:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable):
            return False
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == Col.IMPORT:
            row = replace(row, keep=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif role == Qt.ItemDataRole.EditRole and index.column() == Col.TEXT:
            text = " ".join(str(value).split())
            if not text:
                return False  # an action needs words; untick it instead
            row = replace(row, text=text)
        else:
            return False
        self._rows[index.row()] = row
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(Col) - 1))
        self.counts_changed.emit()
        return True

    def _text(self, row: Row, col: Col) -> str:
        action = row.action
        match col:
            case Col.IMPORT:
                return ""
            case Col.KIND:
                return action.kind.label
            case Col.TEXT:
                return row.text
            case Col.ORIGIN:
                return action.origin.label
            case Col.REGULATION:
                return short_regulation(action)
            case Col.DUE:
                return format_date(action.due, "")
            case Col.INSPECTION:
                return self._dates[row.inspection]
        return ""

    def _tip(self, row: Row, col: Col) -> str | None:
        if col == Col.TEXT:
            tip = row.text
            if row.edited:
                tip += f"\n\nCorrected. As extracted: {row.action.text}"
            return tip
        if col == Col.REGULATION and row.action.regulation:
            regulation = row.action.regulation
            return regulation.cite() + (f", {regulation.statute.value}" if regulation.statute else "")
        if col == Col.ORIGIN:
            parts = [row.action.section, row.action.service, row.action.regulated_activity]
            return " · ".join(p for p in parts if p) or None
        return None


def short_regulation(action: ParsedAction) -> str:
    """'Reg 12(2)(a)'; the title and statute go in the tooltip."""
    regulation = action.regulation
    return f"Reg {regulation.number}{regulation.paragraphs or ''}" if regulation else ""


def _inspection_label(report: ParsedReport, number: int) -> str:
    inspection = report.inspections[number]
    if inspection.inspection_dates:
        return ", ".join(format_date(d) for d in inspection.inspection_dates)
    return format_date(inspection.assessment_date or inspection.published, "date unknown")
