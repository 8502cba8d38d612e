"""The dashboard shows the service's counts, and its tiles and overdue list lead to the register and
editor."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from core.domain.actions import ActionChanges, ActionFilter
from core.domain.vocabulary import ActionKind
from desktop.dashboard.panel import DashboardPanel


@pytest.fixture
def panel(qtbot, services, runner, dialogs, ui_settings, register):
    view = DashboardPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    return view


def _tile(panel, key):
    return next(t for t in panel.tiles if t.spec.key == key)


def test_tiles_show_the_service_counts(panel, services):
    counts = services.dashboard.counts()
    expected = {
        "open_must": counts.open_must,
        "open_should": counts.open_should,
        "overdue": counts.overdue,
        "due_soon": counts.due_soon,
        "awaiting": counts.awaiting_verification,
        "verified": counts.verified_this_month,
        "unowned_must": counts.unowned_must,
    }
    assert {t.spec.key: int(t.number.text()) for t in panel.tiles} == expected
    assert (counts.open_must, counts.open_should, counts.overdue, counts.due_soon) == (2, 2, 1, 1)
    assert _tile(panel, "overdue").accessibleName() == "Overdue: 1"


def test_clicking_the_overdue_tile_asks_for_the_overdue_register(qtbot, panel):
    with qtbot.waitSignal(panel.show_actions) as blocker:
        qtbot.mouseClick(_tile(panel, "overdue"), Qt.MouseButton.LeftButton)
    assert blocker.args[0] == ActionFilter(overdue=True)


def test_tile_filters_match_their_counts(panel, services):
    for tile in panel.tiles:
        if tile.spec.key != "verified":  # the register cannot filter by verification date
            assert services.actions.count(tile.spec.action_filter) == tile.spec.count, tile.spec.key


def test_enter_on_a_tile_opens_the_register_too(qtbot, panel):
    tile = _tile(panel, "open_must")
    with qtbot.waitSignal(panel.show_actions) as blocker:
        QTest.keyClick(tile, Qt.Key.Key_Return)
    assert blocker.args[0].kinds == frozenset({ActionKind.MUST})


def test_overdue_list_opens_the_action_on_activation(qtbot, panel, register):
    table = panel.overdue_table
    assert panel.overdue_model.rowCount() == 1
    assert table.model().index(0, 6).data() == "29"  # due 1 Feb, today 2 Mar
    with qtbot.waitSignal(panel.open_action) as blocker:
        table.activated.emit(table.model().index(0, 3))
    assert blocker.args == [register["late"].id]


def test_overdue_model_passes_the_model_tester(qtbot, qtmodeltester, panel, services, register):
    """Checked at once and again after a refresh brings a new overdue action."""
    qtmodeltester.check(panel.overdue_model)
    late = services.edits.create(register["sid"].id, ActionKind.MUST, "Fix the fire door.")
    services.edits.update(late.id, late.version, ActionChanges(due=dt.date(2026, 2, 20), due_reason="Plan"))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()
    assert panel.overdue_model.rowCount() == 2


def test_refresh_picks_up_new_actions(qtbot, panel, services, register):
    services.edits.create(register["sid"].id, ActionKind.MUST, "Fix the fire door.")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()
    assert _tile(panel, "open_must").number.text() == "3"


def test_column_widths_are_remembered(qtbot, services, runner, dialogs, ui_settings, panel):
    panel.overdue_table.setColumnWidth(0, 222)
    panel.save_state()
    again = DashboardPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(again)
    assert again.overdue_table.columnWidth(0) == 222


def test_charts_count_what_the_open_tiles_count(panel, services):
    """Open MUST + Open SHOULD (open or in progress) is what each chart adds up to."""
    counts = services.dashboard.counts()
    for chart in (panel.location_chart, panel.question_chart):
        series = chart.chart().series()[0]
        assert [s.label() for s in series.barSets()] == ["Open", "In progress"]
        assert (
            sum(sum(s.at(i) for i in range(s.count())) for s in series.barSets())
            == counts.open_must + counts.open_should
        )


def test_the_trend_starts_with_the_data_on_a_whole_number_axis(panel, services):
    """Every action was created on the test's today, so there are no month ends before it to show."""
    assert [point for point, _count in services.dashboard.counts().overdue_trend] == [services.ctx.today()]
    axis = next(a for a in panel.trend_chart.chart().axes() if hasattr(a, "tickInterval"))
    assert axis.min() == 0 and axis.tickInterval() == int(axis.tickInterval()) >= 1
    assert axis.labelFormat() == "%d"


def test_a_count_axis_has_a_few_round_whole_number_ticks():
    """However high the count, the axis from 0 shows at most six ticks, a step of 1, 2 or 5 times a power of
    ten, reaching above the highest count (one step more with headroom for the point labels)."""
    from PySide6.QtCharts import QValueAxis

    from desktop.dashboard.charts import MAX_TICKS, whole_numbers

    for highest in (0, 1, 4, 5, 7, 19, 100, 12_345):
        for headroom in (False, True):
            axis = QValueAxis()
            whole_numbers(axis, highest, headroom=headroom)
            step = int(axis.tickInterval())
            ticks = int(axis.max()) // step + 1
            assert axis.min() == 0 and axis.max() >= max(highest, 1) + (step if headroom else 0)
            assert ticks <= MAX_TICKS, (highest, headroom, ticks)
            assert str(step).strip("0") in ("1", "2", "5"), step
