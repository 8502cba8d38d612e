"""The range a due date must fall in: anything outside it is a typing slip (2206 for 2026), never a plan."""

from __future__ import annotations

import datetime as dt

from core.domain.errors import RuleViolation

EARLIEST_DUE = dt.date(2000, 1, 1)
LATEST_DUE = dt.date(2100, 12, 31)


def refuse_implausible_due(due: dt.date | None) -> None:
    if due is not None and not EARLIEST_DUE <= due <= LATEST_DUE:
        raise RuleViolation(
            f"{due.isoformat()} is not a plausible due date; give one between "
            f"{EARLIEST_DUE.year} and {LATEST_DUE.year}."
        )
