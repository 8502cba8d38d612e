"""Opening the window: logging, the crash handler, QApplication, the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.paths import data_dir
from desktop.widgets.plain_text import install_plain_tooltips, message_box

log = logging.getLogger("candour")


def log_folder() -> Path:
    return data_dir() / "logs"


def setup_logging() -> Path:
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "candour.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    return path


def crash_sentence(error: BaseException, log_file: Path) -> str:
    return (
        f"Something went wrong ({type(error).__name__}: {error}); the details are in {log_file}. "
        "Changes you saved are safe."
    )


def install_excepthook(log_file: Path) -> None:
    """Log any uncaught exception's traceback and show one sentence instead of crashing."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Uncaught exception:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if QApplication.instance() is not None:
            message_box(None, QMessageBox.Icon.Warning, "Candour", crash_sentence(error, log_file)).exec()

    sys.excepthook = hook


def _shown_then_quit(app: QApplication) -> None:
    """After one pass of the event loop (the window is painted): say when, for the start-up benchmark."""
    print(f"shown at {time.time():.6f}", flush=True)
    app.quit()


def run_desktop(db: str | None, user: str | None) -> int:
    log_file = setup_logging()
    install_excepthook(log_file)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    install_plain_tooltips(app)
    app.setApplicationName("Candour")
    app.setOrganizationName("Candour")
    app.setApplicationDisplayName("Candour")
    from desktop.app import build_window  # after QApplication: widgets need it

    window = build_window(db, user)
    if window is None:
        return 1
    window.show()
    # benchmarks/bench_startup.py and the bundle's smoke test: show, say when, quit
    if os.environ.get("CANDOUR_EXIT_WHEN_SHOWN") == "1":
        QTimer.singleShot(0, lambda: _shown_then_quit(app))
    code = app.exec()
    window.services.close()  # checkpoints the WAL: the .sqlite3 file alone holds the session's work
    return code
