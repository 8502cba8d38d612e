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

    def counts(self) -> Dashboard:
        today = self._ctx.today()
        soon = today + dt.timedelta(days=self._settings.get().amber_days)
        month_start = today.replace(day=1)
        live = ActionRecord.status.in_(LIVE)
        with self._ctx.db.reading() as session:
            row = session.execute(select(
                func.count(ActionRecord.id),
                _sum(and_(live, ActionRecord.kind == "must")),
                _sum(and_(live, ActionRecord.kind == "should")),
                _sum(overdue_clause(today)),
                _sum(and_(live, ActionRecord.due >= today, ActionRecord.due <= soon)),
                _sum(ActionRecord.status == ActionStatus.COMPLETED.value),
                _sum(and_(ActionRecord.status == ActionStatus.VERIFIED.value,
                          ActionRecord.verified_at >= dt.datetime.combine(month_start, dt.time()))),
                _sum(and_(live, ActionRecord.kind == "must", ActionRecord.owner_id.is_(None))),
            )).one()
            total, must, should, overdue, due_soon, awaiting, verified, unowned = (int(v or 0) for v in row)
            return Dashboard(
                today=today, open_must=must, open_should=should, overdue=overdue, due_soon=due_soon,
                awaiting_verification=awaiting, verified_this_month=verified, unowned_must=unowned, total=total,
                by_location=self._by_location(session, today),
                by_key_question=self._by_key_question(session, today),
                overdue_trend=self._overdue_trend(session, today))

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
        """How many actions were overdue at each of the last month ends, and today."""
        points = [*reversed(_month_ends(today, TREND_MONTHS)), today]
        trend = []
        for point in points:
            moment = dt.datetime.combine(point, dt.time.max)
            finished = or_(ActionRecord.completed_at <= moment, ActionRecord.verified_at <= moment)
            still_open_then = and_(
                ActionRecord.created_at <= moment, ActionRecord.due < point,
                ActionRecord.status != ActionStatus.NOT_APPLICABLE.value,
                ~func.coalesce(finished, False),
            )
            trend.append((point, int(session.scalar(select(_sum(still_open_then))) or 0)))
        return trend


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
