"""SQL for the action register: filters, sort orders and the columns a summary needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from sqlalchemy import (
    ARRAY,
    Connection,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    case,
    column,
    func,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import InstrumentedAttribute, aliased
from sqlalchemy.sql.elements import ColumnElement, TextClause

from core.domain.actions import ActionFilter, SortKey
from core.domain.vocabulary import ActionStatus
from core.services.brag_sql import rag_rank
from core.store.orm import ActionRecord, InspectionRecord, LocationRecord, PersonRecord
from core.store.search import SEARCH_TABLE

Owner = aliased(PersonRecord, name="owner")
LIVE = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)
_STATUS_ORDER = {s.value: i for i, s in enumerate(ActionStatus)}
_PRIORITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
_SEARCH = table(SEARCH_TABLE, column("rowid"))
_SERVER_SEARCH = table(SEARCH_TABLE, column("action_id"))
# Above this many matches, walking the register's sort index and testing each row against the matches
# beats sorting the matches (a first page is found after a few hundred rows).
MANY_MATCHES = 2_000
# A server walks the sort index against the matches only while PostgreSQL would hold them in a hash table
# (its estimate of about 32 bytes a match within 4 MB of work_mem); past that it would re-read the whole
# list for every row walked, and joining the matches and sorting them is the cheaper plan.
MOST_HASHED_MATCHES = 100_000


@dataclass(frozen=True)
class TextSearch:
    """The free text as an index query (SQLite FTS5 or, on a server, a tsquery), and whether it matches many
    actions (which picks the plan)."""

    query: str
    many: bool
    server: bool = False

    @cached_property
    def matches(self) -> Any:
        """The ids it matches. On a server a common table expression: a page's total and its ids then share
        one scan of the index (PostgreSQL materializes a CTE named twice)."""
        found = search_matches(self.query, server=self.server)
        return found.cte("search_match") if self.server else found


def search_matches(query: str, *, server: bool = False) -> Select[Any]:
    """The ids of the actions an index query matches: FTS5's MATCH, or a server's tsquery
    (core.store.server_search)."""
    if server:
        return select(_SERVER_SEARCH.c.action_id).where(
            text(f"{SEARCH_TABLE}.document @@ CAST(:search_query AS tsquery)").bindparams(search_query=query)
        )
    return select(_SEARCH.c.rowid).where(
        text(f"{SEARCH_TABLE} MATCH :search_query").bindparams(search_query=query)
    )


def server_match_estimate(query: str) -> TextClause:
    """The planner's plan, as JSON, for finding a tsquery's matches: its estimate of how many there are, made
    from the index's statistics without reading a row."""
    return text(
        f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {SEARCH_TABLE} WHERE document @@ CAST(:search_query AS tsquery)"
    ).bindparams(search_query=query)


def summary_select() -> Select[ActionRecord, str, str, dt.date | None]:
    """Action rows with the names a summary shows, joined once."""
    return (
        select(ActionRecord, LocationRecord.name, Owner.name, InspectionRecord.key_date)
        .join(LocationRecord, LocationRecord.id == ActionRecord.location_id)
        .outerjoin(Owner, Owner.id == ActionRecord.owner_id)
        .outerjoin(InspectionRecord, InspectionRecord.id == ActionRecord.inspection_id)
    )


class SummaryRow(NamedTuple):
    """A row of SUMMARIES_BY_ID: the action columns a summary (and an export row) shows, then the names it
    joins. Only these columns are read: converting the others' dates would cost time for nothing."""

    id: int
    reference: str
    location_id: int
    inspection_id: int | None
    kind: str
    origin: str
    text: str
    key_question: str | None
    key_question_source: str | None
    service: str | None
    reg_number: str | None
    reg_paragraphs: str | None
    reg_statute: str | None
    reg_title: str | None
    owner_id: int | None
    original_due: dt.date | None
    due: dt.date | None
    status: str
    priority: str
    evidence_count: int
    note_count: int
    updated_at: dt.datetime
    updated_by: str
    version: int
    source: str | None
    step_count: int | None
    steps_done: int | None
    next_step_due: dt.date | None
    location_name: str
    owner_name: str | None
    inspection_date: dt.date | None


JOINED = ("location_name", "owner_name", "inspection_date")
SUMMARY_COLUMNS = SummaryRow._fields[: -len(JOINED)]


def summary_columns_select() -> Select[Any]:
    """The same rows as plain columns (no ORM objects): several times faster for long lists of summaries.
    Each row has the fields of SummaryRow, in its order."""
    columns = ActionRecord.__table__.c
    return (
        select(
            *(columns[name] for name in SUMMARY_COLUMNS),
            LocationRecord.name.label("location_name"),
            Owner.name.label("owner_name"),
            InspectionRecord.key_date.label("inspection_date"),
        )
        .join(LocationRecord, LocationRecord.id == ActionRecord.location_id)
        .outerjoin(Owner, Owner.id == ActionRecord.owner_id)
        .outerjoin(InspectionRecord, InspectionRecord.id == ActionRecord.inspection_id)
    )


# Built once: SQLAlchemy then finds the compiled form in its cache without rebuilding the statement.
SUMMARIES_BY_ID = summary_columns_select().where(ActionRecord.id.in_(bindparam("ids", expanding=True)))
# On a server the ids go as one array: a statement with a placeholder per id is over psycopg's 4 kB limit for
# caching its parsed form, so each page would pay for parsing it again and could never be prepared.
SUMMARIES_BY_ID_ARRAY = summary_columns_select().where(
    ActionRecord.id == any_(bindparam("ids", type_=ARRAY(Integer)))
)


def summaries_by_id(connection: Connection) -> Select[Any]:
    """SUMMARIES_BY_ID in the form that suits the connection's engine (parameter `ids`, a list)."""
    return SUMMARIES_BY_ID if connection.dialect.name == "sqlite" else SUMMARIES_BY_ID_ARRAY


def overdue_clause(today: dt.date) -> ColumnElement[bool]:
    return and_(ActionRecord.status.in_(LIVE), ActionRecord.due < today)


def _like(column: InstrumentedAttribute[str], word: str, sqlite: bool) -> ColumnElement[bool]:
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    # SQLite's LIKE is already case-insensitive for ASCII and much faster than lower() per row.
    return column.like(pattern, escape="\\") if sqlite else column.ilike(pattern, escape="\\")


def _text_clauses(
    flt: ActionFilter, sqlite: bool, search: TextSearch | None, ordered: bool
) -> list[ColumnElement[bool]]:
    if search is not None and search.server:
        within = ActionRecord.id.in_(select(search.matches.c.action_id))
        # `IS TRUE` (the same meaning: neither side is ever NULL) keeps the planner from joining the matches
        # to the actions: it hashes them once and walks the sort order's index, and a first page is found
        # after a few hundred rows rather than after reading and sorting every match.
        return [within.is_(True) if ordered and search.many else within]
    if search is not None:
        # `id + 0` hides the id from SQLite's planner, so it walks the ORDER BY index instead of sorting
        # matches (PostgreSQL's planner weighs both itself).
        matched = ActionRecord.id + 0 if ordered and search.many else ActionRecord.id
        return [matched.in_(search_matches(search.query, server=search.server))]
    clauses = []
    # Words with no letter or digit (nothing for an index to match), or an SQLite file without its index:
    # LIKE over the same fields but the notes, alike on both engines.
    for word in flt.text.split():
        clauses.append(
            or_(
                _like(ActionRecord.text, word, sqlite),
                _like(ActionRecord.reference, word, sqlite),
                ActionRecord.location_id.in_(
                    select(LocationRecord.id).where(_like(LocationRecord.name, word, sqlite))
                ),
                ActionRecord.owner_id.in_(
                    select(PersonRecord.id).where(_like(PersonRecord.name, word, sqlite))
                ),
            )
        )
    return clauses


def filter_clauses(
    flt: ActionFilter,
    today: dt.date,
    *,
    sqlite: bool,
    search: TextSearch | None = None,
    ordered: bool = False,
) -> list[ColumnElement[bool]]:
    """WHERE clauses for a filter; `search` is the FTS5 form of its text (None: LIKE), and `ordered` says the
    rows are wanted in a sort order (rather than counted), which matters for a search with many matches."""
    clauses = _text_clauses(flt, sqlite, search, ordered)
    if flt.location_ids:
        clauses.append(ActionRecord.location_id.in_(sorted(flt.location_ids)))
    if flt.inspection_id is not None:
        clauses.append(ActionRecord.inspection_id == flt.inspection_id)
    if flt.kinds:
        clauses.append(ActionRecord.kind.in_(sorted(k.value for k in flt.kinds)))
    if flt.statuses:
        clauses.append(ActionRecord.status.in_(sorted(s.value for s in flt.statuses)))
    if flt.origins:
        clauses.append(ActionRecord.origin.in_(sorted(o.value for o in flt.origins)))
    owners: list[ColumnElement[bool]] = []
    if flt.owner_ids:
        owners.append(ActionRecord.owner_id.in_(sorted(flt.owner_ids)))
    if flt.unowned:
        owners.append(ActionRecord.owner_id.is_(None))
    if owners:
        clauses.append(or_(*owners))
    if flt.key_questions:
        clauses.append(ActionRecord.key_question.in_(sorted(k.value for k in flt.key_questions)))
    if flt.overdue:
        clauses.append(overdue_clause(today))
    if flt.due_within_days is not None:
        clauses.append(
            and_(
                ActionRecord.status.in_(LIVE),
                ActionRecord.due >= today,
                ActionRecord.due <= today + dt.timedelta(days=flt.due_within_days),
            )
        )
    if flt.due_from is not None:
        clauses.append(ActionRecord.due >= flt.due_from)
    if flt.due_to is not None:
        clauses.append(ActionRecord.due <= flt.due_to)
    return clauses


def sort_columns(key: SortKey, descending: bool, today: dt.date, amber_days: int) -> list[Any]:
    """ORDER BY for a sort key; empty values always last; id breaks ties so paging is stable."""
    nullable: Any = None  # a column whose NULLs sort last whatever the direction
    if key is SortKey.REFERENCE:
        columns: list[Any] = [ActionRecord.reference]
    elif key is SortKey.LOCATION:
        columns = [LocationRecord.name, ActionRecord.reference]
    elif key is SortKey.KIND:
        columns = [ActionRecord.kind]
    elif key is SortKey.TEXT:
        columns = [ActionRecord.text]
    elif key is SortKey.KEY_QUESTION:
        nullable, columns = ActionRecord.key_question, [ActionRecord.key_question]
    elif key is SortKey.REGULATION:
        nullable = ActionRecord.reg_number
        columns = [func.length(ActionRecord.reg_number), ActionRecord.reg_number]
    elif key is SortKey.OWNER:
        nullable, columns = Owner.name, [Owner.name]
    elif key is SortKey.DUE:
        nullable, columns = ActionRecord.due, [ActionRecord.due]
    elif key is SortKey.STATUS:
        columns = [case(_STATUS_ORDER, value=ActionRecord.status, else_=9)]
    elif key is SortKey.RAG:
        columns = [rag_rank(today, amber_days)]
    elif key is SortKey.NEXT_STEP:
        nullable, columns = ActionRecord.next_step_due, [ActionRecord.next_step_due]
    elif key is SortKey.PRIORITY:
        columns = [case(_PRIORITY_ORDER, value=ActionRecord.priority, else_=9)]
    else:
        columns = [ActionRecord.updated_at]
    ordered = [c.desc() if descending else c for c in columns]
    nulls_last = [nullable.is_(None)] if nullable is not None else []
    tie = ActionRecord.id.desc() if descending else ActionRecord.id
    return [*nulls_last, *ordered, tie]
