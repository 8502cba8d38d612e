"""Window layout and preferences of this computer's user (QSettings), behind typed properties."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from core.services.server_connection import ServerConnection

SETTINGS_VERSION = 1
MAX_RECENT = 8


class UiSettings:
    """The only place that reads or writes QSettings. Inject a QSettings (tests use a temporary INI)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings()
        if int(str(self._s.value("settings_version", 0) or 0)) < SETTINGS_VERSION:
            self._s.setValue("settings_version", SETTINGS_VERSION)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    def header_state(self, table: str) -> QByteArray | None:
        """Column widths, order and sort indicator of a table view."""
        return self._bytes(f"tables/{table}/header")

    def set_header_state(self, table: str, value: QByteArray) -> None:
        self._s.setValue(f"tables/{table}/header", value)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"splitters/{name}", value)

    @property
    def last_view(self) -> str:
        return str(self._s.value("window/last_view", "") or "")

    @last_view.setter
    def last_view(self, value: str) -> None:
        self._s.setValue("window/last_view", value)

    @property
    def last_import_dir(self) -> Path:
        value = self._s.value("paths/last_import_dir", "")
        return Path(str(value)) if value else Path.home()

    @last_import_dir.setter
    def last_import_dir(self, value: Path) -> None:
        self._s.setValue("paths/last_import_dir", str(value))

    def last_save_dir(self, kind: str) -> Path:
        """The folder the user last saved this kind of file to ('documents', 'exports', 'backups')."""
        value = self._s.value(f"paths/last_{kind}_dir", "")
        return Path(str(value)) if value else Path.home()

    def set_last_save_dir(self, kind: str, value: Path) -> None:
        self._s.setValue(f"paths/last_{kind}_dir", str(value))

    @property
    def last_meeting(self) -> dt.date | None:
        """The meeting date of the last meeting pack printed: the next pack covers what changed since."""
        value = str(self._s.value("documents/last_meeting", "") or "")
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            return None

    @last_meeting.setter
    def last_meeting(self, value: dt.date) -> None:
        self._s.setValue("documents/last_meeting", value.isoformat())

    @property
    def show_archived_locations(self) -> bool:
        return str(self._s.value("locations/show_archived", "false")).lower() == "true"

    @show_archived_locations.setter
    def show_archived_locations(self, value: bool) -> None:
        self._s.setValue("locations/show_archived", "true" if value else "false")

    @property
    def show_left_people(self) -> bool:
        return str(self._s.value("people/show_left", "true")).lower() == "true"

    @show_left_people.setter
    def show_left_people(self, value: bool) -> None:
        self._s.setValue("people/show_left", "true" if value else "false")

    @property
    def last_server(self) -> ServerConnection | None:
        """The team server last connected to (never its password: that is in the keyring, if anywhere)."""
        text = self._s.value("server/last")
        try:
            return ServerConnection.model_validate_json(str(text)) if text else None
        except ValueError:
            return None

    @last_server.setter
    def last_server(self, value: ServerConnection) -> None:
        self._s.setValue("server/last", value.model_dump_json())

    @property
    def recent_databases(self) -> list[str]:
        value = self._s.value("databases/recent", [])
        if isinstance(value, str):  # QSettings gives a one-item list back as its item
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent_database(self, target: str) -> None:
        recent = [target] + [r for r in self.recent_databases if r != target]
        self._s.setValue("databases/recent", recent[:MAX_RECENT])

    def identity_for(self, database: str) -> int | None:
        """The person this computer's user chose for that database (its path or URL), if any."""
        value = self._s.value(f"identity/{_key(database)}", "")
        return int(str(value)) if str(value).isdigit() else None

    def set_identity_for(self, database: str, person_id: int) -> None:
        self._s.setValue(f"identity/{_key(database)}", str(person_id))

    # -- the register's filter and named views, per database (their ids mean nothing in another one) -----

    def register_filter(self, database: str) -> str | None:
        """The register's last filter in this database, as JSON (None: never saved)."""
        value = self._s.value(f"register/{_key(database)}/filter")
        return str(value) if value else None

    def set_register_filter(self, database: str, value: str) -> None:
        self._s.setValue(f"register/{_key(database)}/filter", value)

    def saved_views(self, database: str) -> dict[str, str]:
        """Named register filters of this database: name -> filter as JSON."""
        value = self._s.value(f"register/{_key(database)}/views")
        try:
            views = json.loads(str(value)) if value else {}
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in views.items()} if isinstance(views, dict) else {}

    def set_saved_views(self, database: str, views: dict[str, str]) -> None:
        self._s.setValue(f"register/{_key(database)}/views", json.dumps(views))

    def value(self, key: str, default: object = None) -> object:
        return self._s.value(f"misc/{key}", default)

    def set_value(self, key: str, value: object) -> None:
        self._s.setValue(f"misc/{key}", value)

    def sync(self) -> None:
        self._s.sync()


def _key(database: str) -> str:
    """A QSettings key for a database path or URL (no slashes, which QSettings reads as groups)."""
    return hashlib.sha1(database.encode("utf-8")).hexdigest()
