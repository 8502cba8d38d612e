"""The governance meeting pack, built from the sample register (clock: 2 Mar 2026 09:30)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.actions import ActionFilter
from core.domain.documents import MeetingPackOptions
from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionStatus
from core.services.demo import sample_files
from tests.core.reports.conftest import REFERENCE, pdf_text, references

MEETING = dt.date(2026, 3, 5)
HEADINGS = ("1. Overdue actions", "2. Due before the next meeting (2 Apr 2026)",
            "3. Completed, awaiting verification", "4. Verified since the last meeting (5 Feb 2026)",
            "5. Due dates moved since the last meeting (5 Feb 2026)",
            "6. Reports imported since the last meeting (5 Feb 2026)", "7. Ratings by location")


@pytest.fixture(scope="module")
def pack(demo):
    return pdf_text(demo.documents.meeting_pack(MeetingPackOptions(meeting=MEETING)))


def section(pack, number: int) -> str:
    return pack.section(HEADINGS[number - 1], HEADINGS[number] if number < len(HEADINGS) else None)


def test_the_pack_defaults_to_28_days_either_side_and_has_every_section_in_order(pack) -> None:
    first = pack.pages[0]
    for fact in ("Meeting 5 Mar 2026", "Changes since 5 Feb 2026 (the last meeting)",
                 "Next meeting 2 Apr 2026", "Locations All locations", "Figures as at 2 Mar 2026"):
        assert fact in first
    positions = [pack.text.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    assert f"Page 1 of {len(pack.pages)}" in first
    assert pack.reader.metadata.title == "Governance meeting pack: 5 Mar 2026"


def test_overdue_and_due_soon_sections_hold_exactly_those_actions(demo, pack) -> None:
    live = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
    overdue = references(demo, ActionFilter(overdue=True))
    due_soon = references(demo, ActionFilter(statuses=live, due_from=dt.date(2026, 3, 2),
                                             due_to=dt.date(2026, 4, 2)))
    assert overdue and due_soon
    assert set(REFERENCE.findall(section(pack, 1))) == overdue
    assert set(REFERENCE.findall(section(pack, 2))) == due_soon


def test_awaiting_and_verified_sections_list_their_actions_with_evidence(demo, pack) -> None:
    completed = references(demo, ActionFilter(statuses=frozenset({ActionStatus.COMPLETED})))
    verified = references(demo, ActionFilter(statuses=frozenset({ActionStatus.VERIFIED})))
    assert set(REFERENCE.findall(section(pack, 3))) == completed
    text = section(pack, 4)
    assert set(REFERENCE.findall(text)) == verified
    for reference in verified:
        assert f"audit-{reference}.txt (Re-audit results)" in text
    assert "Checked in practice during a peer review visit." in text


def test_moved_due_dates_are_listed_with_their_reason_and_who_moved_them(demo, pack) -> None:
    slipped = {a.reference for a in demo.actions.summaries(demo.actions.ids()) if a.slipped_days}
    text = section(pack, 5)
    assert set(REFERENCE.findall(text)) == slipped
    assert "Awaiting the new policy's sign-off" in text
    assert "+30 d" in text and "tester 2 Mar 2026 09:30" in text


def test_imported_reports_and_ratings_are_listed(pack) -> None:
    reports = section(pack, 6)
    for path in sample_files():
        assert path.name in reports
    ratings = section(pack, 7)
    for words in ("Larkspur House Inadequate Inadequate Requires improvement", "Kestrel Bay MRI Unit Good",
                  "Sandgate Street Dental Practice Not rated", "Never rated"):
        assert words in ratings


def test_a_pack_for_one_location_only_shows_that_location(demo) -> None:
    larkspur = demo.locations.find("Larkspur House")
    pdf = pdf_text(demo.documents.meeting_pack(MeetingPackOptions(meeting=MEETING,
                                                                  location_ids=frozenset({larkspur.id}))))
    assert {ref[:3] for ref in REFERENCE.findall(pdf.text)} == {"LAR"}
    assert "Locations Larkspur House" in pdf.pages[0]
    assert "Ashworth General Hospital" not in pdf.text


def test_nothing_since_the_last_meeting_is_said_in_words(demo) -> None:
    pdf = pdf_text(demo.documents.meeting_pack(MeetingPackOptions(meeting=MEETING, since=MEETING)))
    for sentence in ("No action has been verified since 5 Mar 2026.",
                     "No due date has moved since 5 Mar 2026.",
                     "No report has been imported since 5 Mar 2026."):
        assert sentence in pdf.text


@pytest.mark.parametrize(("since", "next_meeting", "message"), [
    (dt.date(2026, 3, 6), None,
     r"The last meeting \(6 Mar 2026\) must be before this meeting \(5 Mar 2026\)\."),
    (None, dt.date(2026, 3, 5),
     r"The next meeting \(5 Mar 2026\) must be after this meeting \(5 Mar 2026\)\."),
])
def test_impossible_meeting_dates_are_refused_in_one_sentence(demo, since, next_meeting, message) -> None:
    with pytest.raises(RuleViolation, match=message):
        options = MeetingPackOptions(meeting=MEETING, since=since, next_meeting=next_meeting)
        demo.documents.meeting_pack(options)


def test_a_pack_from_an_empty_register_says_there_is_nothing_in_each_section(services) -> None:
    pdf = pdf_text(services.documents.meeting_pack(MeetingPackOptions(meeting=MEETING)))
    for sentence in ("No action is overdue.", "No action falls due before the next meeting.",
                     "No action is waiting to be verified.", "No location is on record."):
        assert sentence in pdf.text
    assert "Page 1 of" in pdf.text
