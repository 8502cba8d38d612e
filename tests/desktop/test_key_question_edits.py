"""The key question is editable in the action editor and in bulk from the register; each change is history."""

from __future__ import annotations

import pytest

from core.domain.vocabulary import KeyQuestion, KeyQuestionSource
from desktop.editor.manager import EditorManager
from desktop.register.panel import RegisterPanel
from tests.desktop.conftest import load


@pytest.fixture
def must_editor(qtbot, services, dialogs, register):
    manager = EditorManager(services, dialogs, neighbour=lambda _id, _step: None)
    editor = manager.open(register["must"].id)
    qtbot.addWidget(editor)
    yield editor
    manager.close_all()


def test_the_editor_changes_the_key_question_and_can_undo_it(qtbot, must_editor, services, register):
    combo = must_editor.overview.key_question
    assert combo.currentText() == "Safe"
    combo.setCurrentIndex(combo.findText("Effective"))
    combo.activated.emit(combo.currentIndex())
    summary = services.actions.get(register["must"].id).summary
    assert (summary.key_question, summary.key_question_source) == (
        KeyQuestion.EFFECTIVE,
        KeyQuestionSource.USER,
    )
    history = services.actions.history(register["must"].id)
    assert any(
        e.field == "key_question" and e.old_value == "safe" and e.new_value == "effective" for e in history
    )


def test_bulk_set_key_question(qtbot, services, runner, dialogs, ui_settings, register):
    panel = RegisterPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(panel)
    load(qtbot, panel)
    panel.table.selectAll()
    dialogs.answer("Well-led")
    result = panel.bulk_set_key_question()
    # The SHOULD action already was well-led: it is reported as unchanged and left alone.
    assert result is not None and len(result.changed) == 3
    assert result.unchanged == [register["should"].summary.reference]
    summaries = [services.actions.get(register[k].id).summary for k in ("must", "should", "late", "unowned")]
    assert {s.key_question for s in summaries} == {KeyQuestion.WELL_LED}
    assert {s.key_question_source for s in summaries if s.id != register["should"].id} == {
        KeyQuestionSource.USER
    }
