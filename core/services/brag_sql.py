"""BRAG in SQL, built from the domain's truth table (core.domain.brag.TABLE), so SQL and Python agree.

`brag_case` is the one SQL expression: sorting, filtering and dashboard counts build on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, case, literal, true
from sqlalchemy.sql.elements import ColumnElement

from core.domain.brag import RANK, TABLE, BragRow, Fact
from core.domain.vocabulary import ActionKind, ActionStatus
from core.store.orm import ActionRecord


def fact_clauses(
    today: dt.date, amber_days: int, table: Any = ActionRecord
) -> dict[Fact, ColumnElement[bool]]:
    """Each fact of the truth table as an SQL condition on the action table (or an alias of it)."""
    due = table.due
    return {
        Fact.VERIFIED: table.status == ActionStatus.VERIFIED.value,
        Fact.NOT_APPLICABLE: table.status == ActionStatus.NOT_APPLICABLE.value,
        Fact.COMPLETED: table.status == ActionStatus.COMPLETED.value,
        Fact.OVERDUE: and_(due.is_not(None), due < today),
        Fact.DUE_SOON: and_(due.is_not(None), due <= today + dt.timedelta(days=amber_days)),
        Fact.MUST: table.kind == ActionKind.MUST.value,
        Fact.UNOWNED: table.owner_id.is_(None),
        Fact.UNDATED: due.is_(None),
    }


def brag_case(
    today: dt.date, amber_days: int, result: Callable[[BragRow], Any], table: Any = ActionRecord
) -> ColumnElement[Any]:
    """CASE WHEN <row 1> THEN result(row 1) ... : the first matching row of the truth table."""
    clauses = fact_clauses(today, amber_days, table)
    whens = [
        (and_(true(), *(clauses[f] for f in sorted(row.when))), literal(result(row)))
        for row in TABLE
        if row.when
    ]
    last = TABLE[-1]
    return case(*whens, else_=literal(result(last)))


def rag_value(today: dt.date, amber_days: int) -> ColumnElement[str]:
    """'red', 'amber', 'green', 'blue' or 'grey' for each action."""
    return brag_case(today, amber_days, lambda row: row.rag.value)


def rag_rank(today: dt.date, amber_days: int) -> ColumnElement[int]:
    """Red 0, amber 1, green 2, blue 3, grey 4: the BRAG sort order."""
    return brag_case(today, amber_days, lambda row: RANK[row.rag])


def rag_row(today: dt.date, amber_days: int) -> ColumnElement[int]:
    """Which row of the truth table decided each action (its index in TABLE)."""
    return brag_case(today, amber_days, TABLE.index)
