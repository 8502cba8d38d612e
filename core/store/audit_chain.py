"""The history's hash chain: each audit row carries SHA-256 of its own content and of the row before it.

Rows are sealed when their transaction commits (Database.writing calls `seal`), in id order, so a row
edited, deleted or inserted afterwards with an SQLite tool no longer matches and `first_break` names it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from core.store.orm import AuditRecord

_CHAIN_LOCK = 0x43616E64  # PostgreSQL advisory lock id: one sealer at a time ('Cand')
_COLUMNS = (
    AuditRecord.id,
    AuditRecord.at_utc,
    AuditRecord.actor,
    AuditRecord.entity,
    AuditRecord.entity_id,
    AuditRecord.action_id,
    AuditRecord.operation,
    AuditRecord.field,
    AuditRecord.old_value,
    AuditRecord.new_value,
)


def entry_hash(previous: str | None, row: Iterable[Any]) -> str:
    """SHA-256 of the previous row's hash and this row's content (in _COLUMNS order), as hex."""
    payload = json.dumps([previous or "", *row], ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def hold_chain(session: Session) -> None:
    """On a server, take the chain's lock for the whole write transaction, before it writes any history.

    History ids come from a sequence when rows are inserted, but rows become visible when they commit; were
    two writers to interleave, a later id could be sealed before an earlier one was committed, and the
    earlier one would never be sealed. Holding the lock from the start makes id order commit order (SQLite's
    writers are already one at a time, with BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})


def seal(session: Session) -> list[int]:
    """Hash every row written since the last sealed one. Called just before a write transaction commits;
    returns the ids it sealed."""
    session.flush()
    hold_chain(session)
    last_id, previous = session.execute(
        select(AuditRecord.id, AuditRecord.hash)
        .where(AuditRecord.hash.is_not(None))
        .order_by(AuditRecord.id.desc())
        .limit(1)
    ).first() or (0, None)
    rows = session.execute(select(*_COLUMNS).where(AuditRecord.id > last_id).order_by(AuditRecord.id)).all()
    if not rows:
        return []
    sealed = []
    for row in rows:
        previous = entry_hash(previous, row)
        sealed.append({"sealed_id": row.id, "sealed_hash": previous})
    table = cast(Table, AuditRecord.__table__)
    session.execute(  # the table's own UPDATE, run for every row at once, without the ORM's bookkeeping
        update(table).where(table.c.id == bindparam("sealed_id")).values(hash=bindparam("sealed_hash")),
        sealed,
    )
    return [row["sealed_id"] for row in sealed]


def seal_connection(connection: Connection) -> None:
    """The same for a bare connection (the migration that introduces the chain seals the old rows)."""
    with Session(bind=connection) as session:
        seal(session)
        session.flush()


@dataclass(frozen=True)
class ChainBreak:
    id: int
    at_utc: str | None
    actor: str
    entity: str
    operation: str
    field: str | None

    def sentence(self) -> str:
        what = f"{self.entity} {self.operation}" + (f" of {self.field}" if self.field else "")
        when = f" at {self.at_utc}" if self.at_utc else ""
        return (
            f"History entry {self.id} ({what} by {self.actor}{when}) does not match its seal: it, or the "
            "entry before it, was changed outside Candour."
        )


def first_break(session: Session) -> tuple[int, ChainBreak | None]:
    """(entries checked, the first entry whose seal does not match or None when the chain is whole)."""
    previous: str | None = None
    count = 0
    for row in session.execute(select(*_COLUMNS, AuditRecord.hash).order_by(AuditRecord.id)).yield_per(2000):
        count += 1
        content, stored = tuple(row)[:-1], row.hash
        expected = entry_hash(previous, content)
        if stored != expected:
            return count, ChainBreak(row.id, row.at_utc, row.actor, row.entity, row.operation, row.field)
        previous = stored
    return count, None
