"""The CQC plan with the provider's steps: the steps table under each requirement, the gap for a
requirement without steps, the verification note, and the same plan as a Word document."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx
import pytest

from core.domain.documents import CqcPlanOptions
from core.domain.workflow import Transition
from core.services.demo import load_demo
from tests.core.reports.conftest import REFERENCE, pdf_text


@pytest.fixture
def planned(services):
    """The sample data with two steps (one done) under Larkspur House's warning notice on Regulation 12."""
    load_demo(services)
    larkspur = services.locations.find("Larkspur House")
    options = CqcPlanOptions(location_id=larkspur.id)
    notice = services.actions.find("LAR-2022-M03")
    amara, helen = services.people.find("Amara Okafor"), services.people.find("Helen Marsh")
    services.steps.add(
        notice.id,
        "Review every risk assessment for choking, falls and pressure ulcers",
        owner_id=amara.id,
        due=dt.date(2026, 4, 15),
        monitoring="Weekly audit of ten assessments reported to the governance meeting",
        success_measure="Twenty of twenty assessments audited are complete for two months",
    )
    trained = services.steps.add(
        notice.id,
        "Train all nurses in medicines administration",
        owner_id=helen.id,
        due=dt.date(2026, 3, 31),
        monitoring="Training matrix reviewed monthly",
        success_measure="All nurses trained and observed",
    )
    services.steps.done(trained.id, "Training matrix March 2026")
    return services, options


def must_actions(services, options):
    from core.domain.actions import ActionFilter
    from core.domain.vocabulary import ActionKind

    flt = ActionFilter(location_ids=frozenset({options.location_id}), kinds=frozenset({ActionKind.MUST}))
    return services.actions.summaries(services.actions.ids(flt))


def test_each_requirement_prints_the_providers_steps_in_a_table(planned) -> None:
    services, options = planned
    pdf = pdf_text(services.documents.cqc_plan(options))
    regulation_12 = pdf.section("Regulation 12: Safe care and treatment", "Regulation 17:")
    assert (
        "What we will do Who is responsible By when How progress will be monitored How we will know it is "
        "put right Progress"
    ) in regulation_12
    assert (
        "1 Review every risk assessment for choking, falls and pressure ulcers Amara Okafor 15 Apr 2026 "
        "Weekly audit of ten assessments reported to the governance meeting Twenty of twenty assessments "
        "audited are complete for two months Not started"
    ) in regulation_12
    assert "2 Train all nurses in medicines administration Helen Marsh 31 Mar 2026" in regulation_12
    assert "Done 2 Mar 2026 Evidence: Training matrix March 2026" in regulation_12
    assert "1 of 2 steps done" in regulation_12
    assert "NO STEPS PLANNED YET" not in regulation_12


def test_a_requirement_without_steps_is_an_unmistakable_gap(planned) -> None:
    services, options = planned
    pdf = pdf_text(services.documents.cqc_plan(options))
    gaps = services.documents.cqc_plan_gaps(options)
    musts = must_actions(services, options)
    assert gaps == sorted(a.reference for a in musts if a.status.is_live and not a.step_count) and gaps
    many = len(gaps) != 1
    sentence = pdf.pages[0].split("Gaps in this plan: ", 1)[1].split(" planned yet.", 1)[0]
    assert sentence.startswith(f"{len(gaps)} requirement{'s' if many else ''} (")
    assert sentence.endswith(f") {'have' if many else 'has'} no steps")
    assert sorted(REFERENCE.findall(sentence)) == gaps
    box = (
        "NO STEPS PLANNED YET: the provider has not yet recorded what it will do about this requirement. "
        "This is not a plan."
    )
    assert pdf.text.count(box) == len(gaps)
    for action in musts:
        if not action.step_count and not action.status.is_live:  # closed without steps: not a gap
            assert (
                f"{action.reference} " in pdf.text
                and f"No separate steps were recorded; the requirement is {action.status.label.lower()}."
            ) in pdf.text
    for placeholder in ("Put right the breach", "To be agreed"):
        assert placeholder not in pdf.text


def test_a_verified_requirement_prints_its_verification_note(planned, tmp_path) -> None:
    services, options = planned
    notice = services.actions.find("LAR-2022-M03")
    for step in notice.steps:
        if not step.is_done:
            services.steps.done(step.id, "Audit April 2026")
    proof = tmp_path / "audit.txt"
    proof.write_text("20 of 20", encoding="utf-8")
    services.evidence.attach_file(notice.id, proof, "Audit")
    completer, verifier = [p for p in services.people.list() if p.id != notice.summary.owner_id][:2]
    services.sign_in(completer.id)
    detail = services.edits.transition(
        notice.id, services.actions.get(notice.id).version, Transition.COMPLETE
    )
    services.sign_in(verifier.id)
    services.edits.transition(
        notice.id,
        detail.version,
        Transition.VERIFY,
        reason="Observed two medicines rounds; all checks signed.",
    )
    regulation_12 = pdf_text(services.documents.cqc_plan(options)).section("Regulation 12:", "Regulation 17:")
    assert (
        f"Verified 2 Mar 2026 by {verifier.name}: Observed two medicines rounds; all checks signed."
        in regulation_12
    )


def test_the_word_document_holds_the_same_plan(planned) -> None:
    services, options = planned
    document = docx.Document(BytesIO(services.documents.cqc_plan_docx(options)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Action plan for CQC: Larkspur House"
    assert document.core_properties.title == "Action plan for CQC: Larkspur House"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Regulation 9: Person-centred care",
        "Regulation 12: Safe care and treatment",
        "Regulation 17: Good governance",
        "Regulation 18: Staffing",
    ]
    assert "LAR-2022-M03 (Warning notice): CQC's notice, as set out above." in paragraphs
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    steps = next(t for t in tables if t[0][0] == "No.")
    assert steps[0] == [
        "No.",
        "What we will do",
        "Who is responsible",
        "By when",
        "How progress will be monitored",
        "How we will know it is put right",
        "Progress",
    ]
    assert steps[1][:4] == [
        "1",
        "Review every risk assessment for choking, falls and pressure ulcers",
        "Amara Okafor",
        "15 Apr 2026",
    ]
    gaps = [t for t in tables if t[0][0].startswith("NO STEPS PLANNED YET")]
    assert len(gaps) == len(services.documents.cqc_plan_gaps(options))


def test_cli_writes_docx_or_pdf_and_warns_of_gaps(planned, tmp_path, capsys) -> None:
    from core.cli.main import main

    services, options = planned
    gaps = services.documents.cqc_plan_gaps(options)
    db = str(services.database_path)
    target = tmp_path / "plan.docx"
    code = main(["--db", db, "cqc-plan", "--location", "Larkspur House", "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 0 and out == f"Wrote a Word document to {target}.\n"
    many = len(gaps) != 1
    assert err == (
        f"Warning: {len(gaps)} requirement{'s have' if many else ' has'} no steps planned yet "
        f"({', '.join(gaps)}); the plan prints 'No steps planned yet' for {'them' if many else 'it'}.\n"
    )
    assert docx.Document(str(target)).paragraphs[0].text == "Action plan for CQC: Larkspur House"
    forced = tmp_path / "plan.out"
    assert (
        main(["--db", db, "cqc-plan", "--location", "Larkspur House", "--format", "pdf", "-o", str(forced)])
        == 0
    )
    assert forced.read_bytes().startswith(b"%PDF-")


def test_the_action_plan_prints_steps_under_each_action_and_the_verification_note(planned) -> None:
    from core.domain.actions import ActionFilter
    from core.domain.documents import ActionPlanOptions

    services, options = planned
    flt = ActionFilter(location_ids=frozenset({options.location_id}))
    pdf = pdf_text(services.documents.action_plan(ActionPlanOptions(filter=flt)))
    after_notice = pdf.text.split("LAR-2022-M03 MUST", 1)[1]
    steps = after_notice.index(
        "Steps (1 of 2 steps done): 1. Review every risk assessment for choking, falls and "
        "pressure ulcers (Amara Okafor, 15 Apr 2026; not started) 2. Train all nurses in "
        "medicines administration (Helen Marsh, 31 Mar 2026; done)"
    )
    assert steps < REFERENCE.search(after_notice).start()  # under the notice, before the next action
    assert "LAR-2022-M04 MUST" in pdf.text and "No steps planned yet." in pdf.text
    assert "Verified 2 Mar 2026 by Priya Shah: Checked in practice during a peer review visit." in pdf.text
