"""Backups: a consistent copy of a live SQLite database, and restoring one without losing anyone's work.

A restore fences off every other writer first: it takes the database's write lock (waiting a bounded
time, and saying so), takes the safety copy under that lock, and replaces the content in the same
transaction, so nothing another program commits can fall between the safety copy and the restore.
Backups and restores read their source read-only and check it with SQLite's integrity check first.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path

from core.clock import file_stamp
from core.domain.errors import DatabaseError, FileWriteError
from core.files import replacing
from core.services import audit
from core.services.context import ServiceContext, account_name
from core.store.db import Database
from core.store.migrate import foreign_in, is_known_revision, upgrade_to_head
from core.store.search import is_own_object

RESTORE_WAIT_S = 30.0  # how long a restore waits for other programs to finish writing
_LOCK_TRY_MS = 200
_STALE_PARTIAL_S = 600  # a .partial file this old belongs to a run that was killed

Waiting = Callable[[str], None]


def back_up(db: Database, target: Path) -> Path:
    """Write a consistent copy with SQLite's online backup API (safe while Candour is open)."""
    if db.path is None:
        raise DatabaseError(
            "Back up a server database with the server's own tool, pg_dump (e.g. pg_dump -Fc "
            "-f candour.dump candour); the README's 'Sharing one database' shows how."
        )
    target = target.expanduser().resolve()
    if target == db.path.resolve():
        raise DatabaseError("A backup cannot be written over the database it copies.")
    if target.is_dir():
        target = target / f"{db.path.stem}-{file_stamp()}.sqlite3"
    with closing(_open_read_only(db.path)) as source:
        _check_integrity(source, db.path, "so it was not backed up; restore the last good backup")
        remove_stale_partials(target)
        with replacing(target) as partial:  # an OSError in here becomes one sentence naming the target
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.touch(exist_ok=False)  # a refused folder fails here, with the operating system's reason
            try:
                with closing(sqlite3.connect(partial)) as copy:
                    source.backup(copy)
                    copy.execute(
                        "PRAGMA journal_mode = DELETE"
                    )  # one self-contained file: opens on read-only media
            except sqlite3.Error as error:
                reason = "the disk is full" if "full" in str(error) else str(error)
                raise FileWriteError(f"{target} could not be written: {reason}.") from error
    return target


def remove_stale_partials(target: Path) -> None:
    """Remove what killed runs left beside target (their half-written .partial files)."""
    now = time.time()
    with suppress(OSError):
        for leftover in target.parent.glob(f".{target.name}.*.partial"):
            with suppress(OSError):
                if now - leftover.stat().st_mtime > _STALE_PARTIAL_S:
                    leftover.unlink()


def restore_database(
    target: str | Path, source: Path, actor: str | None = None, waiting: Waiting | None = None
) -> tuple[str, Path | None]:
    """Restore the existing database at target (path or URL) from a backup; returns (its label, safety
    copy)."""
    db = Database(target, must_exist=True)
    try:
        return db.label, restore(db, source, actor, waiting)
    finally:
        db.dispose()


def restore(
    db: Database, source: Path, actor: str | None = None, waiting: Waiting | None = None
) -> Path | None:
    """Replace the database's content with a backup's; the current content is kept in a safety copy.

    Returns the safety copy's path. The backup is checked first, and nothing changes if it is refused.
    """
    if db.path is None:
        raise DatabaseError("Restore a shared server database with the server's own tools.")
    source = source.expanduser().resolve()
    check_backup(source)
    db.dispose()  # no pooled connection of ours may hold the old content open
    existed = db.path.exists() and db.path.stat().st_size > 0
    with closing(sqlite3.connect(db.path.resolve().as_uri(), isolation_level=None, uri=True)) as live:
        live.execute(
            "ATTACH DATABASE ? AS backup", (f"{source.as_uri()}?mode=ro",)
        )  # not allowed once fenced
        _fence(live, db.label, waiting)
        try:
            safety = _safety_copy(db.path) if existed else None
            _replace_content(live)
            live.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                live.execute("ROLLBACK")
            raise
    upgrade_to_head(db)
    ctx = ServiceContext(db=db, actor=actor or account_name())
    with db.writing() as session:  # the restored history carries its own restore
        audit.record(
            session, ctx, entity="database", entity_id=0, action_id=None, operation="restore", new=source.name
        )
    return safety


def _fence(live: sqlite3.Connection, label: str, waiting: Waiting | None) -> None:
    """Take the write lock, waiting at most RESTORE_WAIT_S (and saying so once) for other writers."""
    live.execute(f"PRAGMA busy_timeout = {_LOCK_TRY_MS}")
    deadline = time.monotonic() + RESTORE_WAIT_S
    told = False
    while True:
        try:
            live.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise DatabaseError(f"{label} cannot be restored: {error}.") from error
        if time.monotonic() > deadline:
            raise DatabaseError(
                f"{label} was not restored: another program kept writing to it for "
                f"{RESTORE_WAIT_S:.0f} seconds; close Candour everywhere else and try again."
            )
        if waiting is not None and not told:
            waiting(f"Waiting for other programs to finish writing to {label}…")
            told = True


def _safety_copy(path: Path) -> Path:
    """The current content, read while restore holds the write lock, so it is the latest committed.

    (A second connection reads it: SQLite's backup cannot read through the connection holding the lock.)"""
    safety = path.parent / "backups" / f"{path.stem}-before-restore-{file_stamp()}.sqlite3"
    safety.parent.mkdir(parents=True, exist_ok=True)
    with closing(_open_read_only(path)) as reader, closing(sqlite3.connect(safety)) as copy:
        reader.backup(copy)
    return safety


def _replace_content(live: sqlite3.Connection) -> None:
    """Within live's open transaction: drop every object and copy the attached backup's schema and rows in.

    Virtual tables (the search index) are made first, so their shadow tables exist and take the backup's
    rows like any other table; triggers come last, so copying rows fires none of them."""
    live.execute("PRAGMA defer_foreign_keys = ON")  # rows arrive table by table; checked at COMMIT
    order = {"trigger": 0, "view": 1, "table": 2}
    current = live.execute(
        "SELECT type, name, sql FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND type IN ('trigger', 'view', 'table')"
    ).fetchall()
    current.sort(key=lambda row: (order[row[0]], not (row[2] or "").upper().startswith("CREATE VIRTUAL")))
    for kind, name, _sql in current:
        live.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')
    objects = live.execute(
        "SELECT type, name, sql FROM backup.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    tables = [(name, sql) for kind, name, sql in objects if kind == "table"]
    virtual = [(name, sql) for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
    for _name, sql in virtual:
        live.execute(sql)
    for name, sql in tables:
        if (name, sql) in virtual:
            continue
        if not live.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (name,)).fetchone():
            live.execute(sql)
        live.execute(f'DELETE FROM main."{name}"')
        live.execute(f'INSERT INTO main."{name}" SELECT * FROM backup."{name}"')
    for kind in ("index", "view", "trigger"):
        for _kind, _name, sql in (row for row in objects if row[0] == kind):
            live.execute(sql)
    for internal, columns in (("sqlite_sequence", None), ("sqlite_stat1", "tbl, idx, stat")):
        if live.execute("SELECT 1 FROM backup.sqlite_master WHERE name = ?", (internal,)).fetchone():
            if (
                columns
                and not live.execute(
                    "SELECT 1 FROM main.sqlite_master WHERE name = ?", (internal,)
                ).fetchone()
            ):
                live.execute(f"CREATE TABLE main.{internal} ({columns})")  # SQLite allows this one by name
            live.execute(f"DELETE FROM main.{internal}")
            live.execute(f"INSERT INTO main.{internal} SELECT * FROM backup.{internal}")


def check_backup(source: Path) -> None:
    if not source.is_file():
        raise DatabaseError(f"{source} is not a file, so it cannot be restored.")
    try:
        with closing(_open_read_only(source)) as raw:
            _check_integrity(raw, source, "so it cannot be restored")
            has_version = raw.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            revisions = (
                raw.execute("SELECT version_num FROM alembic_version").fetchall() if has_version else []
            )
            foreign = foreign_in(
                [
                    (kind, name)
                    for kind, name, sql in raw.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
                    if not is_own_object(kind, name, sql)
                ]
            )
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{source.name} is not a Candour backup (it is not an SQLite file).") from error
    if len(revisions) != 1 or not isinstance(revisions[0][0], str):
        raise DatabaseError(f"{source.name} is not a Candour backup.")
    if foreign:
        kind, name = foreign[0]
        more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
        raise DatabaseError(
            f"{source.name} is not a Candour database: it holds a {kind} '{name}'{more} "
            "that Candour did not make."
        )
    if not is_known_revision(revisions[0][0]):
        raise DatabaseError(f"{source.name} was written by a newer version of Candour; update Candour first.")


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection: works on read-only media and never changes the file."""
    uri = path.resolve().as_uri()
    try:
        raw = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return raw
    except sqlite3.OperationalError:  # a WAL-mode file on read-only media: read it as an unchanging file
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _check_integrity(raw: sqlite3.Connection, path: Path, consequence: str) -> None:
    try:
        verdict = raw.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "encrypted" in str(error):
            raise
        verdict = str(error)
    if verdict != "ok":
        raise DatabaseError(f"{path.name} is damaged (SQLite's integrity check failed), {consequence}.")
