"""One file's page in the import preview: a banner for problems, the report's details, its actions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from desktop.importing.action_model import Col, PreviewActionModel
from desktop.importing.loading import LoadedFile
from desktop.importing.report_view import report_details
from desktop.locations.rating_chips import heading
from desktop.widgets.chips import ChipDelegate
from desktop.widgets.plain_text import plain_label

WIDTHS = {Col.IMPORT: 60, Col.KIND: 84, Col.ORIGIN: 140, Col.REGULATION: 130, Col.DUE: 96, Col.INSPECTION: 120}


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
        self.model: PreviewActionModel | None = None
        self.table: QTableView | None = None
        self.text_edit: QPlainTextEdit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if file.error:
            layout.addWidget(banner(f"This file will not be imported. {file.error}",
                                    QStyle.StandardPixmap.SP_MessageBoxWarning))
            layout.addStretch(1)
            return
        if file.previous:
            layout.addWidget(banner(f"Already in Candour; this file will be skipped. {file.previous}",
                                    QStyle.StandardPixmap.SP_MessageBoxInformation))
        self.model = PreviewActionModel(file.report, read_only=not file.importable, parent=self)
        self.model.counts_changed.connect(self.changed)
        self.model.counts_changed.connect(self._show_count)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._details())
        splitter.addWidget(self._actions())
        splitter.setSizes([330, 400])
        layout.addWidget(splitter, 1)
        self._show_count()

    @property
    def kept_count(self) -> int:
        return self.model.kept_count if self.model is not None and self.file.importable else 0

    def _details(self) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(report_details(self.file.report))
        area.setAccessibleName("Location and inspections")
        return area

    def _actions(self) -> QWidget:
        box = QWidget()
        self.count_label = heading("")
        self.select_all = QPushButton("Select &all")
        self.select_none = QPushButton("Select &none")
        for button, keep in ((self.select_all, True), (self.select_none, False)):
            button.clicked.connect(lambda _c=False, k=keep: self.model.set_all(k))
            button.setEnabled(self.file.importable and self.model.rowCount() > 0)
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.select_all)
        top.addWidget(self.select_none)
        self.table = self._make_table()
        self.text_edit = QPlainTextEdit()
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

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Extracted actions")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(28)
        table.setItemDelegateForColumn(Col.KIND, ChipDelegate(table, bold=True))
        for col, width in WIDTHS.items():
            table.setColumnWidth(col, width)
        table.horizontalHeader().setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
        report = self.file.report
        table.setColumnHidden(Col.INSPECTION, len(report.inspections) < 2)
        table.setColumnHidden(Col.DUE, not any(a.due for i in report.inspections for a in i.actions))
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.dataChanged.connect(lambda *_a: self._on_current_changed(table.currentIndex(), QModelIndex()))
        return table

    def _show_count(self) -> None:
        total = self.model.rowCount()
        if not self.file.importable:
            self.count_label.setText(f"Actions in this file: {total}")
        else:
            self.count_label.setText(f"Actions: {self.model.kept_count} of {total} will be imported")

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        editable = current.isValid() and self.file.importable
        text = self.model.index(current.row(), Col.TEXT).data() if current.isValid() else ""
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
            self.model.setData(self.model.index(current.row(), Col.TEXT), self.text_edit.toPlainText())
