"""The action editor's Steps tab: add, edit, reorder, mark done and remove steps; the completion rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from core.domain.vocabulary import StepStatus
from core.domain.workflow import Transition
from desktop.editor.manager import EditorManager
from desktop.editor.step_dialog import StepDialog

SHOTS = Path("/work/shots-12")


@pytest.fixture
def editor(qtbot, services, dialogs, register):
    manager = EditorManager(services, dialogs, neighbour=lambda _id, _step: None)
    built = manager.open(register["must"].id)
    qtbot.addWidget(built)
    yield built
    manager.close_all()


def fill_and_accept(
    monkeypatch,
    text: str,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    monitoring: str = "",
    measure: str = "",
) -> None:
    def exec_(dialog: StepDialog) -> int:
        dialog.text.setPlainText(text)
        if owner:
            dialog.owner.setCurrentIndex(dialog.owner.findText(owner))
        dialog.due.set_date(due)
        dialog.monitoring.setText(monitoring)
        dialog.measure.setText(measure)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(StepDialog, "exec", exec_)


def test_steps_are_added_edited_moved_done_and_removed(editor, services, register, dialogs, monkeypatch):
    tab = editor.steps
    assert tab.progress.text().startswith("No steps planned yet")
    fill_and_accept(
        monkeypatch,
        "Buy a lockable fridge",
        owner="Tom Hughes",
        due=dt.date(2026, 4, 1),
        monitoring="Weekly check at the huddle",
        measure="Fridge in use, log complete",
    )
    tab.add_button.click()
    fill_and_accept(monkeypatch, "Train staff on the temperature log", due=dt.date(2026, 3, 20))
    tab.add_button.click()
    assert tab.table.rowCount() == 2 and tab.table.item(0, 1).text() == "Buy a lockable fridge"
    assert tab.table.item(0, 2).text() == "Tom Hughes" and tab.table.item(0, 3).text() == "1 Apr 2026"
    assert tab.progress.text() == (
        "0 of 2 steps done · next step due 20 Mar 2026. The action can be completed when every step is done."
    )
    assert editor.tabs.tabText(editor.tabs.indexOf(tab)) == "S&teps (0/2)"
    tab.select(1)
    tab.up_button.click()
    assert services.steps.list(register["must"].id)[0].text == "Train staff on the temperature log"
    dialogs.answer("Training register signed")
    tab.select(0)
    tab.done_button.click()
    assert tab.table.item(0, 6).text() == "Done: Training register signed"
    fill_and_accept(monkeypatch, "Buy and fit a lockable fridge", owner="Tom Hughes", due=dt.date(2026, 4, 8))
    tab.select(1)
    tab.edit_button.click()
    step = services.steps.list(register["must"].id)[1]
    assert (step.text, step.due, step.status) == (
        "Buy and fit a lockable fridge",
        dt.date(2026, 4, 8),
        StepStatus.OPEN,
    )
    if SHOTS.is_dir():
        editor.tabs.setCurrentWidget(tab)
        editor.resize(1000, 620)
        editor.grab().save(str(SHOTS / "editor-steps.png"))
    assert editor.ctl.refusal(Transition.COMPLETE) == (
        "An action with steps can be completed only when its steps are done (1 not done yet)."
    )
    dialogs.answer("Added twice")
    tab.remove_button.click()
    assert [s.text for s in services.steps.list(register["must"].id)] == [
        "Train staff on the temperature log"
    ]
    history = [h for h in services.actions.history(register["must"].id) if h.entity == "step"]
    assert history[-1].operation == "delete" and history[-1].new_value == "Added twice"


def test_steps_of_a_completed_action_are_locked_and_a_refusal_is_explained(
    editor, services, register, dialogs, tmp_path
):
    must = register["must"]
    proof = tmp_path / "log.txt"
    proof.write_text("log", encoding="utf-8")
    services.evidence.attach_file(must.id, proof, "Log")
    services.sign_in(register["priya"].id)
    services.edits.transition(must.id, services.actions.get(must.id).version, Transition.COMPLETE)
    editor.ctl.reload()
    assert not editor.steps.add_button.isEnabled()
    from core.domain.steps import StepChanges

    assert editor.ctl.add_step(StepChanges(text="Too late")) is False
    kind, _title, text = dialogs.shown[-1]
    assert kind == "warn" and text.endswith("so you cannot add a step to it; reopen it first.")
    assert services.steps.list(must.id) == []


def test_the_register_shows_the_step_count_and_next_step_due(services, register):
    from core.domain.actions import ActionFilter, SortKey
    from desktop.register.model import Col, display_text, tooltip

    must = register["must"]
    services.steps.add(must.id, "Buy a fridge", due=dt.date(2026, 4, 1))
    done = services.steps.add(must.id, "Train staff", due=dt.date(2026, 3, 20))
    services.steps.done(done.id)
    summary = services.actions.summaries([must.id])[0]
    assert display_text(summary, Col.STEPS) == "1/2 · next 1 Apr 2026"
    assert tooltip(summary, Col.STEPS) == "1 of 2 steps done; the next step is due 1 Apr 2026."
    assert display_text(services.actions.summaries([register["should"].id])[0], Col.STEPS) == ""
    assert services.actions.ids(ActionFilter(), SortKey.NEXT_STEP)[0] == must.id  # undated last
