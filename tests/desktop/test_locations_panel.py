"""Locations: ratings and counts in the list; the selected location's inspections and actions."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from core.domain.actions import ActionFilter
from core.domain.imports import LoadedReport
from core.domain.parsed import ParsedAction, ParsedInspection, ParsedLocation, ParsedReport, QuestionScore
from core.domain.vocabulary import ActionKind, ActionOrigin, KeyQuestion, ReportFormat
from desktop.locations.panel import LocationsPanel
from desktop.locations.rating_chips import short_rating
from desktop.locations.row_model import ROW_ROLE
from desktop.widgets.chips import CHIP_COLOUR_ROLE
from tests.desktop.conftest import load

RATINGS = {
    KeyQuestion.SAFE: "Requires improvement",
    KeyQuestion.EFFECTIVE: "Good",
    KeyQuestion.CARING: "Good",
    KeyQuestion.RESPONSIVE: "Outstanding",
    KeyQuestion.WELL_LED: "Inadequate",
}


@pytest.fixture
def inspected(services, register):
    """Gives Sidcup an inspection with ratings, SAF scores and one action, through the import service."""
    report = ParsedReport(
        source="sidcup.txt",
        format=ReportFormat.TEXT,
        location=ParsedLocation(name="Sidcup PET-CT Centre", postcode="DA14 6LT", address="1 High Street"),
        inspections=[
            ParsedInspection(
                inspection_dates=[dt.date(2025, 11, 4)],
                published=dt.date(2026, 1, 10),
                overall_rating="Requires improvement",
                ratings=RATINGS,
                scores={KeyQuestion.SAFE: QuestionScore(percent=56, quality_statements={"Safe systems": 2})},
                actions=[
                    ParsedAction(
                        kind=ActionKind.MUST,
                        origin=ActionOrigin.MUST_LIST,
                        text="The provider must audit consent forms.",
                    )
                ],
            )
        ],
    )
    services.imports.commit(LoadedReport("sidcup.txt", "ab" * 32, ReportFormat.TEXT, "text", report))
    return register


@pytest.fixture
def panel(qtbot, services, runner, dialogs, ui_settings, inspected):
    view = LocationsPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(view)
    load(qtbot, view)
    return view


def _row(panel, name):
    return next(
        r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data(ROW_ROLE).name == name
    )


def test_list_shows_ratings_as_chips_with_words_and_counts(panel):
    row = _row(panel, "Sidcup PET-CT Centre")
    cells = [panel.proxy.index(row, c).data() for c in range(panel.proxy.columnCount())]
    assert cells[2:8] == ["RI", "RI", "Good", "Good", "Outstanding", "Inadequate"]
    assert cells[8] == "4 Nov 2025"
    assert cells[9:12] == ["2", "1", "0"]  # open MUST (1 + imported 1), open SHOULD, overdue
    assert panel.proxy.index(row, 2).data(CHIP_COLOUR_ROLE) is not None
    assert panel.proxy.index(row, 2).data(Qt.ItemDataRole.ToolTipRole) == "Overall: Requires improvement"
    kenton = _row(panel, "Kenton MRI Unit")
    assert panel.proxy.index(kenton, 2).data() == short_rating(None)
    assert panel.proxy.index(kenton, 11).data() == "1"


def test_selecting_shows_inspections_and_actions(qtbot, panel, inspected):
    panel.table.selectRow(_row(panel, "Sidcup PET-CT Centre"))
    detail = panel.detail
    assert detail.name.text() == "Sidcup PET-CT Centre"
    assert "DA14 6LT" in detail.facts.text()
    assert detail.inspection_table.model().rowCount() == 1
    safe = detail.inspection_table.model().index(0, 4)
    assert safe.data() == "RI (56)"
    assert "Safe systems: 2" in safe.data(Qt.ItemDataRole.ToolTipRole)
    actions = detail.action_table.model()
    texts = {actions.index(r, 2).data() for r in range(actions.rowCount())}
    assert texts == {
        "The provider must audit consent forms.",
        "The provider must ensure medicines are stored safely.",
        "The provider should review staff appraisals.",
    }
    index = next(
        actions.index(r, 2)
        for r in range(actions.rowCount())
        if actions.index(r, 2).data(ROW_ROLE).id == inspected["must"].id
    )
    with qtbot.waitSignal(panel.open_action) as blocker:
        detail.action_table.activated.emit(index)
    assert blocker.args == [inspected["must"].id]
    with qtbot.waitSignal(panel.show_actions) as blocker:
        detail.register_button.click()
    assert blocker.args[0] == ActionFilter(location_ids=frozenset({inspected["sid"].id}))


def test_filter_box_narrows_the_list(qtbot, panel):
    qtbot.keyClicks(panel.filter_box, "kent")
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data() == "Kenton MRI Unit"


def test_archive_hides_the_location_until_show_archived(qtbot, panel, services, dialogs, inspected):
    panel.table.selectRow(_row(panel, "Kenton MRI Unit"))
    dialogs.answer(True)
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.detail.archive_button.click()
    assert services.locations.get(inspected["ken"].id).location.archived
    assert panel.proxy.rowCount() == 1
    panel.show_archived.setChecked(True)
    assert panel.proxy.rowCount() == 2
    panel.table.selectRow(_row(panel, "Kenton MRI Unit"))
    assert panel.detail.archive_button.text() == "Un&archive"


@pytest.mark.parametrize("which", ["model", "proxy", "detail.inspections", "detail.action_rows"])
def test_models_pass_the_model_tester(qtmodeltester, panel, which):
    """Checked at once and again as the list is filtered, reloaded and another location chosen."""
    panel.table.selectRow(0)
    owner, name = (panel.detail, which.split(".")[1]) if "." in which else (panel, which)
    qtmodeltester.check(getattr(owner, name))
    panel.show_archived.setChecked(True)
    panel.refresh()
    panel.table.selectRow(1)
    panel.show_archived.setChecked(False)
    assert panel.proxy.rowCount() >= 1


def test_column_widths_and_archived_toggle_are_remembered(
    qtbot, panel, services, runner, dialogs, ui_settings
):
    panel.table.setColumnWidth(0, 321)
    panel.show_archived.setChecked(True)
    panel.save_state()
    again = LocationsPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(again)
    assert again.table.columnWidth(0) == 321
    assert again.show_archived.isChecked()


def test_with_nothing_selected_the_hint_points_up_at_the_list(panel):
    panel.table.clearSelection()
    assert "list above" in panel.detail.facts.text()


def test_empty_panels_say_what_to_do(qtbot, services, runner, dialogs, ui_settings):
    from desktop.people.panel import PeoplePanel
    from desktop.register.panel import RegisterPanel
    from desktop.reports_view.panel import ReportsPanel

    for cls, words in (
        (LocationsPanel, "Import a CQC report"),
        (ReportsPanel, "Import a CQC report"),
        (PeoplePanel, "Add person"),
        (RegisterPanel, "Import a CQC report"),
    ):
        view = cls(services, runner, dialogs, ui_settings)
        qtbot.addWidget(view)
        load(qtbot, view)
        assert view.empty_hint.isVisibleTo(view) and words in view.empty_hint.text(), cls.__name__
