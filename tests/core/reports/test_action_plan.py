"""The printed action plan, built from the sample register and read back with pypdf."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.actions import ActionFilter
from core.domain.documents import ActionPlanOptions
from core.domain.errors import NotFound
from core.domain.vocabulary import ActionKind, ActionStatus
from tests.core.reports.conftest import REFERENCE, pdf_text, references


def test_the_whole_register_prints_every_action_with_headings_and_page_numbers(demo) -> None:
    pdf = pdf_text(demo.documents.action_plan(ActionPlanOptions()))
    assert set(REFERENCE.findall(pdf.text)) == references(demo)
    pages = len(pdf.pages)
    assert pages > 3
    for number, page in enumerate(pdf.pages, start=1):
        assert f"Page {number} of {pages}" in page
        assert "Generated 2 Mar 2026 09:30 by Tom Hughes with Candour" in page
    for heading in (
        "Action plan: all locations",
        "Summary",
        "Harrowfield PET-CT Centre",
        "Larkspur House",
        "Inspection of 14 Sep 2021, rated Requires improvement: 7 actions",
        "Showing All actions: 54 actions",
        "Status as at 2 Mar 2026",
    ):
        assert heading in pdf.text


def test_a_filtered_plan_holds_exactly_the_selected_actions_and_says_what_was_selected(demo) -> None:
    harrowfield = demo.locations.find("Harrowfield PET-CT Centre")
    flt = ActionFilter(
        location_ids=frozenset({harrowfield.id}),
        kinds=frozenset({ActionKind.MUST}),
        statuses=frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS}),
        due_to=dt.date(2026, 3, 31),
    )
    selected = references(demo, flt)
    assert selected, "the sample data has such actions"
    pdf = pdf_text(demo.documents.action_plan(ActionPlanOptions(filter=flt)))
    printed = set(REFERENCE.findall(pdf.text))
    assert printed == selected
    assert not printed & (references(demo) - selected)
    assert (
        "Open or in progress MUST actions at Harrowfield PET-CT Centre, due by 31 Mar 2026: "
        f"{len(selected)} action"
    ) in pdf.text
    assert pdf.reader.metadata.title == "Action plan: Harrowfield PET-CT Centre"


def test_metadata_names_the_document_its_author_and_candour(demo) -> None:
    pdf = pdf_text(demo.documents.action_plan(ActionPlanOptions(title="Board action plan, March")))
    meta = pdf.reader.metadata
    assert (meta.title, meta.author, meta.creator) == ("Board action plan, March", "Tom Hughes", "Candour")
    assert meta.subject == "Action plan: All actions"
    assert f"{meta.creation_date:%Y-%m-%d %H:%M}" == "2026-03-02 09:30"
    assert "Board action plan, March" in pdf.pages[0]


def test_due_dates_show_their_slippage_and_status_and_rag_are_in_words(demo) -> None:
    slipped = [a for a in demo.actions.summaries(demo.actions.ids()) if a.slipped_days]
    assert slipped
    pdf = pdf_text(demo.documents.action_plan(ActionPlanOptions()))
    for action in slipped:
        was = f"{action.original_due.day} {action.original_due:%b %Y}"
        now = f"{action.due.day} {action.due:%b %Y}"
        assert f"{now} (was {was}, +{action.slipped_days} d)" in pdf.text
    for words in (
        "Red (overdue)",
        "Green (on track)",
        "Blue (verified)",
        "Completed (awaiting verification)",
        "Verified (closed)",
        "In progress",
        "Requires improvement",
        "Inadequate",
        "Inspected but not rated",
    ):
        assert words in pdf.text


def test_must_actions_come_before_should_actions_within_an_inspection(demo) -> None:
    ashworth = demo.locations.find("Ashworth General Hospital")
    pdf = pdf_text(
        demo.documents.action_plan(
            ActionPlanOptions(filter=ActionFilter(location_ids=frozenset({ashworth.id})))
        )
    )
    order = REFERENCE.findall(pdf.text)
    kinds = [ref.split("-")[2][0] for ref in order]
    assert kinds == sorted(kinds), "every M (MUST) before every S (SHOULD)"
    assert kinds.count("M") and kinds.count("S")


def test_the_table_header_is_repeated_on_every_page_with_actions(demo) -> None:
    pdf = pdf_text(demo.documents.action_plan(ActionPlanOptions()))
    with_actions = [page for page in pdf.pages if REFERENCE.search(page)]
    assert len(with_actions) > 3
    for page in with_actions:
        assert "Reference Action Regulation Owner Due Status BRAG Latest progress Evidence" in page


def test_an_empty_selection_prints_a_page_saying_there_is_nothing_to_show(demo) -> None:
    flt = ActionFilter(text="no-action-says-this")
    pdf = pdf_text(demo.documents.action_plan(ActionPlanOptions(filter=flt)))
    assert len(pdf.pages) == 1
    assert "No actions match this selection, so there is nothing to show." in pdf.text
    assert "matching “no-action-says-this”: 0 actions" in pdf.text
    assert "Page 1 of 1" in pdf.text


def test_a_chosen_location_without_matching_actions_is_still_shown(demo) -> None:
    kestrel = demo.locations.find("Kestrel Bay MRI Unit")
    larkspur = demo.locations.find("Larkspur House")
    flt = ActionFilter(location_ids=frozenset({kestrel.id, larkspur.id}), kinds=frozenset({ActionKind.MUST}))
    pdf = pdf_text(demo.documents.action_plan(ActionPlanOptions(filter=flt)))
    assert "Kestrel Bay MRI Unit" in pdf.text
    assert "No actions at this location match the selection." in pdf.text
    assert pdf.reader.metadata.title == "Action plan: Kestrel Bay MRI Unit and Larkspur House"


def test_the_same_data_and_clock_give_the_same_bytes(demo) -> None:
    assert demo.documents.action_plan(ActionPlanOptions()) == demo.documents.action_plan(ActionPlanOptions())


def test_progress_runs_from_zero_to_done_without_going_back(demo) -> None:
    calls: list[tuple[int, int]] = []
    demo.documents.action_plan(ActionPlanOptions(), progress=lambda done, total: calls.append((done, total)))
    done = [d for d, _ in calls]
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert done == sorted(done)
    assert len({total for _, total in calls}) == 1


def test_an_unknown_location_is_refused(demo) -> None:
    with pytest.raises(NotFound, match=r"Location 999 no longer exists\."):
        demo.documents.action_plan(ActionPlanOptions(filter=ActionFilter(location_ids=frozenset({999}))))


def test_the_service_describes_a_filter_with_the_names_it_holds(demo) -> None:
    larkspur = demo.locations.find("Larkspur House")
    inspection = demo.locations.inspections(larkspur.id)[0]
    priya = demo.people.find("Priya Shah")
    flt = ActionFilter(inspection_id=inspection.id, owner_ids=frozenset({priya.id}))
    assert (
        demo.documents.describe_filter(flt)
        == "Actions, from the inspection of 9 Aug 2022, 10 Aug 2022, owned by Priya Shah"
    )
    assert demo.documents.describe_filter(ActionFilter()) == "All actions"


def test_verified_actions_print_who_verified_what_was_checked_and_the_evidence(demo):
    flt = ActionFilter(statuses=frozenset({ActionStatus.VERIFIED}))
    verified = demo.actions.summaries(demo.actions.ids(flt))
    assert verified
    detail = demo.actions.get(verified[0].id)
    text = pdf_text(demo.documents.action_plan(ActionPlanOptions(filter=flt))).text
    assert f"by {detail.verifier_name}: Checked in practice during a peer review visit." in text
    evidence = detail.evidence[0]
    assert f"{evidence.title} (Re-audit results) — added by {evidence.added_by}, 2 Mar 2026" in text
    assert evidence.added_by == detail.summary.owner_name  # the owner attached it, signed in as themselves
