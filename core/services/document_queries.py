"""Queries only the printed documents need: tracking details of many actions at once, evidence titles,
and the actions verified since a date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from core.domain.vocabulary import ActionStatus
from core.domain.wording import format_date
from core.services import mapping
from core.services.context import ServiceContext
from core.store.orm import ActionRecord, EvidenceRecord, InspectionRecord, PersonRecord

_CHUNK = 500


@dataclass(frozen=True)
class Tracking:
    """What an action's summary leaves out and documents print."""

    success_measure: str | None
    completed_at: dt.datetime | None
    completed_by: str | None
    verified_at: dt.datetime | None
    verified_by: str | None
    verification_note: str | None
    regulated_activity: str | None


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[start : start + _CHUNK]) for start in range(0, len(ids), _CHUNK)]


class DocumentQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def tracking(self, ids: Sequence[int]) -> dict[int, Tracking]:
        query = select(
            ActionRecord.id,
            ActionRecord.success_measure,
            ActionRecord.completed_at,
            ActionRecord.completed_by,
            ActionRecord.verified_at,
            func.coalesce(ActionRecord.verifier_name, PersonRecord.name),  # the name at the time
            ActionRecord.verification_note,
            ActionRecord.regulated_activity,
        ).outerjoin(PersonRecord, PersonRecord.id == ActionRecord.verifier_id)
        found: dict[int, Tracking] = {}
        with self._ctx.db.reading() as session:
            for chunk in _chunks(ids):
                for row in session.execute(query.where(ActionRecord.id.in_(chunk))):
                    action_id, measure, completed_at, completed_by, verified_at, verifier, note, activity = (
                        row
                    )
                    found[action_id] = Tracking(
                        measure, completed_at, completed_by, verified_at, verifier, note, activity
                    )
        return found

    def evidence_titles(self, ids: Sequence[int]) -> dict[int, list[str]]:
        """Each action's evidence in the order attached: title, what it shows, who added it and when."""
        titles: dict[int, list[str]] = defaultdict(list)
        with self._ctx.db.reading() as session:
            for chunk in _chunks(ids):
                query = (
                    select(EvidenceRecord)
                    .where(EvidenceRecord.action_id.in_(chunk))
                    .order_by(EvidenceRecord.action_id, EvidenceRecord.added_at, EvidenceRecord.id)
                )
                for record in session.scalars(query):
                    evidence = mapping.evidence(record)
                    described = f" ({evidence.description})" if evidence.description else ""
                    added = f" — added by {evidence.added_by}, {format_date(evidence.added_at.date())}"
                    titles[record.action_id].append(evidence.title + described + added)
        return dict(titles)

    def verified_since(self, since: dt.datetime, location_ids: Collection[int]) -> list[int]:
        """Actions verified (and still verified) at or after `since`, oldest verification first."""
        verified = select(ActionRecord.id).where(
            ActionRecord.status == ActionStatus.VERIFIED.value, ActionRecord.verified_at >= since
        )
        query = _in_locations(verified, location_ids)
        with self._ctx.db.reading() as session:
            return list(session.scalars(query.order_by(ActionRecord.verified_at, ActionRecord.id)))

    def location_of_inspection(self, inspection_id: int) -> int | None:
        with self._ctx.db.reading() as session:
            query = select(InspectionRecord.location_id).where(InspectionRecord.id == inspection_id)
            return session.scalar(query)

    def must_inspections(self, location_id: int) -> set[int]:
        """Inspections of the location that left MUST actions (the ones a CQC action plan answers)."""
        query = (
            select(ActionRecord.inspection_id)
            .distinct()
            .where(
                ActionRecord.location_id == location_id,
                ActionRecord.kind == "must",
                ActionRecord.inspection_id.is_not(None),
            )
        )
        with self._ctx.db.reading() as session:
            return set(session.scalars(query))


def _in_locations(query: Select, location_ids: Collection[int]) -> Select:  # type: ignore[type-arg]
    return query.where(ActionRecord.location_id.in_(sorted(location_ids))) if location_ids else query
