"""The preview's self-check warnings (read and ticked before importing), editable key questions, and the
actions that start unticked: superseded inspections and findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from core.domain.actions import ActionFilter
from core.domain.vocabulary import ActionStatus, KeyQuestion, KeyQuestionSource
from desktop.importing.action_model import FINDING_LABEL, Col
from desktop.importing.controller import ImportController
from desktop.importing.preview_dialog import PreviewDialog
from tests.support.cut_report import CUT_REPORT as CUT

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture
def controller(qtbot, services, runner, dialogs, ui_settings):
    window = QWidget()
    qtbot.addWidget(window)
    return ImportController(services, runner, dialogs, ui_settings, window)


def _preview(qtbot, controller, paths) -> PreviewDialog:
    with qtbot.waitSignal(controller.previewed, timeout=10_000) as blocker:
        controller.import_files(paths)
    return blocker.args[0]


def test_check_warnings_must_be_ticked_as_read_before_importing(qtbot, controller, tmp_path) -> None:
    report = tmp_path / "ashdown.txt"
    report.write_text(CUT, encoding="utf-8")
    dialog = _preview(qtbot, controller, [report])
    page = dialog.pages[0]
    assert page.read_checks is not None and not page.acknowledged
    assert not dialog.import_button.isEnabled()
    assert "Read and tick the check warnings of ashdown.txt" in dialog.summary.text()
    page.read_checks.setChecked(True)
    assert dialog.import_button.isEnabled()


def test_the_key_question_is_editable_and_imported_as_set_by_the_user(
    qtbot, controller, services, tmp_path
) -> None:
    report = tmp_path / "ashdown.txt"
    report.write_text(CUT, encoding="utf-8")
    dialog = _preview(qtbot, controller, [report])
    model = dialog.pages[0].model
    cell = model.index(0, Col.QUESTION)
    assert cell.data() == "Safe" and "regulation" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(cell, KeyQuestion.WELL_LED.value)
    assert cell.data() == "Well-led"
    dialog.pages[0].read_checks.setChecked(True)
    with qtbot.waitSignal(controller.imported, timeout=10_000):
        dialog.import_button.click()
    (row,) = services.actions.page(ActionFilter(), limit=10).rows
    assert (row.key_question, row.key_question_source) == (KeyQuestion.WELL_LED, KeyQuestionSource.USER)


def test_superseded_inspections_and_findings_start_unticked(qtbot, controller, services) -> None:
    dialog = _preview(qtbot, controller, [SAMPLES / "imaging-wendover-cross-history.txt"])
    model = dialog.pages[0].model
    rows = [model.row(n) for n in range(model.rowCount())]
    assert rows and not any(r.keep for r in rows)  # all findings; the older ones also superseded
    assert {model.index(n, Col.ORIGIN).data() for n in range(model.rowCount())} == {FINDING_LABEL}
    older = [n for n, r in enumerate(rows) if r.inspection == 1]
    assert "superseded" in model.index(older[0], Col.IMPORT).data(Qt.ItemDataRole.ToolTipRole)
    model.setData(
        model.index(older[0], Col.IMPORT), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    for page in dialog.pages:
        if page.read_checks is not None:
            page.read_checks.setChecked(True)
    with qtbot.waitSignal(controller.imported, timeout=10_000):
        dialog.import_button.click()
    (row,) = services.actions.page(ActionFilter(), limit=10).rows
    assert row.status is ActionStatus.NOT_APPLICABLE  # imported, and filed closed as superseded
