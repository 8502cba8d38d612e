"""Backups: a consistent copy of a live SQLite database, and restoring one."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from core.domain.errors import DatabaseError, FileWriteError
from core.files import replacing
from core.services import audit
from core.services.context import ServiceContext, account_name
from core.store.db import Database
from core.store.migrate import (
    copy_sqlite,
    current_revision,
    is_known_revision,
    refuse_foreign_objects,
    upgrade_to_head,
)


def back_up(db: Database, target: Path) -> Path:
    """Write a consistent copy with SQLite's online backup API (safe while Candour is open)."""
    if db.path is None:
        raise DatabaseError("Back up a shared server database with the server's own tools (e.g. pg_dump).")
    target = target.expanduser().resolve()
    if target == db.path.resolve():
        raise DatabaseError("A backup cannot be written over the database it copies.")
    if target.is_dir():
        target = target / f"{db.path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    with replacing(target) as partial:  # an OSError in here becomes one sentence naming the target
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.touch(exist_ok=False)  # a refused folder fails here, with the operating system's reason
        try:
            copy_sqlite(db.path, partial)
        except sqlite3.Error as error:
            reason = "the disk is full" if "full" in str(error) else str(error)
            raise FileWriteError(f"{target} could not be written: {reason}.") from error
    return target


def restore_database(target: str | Path, source: Path, actor: str | None = None) -> tuple[str, Path | None]:
    """Restore the existing database at target (path or URL) from a backup; returns (its label, safety copy)."""
    db = Database(target, must_exist=True)
    try:
        return db.label, restore(db, source, actor)
    finally:
        db.dispose()


def restore(db: Database, source: Path, actor: str | None = None) -> Path | None:
    """Replace the database's content with a backup's; the current content is kept in a safety copy.

    Returns the safety copy's path. The backup is checked first, and nothing changes if it is refused.
    """
    if db.path is None:
        raise DatabaseError("Restore a shared server database with the server's own tools.")
    source = source.expanduser().resolve()
    check_backup(source)
    safety = None
    if db.path.exists():
        safety = db.path.parent / "backups" / f"{db.path.stem}-before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
        safety.parent.mkdir(parents=True, exist_ok=True)
        copy_sqlite(db.path, safety)
    db.dispose()  # no pooled connection may hold the old content open
    copy_sqlite(source, db.path)
    upgrade_to_head(db)
    ctx = ServiceContext(db=db, actor=actor or account_name())
    with db.writing() as session:  # the restored history carries its own restore
        audit.record(session, ctx, entity="database", entity_id=0, action_id=None, operation="restore",
                     new=source.name)
    return safety


def check_backup(source: Path) -> None:
    if not source.is_file():
        raise DatabaseError(f"{source} is not a file, so it cannot be restored.")
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as raw:
            if raw.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise DatabaseError(f"{source.name} is damaged (SQLite's integrity check failed).")
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{source.name} is not a Candour backup (it is not an SQLite file).") from error
    probe = Database(source)
    try:
        revision = current_revision(probe)
        if revision is None:
            raise DatabaseError(f"{source.name} is not a Candour backup.")
        refuse_foreign_objects(probe, label=source.name)
    finally:
        probe.dispose()
    if not is_known_revision(revision):
        raise DatabaseError(f"{source.name} was written by a newer version of Candour; update Candour first.")
