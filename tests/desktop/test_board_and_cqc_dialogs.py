"""The board pack dialog's cover sheet (remembered per meeting series) and the CQC plan dialog's warning
about requirements without steps."""

from __future__ import annotations

from pathlib import Path

from core.domain.documents import Assurance, Purpose
from core.domain.vocabulary import KeyQuestion
from desktop.documents.cqc_dialog import CqcPlanDialog
from desktop.documents.pack_dialog import MeetingPackDialog
from tests.desktop.conftest import load
from tests.desktop.test_documents import open_preview

SHOTS = Path("/work/shots-12")


def test_the_cover_sheet_is_filled_printed_and_remembered_for_the_series(qtbot, window, services, register):
    window.print_meeting_pack()
    dialog = window.documents.dialog
    assert isinstance(dialog, MeetingPackDialog)
    assert dialog.series.currentText() == "Board"
    fields = dialog.cover_fields
    assert fields.meeting_name.text() == "Board"
    dialog.series.setEditText("Quality and Safety Committee")
    fields.meeting_name.setText("Quality and Safety Committee")
    fields.agenda_item.setText("7.2")
    fields.purpose.setCurrentIndex(fields.purpose.findData(Purpose.DECISION))
    fields.assurance.setCurrentIndex(fields.assurance.findData(Assurance.LIMITED))
    fields.questions[KeyQuestion.SAFE].setChecked(True)
    fields.recommendation.setPlainText("The committee is asked to note the progress.")
    if SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "pack-dialog.png"))
    assert dialog.sizeHint().height() <= 720 and dialog.sizeHint().width() <= 1280
    options = dialog.options()
    assert options.series == "Quality and Safety Committee" and options.cover.agenda_item == "7.2"
    preview = open_preview(qtbot, window, dialog)
    assert preview.page_count > 0 and preview.suggested_name.startswith("Board pack")
    assert services.documents.pack_cover("Quality and Safety Committee").purpose is Purpose.DECISION
    assert services.documents.last_pack_meeting("Quality and Safety Committee") == options.meeting
    window.print_meeting_pack()
    again = window.documents.dialog
    assert again.series.currentText() == "Quality and Safety Committee"
    assert again.cover_fields.agenda_item.text() == "7.2"
    assert again.cover_fields.questions[KeyQuestion.SAFE].isChecked()
    assert again.cover_fields.assurance.currentData() == Assurance.LIMITED


def test_the_cqc_dialog_warns_of_requirements_without_steps_before_printing(qtbot, window, services, dialogs):
    from core.services.demo import load_demo

    load_demo(services)
    load(qtbot, window.panels["locations"])
    larkspur = services.locations.find("Larkspur House")
    window.panels["locations"].select_location(larkspur.id)
    window.print_cqc_plan()
    dialog = window.documents.dialog
    assert isinstance(dialog, CqcPlanDialog)
    from core.domain.actions import ActionFilter

    musts = services.actions.summaries(
        services.actions.ids(ActionFilter(location_ids=frozenset({larkspur.id})))
    )
    expected = sorted(a.reference for a in musts if "-M" in a.reference and a.status.is_live)
    assert dialog.gaps == expected and expected
    assert (
        f"Warning: {len(expected)} requirements have no steps planned yet ({', '.join(expected)}). The plan "
        "will print 'No steps planned yet' for them"
    ) in dialog.summary.text()
    if SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "cqc-dialog.png"))
    dialogs.answer(False)  # "Print it anyway?" No
    dialog.accept()
    assert dialogs.shown[-1][0] == "confirm" and "Print it anyway?" in dialogs.shown[-1][2]
    assert window.documents.previews == []
    window.print_cqc_plan()
    dialog = window.documents.dialog
    dialogs.answer(True)
    preview = open_preview(qtbot, window, dialog)
    assert preview.page_count > 0
