"""Two Candour apps in two processes, as two people at two desks: what one changes in its editor reaches the
other's register and open editor as it happens, and the other way round. On one SQLite file (two windows on
one computer) and, on a server, with each person signed in by their own login (team mode).

The second app is tests/support/second_desk.py in a child process, driven through its stdin and stdout."""

from __future__ import annotations

import datetime as dt
import queue
import subprocess
import sys
import threading
from pathlib import Path

from core.domain.vocabulary import Access, ActionKind, Priority
from desktop.main_window import MainWindow
from tests.conftest import ROOT

NOTE = "Fridge thermometer checked at both desks."


class SecondDesk:
    def __init__(self, qtbot, database: str, action_id: int, settings: Path, user: str | None = None) -> None:
        self.qtbot = qtbot
        command = [sys.executable, "-m", "tests.support.second_desk", database, str(action_id)]
        command += ["--settings", str(settings)] + (["--user", user] if user else [])
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.lines: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        stdout = self.process.stdout
        threading.Thread(target=lambda: [self.lines.put(x.strip()) for x in stdout], daemon=True).start()

    def expect(self, word: str) -> str:
        """Wait (running this app's event loop) for the second app's next line, which starts with word."""
        ended = self.process.poll
        self.qtbot.waitUntil(lambda: not self.lines.empty() or ended() is not None, timeout=60_000)
        assert not self.lines.empty(), f"the second app ended (exit status {self.process.returncode})"
        line = self.lines.get()
        assert line.startswith(word), line
        return line

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.poll() is None:
            self.send("quit")
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def row_priority(window: MainWindow, action_id: int) -> Priority | None:
    model = window.register.model
    row = model.row_of(action_id)
    summary = model.summary(row) if row is not None else None
    return summary.priority if summary else None


def see_each_other(qtbot, window: MainWindow, desk: SecondDesk, action_id: int) -> None:
    window.show()
    window.show_view("actions")
    qtbot.waitUntil(lambda: row_priority(window, action_id) is not None, timeout=10_000)
    assert row_priority(window, action_id) is not Priority.LOW
    editor = window.editors.open(action_id)
    assert editor is not None
    desk.expect("ready")

    desk.send("priority low")  # the second app changes the action in its editor
    desk.expect("saved")
    qtbot.waitUntil(lambda: editor.ctl.detail.summary.priority is Priority.LOW, timeout=10_000)
    qtbot.waitUntil(lambda: row_priority(window, action_id) is Priority.LOW, timeout=10_000)
    assert editor.overview.priority.currentData() == Priority.LOW.value

    desk.send(f"wait-note {NOTE}")  # and sees what this app adds in its own editor
    assert editor.ctl.add_note(NOTE)
    desk.expect("seen")


def test_two_apps_on_one_database_see_each_others_changes(qtbot, window, register, database_target, tmp_path):
    must = register["must"]
    desk = SecondDesk(qtbot, database_target, must.id, tmp_path / "second.ini", user="Tom Hughes")
    try:
        see_each_other(qtbot, window, desk, must.id)
    finally:
        desk.close()
    assert desk.process.returncode == 0


def test_two_logins_on_a_server_see_each_others_changes(qtbot, team, runner, dialogs, ui_settings, tmp_path):
    location = team.admin.locations.add("Holmwood Grange")
    lead = team.add("Tom Hughes", Access.GOVERNANCE_LEAD)
    priya = team.add("Priya Shah", Access.ACTION_OWNER, ["Holmwood Grange"])
    owner = next(p for p in team.admin.people.list() if p.name == "Priya Shah")
    action = team.admin.edits.create(
        location.id, ActionKind.MUST, "Store medicines safely.", owner_id=owner.id, due=dt.date(2026, 4, 30)
    )
    services = team.open_as(lead)
    assert services.actor == "Tom Hughes"
    window = MainWindow(services, runner, ui_settings, dialogs)
    dialogs.parent = window
    qtbot.addWidget(window)
    desk = SecondDesk(qtbot, team.url(priya), action.id, tmp_path / "second.ini")  # signed in as Priya
    try:
        see_each_other(qtbot, window, desk, action.id)
        history = services.actions.history(action.id)
        assert {h.actor for h in history if h.field == "priority"} == {"Priya Shah"}
    finally:
        desk.close()
        window.close()
        services.close()
    assert desk.process.returncode == 0
