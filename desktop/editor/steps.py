"""The provider's plan under the action: its steps in order, with add, edit, move, mark done and remove."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionDetail
from core.domain.steps import Step, steps_progress
from desktop.editor.controller import EditorController
from desktop.editor.step_dialog import StepDialog
from desktop.widgets.date_button import format_date
from desktop.widgets.plain_text import plain_label

HEADERS = ("No.", "What we will do", "Who", "By when", "Monitoring", "How we will know", "Status")


def _cells(step: Step) -> tuple[str, ...]:
    status = step.status.label + (f": {step.evidence}" if step.evidence else "")
    return (
        str(step.number),
        step.text,
        step.owner_name or "Not yet assigned",
        format_date(step.due, "No date"),
        step.monitoring or "—",
        step.success_measure or "—",
        status,
    )


class StepsTab(QWidget):
    def __init__(self, ctl: EditorController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctl = ctl
        self.steps: list[Step] = []
        self.progress = plain_label()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Steps of the provider's plan, in order")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        for column, tip in ((4, "How progress will be monitored"), (5, "How we will know it is put right")):
            item = self.table.horizontalHeaderItem(column)
            if item is not None:  # set by setHorizontalHeaderLabels above
                item.setToolTip(tip)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 40), (2, 130), (3, 90), (4, 170), (5, 170), (6, 110)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(lambda _index: self.edit_step())
        self.add_button = QPushButton("&Add step…")
        self.edit_button = QPushButton("Ed&it…")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        self.done_button = QPushButton("Mark &done…")
        self.remove_button = QPushButton("Remo&ve…")
        for button, slot in (
            (self.add_button, self.add_step),
            (self.edit_button, self.edit_step),
            (self.up_button, lambda: self.move_step(-1)),
            (self.down_button, lambda: self.move_step(1)),
            (self.done_button, self.mark_done),
            (self.remove_button, self.remove_step),
        ):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.done_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctl.loaded.connect(self.show_detail)

    def show_detail(self, detail: ActionDetail) -> None:
        selected = self.current()
        self.steps = list(detail.steps)
        self.table.setRowCount(len(self.steps))
        for row, step in enumerate(self.steps):
            for column, text in enumerate(_cells(step)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        s = detail.summary
        if self.steps:
            words = steps_progress(s.step_count, s.steps_done)
            if s.next_step_due:
                words += f" · next step due {format_date(s.next_step_due)}"
            self.progress.setText(
                words[0].upper() + words[1:] + ". The action can be completed when every step is done."
            )
        else:
            self.progress.setText("No steps planned yet: add what will be done, by whom and by when.")
        if selected is not None:
            self.select(next((n for n, st in enumerate(self.steps) if st.id == selected.id), -1))
        self._enable()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the columns have their real widths only once shown

    def current(self) -> Step | None:
        row = self.table.currentRow()
        return self.steps[row] if 0 <= row < len(self.steps) and self.table.selectedItems() else None

    def select(self, row: int) -> None:
        if 0 <= row < len(self.steps):
            self.table.selectRow(row)

    def _enable(self) -> None:
        step, live = self.current(), self.ctl.detail.summary.status.is_live
        self.add_button.setEnabled(live)
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(live and step is not None)
        self.done_button.setEnabled(live and step is not None and not step.is_done)
        self.up_button.setEnabled(live and step is not None and step.number > 1)
        self.down_button.setEnabled(live and step is not None and step.number < len(self.steps))

    # -- actions ------------------------------------------------------------------------------------------

    def add_step(self) -> None:
        dialog = StepDialog(self.ctl.services.people.list(), parent=self)
        if dialog.exec() and self.ctl.add_step(dialog.changes()):
            self.select(len(self.steps) - 1)

    def edit_step(self) -> None:
        step = self.current()
        if step is None:
            return
        dialog = StepDialog(self.ctl.services.people.list(), step, parent=self)
        if dialog.exec():
            self.ctl.update_step(step.id, dialog.changes())

    def move_step(self, by: int) -> None:  # not `move`: that is QWidget.move
        step = self.current()
        if step is not None and self.ctl.move_step(step.id, step.number + by):
            self.select(step.number - 1 + by)

    def mark_done(self) -> None:
        step = self.current()
        if step is not None:
            self.ctl.step_done(step.id)

    def remove_step(self) -> None:
        step = self.current()
        if step is not None:
            self.ctl.remove_step(step.id)
