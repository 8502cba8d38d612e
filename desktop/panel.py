"""What every main-window view (dashboard, actions, locations, reports, people) has in common."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from core.services.app import Services
from desktop.dialogs import Dialogs
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings


class Panel(QWidget):
    """A view in the main window's navigation. Subclasses set `title` and implement refresh()."""

    title = ""
    open_action = Signal(int)  # ask the window to open the action editor on this action id
    show_actions = Signal(object)  # ask the window to show the register with this ActionFilter
    data_changed = Signal()  # this panel changed data: other panels should refresh
    status_message = Signal(str)  # a short message for the status bar

    def __init__(self, services: Services, runner: TaskRunner, dialogs: Dialogs, settings: UiSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.dialogs = dialogs
        self.settings = settings
        self.setAccessibleName(self.title)

    def refresh(self) -> None:
        """Reload from the services (after an import, an edit elsewhere, or a database switch)."""

    def save_state(self) -> None:
        """Persist column widths, splitters and the like to self.settings."""
