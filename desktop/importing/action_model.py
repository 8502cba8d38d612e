"""PreviewActionModel: the actions extracted from one report, with a tick to keep each and editable text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from core.domain.parsed import ParsedAction, ParsedReport
from core.domain.vocabulary import ActionOrigin, KeyQuestion, KeyQuestionSource
from desktop.theme import kind_colour
from desktop.widgets.chips import CHIP_COLOUR_ROLE
from desktop.widgets.date_button import format_date

Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    IMPORT = 0
    KIND = 1
    TEXT = 2
    ORIGIN = 3
    QUESTION = 4
    REGULATION = 5
    DUE = 6
    INSPECTION = 7


HEADERS = {
    Col.IMPORT: "Import",
    Col.KIND: "Type",
    Col.TEXT: "Action text (double-click to correct)",
    Col.ORIGIN: "Origin",
    Col.QUESTION: "Key question",
    Col.REGULATION: "Regulation",
    Col.DUE: "Due",
    Col.INSPECTION: "Inspection",
}
NO_QUESTION = "Not stated"
FINDING_LABEL = "Finding (not a CQC action)"
_SOURCE_TIPS = {
    KeyQuestionSource.STATED: "The report lists this action under this key question.",
    KeyQuestionSource.REGULATION: "Taken from the regulation the action cites.",
    KeyQuestionSource.NONE: "The report does not place this action under a key question and its regulation "
    "does not imply one: choose one if you know it.",
}


@dataclass(frozen=True)
class Row:
    inspection: int  # index into report.inspections
    action: ParsedAction
    keep: bool = True
    text: str = ""
    question: KeyQuestion | None = None
    unticked_because: str | None = None  # why it starts unticked (superseded, archived location, a finding)

    @property
    def edited(self) -> bool:
        return self.text != self.action.text

    @property
    def question_edited(self) -> bool:
        return self.question != self.action.key_question


class PreviewActionModel(QAbstractTableModel):
    """Flattens every inspection's actions into one list; nothing here touches the database."""

    counts_changed = Signal()

    def __init__(
        self,
        report: ParsedReport,
        *,
        read_only: bool = False,
        superseded: dict[int, str] | None = None,
        archived: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._report = report
        self._read_only = read_only
        self._dates = [_inspection_label(report, n) for n in range(len(report.inspections))]
        self._rows = []
        for n, inspection in enumerate(report.inspections):
            for action in inspection.actions:
                why = unticked_because(action, (superseded or {}).get(n), archived)
                self._rows.append(
                    Row(
                        n,
                        action,
                        keep=not read_only and why is None,
                        text=action.text,
                        question=action.key_question,
                        unticked_because=why,
                    )
                )

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
            actions = [_corrected(r) for r in self._rows if r.inspection == n and r.keep]
            inspections.append(inspection.model_copy(update={"actions": actions}))
        return self._report.model_copy(update={"inspections": inspections})

    # -- Qt model -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Col)
        ):
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
        if index.column() in (Col.TEXT, Col.QUESTION):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], Col(index.column())
        if role == Qt.ItemDataRole.EditRole and col == Col.QUESTION:
            return row.question.value if row.question else ""
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
        if role == Qt.ItemDataRole.FontRole and (
            (col == Col.TEXT and row.edited) or (col == Col.QUESTION and row.question_edited)
        ):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not row.keep and col != Col.KIND:
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == Col.IMPORT:
            row = replace(row, keep=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif role == Qt.ItemDataRole.EditRole and index.column() == Col.TEXT:
            text = " ".join(str(value).split())
            if not text:
                return False  # an action needs words; untick it instead
            row = replace(row, text=text)
        elif role == Qt.ItemDataRole.EditRole and index.column() == Col.QUESTION:
            row = replace(row, question=KeyQuestion(value) if value else None)
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
                return FINDING_LABEL if action.origin is ActionOrigin.FINDING else action.origin.label
            case Col.QUESTION:
                return row.question.label if row.question else NO_QUESTION
            case Col.REGULATION:
                return short_regulation(action)
            case Col.DUE:
                return format_date(action.due, "")
            case Col.INSPECTION:
                return self._dates[row.inspection]

    def _tip(self, row: Row, col: Col) -> str | None:
        if col == Col.IMPORT and row.unticked_because:
            return f"Unticked because {row.unticked_because}. Tick it to import it anyway."
        if col == Col.QUESTION:
            if row.question_edited:
                return "Set by you. Double-click to change."
            return _SOURCE_TIPS.get(row.action.key_question_source, "") + " Double-click to change."
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
            if row.action.origin is ActionOrigin.FINDING:
                parts.insert(
                    0, "CQC did not list this as an action: the report names it as something to improve"
                )
            return " · ".join(p for p in parts if p) or None
        return None


def unticked_because(action: ParsedAction, superseded: str | None, archived: bool) -> str | None:
    """Why an extracted action starts unticked, or None when it starts ticked."""
    if superseded:
        return f"{superseded}; if imported it is filed closed as superseded"
    if archived:
        return "the location is archived"
    if action.origin is ActionOrigin.FINDING:
        return "it is a finding, not an action CQC listed"
    return None


def _corrected(row: Row) -> ParsedAction:
    update: dict[str, Any] = {}
    if row.edited:
        update["text"] = row.text
    if row.question_edited:
        update["key_question"] = row.question
        update["key_question_source"] = KeyQuestionSource.USER if row.question else KeyQuestionSource.NONE
    return row.action.model_copy(update=update) if update else row.action


def short_regulation(action: ParsedAction) -> str:
    """'Reg 12(2)(a)'; the title and statute go in the tooltip."""
    regulation = action.regulation
    return f"Reg {regulation.number}{regulation.paragraphs or ''}" if regulation else ""


def _inspection_label(report: ParsedReport, number: int) -> str:
    inspection = report.inspections[number]
    if inspection.inspection_dates:
        return ", ".join(format_date(d) for d in inspection.inspection_dates)
    return format_date(inspection.assessment_date or inspection.published, "date unknown")
