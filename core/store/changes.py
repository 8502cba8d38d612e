"""Recording what a write changed, from the ORM's own flushes: a command run inside `recording()` comes
back with a Changes value listing every action, location, person and report it touched."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from core.domain.changes import Changes, Entity
from core.store.change_feed import note_added
from core.store.orm import (
    ActionRecord,
    DueChangeRecord,
    EvidenceRecord,
    InspectionRecord,
    LocationRecord,
    NoteRecord,
    PersonRecord,
    ReportRecord,
)

_local = threading.local()
# Execution option of a bulk statement whose changes its caller notes itself (note_new_actions).
NOTED = "candour_changes_noted"


class _Collector:
    def __init__(self) -> None:
        self.ids: dict[Entity, set[int]] = {e: set() for e in Entity}
        self.added_or_removed: set[Entity] = set()
        self.everything = False

    def add(self, entity: Entity, *ids: int | None) -> None:
        self.ids[entity].update(i for i in ids if i is not None)

    def value(self) -> Changes:
        return Changes(
            actions=frozenset(self.ids[Entity.ACTION]),
            locations=frozenset(self.ids[Entity.LOCATION]),
            people=frozenset(self.ids[Entity.PERSON]),
            reports=frozenset(self.ids[Entity.REPORT]),
            added_or_removed=frozenset(self.added_or_removed),
            everything=self.everything,
        )


@contextmanager
def recording() -> Iterator[Callable[[], Changes]]:
    """Record the changes flushed on this thread; call the yielded function for what was recorded."""
    collector = _Collector()
    outer = getattr(_local, "collector", None)
    _local.collector = collector
    try:
        yield collector.value
    finally:
        _local.collector = outer


def record_changes(fn: Callable[[], Any]) -> tuple[Any, Changes]:
    """Run fn and return (its result, what it changed)."""
    with recording() as changes:
        result = fn()
    return result, changes()


def note_new_actions(
    session: Session, ids: Sequence[int], *, location_id: int, report_id: int | None
) -> None:
    """Note actions inserted in bulk (a statement marked NOTED) as a flush of each would have."""
    collector: _Collector | None = getattr(_local, "collector", None)
    if collector is not None and ids:
        collector.add(Entity.ACTION, *ids)
        collector.add(Entity.LOCATION, location_id)
        collector.add(Entity.REPORT, report_id)
        collector.added_or_removed.add(Entity.ACTION)
    if ids:
        note_added(session, Entity.ACTION, ids)


def _old_value(record: Any, name: str) -> list[Any]:
    return list(inspect(record).attrs[name].history.deleted or ())


def _note(collector: _Collector, record: Any, *, added_or_removed: bool) -> None:
    if isinstance(record, ActionRecord):
        collector.add(Entity.ACTION, record.id)
        collector.add(Entity.LOCATION, record.location_id, *_old_value(record, "location_id"))
        collector.add(Entity.PERSON, record.owner_id, *_old_value(record, "owner_id"))
        collector.add(Entity.REPORT, record.report_id)
        if added_or_removed:
            collector.added_or_removed.add(Entity.ACTION)
    elif isinstance(record, NoteRecord | EvidenceRecord | DueChangeRecord):
        collector.add(Entity.ACTION, record.action_id)
    elif isinstance(record, PersonRecord):
        collector.add(Entity.PERSON, record.id)
        if added_or_removed:
            collector.added_or_removed.add(Entity.PERSON)
    elif isinstance(record, LocationRecord):
        collector.add(Entity.LOCATION, record.id)
        if added_or_removed:
            collector.added_or_removed.add(Entity.LOCATION)
    elif isinstance(record, ReportRecord):
        collector.add(Entity.REPORT, record.id)
        if added_or_removed:
            collector.added_or_removed.add(Entity.REPORT)
    elif isinstance(record, InspectionRecord):
        collector.add(Entity.LOCATION, record.location_id)
        collector.add(Entity.REPORT, record.report_id)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: UOWTransaction) -> None:
    collector: _Collector | None = getattr(_local, "collector", None)
    if collector is None:
        return
    for record in session.new:
        _note(collector, record, added_or_removed=True)
    for record in session.dirty:
        _note(collector, record, added_or_removed=False)
    for record in session.deleted:
        _note(collector, record, added_or_removed=True)


_BULK_TABLES = {
    ActionRecord: Entity.ACTION,
    LocationRecord: Entity.LOCATION,
    PersonRecord: Entity.PERSON,
    ReportRecord: Entity.REPORT,
}


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    """ORM bulk INSERT/UPDATE/DELETE statements do not flush objects: count their table as wholly changed."""
    collector: _Collector | None = getattr(_local, "collector", None)
    if collector is None or not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.execution_options.get(NOTED):
        return
    mapper = state.bind_mapper
    entity = _BULK_TABLES.get(mapper.class_) if mapper is not None else None
    if entity is not None:
        collector.everything = True
        collector.added_or_removed.add(entity)
