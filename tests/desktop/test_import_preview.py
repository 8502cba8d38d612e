"""Importing through the preview: untick, correct, confirm; cancel; bad files; already-imported files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from core.domain.actions import ActionFilter
from core.domain.imports import ImportStatus
from core.importing import load_file
from desktop.importing.action_model import Col, PreviewActionModel
from desktop.importing.controller import ImportController
from desktop.importing.preview_dialog import PreviewDialog

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
EXPECTED = ROOT / "tests" / "core" / "importing" / "expected_samples"
GP, DENTAL = "gp-practice-2018", "dental-practice-2019"


@pytest.fixture
def reader(services):
    return services.imports


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    for stem in (GP, DENTAL):
        shutil.copy(SAMPLES / f"{stem}.txt", reports / f"{stem}.txt")
    return reports


@pytest.fixture
def controller(qtbot, services, runner, dialogs, ui_settings, reader):
    window = QWidget()
    qtbot.addWidget(window)
    return ImportController(services, runner, dialogs, ui_settings, window)


def _preview(qtbot, controller, paths) -> PreviewDialog:
    with qtbot.waitSignal(controller.previewed, timeout=10_000) as blocker:
        controller.import_files(paths)
    return blocker.args[0]


def _confirm(qtbot, controller, dialog) -> list:
    with qtbot.waitSignal(controller.imported, timeout=10_000) as blocker:
        dialog.import_button.click()
    return blocker.args[0]


def _texts(services) -> list[str]:
    return sorted(a.text for a in services.actions.page(ActionFilter(), limit=1000).rows)


def _page(dialog: PreviewDialog, name: str):
    return next(p for p in dialog.pages if p.file.name == f"{name}.txt")


def test_unticked_action_is_left_out_and_corrected_text_is_kept(qtbot, controller, services, folder):
    dialog = _preview(qtbot, controller, [folder / f"{GP}.txt"])
    page = _page(dialog, GP)
    model = page.model
    original = [model.row(n).action.text for n in range(model.rowCount())]
    model.setData(model.index(0, Col.IMPORT), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(1, Col.TEXT), "Corrected wording of the governance action.")
    assert dialog.import_button.text() == f"&Import {len(original) - 1} actions from 1 file"

    outcomes = _confirm(qtbot, controller, dialog)

    assert [o.status for o in outcomes] == [ImportStatus.IMPORTED]
    expected = sorted(["Corrected wording of the governance action.", *original[2:]])
    assert _texts(services) == expected
    assert controller.dialogs.shown[-1][1] == "Import finished"
    assert outcomes[0].line() in controller.dialogs.shown[-1][2]


def test_editing_in_the_text_box_corrects_the_selected_action(qtbot, controller, folder):
    dialog = _preview(qtbot, controller, [folder / f"{GP}.txt"])
    page = _page(dialog, GP)
    page.table.setCurrentIndex(page.model.index(2, Col.TEXT))
    assert page.text_edit.toPlainText() == page.model.row(2).action.text
    page.text_edit.setPlainText("New   text\nfor this action")
    assert page.model.row(2).text == "New text for this action"
    assert page.model.edited_report().inspections[0].actions[2].text == "New text for this action"


def test_select_none_then_untick_file_disables_import(qtbot, controller, folder):
    dialog = _preview(qtbot, controller, [folder])
    assert dialog.import_button.text().endswith("from 2 files")
    _page(dialog, GP).select_none.click()
    assert _page(dialog, GP).kept_count == 0
    dialog.set_chosen(dialog.pages.index(_page(dialog, DENTAL)), False)
    assert dialog.import_button.text() == "&Import 0 actions from 1 file"
    dialog.set_chosen(dialog.pages.index(_page(dialog, GP)), False)
    assert not dialog.import_button.isEnabled()


def test_cancelling_the_preview_writes_nothing(qtbot, controller, services, folder):
    dialog = _preview(qtbot, controller, [folder])
    dialog.reject()
    qtbot.waitUntil(lambda: controller.preview is None)
    assert services.locations.list() == []
    assert _texts(services) == []
    assert not controller.busy


def test_bad_file_is_listed_with_its_error_and_the_rest_still_import(qtbot, controller, services, folder):
    (folder / "broken.pdf").write_bytes(b"")
    dialog = _preview(qtbot, controller, [folder])
    broken = next(n for n, f in enumerate(dialog.files) if f.name == "broken.pdf")
    assert dialog.files[broken].error
    assert "cannot be read" in dialog.file_list.item(broken).text()
    assert dialog.pages[broken].model is None
    assert not dialog.file_list.item(broken).flags() & Qt.ItemFlag.ItemIsUserCheckable

    outcomes = _confirm(qtbot, controller, dialog)

    statuses = {o.source: o.status for o in outcomes}
    assert statuses["broken.pdf"] is ImportStatus.REFUSED
    assert sorted(loc.name for loc in services.locations.list()) == ["Fennick Road Surgery", _dental_name()]


def test_already_imported_file_is_marked_and_skipped(qtbot, controller, services, folder, reader):
    reader.commit(reader.load(folder / f"{GP}.txt"))
    before = _texts(services)
    dialog = _preview(qtbot, controller, [folder])
    gp = dialog.pages.index(_page(dialog, GP))
    assert dialog.files[gp].previous
    assert "already imported" in dialog.file_list.item(gp).text()
    assert not dialog.is_chosen(gp)
    assert _page(dialog, GP).kept_count == 0

    outcomes = _confirm(qtbot, controller, dialog)

    statuses = {o.source: o.status for o in outcomes}
    assert statuses[f"{GP}.txt"] is ImportStatus.UNCHANGED
    assert statuses[f"{DENTAL}.txt"] is ImportStatus.IMPORTED
    assert len(_texts(services)) == len(before) + _page_count(DENTAL)


def test_choose_and_import_remembers_the_folder(qtbot, controller, ui_settings, folder):
    controller.dialogs.answer([folder / f"{GP}.txt"])
    with qtbot.waitSignal(controller.previewed, timeout=10_000):
        controller.choose_and_import()
    assert ui_settings.last_import_dir == folder


def test_empty_paste_is_refused_without_reading(controller):
    controller.import_text("   ")
    assert controller.dialogs.shown[-1][0] == "warn"
    assert not controller.busy


def test_preview_model_passes_the_model_tester(qtmodeltester):
    """Checked at once and again after each change below (the tester stays connected for the whole test)."""
    report = load_file(SAMPLES / f"{GP}.txt").report
    model = PreviewActionModel(report)
    qtmodeltester.check(model)
    assert model.setData(model.index(0, Col.TEXT), "The provider must keep the fridge log daily.")
    model.set_all(False)
    assert model.kept_count == 0
    assert model.edited_report().action_count == 0
    assert not model.setData(model.index(0, Col.TEXT), "   ")


def _dental_name() -> str:
    return json.loads((EXPECTED / f"{DENTAL}.json").read_text(encoding="utf-8"))["location"]["name"]


def _page_count(stem: str) -> int:
    data = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    return sum(len(i["actions"]) for i in data["inspections"])


def test_pasted_text_is_previewed_and_imported(qtbot, controller, services, reader):
    with qtbot.waitSignal(controller.previewed, timeout=10_000) as blocker:
        controller.import_text((SAMPLES / f"{GP}.txt").read_text(encoding="utf-8"))
    dialog = blocker.args[0]
    assert dialog.files[0].importable
    outcomes = _confirm(qtbot, controller, dialog)
    assert outcomes[0].status is ImportStatus.IMPORTED
    assert services.locations.list()[0].name == "Fennick Road Surgery"


def test_reading_stops_between_files_when_cancelled(services, reader, folder):
    import threading

    from desktop.importing.loading import load_paths

    cancel = threading.Event()
    seen = []

    def progress(done, total, message):
        seen.append(message)
        if done == 0 and message:
            cancel.set()  # the user presses Cancel while the first file is read

    files = load_paths(reader, [folder], progress, cancel)
    assert len(files) == 1
    assert seen[0].startswith("Reading file 1 of 2: ")


def test_cancelling_the_progress_dialog_sets_the_task_cancel(qtbot, controller, folder):
    controller.import_files([folder])
    assert controller.progress is not None
    task = controller._task
    from PySide6.QtWidgets import QPushButton

    controller.progress.findChild(QPushButton).click()
    assert task.cancel.is_set()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    assert controller.preview is None  # a cancelled read shows no preview
