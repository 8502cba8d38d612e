"""Dates, slipped due dates and filters in words."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.actions import ActionFilter
from core.domain.vocabulary import ActionKind, ActionOrigin, ActionStatus, KeyQuestion
from core.domain.wording import describe_filter, either, format_date, format_datetime, signed_days

LOCATIONS = {1: "Harrowfield PET-CT Centre", 2: "Larkspur House"}
PEOPLE = {7: "Priya Shah"}


def test_dates_have_no_leading_zero_and_datetimes_add_the_time() -> None:
    assert format_date(dt.date(2026, 3, 2)) == "2 Mar 2026"
    assert format_date(None) == "—" and format_date(None, "No date") == "No date"
    assert format_datetime(dt.datetime(2026, 3, 2, 9, 5)) == "2 Mar 2026 09:05"


def test_day_counts_carry_their_sign_and_lists_read_as_english() -> None:
    assert (signed_days(30), signed_days(0), signed_days(-7)) == ("+30 d", "+0 d", "−7 d")
    assert either([]) == "" and either(["a"]) == "a" and either(["a", "b"]) == "a or b"
    assert either(["a", "b", "c"], "and") == "a, b and c"


@pytest.mark.parametrize(
    ("flt", "words"),
    [
        (ActionFilter(), "All actions"),
        (
            ActionFilter(
                location_ids=frozenset({1}),
                kinds=frozenset({ActionKind.MUST}),
                statuses=frozenset({ActionStatus.IN_PROGRESS, ActionStatus.OPEN}),
                due_to=dt.date(2026, 3, 31),
            ),
            "Open or in progress MUST actions at Harrowfield PET-CT Centre, due by 31 Mar 2026",
        ),
        (
            ActionFilter(location_ids=frozenset({1, 2}), owner_ids=frozenset({7}), unowned=True),
            "Actions at Harrowfield PET-CT Centre or Larkspur House, owned by Priya Shah or no one",
        ),
        (
            ActionFilter(
                key_questions=frozenset({KeyQuestion.WELL_LED, KeyQuestion.SAFE}),
                overdue=True,
                origins=frozenset({ActionOrigin.WARNING_NOTICE}),
                text=" insulin ",
            ),
            "Actions, from warning notice, key question Safe or Well-led, overdue, matching “insulin”",
        ),
        (
            ActionFilter(due_from=dt.date(2026, 1, 1), due_to=dt.date(2026, 6, 30), due_within_days=14),
            "Actions, due within 14 days, due 1 Jan 2026 to 30 Jun 2026",
        ),
        (ActionFilter(due_from=dt.date(2026, 1, 1)), "Actions, due from 1 Jan 2026"),
        (
            ActionFilter(inspection_id=4, location_ids=frozenset({9})),
            "Actions at location 9, from the inspection of 14 Sep 2021",
        ),
    ],
)
def test_filters_in_words(flt: ActionFilter, words: str) -> None:
    assert describe_filter(flt, LOCATIONS, PEOPLE, {4: "14 Sep 2021"}) == words
