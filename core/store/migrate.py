"""Bring a database to the current schema: back it up first, refuse files from a newer Candour."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from core.clock import file_stamp
from core.domain.errors import DatabaseError
from core.store.db import Database, describe_driver_error
from core.store.search import SEARCH_TABLE, is_own_object
from core.store.server_search import OWN_OBJECTS_QUERY, foreign_server_objects

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

# The newest migration. Opening an up-to-date database compares against this without importing Alembic
# (a tenth of a second at start-up); tests/core/store checks it is Alembic's head.
SCHEMA_HEAD = "0006_search_index_direct"
_MIGRATION_LOCK = 0x43616E6D  # PostgreSQL advisory lock id held while migrating ('Canm')


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
        return _recorded_revision(db, MigrationContext.configure(connection))


def _recorded_revision(db: Database, context: MigrationContext) -> str | None:
    """The schema version the database records; a damaged record (several rows) is one sentence."""
    from alembic.util.exc import CommandError

    try:
        return context.get_current_revision()
    except CommandError:
        raise DatabaseError(
            f"{db.label} has a damaged schema record (its alembic_version table holds more than "
            "one version), so Candour cannot tell how to open it; restore a backup."
        ) from None


def upgrade_to_head(db: Database) -> Path | None:
    """Migrate db to the latest schema. Returns the backup written before upgrading, if any.

    A database holding a trigger, view or table that is not Candour's is refused untouched: a trigger
    could rewrite the history behind Candour's back.
    """
    try:
        if not db.is_sqlite:
            check_server(db)
        refuse_foreign_objects(db)
        if _is_current(db):
            return None
        return _upgrade(db)
    except DBAPIError as error:
        raise DatabaseError(describe_driver_error(db, error)) from error


OLDEST_SERVER = 130000  # PostgreSQL 13: the first with normalize(), which search uses to remove accents


def check_server(db: Database) -> None:
    """A server Candour can work with, and a login that may use its schema."""
    with db.engine.connect() as connection:
        version, schema, login, encoding = connection.exec_driver_sql(
            "SELECT current_setting('server_version_num')::int, current_schema(), current_user::text, "
            "current_setting('server_encoding')"
        ).one()
    if version < OLDEST_SERVER:
        raise DatabaseError(
            f"{db.label} runs PostgreSQL {version // 10000}; Candour needs PostgreSQL "
            f"{OLDEST_SERVER // 10000} or newer."
        )
    if encoding != "UTF8":  # text would come back as bytes, and search could not take accents off
        raise DatabaseError(
            f"{db.label} stores text as {encoding}; Candour needs a UTF8 database "
            f"(createdb -E UTF8 -T template0 ...)."
        )
    if schema is None:  # the login may not even see the schema: no Candour role was given to it
        raise DatabaseError(not_a_person(db, login))


def not_a_person(db: Database, login: str) -> str:
    return (
        f"The login {login} is not a person in Candour at {db.label}; ask your administrator to add you with "
        "'candour team add-person'."
    )


def foreign_objects(db: Database) -> list[tuple[str, str]]:
    """(kind, name) of every trigger, view or table in the database that Candour did not make."""
    with db.engine.connect() as connection:
        if db.is_sqlite:
            rows = [
                (kind, name)
                for kind, name, sql in connection.exec_driver_sql(
                    "SELECT type, name, sql FROM sqlite_master"
                ).all()
                if not is_own_object(kind, name, sql)
            ]  # the FTS5 search index Candour made
        else:
            inspector = inspect(connection)
            tables = [("table", t) for t in inspector.get_table_names() if t != SEARCH_TABLE]
            views = [("view", v) for v in inspector.get_view_names()]
            search = foreign_server_objects(
                [tuple(row) for row in connection.exec_driver_sql(OWN_OBJECTS_QUERY).all()]
            )  # the triggers and functions of the server's search index, exactly as Candour made them
            return foreign_in(tables + views) + search
    return foreign_in(rows)


def foreign_in(rows: Iterable[Any]) -> list[tuple[str, str]]:
    """The (kind, name) rows of a schema listing that Candour did not make."""
    from core.store.orm import Base

    own = set(Base.metadata.tables) | {"alembic_version"}
    return [
        (kind, name)
        for kind, name in rows
        if kind in ("trigger", "view")
        or (kind == "table" and name not in own and not name.startswith("sqlite_"))
    ]


def refuse_foreign_objects(db: Database, label: str | None = None) -> None:
    found = foreign_objects(db)
    if found:
        kind, name = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise DatabaseError(
            f"{label or db.label} is not a Candour database: it holds a {kind} '{name}'{more} "
            "that Candour did not make."
        )


def _is_current(db: Database) -> bool:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            SCHEMA_HEAD
        ]


def _upgrade(db: Database) -> Path | None:
    """On a server, one client migrates at a time (an advisory lock held to commit); the others then find the
    schema current. Everything runs in one transaction, so a failed upgrade leaves the database as it was."""
    with db.engine.begin() as connection:
        if not db.is_sqlite:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        return _upgrade_on(db, connection)


def _upgrade_on(db: Database, connection: Connection) -> Path | None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    revision = _recorded_revision(db, MigrationContext.configure(connection))
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
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    return backup


def backup_before_upgrade(db: Database, revision: str) -> Path | None:
    if db.path is None:
        return None  # server databases are backed up by their administrators
    target = db.path.parent / "backups" / f"{db.path.stem}-{revision}-{file_stamp()}.sqlite3"
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
