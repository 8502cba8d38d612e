"""Actions from other sources than a CQC report, and deleting an action or a whole report with a reason
kept in the history, refused once work is recorded unless confirmed."""

import pytest

from core.domain.actions import ActionFilter
from core.domain.errors import NotFound, RuleViolation
from core.domain.parsed import Regulation
from core.domain.vocabulary import Access, ActionKind, ActionOrigin, KeyQuestion, OtherSource, Statute
from core.services.demo import sample_files


def test_an_action_from_another_source_records_source_location_key_question_and_regulation(
    services, register
):
    sid = register["sid"]
    reg17 = Regulation(number="17", statute=Statute.RA_2014, title="Good governance")
    detail = services.edits.add_from_source(
        sid.id,
        ActionKind.SHOULD,
        "Re-audit consent forms after the mock visit",
        source=OtherSource.MOCK_INSPECTION,
        key_question=KeyQuestion.WELL_LED,
        regulation=reg17,
    )
    s = detail.summary
    assert (s.source, s.origin, s.location_name, s.key_question) == (
        OtherSource.MOCK_INSPECTION,
        ActionOrigin.INTERNAL,
        "Sidcup PET-CT Centre",
        KeyQuestion.WELL_LED,
    )
    assert s.regulation.number == "17" and s.inspection_id is None
    assert services.actions.summaries([s.id])[0].source is OtherSource.MOCK_INSPECTION
    history = services.actions.history(s.id)
    assert [(h.operation, h.field, h.new_value) for h in history][-1] == (
        "update",
        "source",
        "Mock inspection",
    )
    assert OtherSource.IRMER.label == "IR(ME)R" and OtherSource.CQC_FEEDBACK.label == "CQC feedback"


def test_only_a_signed_in_governance_lead_deletes(services, register):
    unowned = register["unowned"]
    with pytest.raises(RuleViolation, match="needs a signed-in governance lead"):
        services.removal.delete_action(unowned.id, "Entered twice")
    services.sign_in(register["priya"].id)
    with pytest.raises(
        RuleViolation, match=r"^Only a governance lead can delete an action; Priya Shah is not one\.$"
    ):
        services.removal.delete_action(unowned.id, "Entered twice")
    assert services.actions.get(unowned.id) and services.removal.deletions() == []


def test_deleting_an_action_keeps_the_reason_and_its_history(services, register):
    unowned = register["unowned"]
    services.sign_in(register["tom"].id)
    deletion = services.removal.delete_action(unowned.id, "Entered twice")
    assert (deletion.entity, deletion.label, deletion.reason, deletion.work_recorded) == (
        "action",
        unowned.summary.reference,
        "Entered twice",
        None,
    )
    with pytest.raises(NotFound):
        services.actions.get(unowned.id)
    history = services.removal.history(deletion.entity_id)
    assert history[0].operation == "create"
    assert (history[-1].operation, history[-1].field, history[-1].new_value) == (
        "delete",
        "reason",
        "Entered twice",
    )
    assert services.removal.deletions()[0].label == unowned.summary.reference


def test_deleting_an_action_with_work_recorded_needs_confirming(services, register):
    must = register["must"]
    services.edits.add_note(must.id, "Fridge ordered")
    services.steps.add(must.id, "Fit the fridge")
    services.sign_in(register["tom"].id)
    with pytest.raises(
        RuleViolation, match=r"has work recorded against it \(1 progress note, 1 step\); confirm"
    ):
        services.removal.delete_action(must.id, "Raised against the wrong site")
    assert services.actions.get(must.id).summary.step_count == 1  # untouched
    with pytest.raises(RuleViolation, match="needs a reason"):
        services.removal.delete_action(must.id, "  ", confirmed=True)
    deletion = services.removal.delete_action(must.id, "Raised against the wrong site", confirmed=True)
    assert deletion.work_recorded == "1 progress note; 1 step"
    assert services.actions.count(ActionFilter(location_ids=frozenset({register["sid"].id}))) == 1


def test_deleting_a_report_removes_its_actions_and_inspections_with_the_reason(services):
    lead = services.people.add("Gill Lead", access=Access.GOVERNANCE_LEAD)
    services.sign_in(lead.id)
    outcomes = services.imports.import_paths(sample_files()[:2])
    report_id = outcomes[0].report_id
    ids = [
        a.id
        for a in services.actions.page(limit=1000).rows
        if services.actions.get(a.id).source.report_id == report_id
    ]
    before = services.actions.count()
    assert ids
    services.edits.add_note(ids[0], "Work started")
    with pytest.raises(RuleViolation, match="brought in actions with work recorded against them"):
        services.removal.delete_report(report_id, "Wrong provider's report")
    assert services.actions.count() == before
    deletion = services.removal.delete_report(report_id, "Wrong provider's report", confirmed=True)
    assert deletion.entity == "report" and "1 progress note" in deletion.work_recorded
    assert services.actions.count() == before - len(ids)
    assert report_id not in {r.id for r in services.locations.reports()}
    assert all(
        report_id not in i.report_ids
        for loc in services.locations.list()
        for i in services.locations.inspections(loc.id)
    )
    last = services.removal.history(ids[0])[-1]
    expected = f"Wrong provider's report (report {deletion.label} deleted)"
    assert (last.operation, last.new_value) == ("delete", expected)
