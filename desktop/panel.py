"""What every main-window view (dashboard, actions, locations, reports, people) has in common: loading its
data off the GUI thread, refreshing only for changes it shows and only while visible, and writing through
the one writer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from core.domain.changes import Changes, Entity
from core.domain.errors import CandourError
from core.services.app import Services
from desktop.dialogs import Dialogs, describe_error
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings

log = logging.getLogger(__name__)


class Panel(QWidget):
    """A view in the main window's navigation. Subclasses set `title` and `shows`, and implement load()
    (runs in a pool thread, returns plain data) and show_loaded(data) (on the GUI thread)."""

    title = ""
    shows: frozenset[Entity] = frozenset(Entity)  # the kinds of thing whose changes this panel displays
    open_action = Signal(int)  # ask the window to open the action editor on this action id
    show_actions = Signal(object)  # ask the window to show the register with this ActionFilter
    status_message = Signal(str)  # a short message for the status bar
    refreshed = Signal()  # fresh data is on screen

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.dialogs = dialogs
        self.settings = settings
        self.stale = True  # nothing loaded yet: load when first shown
        self.refreshed_once = False
        self._loading = False
        self._pending = Changes.all()  # changes not yet shown (all of them: nothing is loaded yet)
        self.setAccessibleName(self.title)
        runner.changed.connect(self.on_changes)

    # -- loading ------------------------------------------------------------------------------------

    def load(self, changes: Changes) -> Callable[[], Any]:
        """A function reading what these changes mean for the panel (Changes.all(): everything it shows).
        It runs in a pool thread, so it must not touch widgets; capture what it needs here."""
        return lambda: None

    def show_loaded(self, data: Any, changes: Changes) -> None:
        """Show what load() read; `changes` says why (Changes.all() for a full load)."""

    def refresh(self, changes: Changes | None = None) -> None:
        """Read again off the GUI thread and show the result (refreshed is emitted when it is on screen)."""
        self._pending = self._pending | (changes or Changes.all())
        if self._loading:
            return  # the load in flight is followed by another for these changes
        self.stale = False
        self._loading = True
        why, self._pending = self._pending, Changes()
        read = self.load(why)
        self.runner.submit(
            lambda _p, _c: read(),
            finished=lambda data: self._show_fresh(data, why),
            failed=self._on_refresh_failed,
        )

    def _show_fresh(self, data: Any, why: Changes) -> None:
        self._loading = False
        self.show_loaded(data, why)
        self.refreshed_once = True
        self.refreshed.emit()
        if not self._pending.is_empty and self.isVisible():
            self.refresh(Changes())

    def _on_refresh_failed(self, error: BaseException) -> None:
        self._loading = False
        if not isinstance(error, CandourError):
            log.error("Loading %s failed", self.title, exc_info=error)
        self.status_message.emit(f"{self.title} could not be loaded: {describe_error(error)}")

    # -- changes ------------------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """A write changed data: refresh now if visible and affected, else when next shown."""
        if not changes.touches(*self.shows):
            return
        if self.isVisible():
            self.refresh(changes)
        else:
            self.stale = True
            self._pending = self._pending | changes

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and self.shows:
            self.refresh(Changes())

    # -- writing ------------------------------------------------------------------------------------

    def write(self, fn: Callable[[], Any], done: Callable[[Any], str], title: str = "Could not save") -> None:
        """Run fn on the writer thread; the changes reach every panel; then show done(result).

        A CandourError is shown as its one sentence; anything else is logged and summarised.
        """

        def failed(error: BaseException) -> None:
            if not isinstance(error, CandourError):
                log.error("Write failed", exc_info=error)
            self.dialogs.warn(title, describe_error(error))

        self.runner.submit(
            lambda _progress, _cancel: fn(),
            writes=True,
            finished=lambda result: self.status_message.emit(done(result)),
            failed=failed,
        )

    def save_state(self) -> None:
        """Persist column widths, splitters and the like to self.settings."""
