"""The BRAG truth table: every combination answered by Python, and each row as the README writes it."""

import datetime as dt
import itertools

import pytest

from core.domain.brag import TABLE, Brag, BragReason, brag
from core.domain.vocabulary import ActionKind, ActionStatus, Rag

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("status", "kind", "owner", "due", "expected"),
    [
        (ActionStatus.VERIFIED, ActionKind.MUST, None, dt.date(2020, 1, 1), "Blue (verified)"),
        (ActionStatus.NOT_APPLICABLE, ActionKind.MUST, None, None, "Grey (not applicable)"),
        (ActionStatus.COMPLETED, ActionKind.MUST, 1, dt.date(2020, 1, 1), "Green (awaiting verification)"),
        (ActionStatus.OPEN, ActionKind.SHOULD, 1, dt.date(2026, 3, 1), "Red (overdue)"),
        (ActionStatus.OPEN, ActionKind.MUST, None, None, "Red (no owner)"),  # not "overdue": it has no date
        (ActionStatus.OPEN, ActionKind.MUST, None, dt.date(2027, 1, 1), "Red (no owner)"),
        (ActionStatus.IN_PROGRESS, ActionKind.SHOULD, 1, dt.date(2026, 3, 16), "Amber (due soon)"),
        (ActionStatus.OPEN, ActionKind.SHOULD, None, None, "Amber (not planned)"),  # was green
        (ActionStatus.OPEN, ActionKind.SHOULD, None, dt.date(2027, 1, 1), "Amber (not planned)"),
        (ActionStatus.OPEN, ActionKind.MUST, 1, None, "Amber (not planned)"),
        (ActionStatus.IN_PROGRESS, ActionKind.SHOULD, 1, dt.date(2026, 3, 17), "Green (on track)"),
    ],
)
def test_each_row_of_the_table(status, kind, owner, due, expected):
    assert brag(status=status, kind=kind, owner_id=owner, due=due, today=TODAY).label == expected


def test_amber_window_is_configurable():
    due = dt.date(2026, 3, 20)
    assert (
        brag(status=ActionStatus.OPEN, kind=ActionKind.SHOULD, owner_id=1, due=due, today=TODAY).rag
        is Rag.GREEN
    )
    assert (
        brag(
            status=ActionStatus.OPEN, kind=ActionKind.SHOULD, owner_id=1, due=due, today=TODAY, amber_days=30
        ).rag
        is Rag.AMBER
    )


def test_every_combination_has_an_answer_and_every_row_is_reachable():
    reached = set()
    dues = [
        None,
        TODAY - dt.timedelta(days=1),
        TODAY,
        TODAY + dt.timedelta(days=14),
        TODAY + dt.timedelta(days=15),
    ]
    for status, kind, owner, due in itertools.product(ActionStatus, ActionKind, (None, 1), dues):
        answer = brag(status=status, kind=kind, owner_id=owner, due=due, today=TODAY)
        reached.add((answer.rag, answer.reason))
        assert (answer.rag is Rag.BLUE) == (status is ActionStatus.VERIFIED)
    assert reached == {(row.rag, row.reason) for row in TABLE}


def test_label_names_colour_and_reason():
    assert Brag(Rag.RED, BragReason.NO_OWNER).label == "Red (no owner)"
