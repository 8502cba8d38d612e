"""Adding an action from another source in the app, and deleting an action or a report with a reason."""

from __future__ import annotations

from pathlib import Path

from core.domain.vocabulary import ActionKind, KeyQuestion, OtherSource
from tests.desktop.conftest import load

SHOTS = Path("/work/shots-12")


def test_a_new_action_from_another_source_is_added_and_opened(window, services, register, dialogs):
    def fill(dialog) -> bool:
        dialog.source.setCurrentIndex(dialog.source.findData(OtherSource.COMPLAINT))
        dialog.location.setCurrentIndex(dialog.location.findText("Kenton MRI Unit"))
        dialog.kind.setCurrentIndex(dialog.kind.findData(ActionKind.MUST))
        dialog.key_question.setCurrentIndex(dialog.key_question.findData(KeyQuestion.RESPONSIVE))
        dialog.regulation.setCurrentIndex(dialog.regulation.findData("16"))
        dialog.text.setPlainText("Answer complaints within 20 working days")
        if SHOTS.is_dir():
            dialog.grab().save(str(SHOTS / "new-action-dialog.png"))
        return True

    dialogs.answer(fill)
    action_id = window.new_action()
    summary = services.actions.get(action_id).summary
    assert (summary.source, summary.location_name, summary.kind, summary.key_question) == (
        OtherSource.COMPLAINT,
        "Kenton MRI Unit",
        ActionKind.MUST,
        KeyQuestion.RESPONSIVE,
    )
    assert (
        summary.regulation.number == "16" and summary.regulation.title == "Receiving and acting on complaints"
    )
    assert window.editors.editors[action_id].isVisible()
    dialogs.answer(None)  # cancelled: nothing added
    before = services.actions.count()
    assert window.new_action() is None and services.actions.count() == before


def test_deleting_an_action_from_its_editor_asks_why_and_again_when_work_is_recorded(
    qtbot, window, services, register, dialogs
):
    must = register["must"]
    services.edits.add_note(must.id, "Fridge ordered")
    services.sign_in(register["tom"].id)
    editor = window.editors.open(must.id)
    qtbot.addWidget(editor)
    dialogs.answer("Raised against the wrong site", False)  # the reason, then "Delete it anyway?" No
    editor.delete_button.click()
    question = f"{must.summary.reference} has work recorded against it (1 progress note). Delete it anyway?"
    assert dialogs.shown[-1] == ("confirm", "Delete action", question)
    assert services.actions.get(must.id)
    dialogs.answer("Raised against the wrong site", True)
    editor.delete_button.click()
    assert services.actions.count() == 3
    assert services.removal.deletions()[0].work_recorded == "1 progress note"


def test_deleting_a_report_from_the_reports_view(qtbot, window, services, dialogs):
    from core.domain.vocabulary import Access
    from core.services.demo import sample_files

    services.sign_in(services.people.add("Gill Lead", access=Access.GOVERNANCE_LEAD).id)
    services.imports.import_paths(sample_files()[:1])
    load(qtbot, window.panels["reports"])
    panel = window.panels["reports"]
    panel.table.selectRow(0)
    report = panel.selected_report()
    dialogs.answer("Imported for the wrong provider")
    assert panel.delete_selected()
    assert services.locations.reports() == [] and services.actions.count() == 0
    assert services.removal.deletions()[0].label == report.file_name
