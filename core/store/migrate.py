"""Bring a database to the current schema: back it up first, refuse files from a newer Candour."""

from __future__ import annotations

import datetime as dt
import sqlite3
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from core.domain.errors import DatabaseError
from core.store.db import Database, describe_driver_error

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration. Opening an up-to-date database compares against this without importing Alembic
# (a tenth of a second at start-up); tests/core/store checks it is Alembic's head.
SCHEMA_HEAD = "0004_search_fts"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("core.store") / "migrations"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    return revision in {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(db: Database) -> Path | None:
    """Migrate db to the latest schema. Returns the backup written before upgrading, if any."""
    try:
        if _is_current(db):
            return None
        return _upgrade(db)
    except DBAPIError as error:
        raise DatabaseError(describe_driver_error(db, error)) from error


def _is_current(db: Database) -> bool:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [SCHEMA_HEAD]


def _upgrade(db: Database) -> Path | None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    with db.engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    head = script.get_current_head()
    if revision == head:
        return None
    if revision is None and tables - {"alembic_version"}:
        raise DatabaseError(f"{db.label} is not a Candour database (it holds other tables).")
    if revision is not None and not is_known_revision(revision):
        raise DatabaseError(
            f"{db.label} was written by a newer version of Candour (schema {revision}); "
            "update Candour to open it."
        )
    backup = backup_before_upgrade(db, revision) if revision is not None else None
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def backup_before_upgrade(db: Database, revision: str) -> Path | None:
    if db.path is None:
        return None  # server databases are backed up by their administrators
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db.path.parent / "backups" / f"{db.path.stem}-{revision}-{stamp}.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_sqlite(db.path, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database through SQLite's online backup API."""
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
