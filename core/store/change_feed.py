"""What other clients changed, as it happens: LISTEN/NOTIFY on PostgreSQL, PRAGMA data_version on SQLite.

Every write transaction collects the ids it touched (`collect`, after each flush); on a server it notifies
them on CHANNEL as it commits (NOTIFY is delivered only if the transaction commits). A ChangeFeed hears
other clients' notices (its own are skipped by their token) and hands them out as Changes, without blocking.
"""

from __future__ import annotations

import json
import queue
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.domain.changes import Changes, Entity
from core.store.orm import (
    ActionRecord,
    DueChangeRecord,
    EvidenceRecord,
    LocationRecord,
    NoteRecord,
    PersonRecord,
    ReportRecord,
    StepRecord,
)

CHANNEL = "candour_changes"
_LISTED = {Entity.LOCATION.value, Entity.PERSON.value, Entity.REPORT.value}
_KEY = "candour_changed"
_MAX_PAYLOAD = 7000  # NOTIFY payloads stop at 8000 bytes: a bigger change is sent as "everything"
_BY_ACTION = (NoteRecord, EvidenceRecord, StepRecord, DueChangeRecord)
_OWN = {
    ActionRecord: Entity.ACTION,
    LocationRecord: Entity.LOCATION,
    PersonRecord: Entity.PERSON,
    ReportRecord: Entity.REPORT,
}


def collect(session: Session, _context: Any) -> None:
    """After each flush: note which actions, locations, people and reports the transaction touched."""
    bag = _bag(session)
    for record, added in [
        *((r, True) for r in session.new),
        *((r, False) for r in session.dirty),
        *((r, True) for r in session.deleted),
    ]:
        if isinstance(record, _BY_ACTION):
            bag[Entity.ACTION.value].add(record.action_id)
        elif type(record) in _OWN:
            entity = _OWN[type(record)]
            bag[entity.value].add(record.id)
            if added:
                bag["added"].add(entity.value)


def note_added(session: Session, entity: Entity, ids: Iterable[int]) -> None:
    """Rows inserted in bulk (never flushed as objects, so `collect` does not see them)."""
    bag = _bag(session)
    bag[entity.value].update(ids)
    bag["added"].add(entity.value)


def _bag(session: Session) -> dict[str, set[Any]]:
    """What the transaction touched so far: ids by entity, and the entities that gained or lost rows."""
    bag: dict[str, set[Any]] = session.info.setdefault(
        _KEY, {e.value: set() for e in Entity} | {"added": set()}
    )
    return bag


def notify(session: Session, token: str) -> None:
    """On a server, just before commit: tell the other clients what this transaction changed."""
    bag = session.info.pop(_KEY, None)
    if not bag or not any(bag.values()):
        return
    payload = json.dumps({"token": token, **{k: sorted(v) for k, v in bag.items()}})
    if len(payload) > _MAX_PAYLOAD:
        payload = json.dumps({"token": token, "everything": True})
    session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})


def forget(session: Session) -> None:
    session.info.pop(_KEY, None)


def to_changes(payload: str) -> Changes:
    data = json.loads(payload)
    if data.get("everything"):
        return Changes.all()
    return Changes(
        actions=frozenset(data.get("action", ())),
        locations=frozenset(data.get("location", ())),
        people=frozenset(data.get("person", ())),
        reports=frozenset(data.get("report", ())),
        added_or_removed=frozenset(Entity(e) for e in data.get("added", ())),
    )


def from_history(rows: list[tuple[int, str, int, int | None, str]]) -> Changes:
    """Changes from history rows (id, entity, entity id, action id, operation) another client wrote."""
    ids: dict[Entity, set[int]] = {e: set() for e in Entity}
    added: set[Entity] = set()
    for _id, entity, entity_id, action_id, operation in rows:
        if action_id is not None:
            ids[Entity.ACTION].add(action_id)
        if entity in (Entity.LOCATION.value, Entity.PERSON.value, Entity.REPORT.value):
            ids[Entity(entity)].add(entity_id)
        if operation in ("create", "delete") and entity == Entity.ACTION.value:
            added |= set(
                Entity
            )  # an import makes actions with their report and location: those lists re-query
        elif operation in ("create", "delete") and entity in _LISTED:
            added.add(Entity(entity))
    if any(entity == "database" for _i, entity, *_rest in rows):
        return Changes.all()
    return Changes(
        actions=frozenset(ids[Entity.ACTION]),
        locations=frozenset(ids[Entity.LOCATION]),
        people=frozenset(ids[Entity.PERSON]),
        reports=frozenset(ids[Entity.REPORT]),
        added_or_removed=frozenset(added),
    )


def new_token() -> str:
    return uuid.uuid4().hex


class ChangeFeed:
    """Other clients' changes to one database; poll() never blocks (call it from a timer).

    On SQLite (two windows on one computer) a foreign change is one whose history rows this process did not
    write; each row names its action, so the views update just those rows."""

    def __init__(self, db: Any) -> None:
        self._db = db
        self._queue: queue.Queue[Changes] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sqlite: sqlite3.Connection | None = None
        self._version: int | None = None
        self._seen = 0
        self.reachable = True  # False while a server's listening connection is lost (it retries every 2 s)
        if db.is_sqlite:
            self._sqlite = sqlite3.connect(str(db.path), check_same_thread=False)
            self._version = self._data_version()
            self._seen = self._last_history_id()
        else:
            self._thread = threading.Thread(target=self._listen, name="candour-listen", daemon=True)
            self._thread.start()

    def poll(self) -> Changes | None:
        """Everything other clients changed since the last poll, or None."""
        if self._sqlite is not None:
            self._poll_sqlite()
        found: Changes | None = None
        while True:
            try:
                changes = self._queue.get_nowait()
            except queue.Empty:
                return found
            found = changes if found is None else found | changes

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None

    # -- SQLite: when data_version moves, the history rows this process did not write say what changed

    def _data_version(self) -> int:
        assert self._sqlite is not None
        return int(self._sqlite.execute("PRAGMA data_version").fetchone()[0])

    def _last_history_id(self) -> int:
        assert self._sqlite is not None
        return int(self._sqlite.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])

    def _poll_sqlite(self) -> None:
        try:
            version = self._data_version()
            if version == self._version:
                return
            rows = self._sqlite.execute(  # type: ignore[union-attr]
                "SELECT id, entity, entity_id, action_id, operation FROM audit WHERE id > ? ORDER BY id",
                (self._seen,),
            ).fetchall()
        except sqlite3.Error:
            return
        self._version = version
        if not rows:
            return
        self._seen = rows[-1][0]
        own = self._db.own_history
        foreign = [row for row in rows if row[0] not in own]
        own.difference_update(row[0] for row in rows)
        if foreign:
            self._queue.put(from_history(foreign))

    # -- PostgreSQL: a connection of its own, listening; a lost server is retried, then everything reloads

    def _listen(self) -> None:
        import psycopg

        url = self._db.url
        params = url.translate_connect_args(username="user", database="dbname")
        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(**params, autocommit=True, connect_timeout=5) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.reachable = True
                    if lost:
                        self._queue.put(Changes.all())  # what was missed while away
                        lost = False
                    while not self._stop.is_set():
                        for notice in connection.notifies(timeout=0.5):
                            if json.loads(notice.payload).get("token") != self._db.token:
                                self._queue.put(to_changes(notice.payload))
            except psycopg.Error:
                lost, self.reachable = True, False
                self._stop.wait(2)
