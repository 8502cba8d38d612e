"""Where Candour keeps things: the user's data folder (platformdirs) and the bundled resources."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "Candour"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "candour.sqlite3"


def resource_path(name: str) -> Path:
    """A file under resources/ (icons, fonts, sample reports)."""
    return Path(__file__).resolve().parent.parent / "resources" / name
