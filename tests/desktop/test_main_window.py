"""The main window: first run, sample data, navigation, persisted layout, overdue notice, databases."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent, QKeySequence

from core.domain.actions import ActionFilter
from core.domain.vocabulary import ActionKind
from desktop import app as composition
from desktop import startup
from desktop.main_window import VIEWS, MainWindow
from desktop.register.model import Col
from desktop.ui_settings import UiSettings
from tests.desktop.conftest import load


@pytest.fixture
def make_window(qtbot, services, runner, dialogs, ui_settings):
    def make(settings: UiSettings = ui_settings) -> MainWindow:
        window = MainWindow(services, runner, settings, dialogs)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.counts_shown, timeout=10_000):
            pass  # the status bar's counts are read off the GUI thread
        return window

    return make


def fake_demo(services) -> list[str]:
    """What load_demo does, through the services (the report parsers may not be installed)."""
    location = services.locations.add("Harrowfield PET-CT", provider="Meridian Imaging Ltd")
    owner = services.people.add("Amara Okafor")
    for n in range(3):
        services.edits.create(
            location.id,
            ActionKind.MUST,
            f"Sample action {n}",
            owner_id=owner.id,
            due=services.ctx.today() + dt.timedelta(days=-5 + 10 * n),
        )
    return ["Sample data loaded: 3 actions, 1 people."]


def test_first_run_shows_the_welcome_panel(make_window):
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert window.counts_label.text() == "0 actions · 0 overdue"
    assert window.info_bar.isHidden()


def test_load_sample_data_runs_in_the_background_then_shows_the_dashboard(qtbot, make_window, monkeypatch):
    monkeypatch.setattr("core.services.demo.load_demo", fake_demo)
    window = make_window()
    window.welcome.sample_button.click()
    assert not window.welcome.sample_button.isEnabled()
    qtbot.waitUntil(
        lambda: (
            window.stack.currentWidget() is window.panels["dashboard"]
            and window.statusBar().currentMessage().startswith("Sample data loaded")
        )
    )
    assert window.counts_label.text() == "3 actions · 1 overdue"
    assert not window.info_bar.isHidden() and "1 action is overdue" in window.info_bar.label.text()


def test_sample_data_failure_is_one_sentence(qtbot, make_window, dialogs, monkeypatch):
    def broken(_services):
        raise OSError("disk full")

    monkeypatch.setattr("core.services.demo.load_demo", broken)
    window = make_window()
    window.welcome.load_sample_data()
    qtbot.waitUntil(lambda: bool(dialogs.shown))
    assert dialogs.shown[-1] == (
        "warn",
        "Load sample data",
        "The sample data could not be loaded (disk full).",
    )
    assert window.welcome.sample_button.isEnabled()


def test_real_sample_data_loads_from_the_welcome_panel(qtbot, make_window):
    window = make_window()
    window.welcome.load_sample_data()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.welcome, timeout=60_000)
    assert window.services.actions.count() > 0


def test_ctrl_number_switches_views(qtbot, make_window, register):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    for n, (key, _label, _c) in reversed(list(enumerate(VIEWS, start=1))):
        qtbot.keyClick(window.windowHandle(), Qt.Key(Qt.Key.Key_0 + n), Qt.KeyboardModifier.ControlModifier)
        assert window.current_view == key
        assert window.sidebar.currentItem().text() == _label
    window.sidebar.setCurrentRow(1)
    assert window.stack.currentWidget() is window.register


def test_layout_sort_and_view_are_restored(qtbot, make_window, register, tmp_path):
    settings_file = str(tmp_path / "restore.ini")
    first = make_window(UiSettings(QSettings(settings_file, QSettings.Format.IniFormat)))
    first.resize(701, 499)  # the offscreen screen is 800x600: stay inside it
    first.show_view("people")
    first.register.table.setColumnWidth(Col.TEXT, 432)
    first.register.table.sortByColumn(Col.REFERENCE, Qt.SortOrder.DescendingOrder)
    first.close()
    second = make_window(UiSettings(QSettings(settings_file, QSettings.Format.IniFormat)))
    assert second.current_view == "people"
    assert (second.width(), second.height()) == (701, 499)
    assert second.register.table.columnWidth(Col.TEXT) == 432
    header = second.register.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        Col.REFERENCE,
        Qt.SortOrder.DescendingOrder,
    )
    assert not second.register.model.live  # hidden: it loads when first shown
    load(qtbot, second.register)
    references = [second.register.model.index(r, Col.REFERENCE).data() for r in range(4)]
    assert references == sorted(references, reverse=True)


def test_overdue_notice_leads_to_the_overdue_actions(make_window, register):
    window = make_window()
    assert not window.info_bar.isHidden() and "1 action is overdue" in window.info_bar.label.text()
    window.info_bar.action_button.click()
    assert window.current_view == "actions" and window.info_bar.isHidden()
    assert window.register.action_filter == ActionFilter(overdue=True)
    assert window.filter_label.text() == "Showing: Actions, overdue"
    assert window.counts_label.text() == "4 actions · 1 overdue"


def test_find_focuses_the_register_search(qtbot, make_window, register):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.sidebar.setFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view == "actions"
    assert window.register.filter_bar.search.hasFocus()
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_an_edit_in_the_editor_repaints_the_register_row(qtbot, make_window, register):
    window = make_window()
    window.show_view("actions")
    with qtbot.waitSignal(window.register.refreshed, timeout=10_000):
        window.show()  # the visible register loads; the hidden panels do not
    assert not window.panels["people"].refreshed_once
    window.open_action(register["late"].id)
    editor = window.editors.editors[register["late"].id]
    qtbot.addWidget(editor)
    row = window.register.model.row_of(register["late"].id)
    with qtbot.waitSignal(window.register.refreshed, timeout=10_000):
        editor.ctl.set_owner(register["sam"].id)  # written by the one writer; the change reaches the register
    assert window.register.model.row_of(register["late"].id) == row  # repainted in place
    assert window.register.model.index(row, Col.OWNER).data() == "Sam Reid"
    assert window.undo_action.isEnabled()
    with qtbot.waitSignal(window.register.refreshed, timeout=10_000):
        window.undo_action.trigger()
    assert window.register.model.index(row, Col.OWNER).data() == "Tom Hughes"
    assert window.panels["people"].stale  # hidden: refreshes when first shown
    with qtbot.waitSignal(window.panels["people"].refreshed, timeout=10_000):
        window.show_view("people")


def test_dropped_files_go_to_the_importer(make_window, tmp_path):
    class FakeImporter:
        def __init__(self):
            self.files: list[Path] = []

        def import_files(self, paths):
            self.files.extend(paths)

    window = make_window()
    window.importer = FakeImporter()
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report)), QUrl.fromLocalFile(str(tmp_path))])
    window.dropEvent(
        QDropEvent(
            QPointF(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert window.importer.files == [report, tmp_path]


def test_document_menu_entries_are_enabled_with_print_on_ctrl_p(make_window):
    window = make_window()
    assert all(a.isEnabled() for a in window.document_actions.values())
    assert window.document_actions["print_action_plan"].shortcut().toString() == "Ctrl+P"


def test_unreadable_database_offers_another(dialogs, ui_settings, tmp_path):
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    fresh = tmp_path / "fresh.sqlite3"
    dialogs.answer(composition.CREATE_NEW, fresh)
    services = composition.open_database(junk, None, dialogs, ui_settings)
    try:
        assert services is not None and services.database_path == fresh
        assert "is not a Candour database" in dialogs.shown[0][2]
        assert ui_settings.recent_databases[0] == str(fresh)
    finally:
        services.close()


def test_giving_up_on_a_bad_database_returns_none(dialogs, ui_settings, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"x" * 4096)
    dialogs.answer(composition.GIVE_UP)
    assert composition.open_database(junk, None, dialogs, ui_settings) is None


def test_switching_databases_rebuilds_the_panels(qtbot, make_window, dialogs, register, tmp_path):
    window = make_window()
    old_register = window.register
    dialogs.answer(tmp_path / "other.sqlite3")
    assert window.new_database() is None  # returns nothing; the window now shows the other database
    assert window.register is not old_register
    assert window.services.database_path == tmp_path / "other.sqlite3"
    assert window.stack.currentWidget() is window.welcome  # the new database is empty
    qtbot.waitUntil(lambda: window.counts_label.text() == "0 actions · 0 overdue")
    window.services.close()


def test_excepthook_logs_the_traceback_and_shows_one_sentence(tmp_path, monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(startup.QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(startup.sys, "excepthook", startup.sys.excepthook)
    log_file = tmp_path / "candour.log"
    handler = logging.FileHandler(log_file)
    startup.log.addHandler(handler)
    try:
        startup.install_excepthook(log_file)
        try:
            raise ValueError("bad date")
        except ValueError as error:
            startup.sys.excepthook(ValueError, error, error.__traceback__)
    finally:
        startup.log.removeHandler(handler)
    assert shown == [startup.crash_sentence(ValueError("bad date"), log_file)]
    assert "Traceback" in log_file.read_text(encoding="utf-8") and "bad date" in log_file.read_text(
        encoding="utf-8"
    )


def test_every_view_fits_a_1280_by_720_screen(qtbot, make_window, register):
    """A laptop screen: no view may force the window wider or taller than the screen."""
    window = make_window()
    window.show()
    for index in range(window.stack.count()):
        window.stack.setCurrentIndex(index)
        hint = window.minimumSizeHint()
        name = type(window.stack.widget(index)).__name__
        assert hint.width() <= 1280 and hint.height() <= 720, f"{name} needs {hint.width()}x{hint.height()}"


def test_shortcuts_dialog_lists_every_menu_shortcut_in_two_columns(make_window):
    window = make_window()
    dialog = window.show_shortcuts()
    shown = {does: keys for keys, does in dialog.rows()}
    with_keys = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty() and a.text()]
    assert len(with_keys) >= 15
    for action in with_keys:
        label = action.text().replace("&", "").rstrip("…")
        assert shown[label] == action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), label
    assert shown["Add the progress note being typed"] == "Ctrl+Enter"
    assert dialog.table.columnCount() == 2
    dialog.close()


def test_about_shows_the_version(make_window, dialogs):
    from core import __version__

    make_window().show_about()
    assert dialogs.shown[-1][1] == "About Candour" and f"Candour {__version__}" in dialogs.shown[-1][2]
