"""EditorManager: one editor window per action (re-focused if already open), all undo stacks in one
QUndoGroup, and each saved change announced so the register can repaint that row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QWidget

from core.domain.changes import Changes
from core.domain.errors import CandourError, ServerUnavailable
from core.services.app import Services
from desktop.dialogs import Dialogs
from desktop.editor.controller import EditorController, Writer, write_here
from desktop.editor.window import ActionEditor

Neighbour = Callable[[int, int], "int | None"]


class EditorManager(QObject):
    action_saved = Signal(object)  # ActionSummary
    action_deleted = Signal(int)  # action id
    server_lost = Signal(str)  # an editor's save or read found the server gone (the sentence)

    def __init__(
        self,
        services: Services,
        dialogs: Dialogs,
        neighbour: Neighbour,
        parent: QObject | None = None,
        write: Writer = write_here,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.dialogs = dialogs
        self.write = write
        self.neighbour = neighbour
        self.undo_group = QUndoGroup(self)
        self.editors: dict[int, ActionEditor] = {}

    def open(self, action_id: int, *, near: QWidget | None = None) -> ActionEditor | None:
        editor = self.editors.get(action_id)
        if editor is None:
            try:
                ctl = EditorController(self.services, self.dialogs, action_id, write=self.write)
            except CandourError as error:
                self.dialogs.warn("Open action", str(error))
                return None
            editor = ActionEditor(ctl)
            ctl.setParent(editor)
            ctl.saved.connect(self.action_saved)
            ctl.deleted.connect(self.action_deleted)
            ctl.server_lost.connect(lambda sentence, _what: self.server_lost.emit(sentence))
            editor.navigate.connect(lambda step, e=editor: self._navigate(e, step))
            editor.closed.connect(self._on_closed)
            self.undo_group.addStack(ctl.stack)
            self.editors[action_id] = editor
            if near is not None:
                editor.setGeometry(near.geometry())
        editor.show()
        editor.raise_()
        editor.activateWindow()
        editor.ctl.stack.setActive(True)
        return editor

    def _navigate(self, editor: ActionEditor, step: int) -> None:
        target = self.neighbour(editor.ctl.action_id, step)
        if target is None:
            return  # first or last action: stay put
        if editor.may_close():
            editor.force_close = True  # already asked
            self.open(target, near=editor)
            editor.close()

    def _on_closed(self, action_id: int) -> None:
        editor = self.editors.pop(action_id, None)
        if editor is not None:
            self.undo_group.removeStack(editor.ctl.stack)

    def on_changes(self, changes: Changes) -> None:
        """Data changed (an import, a bulk edit, another editor): reload the editors of the changed actions
        (typed text is kept)."""
        for action_id, editor in list(self.editors.items()):
            if not (changes.everything or action_id in changes.actions):
                continue
            try:
                editor.ctl.reload()
            except ServerUnavailable as error:  # keep the editor and its typing; it reloads when back
                self.server_lost.emit(str(error))
            except CandourError:
                editor.close()

    def retry_waiting(self) -> None:
        """The server is back: each editor saves the typing the server did not answer."""
        for editor in list(self.editors.values()):
            editor.retry_waiting()

    def close_all(self, *, force: bool = False) -> bool:
        """Close every editor; each with unsaved typing asks first. False when one was kept open."""
        for editor in list(self.editors.values()):
            editor.force_close = force
            if not editor.close():
                return False
        return True
