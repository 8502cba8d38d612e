"""The action editor: owner/due/status edits, notes, evidence (dialog and drop), undo/redo, conflicts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from core.domain.actions import ActionChanges
from core.domain.vocabulary import ActionStatus
from core.domain.workflow import Transition
from desktop.editor.manager import EditorManager


@pytest.fixture
def manager(qtbot, services, dialogs, register):
    built = EditorManager(services, dialogs, neighbour=lambda _id, _step: None)
    yield built
    built.close_all()


@pytest.fixture
def must(manager, qtbot, register):
    editor = manager.open(register["must"].id)
    qtbot.addWidget(editor)
    return editor


def test_opening_twice_refocuses_the_same_window(manager, must, register):
    assert manager.open(register["must"].id) is must
    assert must.windowTitle().startswith(register["must"].summary.reference)


def test_assign_owner_from_the_combo(qtbot, must, services, register):
    combo = must.overview.owner
    combo.setCurrentIndex(combo.findText("Tom Hughes"))
    combo.activated.emit(combo.currentIndex())
    assert services.actions.get(register["must"].id).summary.owner_name == "Tom Hughes"
    assert "Tom Hughes" in must.where.text()


def test_add_person_from_the_owner_combo(qtbot, must, dialogs, services, register):
    dialogs.answer("Nadia Bell")
    combo = must.overview.owner
    combo.setCurrentIndex(combo.findText("Add person…"))
    combo.activated.emit(combo.currentIndex())
    assert services.actions.get(register["must"].id).summary.owner_name == "Nadia Bell"
    assert combo.currentText() == "Nadia Bell"


def test_moving_the_due_date_asks_why_and_shows_the_history(qtbot, must, dialogs, services, register):
    dialogs.answer("Waiting for the new fridge")
    must.overview.due.choose(dt.date(2026, 5, 31))
    detail = services.actions.get(register["must"].id)
    assert detail.summary.due == dt.date(2026, 5, 31)
    assert detail.due_changes[-1].reason == "Waiting for the new fridge"
    assert dialogs.shown[-1][0] == "ask_text"
    history = must.overview.due_history.text()
    assert "Originally due 30 Apr 2026 (+31 d)" in history and "Waiting for the new fridge" in history


def test_cancelling_the_reason_keeps_the_due_date(qtbot, must, dialogs, services, register):
    dialogs.answer(None)
    must.overview.due.choose(dt.date(2026, 5, 31))
    assert services.actions.get(register["must"].id).summary.due == dt.date(2026, 4, 30)
    assert must.overview.due.date == dt.date(2026, 4, 30)


def test_refused_transition_is_explained_and_status_unchanged(qtbot, must, dialogs, services, register):
    services.edits.add_note(register["must"].id, "Fridge ordered.")
    must.ctl.reload()
    button = must.overview.status_buttons[Transition.COMPLETE]
    assert not button.isEnabled()
    assert button.toolTip() == "A MUST action needs evidence before it can be completed."
    menu = must.overview.status_menu_button.menu()
    complete = next(a for a in menu.actions() if a.text() == Transition.COMPLETE.label)
    assert complete.isEnabled()
    complete.trigger()
    assert dialogs.shown[-1] == (
        "inform",
        "Mark completed",
        "A MUST action needs evidence before it can be completed.",
    )
    assert services.actions.get(register["must"].id).summary.status is ActionStatus.OPEN


def test_legal_transitions_and_verification_by_the_owner_refused(
    qtbot, must, dialogs, services, register, tmp_path
):
    services.sign_in(register["priya"].id)  # the owner works on her own action
    must.overview.status_buttons[Transition.START].click()
    assert services.actions.get(register["must"].id).summary.status is ActionStatus.IN_PROGRESS
    assert must.overview.status_buttons[Transition.START].isHidden()
    proof = tmp_path / "fridge-log.pdf"
    proof.write_bytes(b"%PDF-1.4 temperatures")
    must.ctl.attach_files([proof])
    assert must.overview.status_buttons[Transition.COMPLETE].isEnabled()
    must.overview.status_buttons[Transition.COMPLETE].click()
    assert services.actions.get(register["must"].id).summary.status is ActionStatus.COMPLETED
    verify = must.overview.status_buttons[Transition.VERIFY]
    assert not verify.isEnabled() and "Priya Shah owns SID-2026-M01" in verify.toolTip()
    assert not must.ctl.transition(Transition.VERIFY)
    assert (
        dialogs.shown[-1][0] == "inform"
        and "the verifier must be someone other than the owner" in dialogs.shown[-1][2]
    )
    assert services.actions.get(register["must"].id).summary.status is ActionStatus.COMPLETED
    services.sign_in(register["tom"].id)  # the verifier is whoever is signed in, not a name from a list
    must.ctl.reload()
    dialogs.answer("Fridge log seen on site")
    verify.click()
    assert "You are verifying as Tom Hughes" in dialogs.shown[-1][2]
    detail = services.actions.get(register["must"].id)
    assert detail.summary.status is ActionStatus.VERIFIED and detail.verifier_name == "Tom Hughes"
    assert "Verified by Tom Hughes" in must.overview.verification.text()
    assert "Fridge log seen on site" in must.overview.verification.text()


def test_add_note_shows_it_newest_first(qtbot, must, services, register):
    qtbot.keyClicks(must.notes.box, "First visit done.")
    must.notes.add_button.click()
    qtbot.keyClicks(must.notes.box, "Second visit booked.")
    qtbot.keyClick(must.notes.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert must.notes.box.toPlainText() == ""
    assert [n.text for n in services.actions.get(register["must"].id).notes] == [
        "Second visit booked.",
        "First visit done.",
    ]
    assert must.notes.timeline.item(0).text().endswith("Second visit booked.")
    assert must.notes.timeline.item(0).text().startswith("tester · 2 Mar 2026")
    assert must.tabs.tabText(must.tabs.indexOf(must.notes)) == "&Progress (2)"


def test_attach_evidence_by_dialog_and_by_drop(qtbot, must, dialogs, services, register, tmp_path):
    first, second = tmp_path / "audit.xlsx", tmp_path / "photo.jpg"
    first.write_bytes(b"audit")
    second.write_bytes(b"photo")
    dialogs.answer([first])
    must.evidence.attach_button.click()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    must.dropEvent(drop)
    names = [e.original_name for e in services.actions.get(register["must"].id).evidence]
    assert names == ["audit.xlsx", "photo.jpg"]
    assert must.evidence.list.topLevelItemCount() == 2
    assert must.evidence.list.topLevelItem(0).text(2) == "tester"


def test_open_evidence_saves_a_copy_and_opens_it(qtbot, must, services, register, tmp_path):
    proof = tmp_path / "minutes.txt"
    proof.write_text("minutes", encoding="utf-8")
    must.ctl.attach_files([proof])
    opened = []
    must.ctl.open_url = lambda url: opened.append(url) or True
    must.evidence.list.setCurrentItem(must.evidence.list.topLevelItem(0))
    must.evidence.open_button.click()
    assert opened and opened[0].toLocalFile().endswith("minutes.txt")
    assert Path(opened[0].toLocalFile()).read_text(encoding="utf-8") == "minutes"


def test_undo_and_redo_an_owner_change_through_the_group(qtbot, manager, must, services, register):
    must.ctl.set_owner(register["sam"].id)
    group = manager.undo_group
    assert group.activeStack() is must.ctl.stack and group.canUndo()
    group.undo()
    assert services.actions.get(register["must"].id).summary.owner_name == "Priya Shah"
    assert must.overview.owner.currentText() == "Priya Shah"
    group.redo()
    assert services.actions.get(register["must"].id).summary.owner_name == "Sam Reid"


def test_undo_and_redo_a_note(qtbot, must, services, register):
    must.ctl.add_note("Chased the pharmacist.")
    must.ctl.stack.undo()
    assert services.actions.get(register["must"].id).notes == []
    must.ctl.stack.redo()
    assert [n.text for n in services.actions.get(register["must"].id).notes] == ["Chased the pharmacist."]


def test_undo_of_an_irreversible_transition_is_explained(qtbot, must, dialogs, services, register):
    must.ctl.transition(Transition.START)
    must.ctl.stack.undo()
    assert "cannot be undone" in dialogs.shown[-1][2]
    assert services.actions.get(register["must"].id).summary.status is ActionStatus.IN_PROGRESS
    assert must.ctl.stack.count() == 0  # dropped, so Redo does not replay it


def test_conflict_reloads_and_keeps_typed_text(qtbot, must, dialogs, services, clock, register):
    services.ctx.actor = "tester"
    must.overview.measure.edit.setPlainText("Monthly audit at 100%")
    qtbot.keyClicks(must.notes.box, "Spoke to the pharmacist.")
    fresh = services.actions.get(register["must"].id)
    clock.advance(minutes=5)
    services.edits.update(
        fresh.id, fresh.version, ActionChanges(priority="critical")
    )  # behind the editor's back
    must.notes.add_button.click()
    kind, _title, text = dialogs.shown[-1]
    assert kind == "warn" and "was changed by tester at 2 Mar 2026 09:35" in text
    assert must.overview.priority.currentText() == "Critical"  # the fresh action is shown
    assert must.notes.box.toPlainText() == "Spoke to the pharmacist."  # nothing typed is lost
    assert must.overview.measure.edit.toPlainText() == "Monthly audit at 100%"
    must.notes.add_button.click()  # the second try works on the fresh version
    assert [n.text for n in services.actions.get(register["must"].id).notes] == ["Spoke to the pharmacist."]


def test_history_tab_lists_every_change(qtbot, must, dialogs, services, register):
    must.ctl.set_owner(register["tom"].id)
    rows = [must.history.list.topLevelItem(i) for i in range(must.history.list.topLevelItemCount())]
    assert rows[0].text(2) == "Owner changed" and rows[0].text(3) == "Priya Shah → Tom Hughes"
    assert rows[-1].text(2) == "Action added"


def test_navigation_opens_the_neighbour(qtbot, services, dialogs, register):
    order = [register[k].id for k in ("must", "should", "late")]

    def neighbour(action_id, step):
        i = order.index(action_id) + step
        return order[i] if 0 <= i < len(order) else None

    manager = EditorManager(services, dialogs, neighbour)
    editor = manager.open(order[0])
    editor.next_button.click()
    assert list(manager.editors) == [order[1]]
    manager.close_all()
    QApplication.processEvents()


def test_history_shows_due_dates_as_people_write_them() -> None:
    import datetime as dt

    from core.domain.actions import HistoryEntry
    from desktop.editor.history import describe

    entry = HistoryEntry(
        id=1,
        at=dt.datetime(2026, 3, 2, 9, 30),
        actor="tester",
        entity="action",
        entity_id=1,
        operation="update",
        field="due",
        old_value="2026-03-31",
        new_value="2026-04-30",
    )
    assert describe(entry) == ("Due changed", "31 Mar 2026 → 30 Apr 2026")


def test_undoing_a_due_date_move_removes_the_move_and_redo_makes_it_again(
    qtbot, must, dialogs, services, register
):
    action_id = register["must"].id
    dialogs.answer("Waiting for the new fridge")
    must.overview.due.choose(dt.date(2026, 5, 31))
    assert len(services.actions.get(action_id).due_changes) == 1
    must.ctl.stack.undo()
    detail = services.actions.get(action_id)
    assert detail.summary.due == dt.date(2026, 4, 30) and detail.due_changes == []  # no second slip
    assert detail.summary.slipped_days is None
    assert [e.field for e in services.actions.history(action_id)].count(
        "due"
    ) == 2  # the move and its undoing
    must.ctl.stack.redo()
    detail = services.actions.get(action_id)
    assert detail.summary.due == dt.date(2026, 5, 31)
    assert [c.reason for c in detail.due_changes] == ["Waiting for the new fridge"]


def test_undoing_the_first_due_date_leaves_no_trace_of_a_slip(qtbot, services, register, dialogs):
    from desktop.editor.controller import EditorController

    ctl = EditorController(services, dialogs, register["unowned"].id)
    assert ctl.set_due(dt.date(2026, 6, 1))
    ctl.stack.undo()
    detail = services.actions.get(register["unowned"].id)
    assert detail.summary.due is None and detail.summary.original_due is None and detail.due_changes == []


def test_an_action_closed_as_not_applicable_says_why_instead_of_awaiting_verification(services, register):
    from desktop.editor.overview import verification_text

    must = register["must"]
    closed = services.edits.transition(
        must.id, must.version, Transition.NOT_APPLICABLE, reason="Covered by the trust-wide audit."
    )
    assert verification_text(closed) == "Not needed: Covered by the trust-wide audit."
