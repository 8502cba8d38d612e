"""Action extraction on small synthetic reports in each layout CQC has used."""

from __future__ import annotations

import datetime as dt

from core.domain.vocabulary import ActionKind, ActionOrigin, KeyQuestion, Statute
from core.importing import load_text

HOSPITAL = """\
Westmere NHS Trust

Westmere General Hospital

Inspection report

1 Hospital Road
Westmere
WX1 1AA
Tel: 01632 960000

Date of inspection visit: 5, 6 and 7 July 2016
Date of publication: 01/10/2016

Ratings

Overall rating for this hospital\tRequires improvement
Are services at this hospital safe?\tRequires improvement
Are services at this hospital effective?\tGood
Are services at this hospital caring?\tGood
Are services at this hospital responsive?\tGood
Are services at this hospital well-led?\tRequires improvement

Letter from the Chief Inspector of Hospitals

Importantly, the trust must:

• Ensure that resuscitation equipment in the emergency department is checked daily. (Regulation 12 (2)(e))

Staff told us they must complete training and should attend huddles, and managers must review rotas.

Outstanding practice and areas for improvement

Areas for improvement

Action the hospital MUST take to improve

Urgent and emergency care

• Ensure that resuscitation equipment in the emergency department is checked daily. (Regulation 12 (2)(e))
• The trust must ensure that there are enough registered children's nurses on each shift in the
emergency department. (Regulation 18 (1))

Maternity

• The trust must ensure that the maternity risk register is reviewed. (Regulation 17 (2)(b))

Action the hospital SHOULD take to improve

Maternity

• The trust should consider how it shares learning from incidents with community midwives.

Requirement notices

Action we have told the provider to take

The table below shows the legal requirements that were not being met.

Regulated activity\tRegulation
Treatment of disease, disorder or injury
Maternity and midwifery services\tRegulation 12 HSCA (RA) Regulations 2014 Safe care and treatment

How the regulation was not being met:

Resuscitation equipment was not checked daily.

Regulation 12 (1)(2)(e)

Enforcement actions

The table below shows why there is a legal requirement that was not being met.

Regulated activity\tRegulation
Treatment of disease, disorder or injury\tRegulation 17 HSCA (RA) Regulations 2014 Good governance

How the regulation was not being met:

Governance systems did not identify risks.

Regulation 17 (1)(2)(a)

The enforcement action we took:

We served a section 29A warning notice. The trust was required to make significant improvements by 31st December 2016.
"""


def _actions(text: str):
    report = load_text(text).report
    assert len(report.inspections) == 1
    return report.inspections[0].actions


def test_hospital_lists_grouped_by_service_with_regulation_tags() -> None:
    actions = _actions(HOSPITAL)
    lists = [a for a in actions if a.origin in (ActionOrigin.MUST_LIST, ActionOrigin.SHOULD_LIST)]
    assert [(a.kind, a.service, a.regulation.number if a.regulation else None) for a in lists] == [
        (ActionKind.MUST, "Urgent and emergency care", "12"),
        (ActionKind.MUST, "Urgent and emergency care", "18"),
        (ActionKind.MUST, "Maternity", "17"),
        (ActionKind.SHOULD, "Maternity", None),
    ]
    assert lists[1].text == (
        "The trust must ensure that there are enough registered children's nurses on each shift in "
        "the emergency department. (Regulation 18 (1))"
    )
    assert lists[0].regulation is not None
    assert (lists[0].regulation.paragraphs, lists[0].regulation.statute) == ("(2)(e)", Statute.RA_2014)
    assert all(a.section == "Areas for improvement" for a in lists)


def test_letter_repeat_is_deduplicated_in_favour_of_areas_for_improvement() -> None:
    actions = _actions(HOSPITAL)
    resus = [a for a in actions if a.text.startswith("Ensure that resuscitation equipment")]
    assert len(resus) == 1
    assert resus[0].service == "Urgent and emergency care"


def test_must_in_ordinary_prose_is_not_an_action() -> None:
    assert not any("huddles" in a.text for a in _actions(HOSPITAL))


def test_requirement_notice_table() -> None:
    notice = next(a for a in _actions(HOSPITAL) if a.origin is ActionOrigin.REQUIREMENT_NOTICE)
    assert notice.kind is ActionKind.MUST
    assert notice.text == "Resuscitation equipment was not checked daily. Regulation 12 (1)(2)(e)"
    assert (
        notice.regulated_activity
        == "Treatment of disease, disorder or injury; Maternity and midwifery services"
    )
    assert notice.regulation is not None
    assert (notice.regulation.number, notice.regulation.paragraphs, notice.regulation.title) == (
        "12",
        "(1)(2)(e)",
        "Safe care and treatment",
    )
    assert notice.section == "Requirement notices"


def test_warning_notice_with_deadline() -> None:
    warning = next(a for a in _actions(HOSPITAL) if a.origin is ActionOrigin.WARNING_NOTICE)
    assert warning.due == dt.date(2016, 12, 31)
    assert warning.section == "Enforcement actions"
    assert warning.text == "Governance systems did not identify risks. Regulation 17 (1)(2)(a)"
    assert warning.regulation is not None and warning.regulation.title == "Good governance"


def test_cover_dates_and_hospital_ratings() -> None:
    inspection = load_text(HOSPITAL).report.inspections[0]
    assert inspection.inspection_dates == [dt.date(2016, 7, 5), dt.date(2016, 7, 6), dt.date(2016, 7, 7)]
    assert inspection.published == dt.date(2016, 10, 1)
    assert inspection.overall_rating == "Requires improvement"
    assert inspection.ratings[KeyQuestion.WELL_LED] == "Requires improvement"


ASC = """\
Hollybank Care Ltd

Hollybank House

Inspection report

2 Lane End
Oakby
OK1 2BB

Date of inspection visit:
12 March 2018

Date of publication:
20 April 2018

Ratings

Overall rating for this service\tRequires improvement
Is the service safe?\tRequires improvement
Is the service effective?\tGood
Is the service caring?\tGood
Is the service responsive?\tGood
Is the service well-led?\tRequires improvement

Is the service safe?

Our findings

Staff must wash their hands, the manager said. This was a breach of regulation 12 (Safe care and treatment) of the
Health and Social Care Act 2008 (Regulated Activities) Regulations 2014.

Is the service well-led?

Our findings

We recommend the provider reviews its audit programme in line with current best practice.
"""


def test_asc_recommendation_is_a_should_in_its_key_question_and_breach_narrative_is_not() -> None:
    actions = _actions(ASC)
    assert len(actions) == 1
    only = actions[0]
    assert (only.kind, only.origin, only.key_question, only.section) == (
        ActionKind.SHOULD,
        ActionOrigin.RECOMMENDATION,
        KeyQuestion.WELL_LED,
        "Is the service well-led?",
    )


GP = """\
Dr A Partner and Partners

Hillside Surgery

Inspection report

1 Hill Road
Hilltown
HT1 1AA

Date of inspection visit: 6 March 2018
Date of publication: 24/04/2018

Overall summary

The areas where the provider must make improvements are:

• Ensure care and treatment is provided in a safe way to patients.

(Please see the specific details on action required at the end of this report).

The areas where the provider should make improvements are:

• Review the exception reporting rates.
• Improve the identification of carers.

Dr Somebody
Chief Inspector of General Practice
"""

DENTAL = """\
Smile Ltd

Smile Dental

Inspection Report

1 Tooth Street
Molarby
MB1 1AA

Date of inspection visit: 12 November 2019
Date of publication: 17/12/2019

Overall summary

Our key findings were:

• The practice appeared clean.

We identified regulations the provider was not complying with. They must:

• Establish effective systems and processes to ensure good governance.

There were areas where the provider could make improvements. They should:

• Review the practice's sharps procedures.
"""


def test_gp_lead_ins() -> None:
    actions = _actions(GP)
    assert [(a.kind, a.origin, a.text) for a in actions] == [
        (
            ActionKind.MUST,
            ActionOrigin.MUST_LIST,
            "Ensure care and treatment is provided in a safe way to patients.",
        ),
        (ActionKind.SHOULD, ActionOrigin.SHOULD_LIST, "Review the exception reporting rates."),
        (ActionKind.SHOULD, ActionOrigin.SHOULD_LIST, "Improve the identification of carers."),
    ]
    assert all(a.section == "Overall summary" for a in actions)


def test_dental_lead_ins_and_positive_bullets_are_not_actions() -> None:
    actions = _actions(DENTAL)
    assert [(a.kind, a.text) for a in actions] == [
        (ActionKind.MUST, "Establish effective systems and processes to ensure good governance."),
        (ActionKind.SHOULD, "Review the practice's sharps procedures."),
    ]
    assert load_text(DENTAL).report.inspections[0].ratings == {}


def test_same_action_in_two_lists_is_one_action() -> None:
    doubled = GP.replace(
        "• Improve the identification of carers.",
        "• Improve the identification of carers.\n• Review the exception reporting rates.",
    )
    assert len(_actions(doubled)) == 3


SUMMARY_PAGE = """\
• Care Home
  • Care home

Rowan Lodge

Overall: Good read more about inspection ratings

1 Rowan Way, Ashby, AB1 2CD (01632) 960111

Provided and run by:
Rowan Care Limited

Latest inspection summary

Overall inspection

Good

Updated 3 July 2019

We carried out an unannounced inspection on 14 May 2019.

Our rating of this service improved. We rated it as good because:

  • Staff were kind.

However:

  • Care plans were not always reviewed.
"""


def test_summary_page_findings_after_however() -> None:
    report = load_text(SUMMARY_PAGE).report
    assert report.location.name == "Rowan Lodge" and report.location.phone == "(01632) 960111"
    inspection = report.inspections[0]
    assert inspection.inspection_dates == [dt.date(2019, 5, 14)]
    assert [(a.origin, a.kind, a.text) for a in inspection.actions] == [
        (ActionOrigin.FINDING, ActionKind.SHOULD, "Care plans were not always reviewed.")
    ]


def test_history_page_with_dates_on_two_years() -> None:
    page = (
        SUMMARY_PAGE.split("Latest inspection summary")[0]
        + """\
All inspections

30 November and 1 December 2022, 3 and 4 May 2023

During an inspection of Community health inpatient services

We rated it as requires improvement overall.
"""
    )
    inspection = load_text(page).report.inspections[0]
    assert inspection.kind == "inspection of community health inpatient services"
    assert [d.isoformat() for d in inspection.inspection_dates] == [
        "2022-11-30",
        "2022-12-01",
        "2023-05-03",
        "2023-05-04",
    ]
    assert inspection.overall_rating == "Requires improvement"


FULL_REPORT_FINDINGS = """\
Brookfield Diagnostics Limited

Ashgrove Imaging Centre

Inspection report

4 Mill Lane
Ashgrove
AG2 7QP
Tel: 01632 960123

Date of inspection visit: 12 March 2024
Date of publication: 30/04/2024

Summary of findings

We rated it as good because:

• Staff had training in key skills and understood how to protect patients from abuse.
• Managers monitored the effectiveness of the service.

However:

• Not all staff had completed their mandatory training in information governance, and the
2 Ashgrove Imaging Centre Inspection report 30/04/2024
service did not always check that agency radiographers had done so.
• The service did not audit the completion of patient safety checklists before scans.
"""


def test_full_report_without_an_action_list_takes_its_however_points_as_findings() -> None:
    report = load_text(FULL_REPORT_FINDINGS, "ashgrove.txt").report
    actions = report.inspections[0].actions
    assert [(a.kind, a.origin) for a in actions] == [(ActionKind.SHOULD, ActionOrigin.FINDING)] * 2
    assert actions[0].text == (
        "Not all staff had completed their mandatory training in information governance, "
        "and the service did not always check that agency radiographers had done so."
    )
    assert (
        actions[1].text
        == "The service did not audit the completion of patient safety checklists before scans."
    )
