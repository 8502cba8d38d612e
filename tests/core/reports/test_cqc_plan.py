"""The provider's action plan for CQC, built from the sample register."""

from __future__ import annotations

import pytest

from core.domain.actions import ActionFilter
from core.domain.documents import CqcPlanOptions
from core.domain.errors import NotFound, RuleViolation
from core.domain.vocabulary import ActionKind
from core.domain.wording import due_with_slippage
from tests.core.reports.conftest import REFERENCE, pdf_text, references


def test_the_plan_answers_each_breached_regulation_in_regulation_order(demo) -> None:
    larkspur = demo.locations.find("Larkspur House")
    pdf = pdf_text(demo.documents.cqc_plan(CqcPlanOptions(location_id=larkspur.id)))
    headings = [
        "Regulation 9: Person-centred care",
        "Regulation 12: Safe care and treatment",
        "Regulation 17: Good governance",
        "Regulation 18: Staffing",
    ]
    positions = [pdf.text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Regulations not met Regulations 9, 12, 17 and 18" in pdf.pages[0]
    assert "Inspection 9 Aug 2022, 10 Aug 2022" in pdf.pages[0]
    staffing = pdf.section("Regulation 18: Staffing")
    assert "Regulated activity Accommodation for persons who require nursing or personal care" in staffing
    assert (
        "How the regulation was not being met LAR-2022-M02 (Requirement notice): The provider had failed "
        "to ensure there were sufficient numbers of suitably qualified"
    ) in staffing
    assert "LAR-2022-M02 (Requirement notice): CQC's notice, as set out above." in staffing
    assert "Put right the breach" not in pdf.text  # no placeholder stands in for the provider's steps
    notice = demo.actions.find("LAR-2022-M02").summary  # no steps in the samples: a gap only while open
    if notice.status.is_live:
        assert (
            "NO STEPS PLANNED YET: the provider has not yet recorded what it will do about this " in staffing
        )
    else:
        assert (
            f"No separate steps were recorded; the requirement is {notice.status.label.lower()}." in staffing
        )
    assert pdf.reader.metadata.title == "Action plan for CQC: Larkspur House"
    assert pdf.reader.metadata.subject == "Provider action plan for CQC"


def test_the_plan_holds_the_inspections_must_actions_and_nothing_else(demo) -> None:
    ashworth = demo.locations.find("Ashworth General Hospital")
    pdf = pdf_text(demo.documents.cqc_plan(CqcPlanOptions(location_id=ashworth.id)))
    musts = references(
        demo, ActionFilter(location_ids=frozenset({ashworth.id}), kinds=frozenset({ActionKind.MUST}))
    )
    assert set(REFERENCE.findall(pdf.text)) == musts
    flt = ActionFilter(location_ids=frozenset({ashworth.id}), kinds=frozenset({ActionKind.MUST}))
    actions = demo.actions.summaries(demo.actions.ids(flt))
    assert any(a.slipped_days for a in actions)
    for action in actions:  # each requirement's lead and due date, with any slippage
        lead = action.owner_name or "not yet assigned"
        assert (
            f"{action.reference} " in pdf.text and f"lead {lead}; due {due_with_slippage(action)}" in pdf.text
        )
    regulation_11 = pdf.section("Regulation 11: Need for consent", "Regulation 12:")
    assert "The report lists MUST actions under this regulation without a separate notice" in regulation_11
    assert "Regulated activity Not stated in the report" in regulation_11


def test_actions_without_a_regulation_are_listed_after_the_breaches(demo) -> None:
    fennick = demo.locations.find("Fennick Road Surgery")
    pdf = pdf_text(demo.documents.cqc_plan(CqcPlanOptions(location_id=fennick.id)))
    uncited = pdf.section("Other MUST actions (the report gave no regulation)")
    assert {"FEN-2018-M01", "FEN-2018-M02"} <= set(REFERENCE.findall(uncited))
    assert pdf.text.index("Regulation 17: Good governance") < pdf.text.index("Other MUST actions")


def test_the_inspections_offered_are_those_with_must_actions_newest_first(demo) -> None:
    larkspur = demo.locations.find("Larkspur House")
    wendover = demo.locations.find("Wendover Cross Diagnostic Centre")
    offered = demo.documents.cqc_plan_inspections(larkspur.id)
    assert [i.key_date.isoformat() for i in offered] == ["2022-08-10"]
    assert demo.documents.cqc_plan_inspections(wendover.id) == []
    with pytest.raises(NotFound, match=r"Location 999 no longer exists\."):
        demo.documents.cqc_plan_inspections(999)


def test_a_location_without_breaches_is_refused_in_one_sentence(demo) -> None:
    kestrel = demo.locations.find("Kestrel Bay MRI Unit")
    with pytest.raises(
        RuleViolation,
        match=r"^Kestrel Bay MRI Unit has no requirement or warning notices "
        r"to answer\.$",
    ):
        demo.documents.cqc_plan(CqcPlanOptions(location_id=kestrel.id))


def test_an_inspection_without_breaches_or_of_another_location_is_refused(demo) -> None:
    wendover = demo.locations.find("Wendover Cross Diagnostic Centre")
    larkspur = demo.locations.find("Larkspur House")
    recent = demo.locations.inspections(wendover.id)[0]
    with pytest.raises(
        RuleViolation,
        match=r"The inspection of 12 Jan 2023 at Wendover Cross Diagnostic "
        r"Centre left no requirement or warning notices to answer\.",
    ):
        demo.documents.cqc_plan(CqcPlanOptions(location_id=wendover.id, inspection_id=recent.id))
    with pytest.raises(NotFound, match="is not one of Larkspur House's inspections"):
        demo.documents.cqc_plan(CqcPlanOptions(location_id=larkspur.id, inspection_id=recent.id))
