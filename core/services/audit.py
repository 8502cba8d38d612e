"""Append-only history: actions, notes, evidence, people, locations, settings and restores.

Rows are sealed into a hash chain when their transaction commits (core/store/audit_chain.py).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from core.services.context import ServiceContext
from core.store.orm import AuditRecord


def as_text(value: Any) -> str | None:
    """How a value is written into the history."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def entry(
    ctx: ServiceContext,
    *,
    entity: str,
    entity_id: int,
    action_id: int | None,
    operation: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """One history row's values (for an AuditRecord, or for many rows inserted in one statement); `at`:
    when, if not now (rows written together share one time)."""
    at = at or ctx.now()
    return {
        "at": at,
        "at_utc": at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "actor": ctx.actor,
        "entity": entity,
        "entity_id": entity_id,
        "action_id": action_id,
        "operation": operation,
        "field": field,
        "old_value": as_text(old),
        "new_value": as_text(new),
    }


def record(
    session: Session,
    ctx: ServiceContext,
    *,
    entity: str,
    entity_id: int,
    action_id: int | None,
    operation: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    session.add(
        AuditRecord(
            **entry(
                ctx,
                entity=entity,
                entity_id=entity_id,
                action_id=action_id,
                operation=operation,
                field=field,
                old=old,
                new=new,
            )
        )
    )


def record_changes(
    session: Session,
    ctx: ServiceContext,
    *,
    entity: str,
    entity_id: int,
    action_id: int | None,
    changes: dict[str, tuple[Any, Any]],
) -> None:
    """One update record per changed field: field -> (old, new)."""
    for name, (old, new) in changes.items():
        record(
            session,
            ctx,
            entity=entity,
            entity_id=entity_id,
            action_id=action_id,
            operation="update",
            field=name,
            old=old,
            new=new,
        )
