"""Composition root: open a database (or let the user choose another when it cannot be opened),
build the services, the runner and the main window; switch databases while running."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from core.domain.errors import CandourError
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
    user: str | None,
    dialogs: Dialogs,
    settings: UiSettings,
    *,
    create: bool = False,
    give_up: str = GIVE_UP,
) -> Services | None:
    """Open target (making it only when `create`), then sign in; when opening fails, say why in one
    sentence and offer another database. None = the user gave up."""
    while True:
        try:
            services = open_services(target, user=user, create=create)
        except CandourError as error:
            choice = dialogs.ask_item(
                "Candour", f"{error}\n\nWhat would you like to do?", [OPEN_OTHER, CREATE_NEW, give_up]
            )
            create = choice == CREATE_NEW
            target = (
                _ask_target(dialogs, settings, create=create) if choice in (OPEN_OTHER, CREATE_NEW) else None
            )
            if target is None:
                return None
            continue
        label = str(services.database_path or services.database_label)
        settings.add_recent_database(label)
        if services.identity is None and not sign_in(services, dialogs, settings):
            services.close()
            return None
        if services.identity is not None:
            settings.set_identity_for(label, services.identity.person_id)
        return services


def sign_in(services: Services, dialogs: Dialogs, settings: UiSettings, *, ask: bool = False) -> bool:
    """Sign in as the person remembered for this database, else ask who the user is (False = cancelled)."""
    label = str(services.database_path or services.database_label)
    remembered = None if ask else settings.identity_for(label)
    if remembered is not None:
        try:
            services.sign_in(remembered)
            return True
        except CandourError:
            pass  # they were removed or have left: ask again
    while True:
        choice = dialogs.choose_identity(services.people.list(include_left=False), services.database_label)
        if choice is None:
            return False
        try:
            person_id = choice.person_id
            if person_id is None:
                person_id = services.people.add(choice.name, access=choice.access).id
            services.sign_in(person_id)
        except CandourError as error:
            dialogs.warn("Who are you?", str(error))
            continue
        settings.set_identity_for(label, person_id)
        return True


def _ask_target(dialogs: Dialogs, settings: UiSettings, *, create: bool) -> Path | None:
    recent = settings.recent_databases
    folder = Path(recent[0]).parent if recent else data_dir()
    if create:
        return dialogs.save_file("New database", folder / "candour.sqlite3", DB_FILTER)
    return dialogs.open_file("Open database", folder, DB_FILTER)


def switch_to(window: MainWindow, target: str | Path, *, create: bool = False) -> bool:
    if str(target) == str(window.services.database_path):
        return True
    if not window.editors.close_all():  # unsaved typing in an editor: the user chose Cancel
        return False
    services = open_database(
        target, None, window.dialogs, window.settings, create=create, give_up="Keep the current database"
    )
    if services is None:
        return False
    switch_services(window, services)
    return True


def connect_to_server(window: MainWindow) -> bool:
    """The connection dialog; once it has opened the server's database, the window shows it."""
    from desktop.server_dialog import ServerDialog

    dialog = ServerDialog(window.settings.last_server, open_services, window)
    if not dialog.exec() or dialog.services is None:
        return False
    services = dialog.services
    window.settings.last_server = dialog.connection()
    if not window.editors.close_all() or (
        services.identity is None and not sign_in(services, window.dialogs, window.settings)
    ):
        services.close()
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
    return target is not None and switch_to(window, target, create=create)


def build_window(db: str | None, user: str | None, settings: UiSettings | None = None) -> MainWindow | None:
    from desktop.main_window import MainWindow  # after QApplication exists

    settings = settings or UiSettings()
    dialogs = Dialogs()
    # Only the default database (no --db, no CANDOUR_DB) is made on first launch; a named one must exist.
    default = db is None and not os.environ.get("CANDOUR_DB")
    services = open_database(db, user, dialogs, settings, create=default)
    if services is None:
        return None
    window = MainWindow(services, TaskRunner(), settings, dialogs)
    window.runner.setParent(window)
    dialogs.parent = window
    return window
