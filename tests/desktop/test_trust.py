"""Through the desktop: who you are at first start, Save/Discard/Cancel before typing is lost, both
versions shown on a conflicting save, and the database file whole after the window closes."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from core.domain.actions import ActionChanges
from core.domain.changes import Changes
from core.domain.vocabulary import Access
from desktop import app as composition
from desktop.dialogs import CANCEL, DISCARD, SAVE, unsaved_changes_box
from desktop.editor.conflict import ConflictDialog, FieldConflict
from desktop.editor.manager import EditorManager
from desktop.identity_dialog import IdentityChoice, IdentityDialog
from desktop.main_window import MainWindow
from desktop.ui_settings import UiSettings
from tests.desktop.conftest import load

SHOTS = Path(os.environ.get("CANDOUR_SHOTS", "")) if os.environ.get("CANDOUR_SHOTS") else None


def shoot(widget, name: str) -> None:
    """With CANDOUR_SHOTS=folder, save what the widget looks like (to look at, not to compare)."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def editors(qtbot, services, dialogs, register):
    built = EditorManager(services, dialogs, neighbour=lambda _id, _step: None)
    yield built
    built.close_all(force=True)


def open_editor(editors, qtbot, action_id):
    editor = editors.open(action_id)
    qtbot.addWidget(editor)
    return editor


# -- who you are -----------------------------------------------------------------------------------


def test_first_start_asks_who_you_are_and_remembers_it(
    services, register, database_target, dialogs, ui_settings
):
    services.close()
    dialogs.identity = IdentityChoice(person_id=register["tom"].id)
    opened = composition.open_database(database_target, None, dialogs, ui_settings)
    assert opened is not None and opened.identity.name == "Tom Hughes"
    assert opened.identity.access is Access.GOVERNANCE_LEAD
    opened.close()
    dialogs.shown.clear()
    again = composition.open_database(database_target, None, dialogs, ui_settings)
    assert again.identity.name == "Tom Hughes" and not [s for s in dialogs.shown if s[0] == "choose_identity"]
    again.close()


def test_first_start_can_add_yourself_and_cancel_opens_nothing(
    services, register, db_path, database_target, dialogs, ui_settings
):
    services.close()
    dialogs.identity = IdentityChoice(name="Nadia Bell", access=Access.VIEWER)
    opened = composition.open_database(database_target, None, dialogs, ui_settings)
    assert opened.identity.name == "Nadia Bell" and opened.people.find("Nadia Bell").access is Access.VIEWER
    opened.close()

    class Cancelling(type(dialogs)):
        def choose_identity(self, people, database):
            return None

    remembered = composition.open_database(database_target, None, Cancelling(), ui_settings)
    assert remembered is not None and remembered.identity.name == "Nadia Bell"  # not asked again
    remembered.close()
    elsewhere = UiSettings(QSettings(str(db_path.parent / "other.ini"), QSettings.Format.IniFormat))
    assert (
        composition.open_database(database_target, None, Cancelling(), elsewhere) is None
    )  # cancelled: no window


def test_a_named_database_that_does_not_exist_is_not_made(tmp_path, dialogs, ui_settings):
    typo = tmp_path / "typo.sqlite3"
    dialogs.answer(composition.GIVE_UP)
    assert composition.open_database(typo, None, dialogs, ui_settings) is None
    assert "There is no database at" in dialogs.shown[0][2] and not typo.exists()
    made = composition.open_database(typo, None, dialogs, ui_settings, create=True)  # the default path only
    assert made is not None and typo.exists()
    made.close()


def test_window_shows_who_is_signed_in(qtbot, services, register, runner, dialogs, ui_settings):
    services.sign_in(register["tom"].id)
    window = MainWindow(services, runner, ui_settings, dialogs)
    qtbot.addWidget(window)
    assert window.identity_label.text() == "Signed in as Tom Hughes (governance lead)"
    assert window.windowTitle().endswith(" — Tom Hughes — Candour")


def test_window_says_plainly_when_nobody_is_signed_in(qtbot, services, runner, dialogs, ui_settings):
    window = MainWindow(services, runner, ui_settings, dialogs)
    qtbot.addWidget(window)
    assert window.identity_label.text() == "Nobody signed in"


def test_identity_dialog_picks_or_adds(qtbot, services, register):
    dialog = IdentityDialog(services.people.list(), "candour.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.choice().person_id == services.people.list()[0].id
    dialog.add.setChecked(True)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.name, "Nadia Bell")
    dialog.access.setCurrentIndex(dialog.access.findData(Access.GOVERNANCE_LEAD.value))
    assert ok.isEnabled()
    assert dialog.choice() == IdentityChoice(name="Nadia Bell", access=Access.GOVERNANCE_LEAD)
    dialog.pick.setChecked(True)
    dialog.resize(dialog.sizeHint())
    shoot(dialog, "identity-dialog")
    assert dialog.width() <= 1280 and dialog.height() <= 720


def test_identity_dialog_names_the_database_literally(qtbot):
    path = "/tmp/<b>odd</b> & co/candour.sqlite3"
    dialog = IdentityDialog([], path)
    qtbot.addWidget(dialog)
    assert dialog.database.text() == path
    assert dialog.database.textFormat() == Qt.TextFormat.PlainText
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("<b>" in text for text in labels if text != path)  # no markup shown as text


# -- nothing typed is lost -------------------------------------------------------------------------


def test_closing_with_unsaved_typing_asks_save_discard_cancel(qtbot, editors, dialogs, services, register):
    editor = open_editor(editors, qtbot, register["must"].id)
    editor.overview.measure.edit.setPlainText("Fridge log 100% for three months")
    dialogs.close_answers.append(CANCEL)
    assert not editor.close()
    assert (
        editor.isVisible()
        and editor.overview.measure.edit.toPlainText() == "Fridge log 100% for three months"
    )
    assert "unsaved typing (success measure)" in dialogs.shown[-1][2]
    dialogs.close_answers.append(SAVE)
    assert editor.close()
    assert services.actions.get(register["must"].id).success_measure == "Fridge log 100% for three months"


def test_discard_closes_without_saving_and_a_typed_note_is_asked_about(
    qtbot, editors, dialogs, services, register
):
    editor = open_editor(editors, qtbot, register["should"].id)
    qtbot.keyClicks(editor.notes.box, "Half a note")
    editor.overview.edit_toggle.setChecked(True)
    editor.overview.text.edit.setPlainText("Rewritten action text")
    dialogs.close_answers.append(DISCARD)
    assert editor.close()
    assert "action text and progress note" in dialogs.shown[-1][2]
    detail = services.actions.get(register["should"].id)
    assert detail.notes == [] and detail.summary.text == register["should"].summary.text
    again = open_editor(editors, qtbot, register["should"].id)
    qtbot.keyClicks(again.notes.box, "A whole note")
    dialogs.close_answers.append(SAVE)
    assert again.close()
    assert [n.text for n in services.actions.get(register["should"].id).notes] == ["A whole note"]


def test_main_window_stays_open_when_an_editor_is_cancelled(
    qtbot, services, register, runner, dialogs, ui_settings
):
    window = MainWindow(services, runner, ui_settings, dialogs)
    qtbot.addWidget(window)
    window.show()
    editor = window.editors.open(register["must"].id)
    editor.overview.measure.edit.setPlainText("Typed, not saved")
    dialogs.close_answers.append(CANCEL)
    assert not window.close()
    assert window.isVisible() and editor.isVisible()
    editor.force_close = True


def test_close_prompt_looks_right(qtbot):
    box = unsaved_changes_box(
        None,
        "Unsaved changes",
        "SID-2026-M01 has unsaved typing (success measure and progress note). Save it before closing?",
    )
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    shoot(box, "close-prompt")
    assert {b.text().replace("&", "") for b in box.buttons()} >= {"Save", "Discard", "Cancel"}


# -- conflicts: both versions, the user's choice ------------------------------------------------------


def test_conflicting_save_shows_both_versions_and_keeps_mine(qtbot, editors, dialogs, services, register):
    editor = open_editor(editors, qtbot, register["must"].id)
    editor.overview.measure.edit.setPlainText("Mine: audit of 20 records")
    other = services.actions.get(register["must"].id)
    services.ctx.actor = "Tom Hughes"
    services.edits.update(other.id, other.version, ActionChanges(success_measure="Theirs: spot checks"))
    editors.on_changes(Changes(actions=frozenset({other.id})))  # the editor reloads; the typing stays
    assert editor.overview.measure.edit.toPlainText() == "Mine: audit of 20 records"
    assert editor.overview.save_measure()
    rows = dialogs.conflicts[-1]
    assert rows == [
        FieldConflict(
            "success_measure", "Success measure", "Mine: audit of 20 records", "Theirs: spot checks"
        )
    ]
    assert "was changed by Tom Hughes" in dialogs.shown[-1][2]
    assert services.actions.get(register["must"].id).success_measure == "Mine: audit of 20 records"


def test_conflicting_save_can_take_theirs(qtbot, editors, dialogs, services, register):
    editor = open_editor(editors, qtbot, register["must"].id)
    editor.overview.measure.edit.setPlainText("Mine")
    other = services.actions.get(register["must"].id)
    services.edits.update(other.id, other.version, ActionChanges(success_measure="Theirs"))
    dialogs.conflict_answers.append({"success_measure"})
    editor.overview.save_measure()
    assert services.actions.get(register["must"].id).success_measure == "Theirs"
    assert editor.overview.measure.edit.toPlainText() == "Theirs" and not editor.overview.measure.dirty


def test_a_stale_owner_change_shows_both_owners(qtbot, editors, dialogs, services, register):
    editor = open_editor(editors, qtbot, register["must"].id)
    stale = editor.ctl.detail
    services.edits.update(stale.id, stale.version, ActionChanges(owner_id=register["sam"].id))
    dialogs.conflict_answers.append(None)  # cancel: nothing saved
    assert not editor.ctl.set_owner(register["tom"].id)
    assert dialogs.conflicts[-1][0].mine == "Tom Hughes" and dialogs.conflicts[-1][0].theirs == "Sam Reid"
    assert services.actions.get(register["must"].id).summary.owner_name == "Sam Reid"


def test_conflict_view_looks_right(qtbot):
    dialog = ConflictDialog(
        "SID-2026-M01 was changed by Tom Hughes at 09:30 on 2 Mar 2026 while you were "
        "editing it. For each field, keep your version or take theirs; then save.",
        [
            FieldConflict(
                "success_measure",
                "Success measure",
                "Audit of 20 records shows full compliance for two months.",
                "Spot checks by the manager.",
            ),
            FieldConflict("owner_id", "Owner", "Tom Hughes", "Sam Reid"),
        ],
    )
    qtbot.addWidget(dialog)
    dialog.resize(dialog.sizeHint())
    shoot(dialog, "conflict-view")
    assert dialog.width() <= 1280 and dialog.height() <= 720
    assert dialog.taken() == set()  # keeping mine is the default
    dialog.take_theirs["owner_id"].setChecked(True)
    assert dialog.taken() == {"owner_id"} and not dialog.keep_mine["owner_id"].isChecked()


# -- a whole file -----------------------------------------------------------------------------------


def test_after_the_window_closes_the_bare_file_holds_the_last_change(
    qtbot, services, register, runner, dialogs, ui_settings, sqlite_file, tmp_path
):
    window = MainWindow(services, runner, ui_settings, dialogs)
    qtbot.addWidget(window)
    window.show()
    services.people.add("Last Person Added")
    assert window.close()
    bare = tmp_path / "emailed.sqlite3"
    shutil.copyfile(sqlite_file, bare)
    raw = sqlite3.connect(bare)
    try:
        assert raw.execute("SELECT 1 FROM person WHERE name = 'Last Person Added'").fetchone()
    finally:
        raw.close()


# -- evidence a reader can trust --------------------------------------------------------------------------


def test_evidence_gets_a_description_and_shows_who_added_it_and_when(
    qtbot, editors, dialogs, services, register
):
    services.sign_in(register["priya"].id)
    services.evidence.add_link(register["must"].id, "https://intranet.example.org/fridges")
    editor = open_editor(editors, qtbot, register["must"].id)
    editor.tabs.setCurrentWidget(editor.evidence)
    row = editor.evidence.list.topLevelItem(0)
    editor.evidence.list.setCurrentItem(row)
    dialogs.answer("Fridge temperature register, March")
    editor.evidence.describe_button.click()
    row = editor.evidence.list.topLevelItem(0)
    assert [row.text(c) for c in range(4)] == [
        "https://intranet.example.org/fridges",
        "Fridge temperature register, March",
        "Priya Shah",
        "2 Mar 2026 09:30",
    ]
    history = services.actions.history(register["must"].id)
    assert ("description", "Fridge temperature register, March") in {(e.field, e.new_value) for e in history}


def test_first_launch_makes_only_the_default_database(qtbot, monkeypatch, tmp_path, ui_settings):
    from tests.desktop.conftest import FakeDialogs

    default = tmp_path / "data" / "candour.sqlite3"
    monkeypatch.delenv("CANDOUR_DB", raising=False)
    monkeypatch.setattr("core.services.app.default_database_path", lambda: default)
    monkeypatch.setattr("desktop.app.Dialogs", FakeDialogs)
    window = composition.build_window(None, None, ui_settings)
    assert window is not None and default.exists()
    qtbot.addWidget(window)
    assert window.services.identity.name == "Test Lead"  # asked who they are; added themselves
    window.services.close()
    typo = tmp_path / "typo.sqlite3"
    assert composition.build_window(str(typo), None, ui_settings) is None  # offered another; gave up
    assert not typo.exists()


# -- the rules, through the editor -------------------------------------------------------------------------


def test_a_verified_action_is_locked_in_the_editor_until_a_lead_reopens_it(
    qtbot, editors, dialogs, services, register, tmp_path
):
    from core.domain.workflow import Transition

    must = register["must"]
    proof = tmp_path / "log.pdf"
    proof.write_bytes(b"%PDF-1.4")
    services.sign_in(register["priya"].id)
    services.evidence.attach_file(must.id, proof, "Fridge log")
    done = services.edits.transition(must.id, services.actions.get(must.id).version, Transition.COMPLETE)
    services.sign_in(register["tom"].id)
    services.edits.transition(must.id, done.version, Transition.VERIFY, reason="Seen on site")
    services.sign_in(register["sam"].id)
    editor = open_editor(editors, qtbot, must.id)
    assert not editor.overview.owner.isEnabled() and not editor.evidence.attach_button.isEnabled()
    assert editor.notes.box.isReadOnly()
    assert not editor.ctl.remove_evidence(editor.ctl.detail.evidence[0].id)  # the service refuses it too
    assert dialogs.shown[-1] == (
        "warn",
        "Not changed",
        f"{must.summary.reference} is verified; reopen it before removing evidence.",
    )
    assert not editor.ctl.set_owner(register["sam"].id)
    assert "reopen it before changing its owner" in dialogs.shown[-1][2]
    assert not editor.ctl.transition(Transition.REOPEN, reason="Repeat finding")
    assert "only a governance lead can reopen it" in dialogs.shown[-1][2]
    services.sign_in(register["tom"].id)
    editor.ctl.reload()
    assert editor.ctl.transition(Transition.REOPEN, reason="Repeat finding")
    assert editor.overview.owner.isEnabled() and editor.evidence.attach_button.isEnabled()
    assert len(services.actions.get(must.id).evidence) == 1


def test_people_panel_shows_and_changes_roles_in_candour(
    qtbot, services, register, runner, dialogs, ui_settings
):
    from desktop.people.panel import PeoplePanel

    panel = PeoplePanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(panel)
    load(qtbot, panel)
    panel.select_person(register["sam"].id)
    dialogs.answer("Governance lead")
    panel.set_access()  # nobody signed in: refused, in one sentence
    runner.wait_for_done(5000)
    qtbot.waitUntil(lambda: any("Only a governance lead" in s[2] for s in dialogs.shown))
    services.sign_in(register["tom"].id)
    dialogs.answer("Governance lead")
    panel.set_access()
    qtbot.waitUntil(lambda: services.people.get(register["sam"].id).access is Access.GOVERNANCE_LEAD)
