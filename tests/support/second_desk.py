"""A second Candour app in its own process (offscreen Qt), driven by a test through its stdin and stdout.

    python -m tests.support.second_desk DATABASE [--user NAME] ACTION_ID

It opens the main window on DATABASE as that person (on a team server the URL's login says who), opens the
action's editor and prints `ready`. Then, one command a line:
  priority LEVEL   sets the priority in the editor (as a click would) and prints `saved VERSION`
  wait-note TEXT   prints `seen` once its open editor shows a progress note with that text (made elsewhere)
  quit             closes the window and ends.
"""

from __future__ import annotations

import argparse
import os
import queue
import sys
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from core.domain.vocabulary import Priority
    from core.services.app import open_services
    from desktop.dialogs import Dialogs
    from desktop.main_window import MainWindow
    from desktop.tasks import TaskRunner
    from desktop.ui_settings import UiSettings

    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("action_id", type=int)
    parser.add_argument("--user")
    parser.add_argument("--settings", required=True)
    args = parser.parse_args(argv)
    app = QApplication([])
    services = open_services(args.database, user=args.user)
    runner = TaskRunner()
    settings = UiSettings(QSettings(args.settings, QSettings.Format.IniFormat))
    window = MainWindow(services, runner, settings, Dialogs(None))
    window.show()
    editor = window.editors.open(args.action_id)
    assert editor is not None
    commands: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [commands.put(line.strip()) for line in sys.stdin], daemon=True).start()
    waiting_for: list[str] = []

    def say(text: str) -> None:
        print(text, flush=True)

    def step() -> None:
        if waiting_for and any(n.text == waiting_for[0] for n in editor.ctl.detail.notes):
            waiting_for.clear()
            say("seen")
        try:
            line = commands.get_nowait()
        except queue.Empty:
            return
        command, _, rest = line.partition(" ")
        if command == "priority":
            editor.ctl.set_priority(Priority(rest))
            say(f"saved {editor.ctl.detail.version}")
        elif command == "wait-note":
            waiting_for[:] = [rest]
        elif command == "quit":
            window.editors.close_all(force=True)
            window.close()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(20)
    say("ready")
    app.exec()
    runner.wait_for_done(10_000)
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
