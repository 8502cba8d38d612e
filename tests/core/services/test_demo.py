"""The sample data a newcomer loads from the welcome panel."""

from __future__ import annotations

from core.domain.actions import ActionFilter
from core.domain.vocabulary import ActionOrigin, ActionStatus
from core.services.demo import load_demo


def test_sample_data_loads_and_keeps_the_regulators_deadlines(services) -> None:
    lines = load_demo(services)
    assert lines[-1].startswith("Sample data loaded:")
    rows = services.actions.page(ActionFilter(), limit=10_000).rows
    statuses = {row.status for row in rows}
    assert {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.VERIFIED} <= statuses
    warning = [row for row in rows if row.origin is ActionOrigin.WARNING_NOTICE]
    assert warning, "the samples include a warning notice"
    for row in warning:
        assert row.due == row.original_due, "a warning notice's deadline is the regulator's, not ours to move"


def test_loading_the_sample_data_twice_changes_nothing(services) -> None:
    load_demo(services)
    before = services.actions.count(ActionFilter())
    lines = load_demo(services)
    assert lines[-1] == "The sample data was already loaded; nothing changed."
    assert services.actions.count(ActionFilter()) == before


def test_the_pre_2014_review_is_closed_as_history_not_shown_overdue(services) -> None:
    """The 2012 review of compliance is kept, closed as not applicable with the reason in its history, so the
    overdue list a newcomer sees starts with this decade's work."""
    load_demo(services)
    rows = services.actions.page(ActionFilter(), limit=10_000).rows
    old = [row for row in rows if row.inspection_date and row.inspection_date.year == 2012]
    assert old, "the samples include the 2012 review of compliance"
    assert {row.status for row in old} == {ActionStatus.NOT_APPLICABLE}
    assert any(
        (entry.new_value or "").startswith("Historical: found in November 2012")
        for entry in services.actions.history(old[0].id)
    )
    overdue = services.actions.page(ActionFilter(overdue=True)).rows
    assert overdue and all(row.inspection_date is None or row.inspection_date.year > 2014 for row in overdue)
