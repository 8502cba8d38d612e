"""Queries only the board pack needs, as aggregates in SQL so a pack over 100,000 actions stays quick:
BRAG counts and states, exceptions, the site by key question matrix, delivery by the original due date,
and the snapshots of the packs printed before."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion, Rag
from core.services.action_query import LIVE, rag_rank
from core.services.context import ServiceContext
from core.services.settings import SettingsService
from core.store.orm import ActionRecord, DueChangeRecord, PackSnapshotRecord

RAG_BY_RANK = {0: Rag.RED, 1: Rag.AMBER, 2: Rag.GREEN, 3: Rag.BLUE, 4: Rag.GREY}
_CHUNK = 500


@dataclass(frozen=True)
class Snapshot:
    """A printed pack's figures."""

    id: int
    series: str
    meeting: dt.date
    printed_at: dt.datetime
    printed_by: str
    counts: dict[ActionKind, dict[Rag, int]]
    rags: dict[int, Rag]  # action id -> BRAG when the pack was printed


@dataclass(frozen=True)
class Delivery:
    """Actions whose original due date has come, and how many of them were completed by it."""

    location_id: int | None  # None: every location in scope
    due: int
    on_time: int


def _scoped(location_ids: Collection[int]) -> list[ColumnElement[bool]]:
    return [ActionRecord.location_id.in_(sorted(location_ids))] if location_ids else []


class BoardQueries:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def rags(self, location_ids: Collection[int]) -> dict[int, tuple[ActionKind, Rag]]:
        """Every action in scope with its kind and BRAG today."""
        rank = rag_rank(self._ctx.today(), self._settings.get().amber_days)
        query = select(ActionRecord.id, ActionRecord.kind, rank).where(*_scoped(location_ids))
        with self._ctx.db.reading() as session:
            return {i: (ActionKind(kind), RAG_BY_RANK[r]) for i, kind, r in session.execute(query)}

    def exception_ids(self, location_ids: Collection[int]) -> list[int]:
        """Live actions that are overdue, an unowned MUST, or due later than first planned: MUST first,
        then by due date."""
        today = self._ctx.today()
        off_track = or_(ActionRecord.due < today,
                        and_(ActionRecord.kind == ActionKind.MUST.value, ActionRecord.owner_id.is_(None)),
                        ActionRecord.due > ActionRecord.original_due)
        query = (select(ActionRecord.id).where(ActionRecord.status.in_(LIVE), off_track, *_scoped(location_ids))
                 .order_by(ActionRecord.kind, ActionRecord.due.is_(None), ActionRecord.due, ActionRecord.reference))
        with self._ctx.db.reading() as session:
            return list(session.scalars(query))

    def must_first(self, ids: Sequence[int]) -> list[int]:
        """The ids with the MUST actions first, each kind keeping the order given."""
        musts: set[int] = set()
        with self._ctx.db.reading() as session:
            for start in range(0, len(ids), _CHUNK):
                musts.update(session.scalars(select(ActionRecord.id).where(
                    ActionRecord.id.in_(list(ids[start:start + _CHUNK])), ActionRecord.kind == ActionKind.MUST.value)))
        return [i for i in ids if i in musts] + [i for i in ids if i not in musts]

    def latest_due_reasons(self, ids: Sequence[int]) -> dict[int, str]:
        """Why each action's due date last moved (actions never moved are left out)."""
        reasons: dict[int, str] = {}
        with self._ctx.db.reading() as session:
            for start in range(0, len(ids), _CHUNK):
                query = (select(DueChangeRecord.action_id, DueChangeRecord.reason)
                         .where(DueChangeRecord.action_id.in_(list(ids[start:start + _CHUNK])))
                         .order_by(DueChangeRecord.action_id, DueChangeRecord.changed_at, DueChangeRecord.id))
                reasons.update({action_id: reason for action_id, reason in session.execute(query)})
        return reasons

    def open_matrix(self, location_ids: Collection[int]) -> dict[int, dict[KeyQuestion | None, tuple[int, int]]]:
        """Live actions per location and key question: (MUST, all)."""
        must = func.sum(case((ActionRecord.kind == ActionKind.MUST.value, 1), else_=0))
        query = (select(ActionRecord.location_id, ActionRecord.key_question, must, func.count())
                 .where(ActionRecord.status.in_(LIVE), *_scoped(location_ids))
                 .group_by(ActionRecord.location_id, ActionRecord.key_question))
        cells: dict[int, dict[KeyQuestion | None, tuple[int, int]]] = defaultdict(dict)
        with self._ctx.db.reading() as session:
            for location_id, question, musts, total in session.execute(query):
                cells[location_id][KeyQuestion(question) if question else None] = (int(musts or 0), int(total))
        return dict(cells)

    def delivery(self, location_ids: Collection[int]) -> list[Delivery]:
        """Per location: actions (not 'not applicable') whose original due date has passed, and those
        completed on or before it. Completion is the day it was marked completed (verified actions were)."""
        today = self._ctx.today()
        completed_day: Any = (func.date(ActionRecord.completed_at) if self._ctx.db.is_sqlite
                              else func.cast(ActionRecord.completed_at, ActionRecord.original_due.type))
        on_time = func.sum(case((and_(ActionRecord.completed_at.is_not(None),
                                      completed_day <= ActionRecord.original_due), 1), else_=0))
        query = (select(ActionRecord.location_id, func.count(), on_time)
                 .where(ActionRecord.original_due <= today,
                        ActionRecord.status != ActionStatus.NOT_APPLICABLE.value, *_scoped(location_ids))
                 .group_by(ActionRecord.location_id))
        with self._ctx.db.reading() as session:
            rows = [Delivery(location_id, int(due), int(done or 0)) for location_id, due, done in session.execute(query)]
        return rows

    # -- snapshots of printed packs -------------------------------------------------------------------

    def last_snapshot(self, series: str) -> Snapshot | None:
        query = (select(PackSnapshotRecord).where(PackSnapshotRecord.series == series)
                 .order_by(PackSnapshotRecord.printed_at.desc(), PackSnapshotRecord.id.desc()).limit(1))
        with self._ctx.db.reading() as session:
            record = session.scalar(query)
            if record is None:
                return None
            counts = {ActionKind(k): {Rag(r): int(n) for r, n in by_rag.items()}
                      for k, by_rag in record.counts.items()}
            rags = {int(i): Rag(r) for r, ids in record.states.items() for i in ids}
            return Snapshot(record.id, record.series, record.meeting, record.printed_at, record.printed_by,
                            counts, rags)

    def keep_snapshot(self, series: str, meeting: dt.date, location_ids: Collection[int],
                      rags: dict[int, tuple[ActionKind, Rag]]) -> None:
        counts: dict[str, Counter[str]] = {k.value: Counter() for k in ActionKind}
        states: dict[str, list[int]] = defaultdict(list)
        for action_id, (kind, rag) in rags.items():
            counts[kind.value][rag.value] += 1
            states[rag.value].append(action_id)
        with self._ctx.db.writing() as session:
            session.add(PackSnapshotRecord(
                series=series, meeting=meeting, printed_at=self._ctx.now(), printed_by=self._ctx.actor,
                location_ids=sorted(location_ids), counts={k: dict(c) for k, c in counts.items()},
                states=dict(states)))
