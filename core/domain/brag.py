"""BRAG as one written truth table: the rows are read top to bottom and the first that matches wins.

Python (`brag`) and SQL (`core.services.brag_sql.brag_case`) both read TABLE, so the colour an action
shows on screen, in a printed plan and in a dashboard count is decided by the same rows.

| # | when (all of)                | BRAG  | reason                   |
|---|------------------------------|-------|--------------------------|
| 1 | verified                     | Blue  | verified                 |
| 2 | not applicable               | Grey  | not applicable           |
| 3 | completed                    | Green | awaiting verification    |
| 4 | overdue (due before today)   | Red   | overdue                  |
| 5 | MUST, no owner               | Red   | no owner                 |
| 6 | due within the amber window  | Amber | due soon                 |
| 7 | no owner                     | Amber | not planned              |
| 8 | no due date                  | Amber | not planned              |
| 9 | (anything else)              | Green | on track                 |

Rows 4-9 can only be reached by open and in-progress actions, because rows 1-3 take every other status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from core.domain.vocabulary import ActionKind, ActionStatus, Rag

DEFAULT_AMBER_DAYS = 14


class Fact(StrEnum):
    """The questions a row may ask about an action. Each has a Python and an SQL answer."""

    VERIFIED = "verified"
    NOT_APPLICABLE = "not_applicable"
    COMPLETED = "completed"
    OVERDUE = "overdue"  # has a due date before today
    DUE_SOON = "due_soon"  # has a due date no later than today + the amber window
    MUST = "must"
    UNOWNED = "unowned"
    UNDATED = "undated"


class BragReason(StrEnum):
    VERIFIED = "verified"
    NOT_APPLICABLE = "not applicable"
    AWAITING_VERIFICATION = "awaiting verification"
    OVERDUE = "overdue"
    NO_OWNER = "no owner"
    DUE_SOON = "due soon"
    NOT_PLANNED = "not planned"
    ON_TRACK = "on track"


@dataclass(frozen=True)
class BragRow:
    when: frozenset[Fact]  # all must hold; empty = always
    rag: Rag
    reason: BragReason


def _row(rag: Rag, reason: BragReason, *facts: Fact) -> BragRow:
    return BragRow(frozenset(facts), rag, reason)


TABLE: tuple[BragRow, ...] = (
    _row(Rag.BLUE, BragReason.VERIFIED, Fact.VERIFIED),
    _row(Rag.GREY, BragReason.NOT_APPLICABLE, Fact.NOT_APPLICABLE),
    _row(Rag.GREEN, BragReason.AWAITING_VERIFICATION, Fact.COMPLETED),
    _row(Rag.RED, BragReason.OVERDUE, Fact.OVERDUE),
    _row(Rag.RED, BragReason.NO_OWNER, Fact.MUST, Fact.UNOWNED),
    _row(Rag.AMBER, BragReason.DUE_SOON, Fact.DUE_SOON),
    _row(Rag.AMBER, BragReason.NOT_PLANNED, Fact.UNOWNED),
    _row(Rag.AMBER, BragReason.NOT_PLANNED, Fact.UNDATED),
    _row(Rag.GREEN, BragReason.ON_TRACK),
)

# The order the register sorts BRAG in: most urgent first.
RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2, Rag.BLUE: 3, Rag.GREY: 4}


@dataclass(frozen=True)
class Brag:
    rag: Rag
    reason: BragReason

    @property
    def label(self) -> str:
        """'Red (no owner)': the colour's name and why."""
        return f"{self.rag.value.capitalize()} ({self.reason.value})"


def facts(
    *,
    status: ActionStatus,
    kind: ActionKind,
    owner_id: int | None,
    due: dt.date | None,
    today: dt.date,
    amber_days: int = DEFAULT_AMBER_DAYS,
) -> frozenset[Fact]:
    """Which facts hold for this action today."""
    answers = {
        Fact.VERIFIED: status is ActionStatus.VERIFIED,
        Fact.NOT_APPLICABLE: status is ActionStatus.NOT_APPLICABLE,
        Fact.COMPLETED: status is ActionStatus.COMPLETED,
        Fact.OVERDUE: due is not None and due < today,
        Fact.DUE_SOON: due is not None and due <= today + dt.timedelta(days=amber_days),
        Fact.MUST: kind is ActionKind.MUST,
        Fact.UNOWNED: owner_id is None,
        Fact.UNDATED: due is None,
    }
    return frozenset(fact for fact, holds in answers.items() if holds)


def brag(
    *,
    status: ActionStatus,
    kind: ActionKind,
    owner_id: int | None,
    due: dt.date | None,
    today: dt.date,
    amber_days: int = DEFAULT_AMBER_DAYS,
) -> Brag:
    """The first row of TABLE whose facts all hold."""
    return _brag(status, kind, owner_id is None, due, today, amber_days)


@lru_cache(maxsize=8192)
def _brag(
    status: ActionStatus,
    kind: ActionKind,
    unowned: bool,
    due: dt.date | None,
    today: dt.date,
    amber_days: int,
) -> Brag:
    """brag() remembered per distinct answer: a page of the register repeats a few hundred of them, and the
    facts are the same for every owner but None."""
    held = facts(
        status=status, kind=kind, owner_id=None if unowned else 0, due=due, today=today, amber_days=amber_days
    )
    row = next(r for r in TABLE if r.when <= held)
    return Brag(row.rag, row.reason)
