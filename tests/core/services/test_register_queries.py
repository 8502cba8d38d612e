"""Filtering, sorting and paging happen in SQL and agree with each other."""

import datetime as dt

from core.domain.actions import ActionFilter, SortKey
from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion


def refs(page) -> list[str]:
    return [row.reference for row in page.rows]


def test_filters(services, register):
    ken, priya = register["ken"], register["priya"]
    assert services.actions.page(ActionFilter()).total == 4
    assert refs(services.actions.page(ActionFilter(overdue=True))) == [register["late"].summary.reference]
    assert services.actions.page(ActionFilter(location_ids=frozenset({ken.id}))).total == 2
    assert services.actions.page(ActionFilter(kinds=frozenset({ActionKind.MUST}))).total == 2
    assert services.actions.page(ActionFilter(owner_ids=frozenset({priya.id}))).total == 2
    assert refs(services.actions.page(ActionFilter(unowned=True))) == [register["unowned"].summary.reference]
    assert services.actions.page(ActionFilter(key_questions=frozenset({KeyQuestion.SAFE}))).total == 1
    assert refs(services.actions.page(ActionFilter(due_within_days=14))) == [
        register["should"].summary.reference
    ]
    assert services.actions.page(ActionFilter(statuses=frozenset({ActionStatus.VERIFIED}))).total == 0
    combined = ActionFilter(
        location_ids=frozenset({ken.id}), statuses=frozenset({ActionStatus.OPEN}), overdue=True
    )
    assert refs(services.actions.page(combined)) == [register["late"].summary.reference]


def test_free_text_matches_every_word_in_text_or_reference(services, register):
    assert refs(services.actions.page(ActionFilter(text="MEDICINES stored"))) == [
        register["must"].summary.reference
    ]
    assert services.actions.page(ActionFilter(text="KEN-2026")).total == 2
    assert services.actions.page(ActionFilter(text="100%_")).total == 0  # wildcards are literal


def test_sort_by_due_puts_undated_last_both_ways(services, register):
    ascending = refs(services.actions.page(sort=SortKey.DUE))
    assert ascending[-1] == register["unowned"].summary.reference
    assert ascending[0] == register["late"].summary.reference
    descending = refs(services.actions.page(sort=SortKey.DUE, descending=True))
    assert descending[-1] == register["unowned"].summary.reference
    assert descending[0] == register["must"].summary.reference


def test_ids_agree_with_pages_for_every_sort(services, register):
    for key in SortKey:
        for descending in (False, True):
            ids = services.actions.ids(ActionFilter(), key, descending)
            page = services.actions.page(ActionFilter(), key, descending, limit=2, offset=1)
            assert [r.id for r in page.rows] == ids[1:3], key
            assert [s.id for s in services.actions.summaries(ids)] == ids


def test_sort_by_rag_puts_red_first(services, register):
    rows = services.actions.page(sort=SortKey.RAG).rows
    assert [r.rag.value for r in rows] == ["red", "red", "amber", "green"]


def test_dashboard_counts(services, register, clock):
    board = services.dashboard.counts()
    assert (board.open_must, board.open_should, board.overdue, board.due_soon, board.unowned_must) == (
        2,
        2,
        1,
        1,
        1,
    )
    assert {row.label: row.live for row in board.by_location} == {
        "Kenton MRI Unit": 2,
        "Sidcup PET-CT Centre": 2,
    }
    assert {row.label: row.live for row in board.by_key_question} == {
        "Safe": 1,
        "Well-led": 1,
        "Not stated": 2,
    }
    assert board.overdue_trend[-1] == (dt.date(2026, 3, 2), 1)


def test_overdue_trend_starts_at_the_first_month_end_after_the_data_starts(services, register, clock):
    assert [point for point, _n in services.dashboard.counts().overdue_trend] == [dt.date(2026, 3, 2)]
    clock.value += dt.timedelta(days=70)  # 11 May 2026: the actions were created on 2 March
    points = [point for point, _n in services.dashboard.counts().overdue_trend]
    assert points == [dt.date(2026, 3, 31), dt.date(2026, 4, 30), dt.date(2026, 5, 11)]


def test_page_rows_are_the_same_summaries_validation_would_give(services, register):
    """Register rows are built without pydantic's validation: each equals its validated twin field by field,
    including the regulation, and equals the summary of the action read in full."""
    for summary in services.actions.page().rows:
        assert summary == type(summary).model_validate(summary.model_dump())
        assert summary.model_fields_set == set(type(summary).model_fields)
        assert summary == services.actions.get(summary.id).summary
    assert any(row.regulation is not None for row in services.actions.page().rows)
    first = services.actions.page().rows[0]
    assert first.model_copy(update={"text": "changed"}).text == "changed" and first.text != "changed"


def test_a_page_past_the_end_still_knows_the_total_and_an_empty_match_is_zero(services, register):
    everything = services.actions.page(ActionFilter())
    past = services.actions.page(ActionFilter(), offset=everything.total + 5)
    assert past.rows == [] and past.total == everything.total == 4
    assert services.actions.page(ActionFilter(text="nothing-matches-this")).total == 0
    second = services.actions.page(ActionFilter(), limit=2, offset=2)
    assert second.total == 4 and len(second.rows) == 2
