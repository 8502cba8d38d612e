"""Reports: each imported document is listed and its extracted text can be read and searched."""

from __future__ import annotations

import pytest

from core.domain.imports import LoadedReport
from core.domain.parsed import ParsedLocation, ParsedReport
from core.domain.vocabulary import ReportFormat
from desktop.reports_view.panel import ReportsPanel
from tests.desktop.conftest import load

TEXT = "Fennick Road Surgery\n\nThe provider must ensure safe care.\nThe provider should review audits.\n"


@pytest.fixture
def panel(qtbot, services, runner, dialogs, ui_settings):
    report = ParsedReport(
        source="fennick.txt", format=ReportFormat.TEXT, location=ParsedLocation(name="Fennick Road Surgery")
    )
    services.imports.commit(LoadedReport("fennick.txt", "cd" * 32, ReportFormat.TEXT, TEXT, report))
    view = ReportsPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(view)
    load(qtbot, view)
    return view


def test_report_is_listed(panel):
    cells = [panel.proxy.index(0, c).data() for c in range(panel.proxy.columnCount())]
    assert cells[:3] == ["fennick.txt", "Fennick Road Surgery", "Text"]
    assert cells[4] == "tester"


def test_selecting_shows_the_source_text_and_find_moves_to_matches(panel):
    assert panel.text.toPlainText() == ""
    panel.table.selectRow(0)
    assert panel.text.toPlainText() == TEXT
    assert panel.text.isReadOnly()
    panel.find_box.setText("provider")
    assert panel.match_label.text() == "2 found"
    first = panel.text.textCursor().selectionStart()
    assert panel.find_next()
    assert panel.text.textCursor().selectionStart() > first
    panel.find_box.setText("warning notice")
    assert panel.match_label.text() == "Not found"


@pytest.mark.parametrize("which", ["model", "proxy"])
def test_models_pass_the_model_tester(qtbot, qtmodeltester, panel, services, which):
    """Checked at once and again after a second report arrives and the list reloads."""
    qtmodeltester.check(getattr(panel, which))
    report = ParsedReport(
        source="second.txt", format=ReportFormat.TEXT, location=ParsedLocation(name="Second Street Clinic")
    )
    services.imports.commit(LoadedReport("second.txt", "ef" * 32, ReportFormat.TEXT, TEXT, report))
    panel.table.selectRow(0)
    load(qtbot, panel)
    assert panel.proxy.rowCount() == 2
