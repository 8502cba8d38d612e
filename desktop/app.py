"""Composition root: open a database (or let the user choose another when it cannot be opened),
build the services, the runner and the main window; switch databases while running."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from core.domain.errors import DatabaseError
from core.paths import data_dir
from core.services.app import Services, open_services
from desktop.dialogs import Dialogs
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

log = logging.getLogger(__name__)
DB_FILTER = "Candour databases (*.sqlite3 *.db *.sqlite);;All files (*)"
OPEN_OTHER, CREATE_NEW, GIVE_UP = "Open another database…", "Create a new database…", "Quit"


def open_database(
    target: str | Path | None,
    actor: str | None,
    dialogs: Dialogs,
    settings: UiSettings,
    *,
    give_up: str = GIVE_UP,
) -> Services | None:
    """Open target; when that fails, say why in one sentence and offer another database (None = gave up)."""
    while True:
        try:
            services = open_services(target, actor=actor)
        except DatabaseError as error:
            choice = dialogs.ask_item(
                "Candour", f"{error}\n\nWhat would you like to do?", [OPEN_OTHER, CREATE_NEW, give_up]
            )
            target = (
                _ask_target(dialogs, settings, create=choice == CREATE_NEW)
                if choice in (OPEN_OTHER, CREATE_NEW)
                else None
            )
            if target is None:
                return None
            continue
        settings.add_recent_database(str(services.database_path or services.database_label))
        return services


def _ask_target(dialogs: Dialogs, settings: UiSettings, *, create: bool) -> Path | None:
    recent = settings.recent_databases
    folder = Path(recent[0]).parent if recent else data_dir()
    if create:
        return dialogs.save_file("New database", folder / "candour.sqlite3", DB_FILTER)
    return dialogs.open_file("Open database", folder, DB_FILTER)


def switch_to(window: MainWindow, target: str | Path) -> bool:
    if str(target) == str(window.services.database_path):
        return True
    services = open_database(
        target, window.services.actor, window.dialogs, window.settings, give_up="Keep the current database"
    )
    if services is None:
        return False
    switch_services(window, services)
    return True


def switch_services(window: MainWindow, services: Services) -> None:
    """Close the window's database and show `services` in it: state saved, editors closed and running work
    finished first, so nothing is written to the old database afterwards."""
    window.save_state()
    window.close_editors()
    old = window.services
    window.use_services(services)
    old.close()


def choose_and_switch(window: MainWindow, *, create: bool) -> bool:
    target = _ask_target(window.dialogs, window.settings, create=create)
    return target is not None and switch_to(window, target)


def build_window(db: str | None, user: str | None, settings: UiSettings | None = None) -> MainWindow | None:
    from desktop.main_window import MainWindow  # after QApplication exists

    settings = settings or UiSettings()
    dialogs = Dialogs()
    services = open_database(db, user, dialogs, settings)
    if services is None:
        return None
    window = MainWindow(services, TaskRunner(), settings, dialogs)
    window.runner.setParent(window)
    dialogs.parent = window
    return window

