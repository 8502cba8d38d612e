"""Queries only the board pack needs, as aggregates in SQL so a pack over 100,000 actions stays quick:
BRAG counts and states, exceptions, the site by key question matrix, delivery by the original due date,
and the snapshots of the packs printed before."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from core.domain.actions import ActionFilter, DueChange
from core.domain.vocabulary import ActionKind, ActionStatus, Rag
from core.services import mapping
from core.services.action_query import LIVE, filter_clauses
from core.services.brag_sql import rag_rank
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


@dataclass
class Scan:
    """What one pass over the actions finds (see BoardQueries.scan)."""

    rags: dict[int, tuple[str, int]] = field(default_factory=dict)  # id -> (kind, BRAG rank)
    by_rank: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # BRAG rank -> ids
    exceptions: int = 0  # live actions off track
    # location id -> key question value (None: not stated) -> (open MUST, all open)
    matrix: dict[int, dict[str | None, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))
    delivery: dict[int, tuple[int, int]] = field(default_factory=dict)  # location id -> (due by now, on time)


def _scoped(location_ids: Collection[int]) -> list[ColumnElement[bool]]:
    return [ActionRecord.location_id.in_(sorted(location_ids))] if location_ids else []


class BoardQueries:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def scan(self, location_ids: Collection[int]) -> Scan:
        """One pass over the actions in scope for every figure the pack counts: each action's kind and BRAG
        rank (the snapshot), open actions per location and key question (the matrix), and delivery by the
        original due date per location."""
        today = self._ctx.today()
        rank = rag_rank(today, self._settings.get().amber_days)
        completed_day: Any = (
            func.date(ActionRecord.completed_at)
            if self._ctx.db.is_sqlite
            else func.cast(ActionRecord.completed_at, ActionRecord.original_due.type)
        )
        due_passed = and_(
            ActionRecord.original_due <= today, ActionRecord.status != ActionStatus.NOT_APPLICABLE.value
        )
        on_time = and_(
            due_passed, ActionRecord.completed_at.is_not(None), completed_day <= ActionRecord.original_due
        )
        query = select(
            ActionRecord.id,
            ActionRecord.kind,
            rank,
            ActionRecord.location_id,
            ActionRecord.key_question,
            ActionRecord.status.in_(LIVE),
            case((due_passed, 1), else_=0),
            case((on_time, 1), else_=0),
            case((self._off_track(), 1), else_=0),
        ).where(*_scoped(location_ids))
        result = Scan()
        by_rank = result.by_rank
        with self._ctx.db.reading() as session:
            for action_id, kind, rag, location_id, question, live, passed, in_time, off in session.execute(
                query
            ):
                result.rags[action_id] = (kind, rag)
                by_rank[rag].append(action_id)
                if live:
                    result.exceptions += off
                    musts, total = result.matrix[location_id].get(question, (0, 0))
                    result.matrix[location_id][question] = (musts + (kind == "must"), total + 1)
                if passed:
                    due, done = result.delivery.get(location_id, (0, 0))
                    result.delivery[location_id] = (due + 1, done + in_time)
        return result

    def first_ids(self, flt: ActionFilter, limit: int) -> tuple[list[int], int]:
        """The first `limit` actions the filter selects, MUST first then by due date (undated last), and
        how many it selects in all."""
        clauses = filter_clauses(flt, self._ctx.today(), sqlite=self._ctx.db.is_sqlite)
        query = (
            select(ActionRecord.id)
            .where(*clauses)
            .limit(limit)
            .order_by(ActionRecord.kind, ActionRecord.due.is_(None), ActionRecord.due, ActionRecord.reference)
        )
        with self._ctx.db.reading() as session:
            total = session.scalar(select(func.count()).select_from(ActionRecord).where(*clauses)) or 0
            return list(session.scalars(query)), total

    def _off_track(self) -> ColumnElement[bool]:
        """Overdue, an unowned MUST, or due later than first planned (for live actions: the exceptions)."""
        return or_(
            ActionRecord.due < self._ctx.today(),
            and_(ActionRecord.kind == ActionKind.MUST.value, ActionRecord.owner_id.is_(None)),
            ActionRecord.due > ActionRecord.original_due,
        )

    def exception_ids(self, location_ids: Collection[int], limit: int) -> list[int]:
        """The first `limit` live actions that are off track (see _off_track), MUST first, then by due date;
        the scan counts them all."""
        query = (
            select(ActionRecord.id)
            .where(ActionRecord.status.in_(LIVE), self._off_track(), *_scoped(location_ids))
            .limit(limit)
            .order_by(ActionRecord.kind, ActionRecord.due.is_(None), ActionRecord.due, ActionRecord.reference)
        )
        with self._ctx.db.reading() as session:
            return list(session.scalars(query))

    def must_first(self, ids: Sequence[int]) -> list[int]:
        """The ids with the MUST actions first, each kind keeping the order given."""
        musts: set[int] = set()
        with self._ctx.db.reading() as session:
            for start in range(0, len(ids), _CHUNK):
                musts.update(
                    session.scalars(
                        select(ActionRecord.id).where(
                            ActionRecord.id.in_(list(ids[start : start + _CHUNK])),
                            ActionRecord.kind == ActionKind.MUST.value,
                        )
                    )
                )
        return [i for i in ids if i in musts] + [i for i in ids if i not in musts]

    def due_moves(
        self, since: dt.datetime, location_ids: Collection[int], limit: int
    ) -> tuple[list[DueChange], int]:
        """Due dates moved at or after `since`: the first `limit` (MUST first, then in the order moved) and
        how many there are in all."""
        base = (
            select(DueChangeRecord)
            .join(ActionRecord, ActionRecord.id == DueChangeRecord.action_id)
            .where(DueChangeRecord.changed_at >= since, *_scoped(location_ids))
        )
        query = base.order_by(ActionRecord.kind, DueChangeRecord.changed_at, DueChangeRecord.id).limit(limit)
        with self._ctx.db.reading() as session:
            total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
            return [mapping.due_change(r) for r in session.scalars(query)], total

    def latest_due_reasons(self, ids: Sequence[int]) -> dict[int, str]:
        """Why each action's due date last moved (actions never moved are left out)."""
        reasons: dict[int, str] = {}
        with self._ctx.db.reading() as session:
            for start in range(0, len(ids), _CHUNK):
                query = (
                    select(DueChangeRecord.action_id, DueChangeRecord.reason)
                    .where(DueChangeRecord.action_id.in_(list(ids[start : start + _CHUNK])))
                    .order_by(DueChangeRecord.action_id, DueChangeRecord.changed_at, DueChangeRecord.id)
                )
                reasons.update(session.execute(query).all())
        return reasons

    # -- snapshots of printed packs -------------------------------------------------------------------

    def last_snapshot(self, series: str) -> Snapshot | None:
        query = (
            select(PackSnapshotRecord)
            .where(PackSnapshotRecord.series == series)
            .order_by(PackSnapshotRecord.printed_at.desc(), PackSnapshotRecord.id.desc())
            .limit(1)
        )
        with self._ctx.db.reading() as session:
            record = session.scalar(query)
            if record is None:
                return None
            counts = {
                ActionKind(k): {Rag(r): int(n) for r, n in by_rag.items()}
                for k, by_rag in record.counts.items()
            }
            rags = {int(i): rag for r, ids in record.states.items() for rag in (Rag(r),) for i in ids}
            return Snapshot(
                record.id, record.series, record.meeting, record.printed_at, record.printed_by, counts, rags
            )

    def keep_snapshot(self, series: str, meeting: dt.date, location_ids: Collection[int], scan: Scan) -> None:
        counts: dict[str, Counter[str]] = {k.value: Counter() for k in ActionKind}
        for (kind, rank), n in Counter(scan.rags.values()).items():
            counts[kind][RAG_BY_RANK[rank].value] = n
        states = {RAG_BY_RANK[rank].value: ids for rank, ids in scan.by_rank.items()}
        with self._ctx.db.writing() as session:
            session.add(
                PackSnapshotRecord(
                    series=series,
                    meeting=meeting,
                    printed_at=self._ctx.now(),
                    printed_by=self._ctx.actor,
                    location_ids=sorted(location_ids),
                    counts={k: dict(c) for k, c in counts.items()},
                    states=states,
                )
            )
