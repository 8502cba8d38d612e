"""Locations, their inspections and the imported report documents."""

from __future__ import annotations

import builtins
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from core.domain.errors import NotFound, RuleViolation
from core.domain.registry import InspectionSummary, LocationDetail, LocationSummary, ReportSummary
from core.domain.vocabulary import KeyQuestion
from core.services import audit, mapping
from core.services.action_query import LIVE, overdue_clause
from core.services.context import ServiceContext
from core.services.references import location_code, lock_allocation
from core.store.orm import (
    ActionRecord,
    InspectionRecord,
    InspectionReportRecord,
    LocationRecord,
    ProviderRecord,
    ReportRecord,
)


class LocationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list(self, include_archived: bool = True) -> list[LocationSummary]:
        with self._ctx.db.reading() as session:
            query = select(LocationRecord).order_by(func.lower(LocationRecord.name))
            if not include_archived:
                query = query.where(LocationRecord.archived.is_(False))
            records = session.scalars(query).all()
            return self._summaries(session, records)

    def list_of(self, location_ids: Collection[int]) -> builtins.list[LocationSummary]:
        """The locations with these ids, by name (missing ids are left out)."""
        with self._ctx.db.reading() as session:
            records = session.scalars(
                select(LocationRecord)
                .where(LocationRecord.id.in_(sorted(location_ids)))
                .order_by(func.lower(LocationRecord.name))
            ).all()
            return self._summaries(session, records)

    def get(self, location_id: int) -> LocationDetail:
        with self._ctx.db.reading() as session:
            record = session.get(LocationRecord, location_id)
            if record is None:
                raise NotFound(f"Location {location_id} no longer exists.")
            return LocationDetail(
                location=self._summaries(session, [record])[0],
                inspections=self._inspections(session, [location_id])[location_id],
            )

    def find(self, name_or_code: str) -> LocationSummary:
        """By code (SID) or by name, case-insensitively; a unique name prefix is enough."""
        wanted = name_or_code.strip().casefold()
        locations = self.list()
        exact = [loc for loc in locations if wanted in (loc.code.casefold(), loc.name.casefold())]
        matches = exact or [loc for loc in locations if loc.name.casefold().startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFound(f"No location is called or coded '{name_or_code.strip()}'.")
        names = ", ".join(m.name for m in matches[:5])
        raise NotFound(f"'{name_or_code.strip()}' matches several locations ({names}); be more specific.")

    def add(
        self,
        name: str,
        *,
        provider: str | None = None,
        address: str | None = None,
        postcode: str | None = None,
        phone: str | None = None,
        cqc_location_id: str | None = None,
    ) -> LocationSummary:
        """Register a location by hand (imports create them automatically)."""
        name = " ".join(name.split())
        if not name:
            raise RuleViolation("A location needs a name.")
        with self._ctx.db.writing() as session:
            lock_allocation(session)
            if session.scalar(
                select(LocationRecord.id).where(func.lower(LocationRecord.name) == name.lower())
            ):
                raise RuleViolation(f"There is already a location called {name}.")
            record = LocationRecord(
                name=name,
                code=location_code(session, name),
                address=_clean(address),
                postcode=_clean(postcode),
                phone=_clean(phone),
                cqc_location_id=_clean(cqc_location_id),
                archived=False,
                created_at=self._ctx.now(),
            )
            if provider and provider.strip():
                record.provider_id = provider_record(session, provider).id
            session.add(record)
            session.flush()
            return self._summaries(session, [record])[0]

    def set_archived(self, location_id: int, archived: bool) -> LocationSummary:
        with self._ctx.db.writing() as session:
            record = session.get(LocationRecord, location_id)
            if record is None:
                raise NotFound(f"Location {location_id} no longer exists.")
            if record.archived != archived:
                audit.record(
                    session,
                    self._ctx,
                    entity="location",
                    entity_id=record.id,
                    action_id=None,
                    operation="archive" if archived else "restore",
                    new=record.name,
                )
            record.archived = archived
            return self._summaries(session, [record])[0]

    def inspections(self, location_id: int) -> builtins.list[InspectionSummary]:
        with self._ctx.db.reading() as session:
            return self._inspections(session, [location_id])[location_id]

    def inspections_of(self, location_ids: Sequence[int]) -> dict[int, builtins.list[InspectionSummary]]:
        """Each location's inspections, newest first, in one query (for documents of many locations)."""
        with self._ctx.db.reading() as session:
            return self._inspections(session, list(location_ids))

    def reports(self) -> builtins.list[ReportSummary]:
        with self._ctx.db.reading() as session:
            inspections = dict(
                session.execute(
                    select(InspectionReportRecord.report_id, func.count()).group_by(
                        InspectionReportRecord.report_id
                    )
                ).all()
            )
            actions = dict(
                session.execute(
                    select(ActionRecord.report_id, func.count()).group_by(ActionRecord.report_id)
                ).all()
            )
            rows = session.execute(
                select(
                    ReportRecord.id,
                    ReportRecord.file_name,
                    ReportRecord.sha256,
                    ReportRecord.format,
                    ReportRecord.location_id,
                    LocationRecord.name,
                    ReportRecord.imported_at,
                    ReportRecord.imported_by,
                    func.length(ReportRecord.text),
                )
                .outerjoin(LocationRecord, LocationRecord.id == ReportRecord.location_id)
                .order_by(ReportRecord.imported_at.desc(), ReportRecord.id.desc())
            )
            return [
                ReportSummary(
                    id=r[0],
                    file_name=r[1],
                    sha256=r[2],
                    format=mapping.report_format(r[3]),
                    location_id=r[4],
                    location_name=r[5],
                    imported_at=r[6],
                    imported_by=r[7],
                    inspection_count=inspections.get(r[0], 0),
                    action_count=actions.get(r[0], 0),
                    text_length=r[8] or 0,
                )
                for r in rows
            ]

    def report_text(self, report_id: int) -> str:
        with self._ctx.db.reading() as session:
            record = session.get(ReportRecord, report_id)
            if record is None:
                raise NotFound(f"Report {report_id} no longer exists.")
            return record.text

    # -- helpers -------------------------------------------------------------------------------------

    def _inspections(
        self, session: Session, location_ids: builtins.list[int]
    ) -> dict[int, builtins.list[InspectionSummary]]:
        query = select(InspectionRecord).where(InspectionRecord.location_id.in_(location_ids))
        records = session.scalars(query).all()
        ids = [r.id for r in records]
        counts = dict(
            session.execute(
                select(ActionRecord.inspection_id, func.count())
                .where(ActionRecord.inspection_id.in_(ids))
                .group_by(ActionRecord.inspection_id)
            ).all()
        )
        reports: dict[int, list[int]] = defaultdict(list)
        for inspection_id, report_id in session.execute(
            select(InspectionReportRecord.inspection_id, InspectionReportRecord.report_id).where(
                InspectionReportRecord.inspection_id.in_(ids)
            )
        ):
            reports[inspection_id].append(report_id)
        by_location: dict[int, list[InspectionSummary]] = {i: [] for i in location_ids}
        for record in records:
            by_location[record.location_id].append(
                mapping.inspection_summary(record, counts.get(record.id, 0), sorted(reports[record.id]))
            )
        for summaries in by_location.values():
            summaries.sort(key=lambda i: (i.key_date is not None, i.key_date), reverse=True)
        return by_location

    def _summaries(
        self, session: Session, records: Sequence[LocationRecord]
    ) -> builtins.list[LocationSummary]:
        ids = [r.id for r in records]
        today = self._ctx.today()
        counts = {
            row[0]: row[1:]
            for row in session.execute(
                select(
                    ActionRecord.location_id,
                    func.sum(
                        case((ActionRecord.status.in_(LIVE) & (ActionRecord.kind == "must"), 1), else_=0)
                    ),
                    func.sum(
                        case((ActionRecord.status.in_(LIVE) & (ActionRecord.kind == "should"), 1), else_=0)
                    ),
                    func.sum(case((overdue_clause(today), 1), else_=0)),
                )
                .where(ActionRecord.location_id.in_(ids))
                .group_by(ActionRecord.location_id)
            )
        }
        latest = latest_rated_inspections(session, ids)
        last = last_inspection_dates(session, ids)
        providers = dict(session.execute(select(ProviderRecord.id, ProviderRecord.name)).all())
        result = []
        for record in records:
            must, should, overdue = counts.get(record.id, (0, 0, 0))
            inspection = latest.get(record.id)
            result.append(
                LocationSummary(
                    id=record.id,
                    code=record.code,
                    name=record.name,
                    provider=providers.get(record.provider_id) if record.provider_id is not None else None,
                    address=record.address,
                    postcode=record.postcode,
                    phone=record.phone,
                    cqc_location_id=record.cqc_location_id,
                    archived=record.archived,
                    overall_rating=inspection.overall_rating if inspection else None,
                    ratings={KeyQuestion(k): v for k, v in (inspection.ratings or {}).items()}
                    if inspection
                    else {},
                    last_inspection=last.get(record.id),
                    open_must=int(must or 0),
                    open_should=int(should or 0),
                    overdue=int(overdue or 0),
                )
            )
        return result


def latest_rated_inspections(session: Session, location_ids: list[int]) -> dict[int, InspectionRecord]:
    """Each location's most recent inspection that carries a rating (a data review carries none)."""
    rank = (
        func.row_number()
        .over(
            partition_by=InspectionRecord.location_id,
            order_by=(InspectionRecord.key_date.desc().nulls_last(), InspectionRecord.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(InspectionRecord.id, rank)
        .where(InspectionRecord.location_id.in_(location_ids), InspectionRecord.overall_rating.is_not(None))
        .subquery()
    )
    query = (
        select(InspectionRecord).join(ranked, ranked.c.id == InspectionRecord.id).where(ranked.c.rank == 1)
    )
    return {record.location_id: record for record in session.scalars(query)}


def last_inspection_dates(session: Session, location_ids: list[int]) -> dict[int, dt.date | None]:
    return dict(
        session.execute(
            select(InspectionRecord.location_id, func.max(InspectionRecord.key_date))
            .where(InspectionRecord.location_id.in_(location_ids))
            .group_by(InspectionRecord.location_id)
        ).all()
    )


def provider_record(session: Session, name: str) -> ProviderRecord:
    """The provider of that name, created when new."""
    name = " ".join(name.split())
    record = session.scalar(select(ProviderRecord).where(func.lower(ProviderRecord.name) == name.lower()))
    if record is None:
        record = ProviderRecord(name=name)
        session.add(record)
        session.flush()
    return record


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None
