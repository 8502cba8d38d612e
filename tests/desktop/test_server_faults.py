"""The server goes away while someone types: the window says so in one line, the typing stays in its box,
nothing is half-written, and what the user asked to save is saved once the server is back.

The network is a TCP proxy the test cuts (every connection closed, new ones refused) and restores."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import make_url

from core.domain.vocabulary import ActionKind
from core.services.app import open_services
from core.services.context import ServiceContext
from core.store.db import Database
from desktop.main_window import MainWindow
from tests.conftest import fresh_database
from tests.support.tcp_proxy import CuttableProxy

TYPED = "Store medicines in the locked fridge and log its temperature twice daily."
NOTE = "Fridge thermometer ordered; log sheet on the door."


@pytest.fixture
def proxy(server_url):
    target = make_url(server_url)
    forwarder = CuttableProxy(target.host or "localhost", target.port or 5432)
    yield forwarder
    forwarder.close()


@pytest.fixture
def through_proxy(server_url, proxy, tmp_path, clock):
    fresh_database(tmp_path / "unused.sqlite3").dispose()
    url = make_url(server_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    built = open_services(ctx=ServiceContext(db=Database(url), actor="tester", clock=clock))
    yield built
    built.close()


@pytest.fixture
def window(qtbot, through_proxy, runner, dialogs, ui_settings):
    main = MainWindow(through_proxy, runner, ui_settings, dialogs)
    dialogs.parent = main
    qtbot.addWidget(main)
    return main


@pytest.fixture
def action(through_proxy):
    location = through_proxy.locations.add("Holmwood Grange")
    return through_proxy.edits.create(
        location.id, ActionKind.MUST, "Store medicines safely.", due=dt.date(2026, 4, 30)
    )


def test_typing_survives_the_server_going_away_and_is_saved_when_it_returns(
    qtbot, window, dialogs, proxy, server_url, action
):
    editor = window.editors.open(action.id)
    assert editor is not None
    editor.overview.edit_toggle.setChecked(True)
    editor.overview.text.edit.setPlainText(TYPED)
    qtbot.keyClicks(editor.notes.box, NOTE)

    proxy.cut()
    editor.overview.text.save_button.click()
    editor.notes.add_button.click()

    assert not window.server_line.isHidden()
    assert "is not answering" in window.server_line.label.text()
    assert "\n" not in window.server_line.label.text()
    assert [kind for kind, *_ in dialogs.shown if kind == "warn"] == []  # one line, no message boxes
    assert "Not saved yet" in editor.server_line.label.text() and not editor.server_line.isHidden()
    assert editor.overview.text.edit.toPlainText() == TYPED and editor.overview.text.dirty
    assert editor.notes.box.toPlainText() == NOTE
    other = open_services(server_url)
    try:
        unchanged = other.actions.get(action.id)  # nothing half-written
        assert (unchanged.summary.text, unchanged.version, unchanged.notes) == (
            "Store medicines safely.",
            action.version,
            [],
        )

        proxy.restore()
        qtbot.waitUntil(lambda: window.server_line.isHidden(), timeout=15_000)
        qtbot.waitUntil(lambda: not editor.overview.text.dirty and not editor.notes.unsaved, timeout=15_000)
        saved = other.actions.get(action.id)
        assert saved.summary.text == TYPED
        assert [n.text for n in saved.notes] == [NOTE]  # saved once
        text_changes = [h for h in other.actions.history(action.id) if h.field == "text"]
        assert [h.new_value for h in text_changes] == [TYPED]
        assert editor.ctl.detail.version == saved.version
        assert editor.server_line.isHidden()
    finally:
        other.close()


def test_typing_not_asked_to_be_saved_stays_unsaved_when_the_server_returns(
    qtbot, window, proxy, server_url, action
):
    editor = window.editors.open(action.id)
    assert editor is not None
    qtbot.keyClicks(editor.notes.box, NOTE)  # typed, never saved
    editor.overview.edit_toggle.setChecked(True)
    editor.overview.text.edit.setPlainText(TYPED)
    proxy.cut()
    editor.overview.text.save_button.click()  # only the text was asked for
    proxy.restore()
    qtbot.waitUntil(lambda: not editor.overview.text.dirty, timeout=15_000)
    assert editor.notes.box.toPlainText() == NOTE
    other = open_services(server_url)
    try:
        assert other.actions.get(action.id).notes == []
    finally:
        other.close()
