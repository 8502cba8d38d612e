"""The `candour` and `candour-app` entry points: the window when no command is given, else the command line.

Qt is loaded only when the window is wanted, so `candour actions` starts as fast as the command line alone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from core.cli.main import main as run_command


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(argv, open_window=open_window)


def open_window(db: str | None, user: str | None) -> int:
    if not display_available():
        print(
            "candour: no graphical display is available, so the window cannot open; "
            "use a command instead (see 'candour --help').",
            file=sys.stderr,
        )
        return 2
    from desktop.startup import run_desktop

    return run_desktop(db, user)


def display_available() -> bool:
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


if __name__ == "__main__":
    sys.exit(main())
