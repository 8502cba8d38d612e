"""Dashboard counts: computed in SQL with GROUP BY, so they stay fast at 100,000 actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from core.domain.registry import CountByStatus, Dashboard
from core.domain.vocabulary import ActionStatus, KeyQuestion
from core.services.action_query import LIVE, overdue_clause
from core.services.context import ServiceContext
from core.services.settings import SettingsService
from core.store.orm import ActionRecord, LocationRecord

TREND_MONTHS = 6


class DashboardService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def counts(self, *, with_trend: bool = True) -> Dashboard:
        """Tiles and per-location/key-question counts; with_trend adds the overdue-over-time series."""
        today = self._ctx.today()
        soon = today + dt.timedelta(days=self._settings.get().amber_days)
        month_start = dt.datetime.combine(today.replace(day=1), dt.time())
        # One GROUP BY over a covering index instead of a scan per figure.
        query = select(ActionRecord.status, ActionRecord.kind, func.count(),
                       _sum(ActionRecord.due < today), _sum(and_(ActionRecord.due >= today, ActionRecord.due <= soon)),
                       _sum(ActionRecord.owner_id.is_(None)), _sum(ActionRecord.verified_at >= month_start),
                       ).group_by(ActionRecord.status, ActionRecord.kind)
        totals = dict.fromkeys(("total", "must", "should", "overdue", "soon", "awaiting", "verified", "unowned"), 0)
        with self._ctx.db.reading() as session:
            for status, kind, count, overdue, due_soon, unowned, verified in session.execute(query):
                totals["total"] += count
                if status in LIVE:
                    totals[kind] = totals.get(kind, 0) + count
                    totals["overdue"] += int(overdue or 0)
                    totals["soon"] += int(due_soon or 0)
                    totals["unowned"] += int(unowned or 0) if kind == "must" else 0
                elif status == ActionStatus.COMPLETED.value:
                    totals["awaiting"] += count
                elif status == ActionStatus.VERIFIED.value:
                    totals["verified"] += int(verified or 0)
            return Dashboard(
                today=today, open_must=totals["must"], open_should=totals["should"], overdue=totals["overdue"],
                due_soon=totals["soon"], awaiting_verification=totals["awaiting"],
                verified_this_month=totals["verified"], unowned_must=totals["unowned"], total=totals["total"],
                by_location=self._by_location(session, today),
                by_key_question=self._by_key_question(session, today),
                overdue_trend=self._overdue_trend(session, today) if with_trend else [])

    def _by_location(self, session: Session, today: dt.date) -> list[CountByStatus]:
        names = dict(session.execute(select(LocationRecord.id, LocationRecord.name)).all())
        grouped = _grouped(session, ActionRecord.location_id, today)
        rows = [CountByStatus(label=names.get(key, "?"), key=key, **counts) for key, counts in grouped.items()]
        return sorted(rows, key=lambda r: (-r.live, r.label.casefold()))

    def _by_key_question(self, session: Session, today: dt.date) -> list[CountByStatus]:
        grouped = _grouped(session, ActionRecord.key_question, today)
        rows = [CountByStatus(label=KeyQuestion(k).label, key=k, **grouped[k.value])
                for k in KeyQuestion if k.value in grouped]
        if None in grouped:
            rows.append(CountByStatus(label="Not stated", key=None, **grouped[None]))
        return rows

    @staticmethod
    def _overdue_trend(session: Session, today: dt.date) -> list[tuple[dt.date, int]]:
        """How many actions were overdue at each of the last month ends, and today (one pass)."""
        points = [*reversed(_month_ends(today, TREND_MONTHS)), today]
        columns = []
        for point in points:
            moment = dt.datetime.combine(point, dt.time.max)
            finished = or_(ActionRecord.completed_at <= moment, ActionRecord.verified_at <= moment)
            columns.append(_sum(and_(ActionRecord.created_at <= moment, ActionRecord.due < point,
                                     ~func.coalesce(finished, False))))
        row = session.execute(select(*columns).where(
            ActionRecord.due < today, ActionRecord.status != ActionStatus.NOT_APPLICABLE.value)).one()
        return [(point, int(value or 0)) for point, value in zip(points, row, strict=True)]


def _sum(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _grouped(session: Session, column: Any, today: dt.date) -> dict[Any, dict[str, int]]:
    result: dict[Any, dict[str, int]] = {}
    query = (select(column, ActionRecord.status, func.count(), _sum(overdue_clause(today)))
             .group_by(column, ActionRecord.status))
    for key, status, count, overdue in session.execute(query):
        bucket = result.setdefault(key, {s.value: 0 for s in ActionStatus} | {"overdue": 0})
        bucket[status] = bucket.get(status, 0) + count
        bucket["overdue"] += int(overdue or 0)
    return result


def _month_ends(today: dt.date, count: int) -> list[dt.date]:
    ends, cursor = [], today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(count):
        ends.append(cursor)
        cursor = cursor.replace(day=1) - dt.timedelta(days=1)
    return ends
