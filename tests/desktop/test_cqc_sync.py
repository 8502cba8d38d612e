"""Check CQC for new reports from the app: dialog, progress per location, cancel, the import preview,
recording."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.cqc.access import KEYRING_SERVICE, KEYRING_USER
from core.store.orm import Base, CqcLocationRecord
from desktop.importing.preview_dialog import PreviewDialog
from desktop.main_window import MainWindow
from desktop.sync.controller import PROVIDER_SETTING
from desktop.sync.dialog import SyncDialog
from tests.core.cqc.test_sync import snapshot
from tests.support.cqc_fixtures import PROVIDER
from tests.support.cqc_server import dropped


@pytest.fixture
def window(qtbot, services, runner, dialogs, ui_settings, fake_cqc, monkeypatch, tmp_path) -> MainWindow:
    monkeypatch.setenv("CANDOUR_CQC_API", fake_cqc.url)
    monkeypatch.setattr("desktop.sync.controller.data_dir", lambda: tmp_path / "data")
    built = MainWindow(services, runner, ui_settings, dialogs)
    qtbot.addWidget(built)
    return built


def open_dialog(qtbot, window: MainWindow) -> SyncDialog:
    window.cqc_sync_action.trigger()
    dialog = window.cqc_sync.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def check(qtbot, window: MainWindow, dialog: SyncDialog, key: str = "test-key") -> PreviewDialog:
    dialog.provider_box.setText(PROVIDER)
    dialog.key_box.setText(key)
    with qtbot.waitSignal(window.importer.previewed, timeout=20_000) as blocker:
        dialog.check_button.click()
    return blocker.args[0]


def test_the_action_is_in_the_file_menu(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.cqc_sync_action in file_menu.actions()
    assert window.cqc_sync_action.text() == "&Check CQC for new reports…"


def test_the_locations_panel_offers_it_too(qtbot, window):
    window.show_view("locations")
    window.panels["locations"].cqc_button.click()
    assert window.cqc_sync.dialog is not None and window.cqc_sync.dialog.isVisible()


def test_sync_shows_progress_per_location_then_the_preview_and_writes_only_when_confirmed(
    qtbot, window, services, ui_settings, no_real_keyring_or_cqc
):
    before = snapshot(services)
    dialog = open_dialog(qtbot, window)
    preview = check(qtbot, window, dialog)
    assert [dialog.location_list.item(n).text() for n in range(dialog.location_list.count())] == [
        "Larkspur House: 1 new report downloaded",
        "Sandgate Street Dental Practice: 1 new report downloaded",
        "Fennick Road Surgery: 1 new report downloaded",
    ]
    assert preview.windowTitle() == "Reports from CQC — check before importing"
    assert len(preview.files) == 3 and all(f.importable for f in preview.files)
    assert snapshot(services) == before  # nothing written while the preview is open
    assert ui_settings.value(PROVIDER_SETTING) == PROVIDER
    assert no_real_keyring_or_cqc.passwords == {(KEYRING_SERVICE, KEYRING_USER): "test-key"}
    with qtbot.waitSignal(window.cqc_sync.synced, timeout=20_000) as blocker:
        preview.import_button.click()
    summary = blocker.args[0]
    assert summary.imported == 3
    assert {loc.name for loc in services.locations.list()} == {
        "Larkspur House",
        "Sandgate Street Dental Practice",
        "Fennick Road Surgery",
    }
    with services.ctx.db.reading() as session:
        assert len(session.scalars(select(CqcLocationRecord)).all()) == 3
    assert window.dialogs.shown[-1][1] == "CQC sync finished"
    assert window.dialogs.shown[-1][2].startswith("3 locations checked with CQC: 3 new reports imported.")


def test_the_key_is_never_written_to_the_database_or_the_settings_file(
    qtbot, window, services, ui_settings, tmp_path, no_real_keyring_or_cqc
):
    preview = check(qtbot, window, open_dialog(qtbot, window), key="test-key")
    with qtbot.waitSignal(window.cqc_sync.synced, timeout=20_000):
        preview.import_button.click()
    ui_settings.sync()
    assert no_real_keyring_or_cqc.passwords == {(KEYRING_SERVICE, KEYRING_USER): "test-key"}
    with services.ctx.db.reading() as session:
        everything = [session.execute(select(table)).all() for table in Base.metadata.sorted_tables]
    assert "test-key" not in repr(everything)
    assert b"test-key" not in (tmp_path / "ui.ini").read_bytes()


def test_reports_already_in_candour_are_recorded_without_a_preview(
    qtbot, window, services, tmp_path, dialogs, sample_pdfs
):
    for stem, data in sample_pdfs.items():
        (tmp_path / f"{stem}.pdf").write_bytes(data)
        services.imports.import_paths([tmp_path / f"{stem}.pdf"])
    dialog = open_dialog(qtbot, window)
    dialog.provider_box.setText(PROVIDER)
    dialog.key_box.setText("test-key")
    with qtbot.waitSignal(window.cqc_sync.synced, timeout=20_000) as blocker:
        dialog.check_button.click()
    summary = blocker.args[0]
    assert (summary.imported, summary.unchanged, summary.problems) == (0, 3, [])
    assert window.importer.preview is None
    with services.ctx.db.reading() as session:
        assert all(row.complete for row in session.scalars(select(CqcLocationRecord)))


def test_the_provider_id_is_remembered_and_a_stored_key_is_used(
    qtbot, window, ui_settings, no_real_keyring_or_cqc
):
    ui_settings.set_value(PROVIDER_SETTING, PROVIDER)
    no_real_keyring_or_cqc.set_password(KEYRING_SERVICE, KEYRING_USER, "test-key")
    dialog = open_dialog(qtbot, window)
    assert dialog.provider_box.text() == PROVIDER
    assert dialog.key_box.placeholderText() == "using the key stored in this computer's keyring"
    with qtbot.waitSignal(window.importer.previewed, timeout=20_000):
        dialog.check_button.click()


def test_cancelling_the_preview_writes_nothing(qtbot, window, services, dialogs):
    before = snapshot(services)
    preview = check(qtbot, window, open_dialog(qtbot, window))
    preview.reject()
    assert snapshot(services) == before
    assert dialogs.shown[-1] == (
        "inform",
        "CQC sync",
        ("Nothing was imported or recorded; the next check offers these reports again."),
    )


def test_with_no_key_the_dialog_says_where_to_get_one(qtbot, window):
    dialog = open_dialog(qtbot, window)
    dialog.provider_box.setText(PROVIDER)
    dialog.check_button.click()
    assert dialog.pages.currentIndex() == 0
    assert dialog.error_label.text() == (
        "Enter your CQC API subscription key: get one free from the CQC API portal "
        "(https://api-portal.service.cqc.org.uk)."
    )


def test_a_wrong_key_brings_the_form_back_with_one_sentence(qtbot, window, services):
    dialog = open_dialog(qtbot, window)
    dialog.provider_box.setText(PROVIDER)
    dialog.key_box.setText("wrong")
    dialog.remember_box.setChecked(False)
    dialog.check_button.click()
    qtbot.waitUntil(
        lambda: dialog.pages.currentIndex() == 0 and dialog.error_label.isVisibleTo(dialog), timeout=20_000
    )
    assert dialog.error_label.text().startswith("CQC refused the subscription key (HTTP 401)")


def test_no_provider_id_is_one_sentence(qtbot, window):
    dialog = open_dialog(qtbot, window)
    dialog.key_box.setText("test-key")
    dialog.check_button.click()
    assert dialog.error_label.text() == (
        "Enter the CQC provider id (on the provider's CQC web page), or location ids."
    )


def test_cancel_while_checking_previews_the_locations_already_checked(qtbot, window, fake_cqc):
    fake_cqc.fault("locations/1-126473117", fake_cqc.delayed(3.0))
    dialog = open_dialog(qtbot, window)
    dialog.provider_box.setText(PROVIDER)
    dialog.key_box.setText("test-key")
    with qtbot.waitSignal(window.importer.previewed, timeout=20_000) as blocker:
        dialog.check_button.click()
        qtbot.waitUntil(lambda: dialog.location_list.count() == 1, timeout=10_000)
        dialog.cancel_button.click()
        assert dialog.status_label.text().startswith("Cancelling…")
    assert [f.report.location.name for f in blocker.args[0].files] == ["Larkspur House"]


def test_a_key_the_keyring_cannot_store_is_still_used_for_this_check(qtbot, window, monkeypatch):
    import keyring.backends.fail
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    dialog = open_dialog(qtbot, window)
    check(qtbot, window, dialog)
    assert (
        dialog.location_list.item(0)
        .text()
        .startswith("The key could not be stored because this computer has no usable keyring (")
    )
    assert dialog.location_list.item(0).text().endswith("The key is used for this check only.")


def test_a_network_that_drops_mid_check_says_so_then_previews_what_came_and_the_next_check_resumes(
    qtbot, services, runner, dialogs, ui_settings, fake_cqc, window, tmp_path
):
    from desktop.sync.controller import SyncController

    fake_cqc.fault("locations/1-126473117", dropped, times=5)
    controller = SyncController(
        services,
        runner,
        dialogs,
        ui_settings,
        window.importer,
        window,
        download_dir=tmp_path / "dl",
        sleep=lambda _seconds: None,
    )
    controller.start()
    controller.dialog.provider_box.setText(PROVIDER)
    controller.dialog.key_box.setText("test-key")
    with qtbot.waitSignal(window.importer.previewed, timeout=20_000) as blocker:
        controller.dialog.check_button.click()
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("warn", "CQC sync stopped")
    assert text.startswith(
        "the connection to CQC dropped while fetching location 1-126473117; Candour tried 5 "
        "times, so the sync stopped"
    )
    assert text.endswith("The reports fetched before that are shown next.")
    preview = blocker.args[0]
    assert [f.report.location.name for f in preview.files] == ["Larkspur House"]
    with qtbot.waitSignal(controller.synced, timeout=20_000) as done:
        preview.import_button.click()
    assert done.args[0].imported == 1 and done.args[0].stopped is not None
    controller.start()
    controller.dialog.key_box.setText("test-key")
    with qtbot.waitSignal(window.importer.previewed, timeout=20_000) as blocker:
        controller.dialog.check_button.click()
    assert sorted(f.report.location.name for f in blocker.args[0].files) == [
        "Fennick Road Surgery",
        "Sandgate Street Dental Practice",
    ]
