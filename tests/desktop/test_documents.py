"""Printing and saving from the desktop: options dialogs, the PDF preview, save, print, export and backup."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from core.domain.actions import ActionFilter, SortKey
from core.domain.errors import CandourError
from core.domain.vocabulary import ActionKind, ActionStatus
from core.services.demo import load_demo
from desktop.documents.cqc_dialog import CqcPlanDialog
from desktop.documents.pack_dialog import MeetingPackDialog
from desktop.documents.plan_dialog import ActionPlanDialog
from desktop.documents.preview import PreviewWindow
from desktop.main_window import MainWindow
from desktop.register.model import Col
from tests.desktop.conftest import load


@pytest.fixture
def demo(services) -> None:
    load_demo(services)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def open_preview(qtbot, window: MainWindow, dialog) -> PreviewWindow:
    with qtbot.waitSignal(window.documents.preview_opened, timeout=20_000) as opened:
        dialog.accept()
    return opened.args[0]  # a child of the window: closed with it


def plan_dialog(window: MainWindow) -> ActionPlanDialog:
    window.print_action_plan()
    dialog = window.documents.dialog
    assert isinstance(dialog, ActionPlanDialog)
    return dialog


# -- action plan --------------------------------------------------------------------------------------------


def test_plan_dialog_starts_from_the_register_filter_and_describes_it(window, services, register):
    flt = ActionFilter(location_ids=frozenset({register["sid"].id}), kinds=frozenset({ActionKind.MUST}))
    window.register.set_filter(flt)
    dialog = plan_dialog(window)
    assert dialog.locations.selected_ids == {register["sid"].id}
    assert dialog.kind.currentText() == "MUST only"
    assert dialog.action_filter() == flt
    assert dialog.summary.text() == f"{services.documents.describe_filter(flt)}: 1 action."
    dialog.statuses[ActionStatus.VERIFIED].setChecked(True)
    changed = flt.model_copy(update={"statuses": frozenset({ActionStatus.VERIFIED})})
    assert dialog.summary.text() == f"{services.documents.describe_filter(changed)}: 0 actions."
    assert not dialog.preview_button.isEnabled()


def test_ticking_all_locations_clears_the_single_ones(window, register):
    window.register.set_filter(ActionFilter(location_ids=frozenset({register["sid"].id})))
    dialog = plan_dialog(window)
    dialog.locations.item(0).setCheckState(Qt.CheckState.Checked)  # "All locations"
    assert dialog.locations.selected_ids == frozenset()
    assert dialog.action_filter().location_ids == frozenset()


def test_building_a_plan_opens_a_preview_with_exactly_the_selected_actions(qtbot, window, services, register):
    window.register.set_filter(ActionFilter(location_ids=frozenset({register["sid"].id})))
    dialog = plan_dialog(window)
    dialog.title_edit.setText("Sidcup action plan")
    preview = open_preview(qtbot, window, dialog)
    assert preview.page_count > 0
    assert preview.page_label.text().strip() == f"Page 1 of {preview.page_count}"
    assert preview.windowTitle() == "Sidcup action plan - Sidcup PET-CT Centre - 2026-03-02 — Preview"
    assert preview.suggested_name == "Sidcup action plan - Sidcup PET-CT Centre - 2026-03-02.pdf"
    text = pdf_text(preview.data)
    assert register["must"].summary.reference in text and register["should"].summary.reference in text
    assert (
        register["late"].summary.reference not in text and register["unowned"].summary.reference not in text
    )
    assert not preview.isModal()


def test_a_failed_build_is_one_sentence_and_no_preview(
    qtbot, window, dialogs, services, register, monkeypatch
):
    def refuse(_options, _progress=None) -> bytes:
        raise CandourError("There is nothing to print for this filter.")

    monkeypatch.setattr(services.documents, "action_plan", refuse)
    dialog = plan_dialog(window)
    dialog.accept()
    qtbot.waitUntil(lambda: not window.documents.job.busy)
    assert dialogs.shown[-1] == (
        "warn",
        "Could not prepare the action plan",
        "There is nothing to print for this filter.",
    )
    assert window.documents.previews == []


def test_a_cancelled_build_shows_no_preview(qtbot, window, runner, register):
    dialog = plan_dialog(window)
    dialog.accept()
    assert window.documents.job.busy
    window.documents.job.cancel()
    assert not window.documents.job.busy
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)  # the task's result arrived and was ignored
    assert window.documents.previews == []


# -- preview: save and print -------------------------------------------------------------------------------


@pytest.fixture
def preview(qtbot, window, demo) -> PreviewWindow:
    return open_preview(qtbot, window, plan_dialog(window))


def test_save_as_writes_the_pdf_and_remembers_the_folder(preview, dialogs, ui_settings, tmp_path):
    folder = tmp_path / "board"
    folder.mkdir()
    dialogs.answer(folder / "plan")  # no extension typed: .pdf is added
    saved = preview.save_as()
    assert saved == folder / "plan.pdf"
    assert saved.read_bytes() == preview.data
    assert ui_settings.last_save_dir("documents") == folder


def test_save_as_into_a_missing_folder_is_one_sentence(preview, dialogs, tmp_path):
    target = tmp_path / "no such folder" / "plan.pdf"
    dialogs.answer(target)
    assert preview.save_as() is None
    assert dialogs.shown[-1] == (
        "warn",
        "Could not save the PDF",
        f"{target} could not be written: its folder does not exist.",
    )


def test_printing_renders_every_page_or_the_chosen_range(preview, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(72)
    printer.setOutputFileName(str(tmp_path / "all.pdf"))
    assert preview.print_to(printer) == preview.page_count
    assert len(PdfReader(tmp_path / "all.pdf").pages) == preview.page_count
    assert preview.page_count >= 2
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert preview.print_to(printer) == 1
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 1


def test_zoom_and_escape(qtbot, window, preview):
    start = preview.view.zoomFactor()
    preview.zoom(1.25)
    assert preview.view.zoomFactor() == pytest.approx(start * 1.25)
    preview.fit_width()
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitToWidth
    preview.show()
    assert window.documents.previews == [preview]
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.documents.previews == [])  # closed and deleted


# -- meeting pack and CQC plan -----------------------------------------------------------------------------


def test_meeting_pack_defaults_then_remembers_the_last_meeting(qtbot, window, ui_settings):
    window.print_meeting_pack()
    dialog = window.documents.dialog
    assert isinstance(dialog, MeetingPackDialog)
    options = dialog.options()
    assert (options.meeting, options.since, options.next_meeting) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 2, 2),
        dt.date(2026, 3, 30),
    )
    dialog.meeting.setDate(dt.date(2026, 2, 16))
    assert dialog.options().since == dt.date(2026, 1, 19)  # follows the meeting date until chosen
    preview = open_preview(qtbot, window, dialog)
    assert "2026-02-16" in preview.suggested_name
    assert ui_settings.last_meeting == dt.date(2026, 2, 16)
    window.print_meeting_pack()
    assert window.documents.dialog.options().since == dt.date(2026, 2, 16)


def test_meeting_pack_refuses_a_period_after_the_meeting(window):
    window.print_meeting_pack()
    dialog = window.documents.dialog
    dialog.since.setDate(dt.date(2026, 3, 10))
    assert not dialog.preview_button.isEnabled()
    assert dialog.summary.text() == "The period must start before the meeting date."


def test_cqc_plan_offers_locations_with_breaches_and_preselects_the_selected_one(
    qtbot, window, services, demo
):
    load(qtbot, window.panels["locations"])
    with_breaches = [
        loc for loc in services.locations.list() if services.documents.cqc_plan_inspections(loc.id)
    ]
    without = [loc for loc in services.locations.list() if loc not in with_breaches]
    chosen = with_breaches[-1]
    window.panels["locations"].select_location(chosen.id)
    window.print_cqc_plan()
    dialog = window.documents.dialog
    assert isinstance(dialog, CqcPlanDialog)
    assert dialog.location_id == chosen.id
    names = [dialog.location.itemText(i) for i in range(dialog.location.count())]
    assert names[: len(with_breaches)] == [loc.name for loc in with_breaches]
    assert all(name.endswith("(no breaches)") for name in names[len(with_breaches) :])
    assert len(names) == len(with_breaches) + len(without)
    inspections = services.documents.cqc_plan_inspections(chosen.id)
    assert dialog.inspection.count() == len(inspections)
    assert dialog.options().inspection_id == inspections[0].id
    preview = open_preview(qtbot, window, dialog)
    assert preview.page_count > 0
    assert preview.suggested_name == f"CQC action plan - {chosen.name} - 2026-03-02.pdf"


def test_cqc_plan_without_breaches_says_so_and_cannot_preview(qtbot, window, register):
    load(qtbot, window.panels["locations"])
    window.print_cqc_plan()
    dialog = window.documents.dialog
    assert dialog.location_id is None and not dialog.preview_button.isEnabled()
    assert dialog.summary.text().startswith("No location has breaches of the regulations")


def test_cqc_plan_without_any_location_explains_what_to_do(window, dialogs):
    window.print_cqc_plan()
    assert window.documents.dialog is None
    assert dialogs.shown[-1] == (
        "inform",
        "CQC action plan",
        "There are no locations yet: import a CQC report first.",
    )


# -- export and backup -------------------------------------------------------------------------------------


def read_export(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [row[:2] for row in csv.reader(handle)][1:]
    sheet = openpyxl.load_workbook(path)["Actions"]
    return [list(row[:2]) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_exactly_the_register_rows_in_its_order(
    qtbot, window, services, dialogs, register, tmp_path, suffix
):
    flt = ActionFilter(kinds=frozenset({ActionKind.SHOULD}))
    window.register.set_filter(flt)
    window.register.model.sort(Col.REFERENCE, Qt.SortOrder.DescendingOrder)
    target = tmp_path / f"actions{suffix}"
    dialogs.answer(target)
    with qtbot.waitSignal(window.documents.finished, timeout=20_000) as finished:
        window.export_register()
    expected = services.actions.summaries(services.actions.ids(flt, SortKey.REFERENCE, descending=True))
    assert read_export(target) == [[s.reference, s.location_name] for s in expected]
    assert finished.args[0] == f"Exported 2 actions to {target}."
    assert window.statusBar().currentMessage() == finished.args[0]
    assert window.documents.folder_link.isVisibleTo(window)


def test_export_into_a_missing_folder_is_one_sentence(qtbot, window, dialogs, register, tmp_path):
    load(qtbot, window.register)
    target = tmp_path / "gone" / "actions.csv"
    dialogs.answer(target)
    window.export_register()
    qtbot.waitUntil(lambda: not window.documents.job.busy)
    assert dialogs.shown[-1] == (
        "warn",
        "Could not export",
        f"{target} could not be written: its folder does not exist.",
    )
    assert not target.exists()


def test_backup_writes_a_consistent_copy(qtbot, window, dialogs, register, sqlite_file, tmp_path):
    dialogs.answer(tmp_path / "copy")
    with qtbot.waitSignal(window.documents.finished, timeout=20_000) as finished:
        window.back_up()
    copy = tmp_path / "copy.sqlite3"
    assert finished.args[0] == f"Backed up the database to {copy}."
    with sqlite3.connect(sqlite_file) as original, sqlite3.connect(copy) as backup:
        assert list(backup.iterdump()) == list(original.iterdump())
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_into_an_unwritable_place_is_one_sentence(
    qtbot, window, dialogs, register, sqlite_file, tmp_path
):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "copy.sqlite3"
    dialogs.answer(target)
    window.back_up()
    qtbot.waitUntil(lambda: not window.documents.job.busy)
    kind, title, sentence = dialogs.shown[-1]
    assert (kind, title) == ("warn", "Could not back up")
    assert sentence.startswith(f"{target} could not be written: ") and sentence.count(".") <= 2
    assert "Traceback" not in sentence
