"""Engine, SQLite pragmas and transaction scopes for one Candour database."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, PendingRollbackError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.domain.errors import DatabaseError, ServerUnavailable, StaleVersion
from core.store.audit_chain import hold_chain, seal
from core.store.change_feed import collect as collect_changes
from core.store.change_feed import forget, new_token, notify
from core.store.lengths import install as install_length_checks
from core.store.shared_index import index_of, remove_stale_index, unwritable_index
from core.store.wal_check import refuse_foreign_log, stamp_write

BUSY_TIMEOUT_MS = 15_000
PAGE_CACHE_KIB = 65_536
CONNECT_TIMEOUT_S = 10
install_length_checks()
if not event.contains(Session, "after_flush", collect_changes):
    event.listen(Session, "after_flush", collect_changes)


def resolve_url(target: str | Path) -> URL:
    """A path or any SQLAlchemy URL -> URL (a path becomes an absolute SQLite file URL)."""
    text = str(target)
    if "://" in text:
        try:
            return make_url(text)
        except ArgumentError as error:
            raise DatabaseError(f"'{text}' is not a database path or URL Candour understands.") from error
    path = Path(text).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


class Database:
    """One database: an engine plus read and write transaction scopes.

    SQLite runs with foreign keys on, WAL journal and a busy timeout; write transactions start
    with BEGIN IMMEDIATE so two writers queue on the busy timeout instead of failing mid-way.
    """

    def __init__(self, target: str | Path, *, must_exist: bool = False) -> None:
        """must_exist: refuse a file that is missing or empty instead of making a new database there."""
        self.url = resolve_url(target)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.path: Path | None = Path(self.url.database) if self.is_sqlite and self.url.database else None
        if self.path is not None:
            if self.path.is_dir():
                raise DatabaseError(f"{self.path} is a folder, not a database file.")
            if must_exist:
                refuse_missing(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._identity: tuple[int, int] | None = None  # the file's (device, inode) once it exists
        if self.path is not None and self.path.is_file():
            refuse_foreign_log(self.path)
            remove_stale_index(self.path)
            facts = self.path.stat()
            self._identity = (facts.st_dev, facts.st_ino)
        self.engine = self._make_engine()
        # The session of the write transaction in progress in this thread: nested scopes join it.
        self._active: ContextVar[Session | None] = ContextVar(f"candour-session-{id(self)}", default=None)
        self.wrote = False  # since the last checkpoint
        self.own_history: set[int] = set()  # history ids this process wrote (the change feed skips them)
        self.token = new_token()  # names this client's change notices on a server

    def _make_engine(self) -> Engine:
        if not self.is_sqlite:
            # a server that does not answer is given up after CONNECT_TIMEOUT_S, never waited on for ever
            try:
                # Text is UTF-8 both ways, whatever the client's locale (a database that is not is refused).
                engine = create_engine(
                    self.url,
                    pool_pre_ping=True,
                    connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "client_encoding": "utf8"},
                )
            except ModuleNotFoundError as error:
                raise DatabaseError(
                    f"{self.label} is a {self.url.get_backend_name()} server, and this Candour has no "
                    "driver for it: install the postgres extra (pip install -e .[postgres])."
                ) from error
            event.listen(engine, "connect", _configure_server)
            return engine
        engine = create_engine(self.url)  # a small pool: opening SQLite and setting pragmas costs ~1 ms
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine

    @property
    def label(self) -> str:
        """What to show the user: the file path, or the URL without its password."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        active = self._active.get()
        if active is not None:  # inside a write transaction: read what it has written so far
            yield active
            return
        with Session(self.engine, expire_on_commit=False) as session, translate_errors(self):
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction per user operation: all of it is committed or none of it.

        A writing() inside another (in the same thread) joins it, so several service calls wrapped in one
        outer writing() are one transaction (e.g. a multi-field `candour update`). The history written in
        the transaction is sealed into its hash chain just before it commits.
        """
        active = self._active.get()
        if active is not None:
            yield active
            return
        with Session(self.engine, expire_on_commit=False) as session, translate_errors(self):
            if self.is_sqlite:
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
                self.check_still_there()
            else:
                hold_chain(session)
            token = self._active.set(session)
            try:
                yield session
                sealed = seal(session)
                if self.is_sqlite:
                    stamp_write(session)  # lets the next opening tell this file's -wal from another's
                    self.check_still_there()  # a save into a deleted file would be lost when Candour closes
                else:
                    notify(session, self.token)
                session.commit()
                if self.is_sqlite:
                    self.own_history.update(sealed)
            finally:
                forget(session)
                self._active.reset(token)
            self.wrote = True

    def login(self) -> str:
        """The server login (current_user) this database is opened with; servers only."""
        with self.engine.connect() as connection, translate_errors(self):
            return str(connection.exec_driver_sql("SELECT current_user").scalar())

    def checkpoint(self) -> bool:
        """Fold the WAL into the database file and empty it, so the .sqlite3 file alone holds everything.

        Waits at most half a second for other connections; False when it could not finish (another
        program is reading) — the next checkpoint will.
        """
        if self.path is None or not self.path.exists():
            return True
        raw = self.engine.raw_connection()
        try:
            cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
            cursor.execute("PRAGMA busy_timeout = 500")
            busy: int = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.close()
        except sqlite3.Error:
            return False
        finally:
            raw.close()
        self.wrote = self.wrote and busy != 0
        return busy == 0

    def check_still_there(self) -> None:
        """Refuse to write when the file was deleted or replaced since Candour opened it."""
        if self.path is None:
            return
        try:
            facts = self.path.stat()
        except FileNotFoundError:
            raise DatabaseError(
                f"{self.path} was deleted while Candour had it open, so this change was not "
                "saved; open the database again (or restore a backup)."
            ) from None
        identity = (facts.st_dev, facts.st_ino)
        if self._identity is None:
            self._identity = identity
        elif identity != self._identity:
            raise DatabaseError(
                f"{self.path} was replaced by another file while Candour had it open, so this "
                "change was not saved; open the database again."
            )

    def dispose(self) -> None:
        if self.is_sqlite and self.wrote:  # keeps the planner's statistics current as the register grows
            with contextlib.suppress(DBAPIError), self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA optimize")
        if self.wrote:
            self.checkpoint()
        self.engine.dispose()


def refuse_missing(path: Path) -> None:
    """One sentence when a path the user named holds no database: Candour never makes one silently."""
    if not path.exists():
        raise DatabaseError(
            f"There is no database at {path}; check the path, or create one there with 'candour init'."
        )
    if path.is_file() and path.stat().st_size == 0:
        raise DatabaseError(
            f"{path} is an empty file, not a Candour database; create one there with 'candour init'."
        )


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _begin_sqlite)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a change the user was told is saved survives a power cut (NORMAL may lose the last ones in WAL).
    cursor.execute("PRAGMA synchronous = FULL")
    # 64 MiB of page cache rather than SQLite's 2 MiB: the dashboard's counts scan several MiB of index at
    # 100k actions, and with the default cache every scan reads its pages again from the operating system
    # (a fifth of their time). A ceiling, not an allocation: a small register uses what it has.
    cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    cursor.close()


def _configure_server(dbapi_connection: Any, _record: Any) -> None:
    # Candour's queries want a page or a few counts at once: starting parallel workers (tens of milliseconds
    # on a busy server) costs a first page more than they save, so a session plans without them. Set here
    # rather than as a startup option, which a connection pooler such as PgBouncer may refuse.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    dbapi_connection.commit()


def _begin_sqlite(connection: Any) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def translate_errors(db: Database) -> Iterator[None]:
    """Turn driver errors into one sentence for the user."""
    try:
        yield
    except DBAPIError as error:
        if not db.is_sqlite and (error.connection_invalidated or is_lost_connection(error)):
            raise ServerUnavailable(describe_driver_error(db, error)) from error
        raise DatabaseError(describe_driver_error(db, error)) from error
    except (StaleDataError, PendingRollbackError) as error:
        # Optimistic locking found the row changed (or, on a server, hidden by its row-level security).
        raise StaleVersion(
            "Nothing was saved: someone else changed the same record meanwhile, or the server does "
            "not let your login change it; reload and try again."
        ) from error


# What libpq and the server say when there is no server to talk to, or the connection to it broke.
_UNREACHABLE = ("connection failed", "failed to resolve host", "timeout expired", "Connection refused")
_LOST = (
    "server closed the connection",
    "terminating connection",
    "consuming input failed",
    "connection is lost",
    "the connection is closed",
    "SSL SYSCALL error",
    "Connection reset",
    "no connection to the server",
)


def is_lost_connection(error: DBAPIError) -> bool:
    """Whether a server error means it is unreachable or the connection broke (not a refused request)."""
    message = str(error.orig) if error.orig is not None else str(error)
    return any(sign in message for sign in (*_UNREACHABLE, *_LOST))


def describe_driver_error(db: Database, error: DBAPIError) -> str:
    message = str(error.orig).strip() if error.orig is not None else str(error)
    if "file is not a database" in message or "file is encrypted" in message:
        return f"{db.label} is not a Candour database (it is not an SQLite file)."
    if "database is locked" in message:
        return f"{db.label} is busy: another program kept it locked for too long; try again."
    if "unable to open database" in message:
        return f"{db.label} cannot be opened: check the folder exists and you may write to it."
    if "disk is full" in message or ("disk I/O error" in message and "full" in message):
        return f"{db.label} could not be saved: the disk is full; free some space and try again."
    if "readonly" in message and db.path is not None and unwritable_index(db.path):
        return (
            f"{db.label} cannot be saved: its {index_of(db.path).name} file may not be written by you and "
            "another program has the database open; close Candour everywhere else, then try again."
        )
    if "readonly" in message:
        return f"{db.label} is read-only, so changes cannot be saved."
    server = f"{db.url.host or 'localhost'}:{db.url.port or 5432}"
    if "password authentication failed" in message or "no password supplied" in message:
        return f"The server {server} refused the password for {db.url.username}; check it and try again."
    if "does not exist" in message and f'database "{db.url.database}"' in message:
        return (
            f"The server {server} has no database called {db.url.database}; "
            "check its name with your administrator."
        )
    if any(sign in message for sign in _UNREACHABLE):
        return (
            f"The server {server} could not be reached (it did not answer); check its name and port, "
            "that it is running, and your network."
        )
    if any(sign in message for sign in _LOST):
        return (
            f"The connection to the server {server} was lost, so nothing was changed; "
            "try again when it answers."
        )
    if "duplicate key" in message:  # a race on a server (SQLite's writers queue, one at a time)
        return (
            f"Nothing was saved to {db.label}: someone else saved the same thing at the same moment; "
            "try again."
        )
    if "value too long" in message:
        return f"Nothing was saved to {db.label}: a value is longer than its field allows."
    if "permission denied" in message or "row-level security" in message:
        return (
            f"{db.label} refused the change: your login may not make it (a governance lead can, or ask your "
            "administrator)."
        )
    first_line = message.splitlines()[0] if message else type(error).__name__
    return f"The database {db.label} reported an error: {first_line}."
