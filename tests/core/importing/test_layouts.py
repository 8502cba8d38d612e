"""The layout registry, the self-check and key questions.

Which layout reads each sample and seed is pinned in the expectation files (`layout` of each inspection);
these tests cover the choices and rules that the files cannot show on their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.domain.parsed import Regulation
from core.domain.vocabulary import ActionOrigin, KeyQuestion, KeyQuestionSource, Statute
from core.importing import load_text
from core.importing.key_questions import by_regulation
from core.importing.layouts import LAYOUTS, Document, choose_layout

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"


def _sample(stem: str) -> str:
    return (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")


def test_every_layout_has_a_distinct_name_and_the_registry_is_ordered() -> None:
    names = [layout.name for layout in LAYOUTS]
    assert len(set(names)) == len(names) == 8
    assert names[0] == "cqc.org.uk all inspections page"  # the most specific layout is asked first


@pytest.mark.parametrize(
    ("stem", "layout"),
    [
        ("asc-inadequate-care-home-2022", "2014-2023 adult social care"),
        ("dental-practice-2019", "dental"),
        ("gp-practice-2018", "2014-2023 hospital and independent health"),
        ("nhs-trust-ashworth-general-2019", "NHS trust"),
        ("saf-assessment-2024", "single assessment framework"),
        ("imaging-kestrel-bay-mri-2019", "cqc.org.uk location summary page"),
        ("imaging-wendover-cross-history", "cqc.org.uk all inspections page"),
        ("compliance-review-2012", "2010-2013 review of compliance / inspection report"),
    ],
)
def test_each_generation_is_read_by_its_own_layout(stem: str, layout: str) -> None:
    chosen = choose_layout(Document.of(load_text(_sample(stem)).text))
    assert chosen is not None and chosen.name == layout
    assert {i.layout for i in load_text(_sample(stem)).report.inspections} == {layout}


def test_a_report_whose_action_list_was_cut_fails_its_self_check() -> None:
    whole = _sample("asc-inadequate-care-home-2022")
    assert load_text(whole).report.inspections[0].checks == []
    start = whole.index("Enforcement actions")
    end = whole.index("Regulated activity", whole.index("Regulated activity", start) + 1)
    cut = whole[: whole.index("Regulated activity", start)] + whole[end:]
    cut = (
        cut[: cut.index("Action we have told the provider to take")]
        + "\n\n"
        + cut[cut.index("Enforcement actions") :]
    )
    inspection = load_text(cut).report.inspections[0]
    assert [a.origin for a in inspection.actions] == [
        ActionOrigin.RECOMMENDATION,
        ActionOrigin.WARNING_NOTICE,
    ]
    assert inspection.checks == [
        (
            "The report cites breaches of regulations 9, 12, 17 and 18 but one MUST action was found (for regulation "
            "17); check the report's requirement notices."
        )
    ]


def test_the_self_check_names_the_regulations_without_an_action() -> None:
    text = (
        "Care Quality Commission\n\nIs the service safe?\n\nOur findings\n\nThis was a breach of regulation 12 "
        "(Safe care and treatment) of the Health and Social Care Act 2008 (Regulated Activities) Regulations "
        "2014. We also found a breach of regulation 17 (Good governance).\n\nAction we have told the provider to "
        "take\n\nRegulated activity\tRegulation\nPersonal care\tRegulation 12 HSCA RA Regulations 2014 Safe care "
        "and treatment\n\nHow the regulation was not being met:\n\nRisks were not assessed.\n"
    )
    (inspection,) = load_text(text).report.inspections
    assert len(inspection.actions) == 1
    assert inspection.checks == [
        (
            "The report cites breaches of regulations 12 and 17 but one MUST action was found (for regulation 12); "
            "check the report's requirement notices."
        )
    ]


def test_a_summary_page_check_points_to_the_full_report() -> None:
    report = load_text(_sample("imaging-wendover-cross-history")).report
    checks = [c for i in report.inspections for c in i.checks]
    assert checks and all("the full list is in the report document" in c for c in checks)


@pytest.mark.parametrize(
    ("number", "statute", "question"),
    [
        ("12", Statute.RA_2014, KeyQuestion.SAFE),
        ("13", Statute.RA_2014, KeyQuestion.SAFE),
        ("11", Statute.RA_2014, KeyQuestion.EFFECTIVE),
        ("14", Statute.RA_2014, KeyQuestion.EFFECTIVE),
        ("10", Statute.RA_2014, KeyQuestion.CARING),
        ("9", Statute.RA_2014, KeyQuestion.RESPONSIVE),
        ("16", Statute.RA_2014, KeyQuestion.RESPONSIVE),
        ("17", Statute.RA_2014, KeyQuestion.WELL_LED),
        ("19", Statute.RA_2014, KeyQuestion.WELL_LED),
        ("20", Statute.RA_2014, KeyQuestion.WELL_LED),
        ("18", Statute.RA_2014, None),
        ("15", Statute.RA_2014, None),
        ("18", Statute.REGISTRATION_2009, KeyQuestion.WELL_LED),
        ("12", Statute.RA_2010, None),
    ],
)
def test_the_regulation_mapping(number: str, statute: Statute, question: KeyQuestion | None) -> None:
    assert by_regulation(Regulation(number=number, statute=statute)) is question


def test_staffing_takes_the_key_question_the_report_cites_it_under() -> None:
    text = (
        "Care Quality Commission\n\nIs the service effective?\n\nOur findings\n\nThis was a breach of regulation "
        "18 (Staffing) of the Health and Social Care Act 2008 (Regulated Activities) Regulations 2014.\n\n"
        "Action we have told the provider to take\n\nRegulated activity\tRegulation\nPersonal care\tRegulation 18 "
        "HSCA RA Regulations 2014 Staffing\n\nHow the regulation was not being met:\n\nStaff were not trained.\n\n"
        "Regulated activity\tRegulation\nPersonal care\tRegulation 15 HSCA RA Regulations 2014 Premises and "
        "equipment\n\nHow the regulation was not being met:\n\nThe lift was broken.\n"
    )
    staffing, premises = load_text(text).report.inspections[0].actions
    assert (staffing.key_question, staffing.key_question_source) == (
        KeyQuestion.EFFECTIVE,
        KeyQuestionSource.REGULATION,
    )
    assert (premises.key_question, premises.key_question_source) == (None, KeyQuestionSource.NONE)


def test_an_action_under_a_key_question_heading_is_stated_there() -> None:
    action = load_text(_sample("asc-inadequate-care-home-2022")).report.inspections[0].actions[0]
    assert action.origin is ActionOrigin.RECOMMENDATION
    assert (action.key_question, action.key_question_source) == (
        KeyQuestion.EFFECTIVE,
        KeyQuestionSource.STATED,
    )
