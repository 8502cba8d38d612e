"""One file's page in the import preview: a banner for problems, the report's details, its actions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.domain.parsed import ParsedReport
from core.domain.vocabulary import ActionOrigin
from desktop.importing.action_model import Col, PreviewActionModel
from desktop.importing.loading import LoadedFile
from desktop.importing.question_delegate import KeyQuestionDelegate
from desktop.importing.report_view import inspection_title, report_details
from desktop.locations.rating_chips import heading
from desktop.widgets.chips import ChipDelegate
from desktop.widgets.plain_text import plain_label

WIDTHS = {
    Col.IMPORT: 60,
    Col.KIND: 84,
    Col.ORIGIN: 140,
    Col.QUESTION: 104,
    Col.REGULATION: 110,
    Col.DUE: 96,
    Col.INSPECTION: 120,
}


def banner(text: str, icon: QStyle.StandardPixmap, parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setAutoFillBackground(True)
    frame.setBackgroundRole(QPalette.ColorRole.AlternateBase)
    picture = plain_label()
    picture.setPixmap(frame.style().standardIcon(icon).pixmap(24, 24))
    words = plain_label(text)
    words.setWordWrap(True)
    words.setTextFormat(Qt.TextFormat.PlainText)
    words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    frame.setAccessibleName(text)
    layout = QHBoxLayout(frame)
    layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(words, 1)
    return frame


class FilePage(QWidget):
    """Shows a LoadedFile; for an importable one the actions table is where the user untick and corrects."""

    changed = Signal()  # the number of actions to import may have changed

    def __init__(self, file: LoadedFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file = file
        self.model: PreviewActionModel | None = None  # None on the page of a file that could not be read
        self.table = QTableView()
        self.text_edit = QPlainTextEdit()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        report = file.report
        if file.error or report is None:
            layout.addWidget(
                banner(
                    f"This file will not be imported. {file.error}",
                    QStyle.StandardPixmap.SP_MessageBoxWarning,
                )
            )
            layout.addStretch(1)
            return
        if file.previous:
            layout.addWidget(
                banner(
                    f"Already in Candour; this file will be skipped. {file.previous}",
                    QStyle.StandardPixmap.SP_MessageBoxInformation,
                )
            )
        self.read_checks: QCheckBox | None = None
        if file.importable:
            self._add_notes(layout, report)
        model = self.model = PreviewActionModel(
            report,
            read_only=not file.importable,
            superseded=file.superseded,
            archived=file.archived,
            parent=self,
        )
        model.counts_changed.connect(self.changed)
        model.counts_changed.connect(self._show_count)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._details(report))
        splitter.addWidget(self._actions(model, report))
        splitter.setSizes([330, 400])
        layout.addWidget(splitter, 1)
        self._show_count()

    @property
    def acknowledged(self) -> bool:
        """The user ticked that they read the self-check's warnings (True when there are none)."""
        return self.read_checks is None or self.read_checks.isChecked()

    def _add_notes(self, layout: QVBoxLayout, report: ParsedReport) -> None:
        """The self-check's warnings, which must be read (and ticked as read) before importing, and why some
        actions start unticked."""
        checks = [f"• {inspection_title(i)}: {check}" for i in report.inspections for check in i.checks]
        if checks:
            box = banner(
                "Check before importing. The report's own words promise actions that were not all "
                "found:\n" + "\n".join(checks),
                QStyle.StandardPixmap.SP_MessageBoxWarning,
            )
            self.read_checks = QCheckBox("I have read these warnings and checked the report")
            self.read_checks.toggled.connect(self.changed)
            layout.addWidget(box)
            layout.addWidget(self.read_checks)
        notes = [
            f"Actions start unticked where {why}; if you import them they are filed closed as superseded."
            for n, why in sorted(self.file.superseded.items())
            if report.inspections[n].actions
        ]
        if self.file.archived:
            notes.append("This location is archived, so its actions start unticked.")
        if any(a.origin is ActionOrigin.FINDING for i in report.inspections for a in i.actions):
            notes.append(
                "Findings (what the report says needs to improve, not actions CQC listed) start unticked."
            )
        if notes:
            layout.addWidget(banner(" ".join(notes), QStyle.StandardPixmap.SP_MessageBoxInformation))

    @property
    def kept_count(self) -> int:
        return self.model.kept_count if self.model is not None and self.file.importable else 0

    def edited_report(self) -> ParsedReport:
        """The report with the user's choices and corrections (a readable file's page only)."""
        return self._preview_model().edited_report()

    def _preview_model(self) -> PreviewActionModel:
        """The actions' model; only the page of a readable file shows actions, so only it calls this."""
        if self.model is None:
            raise RuntimeError(f"The page of {self.file.name} has no actions.")
        return self.model

    def _details(self, report: ParsedReport) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(report_details(report))
        area.setAccessibleName("Location and inspections")
        return area

    def _actions(self, model: PreviewActionModel, report: ParsedReport) -> QWidget:
        box = QWidget()
        self.count_label = heading("")
        self.select_all = QPushButton("Select &all")
        self.select_none = QPushButton("Select &none")
        for button, keep in ((self.select_all, True), (self.select_none, False)):
            button.clicked.connect(lambda _c=False, k=keep: model.set_all(k))
            button.setEnabled(self.file.importable and model.rowCount() > 0)
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.select_all)
        top.addWidget(self.select_none)
        self._set_up_table(model, report)
        self.text_edit.setAccessibleName("Text of the selected action")
        self.text_edit.setPlaceholderText("Select an action to read or correct its full text.")
        self.text_edit.setReadOnly(True)
        self.text_edit.setMaximumHeight(90)
        self.text_edit.textChanged.connect(self._on_text_edited)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.text_edit)
        return box

    def _set_up_table(self, model: PreviewActionModel, report: ParsedReport) -> None:
        table = self.table
        table.setAccessibleName("Extracted actions")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(28)
        table.setItemDelegateForColumn(Col.KIND, ChipDelegate(table, bold=True))
        table.setItemDelegateForColumn(Col.QUESTION, KeyQuestionDelegate(table))
        for col, width in WIDTHS.items():
            table.setColumnWidth(col, width)
        table.horizontalHeader().setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
        table.setColumnHidden(Col.INSPECTION, len(report.inspections) < 2)
        table.setColumnHidden(Col.DUE, not any(a.due for i in report.inspections for a in i.actions))
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        model.dataChanged.connect(lambda *_a: self._on_current_changed(table.currentIndex(), QModelIndex()))

    def _show_count(self) -> None:
        model = self._preview_model()
        total = model.rowCount()
        if not self.file.importable:
            self.count_label.setText(f"Actions in this file: {total}")
        else:
            self.count_label.setText(f"Actions: {model.kept_count} of {total} will be imported")

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        editable = current.isValid() and self.file.importable
        text = self._preview_model().index(current.row(), Col.TEXT).data() if current.isValid() else ""
        if current.isValid() and " ".join(self.text_edit.toPlainText().split()) == text:
            self.text_edit.setReadOnly(not editable)
            return  # the edit came from this box: leave the cursor where it is
        self.text_edit.blockSignals(True)
        self.text_edit.setPlainText(text or "")
        self.text_edit.blockSignals(False)
        self.text_edit.setReadOnly(not editable)

    def _on_text_edited(self) -> None:
        current = self.table.currentIndex()
        if current.isValid() and not self.text_edit.isReadOnly():
            model = self._preview_model()
            model.setData(model.index(current.row(), Col.TEXT), self.text_edit.toPlainText())
