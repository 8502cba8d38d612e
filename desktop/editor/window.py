"""ActionEditor: a non-modal window for one action. Tabs for the action, notes, evidence and history;
files dropped anywhere on it are attached as evidence; Alt+Up/Down move to the previous/next action."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from core.domain.actions import ActionDetail
from desktop import theme
from desktop.dialogs import DISCARD, SAVE
from desktop.editor.controller import EditorController
from desktop.editor.evidence import EvidenceTab
from desktop.editor.history import HistoryTab
from desktop.editor.notes import NotesTab
from desktop.editor.overview import OverviewTab
from desktop.editor.steps import StepsTab
from desktop.widgets.chips import ChipLabel
from desktop.widgets.info_bar import InfoBar
from desktop.widgets.plain_text import plain_label
from desktop.widgets.screen_fit import fit_to_screen


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and Path(u.toLocalFile()).is_file()]


class ActionEditor(QWidget):
    navigate = Signal(int)  # +1 next / -1 previous action, in the register's order
    closed = Signal(int)  # action id

    def __init__(self, ctl: EditorController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctl = ctl
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.force_close = False  # closing with the app's database switched away: nothing can be saved
        self.setAcceptDrops(True)
        fit_to_screen(self, QSize(1000, 620))
        self._build_header()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.overview, self.notes = OverviewTab(ctl), NotesTab(ctl)
        self.evidence, self.history = EvidenceTab(ctl), HistoryTab(ctl)
        self.steps = StepsTab(ctl)
        for tab, name in (
            (self.overview, "&Action"),
            (self.steps, "S&teps"),
            (self.notes, "&Progress"),
            (self.evidence, "&Evidence"),
            (self.history, "&History"),
        ):
            self.tabs.addTab(tab, name)
        self._build_footer()
        self.server_line = InfoBar()  # while typing waits for the server
        self.server_line.close_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.server_line)
        layout.addLayout(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self.footer)
        self._add_shortcuts()
        ctl.loaded.connect(self.show_detail)
        # Typing whose save found the server gone, saved again when it is back (retry_waiting).
        self.waiting: set[str] = set()
        ctl.server_lost.connect(self._on_server_lost)
        ctl.reload()

    def _build_header(self) -> None:
        self.reference = plain_label()
        font = self.reference.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.reference.setFont(font)
        self.kind_chip, self.rag_chip = ChipLabel(), ChipLabel()
        self.where = plain_label()
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header = QHBoxLayout()
        for widget in (self.reference, self.kind_chip, self.rag_chip, self.where):
            self.header.addWidget(widget)
        self.header.addStretch(1)

    def _build_footer(self) -> None:
        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setToolTip("Previous action in the register (Alt+Up)")
        self.previous_button.clicked.connect(lambda: self.navigate.emit(-1))
        self.next_button = QPushButton("Next ▶")
        self.next_button.setToolTip("Next action in the register (Alt+Down)")
        self.next_button.clicked.connect(lambda: self.navigate.emit(1))
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self.ctl.stack.undo)
        self.ctl.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.ctl.stack.undoTextChanged.connect(self._on_undo_text_changed)
        self.undo_button.setEnabled(False)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete this action, added or imported by mistake (the reason is kept)")
        self.delete_button.clicked.connect(self.ctl.delete_action)
        self.ctl.deleted.connect(lambda _id: self.close())
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.close)
        self.footer = QHBoxLayout()
        for widget in (self.previous_button, self.next_button):
            widget.setAccessibleName(widget.toolTip().split(" (")[0])
            self.footer.addWidget(widget)
        self.footer.addStretch(1)
        self.footer.addWidget(self.delete_button)
        self.footer.addWidget(self.undo_button)
        self.footer.addWidget(self.close_button)

    def _on_undo_text_changed(self, text: str) -> None:
        self.undo_button.setToolTip(f"Undo {text.lower()} (Ctrl+Z)" if text else "Nothing to undo")

    def _add_shortcuts(self) -> None:
        undo = self.ctl.stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctl.stack.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        self.previous_button.setShortcut(QKeySequence("Alt+Up"))
        self.next_button.setShortcut(QKeySequence("Alt+Down"))
        self.close_button.setShortcut(QKeySequence.StandardKey.Close)

    # -- showing -------------------------------------------------------------------------------------

    def show_detail(self, detail: ActionDetail) -> None:
        s = detail.summary
        self.reference.setText(s.reference)
        self.kind_chip.set_chip(s.kind.label, theme.kind_colour(s.kind))
        self.rag_chip.set_chip(s.rag_label, theme.rag_colour(s.rag))
        owner = s.owner_name or "no owner"
        self.where.setText(f"{s.location_name} · {owner} · {s.status.label}")
        self.tabs.setTabText(self.tabs.indexOf(self.steps), f"S&teps ({s.steps_done}/{s.step_count})")
        self.tabs.setTabText(self.tabs.indexOf(self.notes), f"&Progress ({len(detail.notes)})")
        self.tabs.setTabText(self.tabs.indexOf(self.evidence), f"&Evidence ({len(detail.evidence)})")
        self.setWindowTitle(f"{s.reference} — {s.location_name} — Candour")

    # -- Qt events ---------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.ctl.stack.setActive(True)  # Edit > Undo in the main window now acts on this editor
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.ctl.attach_files(paths)
            self.tabs.setCurrentWidget(self.evidence)

    def unsaved(self) -> list[tuple[str, Callable[[], bool]]]:
        """(what, how to save it) for every piece of typing not yet saved."""
        pending = self.overview.unsaved()
        if self.notes.unsaved:
            pending.append(("progress note", self.notes.add_note))
        return pending

    def _on_server_lost(self, _sentence: str, what: str) -> None:
        if what:
            self.waiting.add(what)
        self.server_line.show_message(
            "Not saved yet: the server is not answering. What you typed stays here and is saved when it is "
            "back."
            if self.waiting
            else "Not saved: the server is not answering; try again when it is back."
        )

    def retry_waiting(self) -> None:
        """The server is back: save again the typing whose save it did not answer (still in its box)."""
        savers: dict[str, tuple[Callable[[], bool], Callable[[], bool]]] = {
            "text": (self.overview.save_text, lambda: self.overview.text.dirty),
            "success_measure": (self.overview.save_measure, lambda: self.overview.measure.dirty),
            "note": (self.notes.add_note, lambda: self.notes.unsaved),
        }
        waiting, self.waiting = self.waiting, set()
        self.server_line.hide()
        for what in sorted(waiting):
            save, unsaved = savers.get(what, (None, None))
            if save is not None and unsaved is not None and unsaved():
                save()

    def may_close(self) -> bool:
        """Ask Save / Discard / Cancel when typing would be lost; True when the window may close."""
        pending = self.unsaved()
        if not pending or self.force_close:
            return True
        words = " and ".join(what for what, _save in pending)
        answer = self.ctl.dialogs.save_discard_cancel(
            "Unsaved changes",
            f"{self.ctl.detail.summary.reference} has unsaved typing ({words}). Save it before closing?",
        )
        if answer == SAVE:
            return all(save() for _what, save in pending)  # a refused save keeps the window open
        return answer == DISCARD

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        self.closed.emit(self.ctl.action_id)
        super().closeEvent(event)
