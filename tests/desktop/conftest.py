"""Desktop fixtures: temporary QSettings, a task runner that is drained after each test, scripted dialogs."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from core.domain.registry import Person
from core.domain.vocabulary import Access
from desktop.dialogs import DISCARD, Dialogs
from desktop.editor.conflict import FieldConflict
from desktop.identity_dialog import IdentityChoice
from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings


class FakeDialogs(Dialogs):
    """Answers modal questions from a script and records what was shown."""

    def __init__(self) -> None:
        super().__init__(None)
        self.answers: deque[Any] = deque()
        self.shown: list[tuple[str, str, str]] = []
        self.identity: IdentityChoice | None = None  # None: the first governance lead, else the first person
        self.conflict_answers: deque[set[str] | None] = deque()  # default: keep all of mine
        self.close_answers: deque[str] = deque()  # default: discard
        self.conflicts: list[list[FieldConflict]] = []

    def answer(self, *values: Any) -> None:
        self.answers.extend(values)

    def _next(self, default: Any = None) -> Any:
        return self.answers.popleft() if self.answers else default

    def inform(self, title: str, text: str) -> None:
        self.shown.append(("inform", title, text))

    def warn(self, title: str, text: str) -> None:
        self.shown.append(("warn", title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return bool(self._next(True))

    def run(self, dialog: Any) -> bool:
        """The scripted answer is a function that fills the dialog and says whether it is accepted."""
        self.shown.append(("run", dialog.windowTitle(), ""))
        fill = self._next(None)
        return bool(fill(dialog)) if fill is not None else False

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        self.shown.append(("ask_text", title, label))
        return self._next()

    def ask_item(self, title: str, label: str, items: list[str], current: int = 0) -> str | None:
        self.shown.append(("ask_item", title, label))
        return self._next()

    def choose_identity(self, people: list[Person], database: str) -> IdentityChoice | None:
        self.shown.append(("choose_identity", "Who are you?", database))
        if self.identity is not None:
            return self.identity
        lead = next((p for p in people if p.access is Access.GOVERNANCE_LEAD), people[0] if people else None)
        return (
            IdentityChoice(person_id=lead.id)
            if lead
            else IdentityChoice(name="Test Lead", access=Access.GOVERNANCE_LEAD)
        )

    def resolve_conflict(self, text: str, rows: list[FieldConflict]) -> set[str] | None:
        self.shown.append(("resolve_conflict", "Changed by someone else", text))
        self.conflicts.append(rows)
        return self.conflict_answers.popleft() if self.conflict_answers else set()

    def save_discard_cancel(self, title: str, text: str) -> str:
        self.shown.append(("save_discard_cancel", title, text))
        return self.close_answers.popleft() if self.close_answers else DISCARD

    def open_files(self, title: str, folder: Path, filters: str) -> list[Path]:
        return list(self._next([]))

    def open_file(self, title: str, folder: Path, filters: str) -> Path | None:
        return self._next()

    def open_folder(self, title: str, folder: Path) -> Path | None:
        return self._next()

    def save_file(self, title: str, suggested: Path, filters: str) -> Path | None:
        return self._next()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def runner(qtbot) -> TaskRunner:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait_for_done(10_000)


@pytest.fixture
def window(qtbot, services, runner, dialogs, ui_settings) -> MainWindow:
    """The main window on the test's database, with scripted dialogs."""
    main = MainWindow(services, runner, ui_settings, dialogs)
    dialogs.parent = main
    qtbot.addWidget(main)
    return main


def load(qtbot, panel) -> None:
    """Show a panel on its own (a shown panel loads itself, off the GUI thread) or refresh it, and wait
    until the fresh data is on screen."""
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        if panel.parent() is None and not panel.isVisible():
            panel.show()
        else:
            panel.refresh()
