"""Dashboard counts: computed in SQL with GROUP BY, so they stay fast at 100,000 actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from core.domain.registry import CountByStatus, Dashboard
from core.domain.vocabulary import ActionStatus, KeyQuestion
from core.services import mapping
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
        """Tiles and per-location/key-question counts; with_trend adds the overdue-over-time series.

        Two full scans of covering indexes, each a plain GROUP BY on two columns (location and status; key
        question and status), and narrow counts on index ranges for the rest: a CASE per row (what this did
        before) costs several times more than the scan itself, and every further column grouped on costs
        more than the range count that replaces it. The range counts go in one statement. Read as Core rows:
        the ORM's result machinery costs more per row than SQLite does.
        """
        today = self._ctx.today()
        soon = today + dt.timedelta(days=self._settings.get().amber_days)
        month_start = dt.datetime.combine(today.replace(day=1), dt.time())
        live = ActionRecord.status.in_(LIVE)
        with self._ctx.db.reading() as session:
            connection = session.connection()
            by_location_rows = connection.execute(
                select(ActionRecord.location_id, ActionRecord.status, func.count()).group_by(
                    ActionRecord.location_id, ActionRecord.status
                )
            ).all()
            overdue_at = dict(
                connection.execute(
                    select(ActionRecord.location_id, func.count())
                    .where(overdue_clause(today))
                    .group_by(ActionRecord.location_id)
                ).all()
            )
            # Live musts counted from the (status, kind, due, owner_id) index, with and without an owner:
            # owner_id IS NULL would send SQLite to the owner index, which reads every open action's row.
            open_must, owned_must, due_soon, verified_this_month = connection.execute(
                select(
                    func.count(),
                    func.count(ActionRecord.owner_id),
                    _count(live, ActionRecord.due >= today, ActionRecord.due <= soon),
                    _count(
                        ActionRecord.status == ActionStatus.VERIFIED.value,
                        ActionRecord.verified_at >= month_start,
                    ),
                ).where(live, ActionRecord.kind == "must")
            ).one()
            by_status: dict[str, int] = {s.value: 0 for s in ActionStatus}
            for _location, status, count in by_location_rows:
                by_status[status] += count
            return Dashboard(
                today=today,
                open_must=open_must,
                open_should=sum(by_status[s] for s in LIVE) - open_must,  # an action is a MUST or a SHOULD
                overdue=sum(overdue_at.values()),
                due_soon=due_soon,
                awaiting_verification=by_status[ActionStatus.COMPLETED.value],
                verified_this_month=verified_this_month,
                unowned_must=open_must - owned_must,
                total=sum(by_status.values()),
                by_location=self._by_location(session, by_location_rows, overdue_at),
                by_key_question=self._by_key_question(session, today),
                overdue_trend=self._overdue_trend(session, today) if with_trend else [],
            )

    @staticmethod
    def _by_location(
        session: Session, rows: Sequence[Any], overdue_at: dict[int, int]
    ) -> list[CountByStatus]:
        names = dict(session.connection().execute(select(LocationRecord.id, LocationRecord.name)).all())
        grouped: dict[int, dict[str, int]] = {}
        for location_id, status, count in rows:
            bucket = grouped.get(location_id)
            if bucket is None:
                bucket = grouped[location_id] = dict(_EMPTY_BUCKET)
            bucket[status] += count
        for location_id, overdue in overdue_at.items():
            grouped.setdefault(location_id, dict(_EMPTY_BUCKET))["overdue"] = overdue
        result = [_count_by_status(names.get(key, "?"), key, counts) for key, counts in grouped.items()]
        return sorted(result, key=lambda r: (-r.live, r.label.casefold()))

    def _by_key_question(self, session: Session, today: dt.date) -> list[CountByStatus]:
        grouped: dict[Any, dict[str, int]] = {}
        for key, status, count in session.connection().execute(
            select(ActionRecord.key_question, ActionRecord.status, func.count()).group_by(
                ActionRecord.key_question, ActionRecord.status
            )
        ):
            grouped.setdefault(key, dict(_EMPTY_BUCKET))[status] = count
        for key, overdue in session.connection().execute(
            select(ActionRecord.key_question, func.count())
            .where(overdue_clause(today))
            .group_by(ActionRecord.key_question)
        ):
            grouped.setdefault(key, dict(_EMPTY_BUCKET))["overdue"] = overdue
        stated = [q for q in KeyQuestion if q.value in grouped]
        rows = [_count_by_status(q.label, q.value, grouped[q.value]) for q in stated]
        if None in grouped:
            rows.append(_count_by_status("Not stated", None, grouped[None]))
        return rows

    @staticmethod
    def _overdue_trend(session: Session, today: dt.date) -> list[tuple[dt.date, int]]:
        """How many actions were overdue at each of the last month ends, and today (one pass)."""
        first = session.connection().scalar(select(func.min(ActionRecord.created_at)))
        # The series starts when the data does: month ends before the first action would only show zeros.
        starts = first.date() if first is not None else today
        points = [*(end for end in reversed(_month_ends(today, TREND_MONTHS)) if end >= starts), today]
        columns = []
        for point in points:
            moment = dt.datetime.combine(point, dt.time.max)
            finished = or_(ActionRecord.completed_at <= moment, ActionRecord.verified_at <= moment)
            columns.append(
                _sum(
                    and_(
                        ActionRecord.created_at <= moment,
                        ActionRecord.due < point,
                        ~func.coalesce(finished, False),
                    )
                )
            )
        row = (
            session.connection()
            .execute(
                select(*columns).where(
                    ActionRecord.due < today, ActionRecord.status != ActionStatus.NOT_APPLICABLE.value
                )
            )
            .one()
        )
        return [(point, int(value or 0)) for point, value in zip(points, row, strict=True)]


def _sum(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _count(*conditions: Any) -> Any:
    """How many actions meet the conditions, as a scalar subquery: several go in one statement."""
    return select(func.count()).select_from(ActionRecord).where(*conditions).scalar_subquery()


_EMPTY_BUCKET: dict[str, int] = {s.value: 0 for s in ActionStatus} | {"overdue": 0}


def _count_by_status(label: str, key: str | int | None, counts: dict[str, int]) -> CountByStatus:
    """Counts straight from GROUP BY (every field an int): built without validation, hundreds at a time."""
    return mapping.trusted(CountByStatus, {"label": label, "key": key, **counts})


def _month_ends(today: dt.date, count: int) -> list[dt.date]:
    ends, cursor = [], today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(count):
        ends.append(cursor)
        cursor = cursor.replace(day=1) - dt.timedelta(days=1)
    return ends
