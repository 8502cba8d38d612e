"""Progress notes: an add-note box and the timeline, newest first, with author and time."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionDetail
from core.domain.wording import format_datetime
from desktop.editor.controller import EditorController
from desktop.widgets.plain_text import plain_label


class NotesTab(QWidget):
    def __init__(self, ctl: EditorController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctl = ctl
        self.box = QPlainTextEdit(placeholderText="Add a progress note: what was done, what is next…")
        self.box.setAccessibleName("New progress note")
        self.box.setTabChangesFocus(True)
        self.box.setMaximumHeight(self.fontMetrics().height() * 5)
        self.add_button = QPushButton("Add note")
        self.add_button.setToolTip("Add the note (Ctrl+Enter)")
        self.add_button.setAccessibleName("Add progress note")
        self.add_button.setEnabled(False)
        self.box.textChanged.connect(lambda: self.add_button.setEnabled(bool(self.box.toPlainText().strip())))
        self.add_button.clicked.connect(self.add_note)
        self.box.installEventFilter(self)
        self.timeline = QListWidget()
        self.timeline.setAccessibleName("Progress notes, newest first")
        self.timeline.setWordWrap(True)
        self.timeline.setSpacing(3)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.empty = plain_label("No progress notes yet.")
        self.empty.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.box, 1)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.timeline, 1)
        ctl.loaded.connect(self.show_detail)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.add_note()  # Ctrl+Enter adds the note; plain Enter is a new line
            return True
        return super().eventFilter(watched, event)

    def add_note(self) -> bool:
        # The box is cleared only when the note was saved: after a conflict the text is still there.
        if self.ctl.add_note(self.box.toPlainText()):
            self.box.clear()
            return True
        return False

    @property
    def unsaved(self) -> bool:
        return bool(self.box.toPlainText().strip())

    def show_detail(self, detail: ActionDetail) -> None:
        self.box.setReadOnly(detail.locked)
        self.box.setPlaceholderText(
            "Verified: reopen the action to add notes."
            if detail.locked
            else "Add a progress note: what was done, what is next…"
        )
        self.add_button.setEnabled(not detail.locked and bool(self.box.toPlainText().strip()))
        self.timeline.clear()
        for note in detail.notes:  # newest first, as the service returns them
            item = QListWidgetItem(f"{note.author} · {format_datetime(note.created_at)}\n{note.text}")
            item.setToolTip(note.text)
            self.timeline.addItem(item)
        self.empty.setVisible(not detail.notes)
        self.timeline.setVisible(bool(detail.notes))
