"""Reading the action register: pages, id lists for the desktop table, one action in full, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from core.domain.actions import (
    ActionDetail,
    ActionFilter,
    ActionPage,
    ActionSource,
    ActionSummary,
    HistoryEntry,
    RegisterRow,
    SortKey,
)
from core.domain.errors import NotFound, StaleVersion
from core.domain.wording import format_datetime
from core.domain.workflow import offered
from core.services import mapping
from core.services.action_query import (
    MANY_MATCHES,
    MOST_HASHED_MATCHES,
    Owner,
    SummaryRow,
    TextSearch,
    filter_clauses,
    search_matches,
    server_match_estimate,
    sort_columns,
    summaries_by_id,
    summary_select,
)
from core.services.context import ServiceContext
from core.services.settings import SettingsService
from core.services.steps import steps_in
from core.store.orm import (
    ActionRecord,
    AuditRecord,
    DueChangeRecord,
    EvidenceRecord,
    InspectionRecord,
    LocationRecord,
    NoteRecord,
    PersonRecord,
    ReportRecord,
)
from core.store.search import match_query
from core.store.server_search import tsquery

_CHUNK = 500


class ActionQueries:
    """Read side of actions. Filtering, sorting and paging happen in SQL."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def page(
        self,
        flt: ActionFilter = ActionFilter(),
        sort: SortKey = SortKey.DUE,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> ActionPage:
        """One page of the register plus the total: ids first (index only), then those rows in full, all in
        one read."""
        today = self._ctx.today()
        with self._ctx.db.reading() as session:
            amber = self._settings.get_in(session).amber_days
            search = self._search(session, flt)
            # The total rides along with the page's ids, one statement (the subquery runs once): each
            # statement costs more in SQLAlchemy than SQLite takes to answer it.
            total_column = self._count_select(flt, search).correlate(None).scalar_subquery()
            page = self._ids_select(flt, sort, descending, search, amber).add_columns(total_column)
            found = session.execute(page.offset(offset).limit(limit)).all()
            ids = [action_id for action_id, _total in found]
            if found:
                total = found[0][1]
            else:  # past the last page, or nothing matches
                total = self._count(session, flt, search) if offset else 0
            rows = self._summaries_in(session, ids, today, amber) if ids else []
        return ActionPage(total=total, offset=offset, rows=rows)

    def ids(
        self, flt: ActionFilter = ActionFilter(), sort: SortKey = SortKey.DUE, descending: bool = False
    ) -> list[int]:
        """Every matching action id in order: the desktop table keeps only this list in memory."""
        amber = self._settings.get().amber_days
        with self._ctx.db.reading() as session:
            search = self._search(session, flt)
            return list(session.scalars(self._ids_select(flt, sort, descending, search, amber)))

    def _search(self, session: Session, flt: ActionFilter) -> TextSearch | None:
        """The filter's text as an index query with a bounded count of its matches (None: no index query)."""
        server = not self._ctx.db.is_sqlite
        query = (tsquery if server else match_query)(flt.text) if flt.text.strip() else None
        if query is None:
            return None
        if server:  # the planner's own estimate of the matches (no scan) picks the plan
            plan = session.execute(server_match_estimate(query)).scalar_one()
            estimate = plan[0]["Plan"]["Plan Rows"]
            return TextSearch(query=query, many=MANY_MATCHES < estimate <= MOST_HASHED_MATCHES, server=True)
        probe = select(func.count()).select_from(search_matches(query).limit(MANY_MATCHES + 1).subquery())
        return TextSearch(query=query, many=(session.scalar(probe) or 0) > MANY_MATCHES)

    def _ids_select(
        self, flt: ActionFilter, sort: SortKey, descending: bool, search: TextSearch | None, amber: int
    ) -> Select[int]:
        today = self._ctx.today()
        query = select(ActionRecord.id).where(
            *filter_clauses(flt, today, sqlite=self._ctx.db.is_sqlite, search=search, ordered=True)
        )
        if sort is SortKey.LOCATION:
            query = query.join(LocationRecord, LocationRecord.id == ActionRecord.location_id)
        if sort is SortKey.OWNER:
            query = query.outerjoin(Owner, Owner.id == ActionRecord.owner_id)
        return query.order_by(*sort_columns(sort, descending, today, amber))

    def exists(self) -> bool:
        """Whether there is any action at all (an index probe, instant at any size)."""
        with self._ctx.db.reading() as session:
            return session.scalar(select(ActionRecord.id).limit(1)) is not None

    def count(self, flt: ActionFilter = ActionFilter()) -> int:
        with self._ctx.db.reading() as session:
            return self._count(session, flt, self._search(session, flt))

    def _count(self, session: Session, flt: ActionFilter, search: TextSearch | None) -> int:
        return session.scalar(self._count_select(flt, search)) or 0

    def _count_select(self, flt: ActionFilter, search: TextSearch | None) -> Select[int]:
        if search is not None and flt.model_copy(update={"text": ""}).is_empty:
            # the index alone
            matches = search.matches if search.server else search.matches.subquery()
            return select(func.count()).select_from(matches)
        clauses = filter_clauses(flt, self._ctx.today(), sqlite=self._ctx.db.is_sqlite, search=search)
        # count(*), not count(id): SQLite then counts index entries without reading each id.
        return select(func.count()).select_from(ActionRecord).where(*clauses)

    def summaries(self, ids: Sequence[int]) -> list[ActionSummary]:
        """Summaries for these ids, in the same order (missing ids are left out)."""
        with self._ctx.db.reading() as session:
            amber = self._settings.get_in(session).amber_days
            return self._summaries_in(session, ids, self._ctx.today(), amber)

    @staticmethod
    def _summaries_in(
        session: Session, ids: Sequence[int], today: dt.date, amber: int
    ) -> list[ActionSummary]:
        found: dict[int, ActionSummary] = {}
        connection = session.connection()  # Core rows: the ORM's result machinery is not needed here
        by_id = summaries_by_id(connection)
        for start in range(0, len(ids), _CHUNK):
            result = connection.execute(by_id, {"ids": list(ids[start : start + _CHUNK])})
            for row in map(SummaryRow._make, result):
                found[row.id] = mapping.summary_of_row(row, today, amber)
        return [found[i] for i in ids if i in found]

    def register_rows(self, ids: Sequence[int]) -> list[RegisterRow]:
        """Export rows for these ids, in the same order (missing ids are left out): plain tuples, linear."""
        today, amber = self._ctx.today(), self._settings.get().amber_days
        found: dict[int, RegisterRow] = {}
        with self._ctx.db.reading() as session:
            connection = session.connection()  # Core rows: the ORM's result machinery is not needed here
            by_id = summaries_by_id(connection)
            for start in range(0, len(ids), _CHUNK):
                result = connection.execute(by_id, {"ids": list(ids[start : start + _CHUNK])})
                for row in map(SummaryRow._make, result):
                    found[row.id] = mapping.register_row(row, today=today, amber_days=amber)
        return [found[i] for i in ids if i in found]

    def get(self, action_id: int) -> ActionDetail:
        with self._ctx.db.reading() as session:
            return self.detail_in(session, action_id)

    def find(self, reference: str) -> ActionDetail:
        with self._ctx.db.reading() as session:
            action_id = session.scalar(
                select(ActionRecord.id).where(func.upper(ActionRecord.reference) == reference.strip().upper())
            )
            if action_id is None:
                raise NotFound(f"No action has the reference {reference.strip()}.")
            return self.detail_in(session, action_id)

    def history(self, action_id: int) -> list[HistoryEntry]:
        with self._ctx.db.reading() as session:
            self.require(session, action_id)
            records = session.scalars(
                select(AuditRecord).where(AuditRecord.action_id == action_id).order_by(AuditRecord.id)
            )
            return [mapping.history_entry(r) for r in records]

    def latest_notes(self, ids: Sequence[int]) -> dict[int, str]:
        """The newest progress note of each action (for printed plans)."""
        latest: dict[int, str] = {}
        with self._ctx.db.reading() as session:
            for start in range(0, len(ids), _CHUNK):
                chunk = list(ids[start : start + _CHUNK])
                query = (
                    select(NoteRecord.action_id, NoteRecord.text)
                    .where(NoteRecord.action_id.in_(chunk))
                    .order_by(NoteRecord.action_id, NoteRecord.created_at, NoteRecord.id)
                )
                for action_id, text in session.execute(query):
                    latest[action_id] = text
        return latest

    # -- helpers shared with the write side -------------------------------------------------------

    def detail_in(self, session: Session, action_id: int) -> ActionDetail:
        today, amber = self._ctx.today(), self._settings.get().amber_days
        row = session.execute(summary_select().where(ActionRecord.id == action_id)).first()
        if row is None:
            raise NotFound(f"Action {action_id} no longer exists.")
        record: ActionRecord = row[0]
        verifier = session.get(PersonRecord, record.verifier_id) if record.verifier_id else None
        return ActionDetail(
            summary=self._summary(row, today, amber),
            success_measure=record.success_measure,
            not_applicable_reason=record.not_applicable_reason,
            completed_at=record.completed_at,
            completed_by=record.completed_by,
            completed_by_id=record.completed_by_id,
            completed_owner_id=record.completed_owner_id,
            verified_at=record.verified_at,
            verifier_id=record.verifier_id,
            verifier_name=record.verifier_name or (verifier.name if verifier else None),
            verification_note=record.verification_note,
            created_at=record.created_at,
            created_by=record.created_by,
            source=self._source(session, record),
            notes=[
                mapping.note(n)
                for n in session.scalars(
                    select(NoteRecord)
                    .where(NoteRecord.action_id == action_id)
                    .order_by(NoteRecord.created_at.desc(), NoteRecord.id.desc())
                )
            ],
            evidence=[
                mapping.evidence(e)
                for e in session.scalars(
                    select(EvidenceRecord)
                    .where(EvidenceRecord.action_id == action_id)
                    .order_by(EvidenceRecord.id)
                )
            ],
            due_changes=[
                mapping.due_change(d)
                for d in session.scalars(
                    select(DueChangeRecord)
                    .where(DueChangeRecord.action_id == action_id)
                    .order_by(DueChangeRecord.changed_at, DueChangeRecord.id)
                )
            ],
            transitions=offered(mapping.workflow_state(record), self._ctx.identity),
            steps=steps_in(session, [action_id]).get(action_id, []),
        )

    @staticmethod
    def _source(session: Session, record: ActionRecord) -> ActionSource:
        report = session.get(ReportRecord, record.report_id) if record.report_id else None
        inspection = session.get(InspectionRecord, record.inspection_id) if record.inspection_id else None
        return ActionSource(
            report_id=record.report_id,
            report_file=report.file_name if report else None,
            inspection_dates=mapping.inspection_summary(inspection, 0, []).inspection_dates
            if inspection
            else [],
            inspection_kind=inspection.kind if inspection else None,
            section=record.section,
            regulated_activity=record.regulated_activity,
        )

    @staticmethod
    def require(session: Session, action_id: int) -> ActionRecord:
        record = session.get(ActionRecord, action_id)
        if record is None:
            raise NotFound(f"Action {action_id} no longer exists.")
        return record

    @classmethod
    def require_version(cls, session: Session, action_id: int, version: int | None) -> ActionRecord:
        """The action, provided nobody changed it since `version` (None: no check)."""
        record = cls.require(session, action_id)
        if version is not None and record.version != version:
            raise StaleVersion(
                f"{record.reference} was changed by {record.updated_by} at "
                f"{format_datetime(record.updated_at)}; reload it to see their change before saving yours."
            )
        return record

    @staticmethod
    def _summary(
        row: Row[ActionRecord, str, str, dt.date | None], today: dt.date, amber: int
    ) -> ActionSummary:
        record, location_name, owner_name, inspection_date = row
        return mapping.action_summary(
            record, location_name, owner_name, inspection_date, today=today, amber_days=amber
        )
