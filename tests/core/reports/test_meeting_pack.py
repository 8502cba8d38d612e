"""The board pack, built from the sample register (clock: 2 Mar 2026 09:30): every section read back."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.actions import ActionFilter
from core.domain.documents import Assurance, CoverSheet, MeetingPackOptions, Purpose
from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionKind, ActionOrigin, ActionStatus, KeyQuestion
from core.domain.wording import due_with_slippage, format_date
from core.reports.meeting_pack import MATRIX_BANDS
from core.reports.styles import text_colour_on
from core.services import board_pack
from core.services.demo import sample_files
from tests.core.reports.conftest import REFERENCE, pdf_text, references

MEETING = dt.date(2026, 3, 5)
HEADINGS = (
    "1. Movement since the last pack",
    "2. Exceptions: overdue or off track",
    "3. Proposed for closure",
    "4. Open actions by site and key question",
    "5. Enforcement: warning notices",
    "6. Delivered by the original due date",
    "7. Due before the next meeting (2 Apr 2026)",
    "8. Verified since the last meeting (5 Feb 2026)",
    "9. Due dates moved since the last meeting (5 Feb 2026)",
    "10. Reports imported since the last meeting (5 Feb 2026)",
    "11. Ratings by location",
)
COVER = CoverSheet(
    meeting_name="Quality and Safety Committee",
    agenda_item="7.2",
    author="Sam Reid",
    lead_director="Amara Okafor",
    purpose=Purpose.DECISION,
    assurance=Assurance.MODERATE,
    key_questions=(KeyQuestion.SAFE, KeyQuestion.WELL_LED),
    strategic_risks="BAF 3",
    previously_considered="Executive quality group, 20 Feb 2026",
    recommendation="The committee is asked to note the progress.",
)


@pytest.fixture(scope="module")
def pack(demo):
    return pdf_text(demo.documents.meeting_pack(MeetingPackOptions(meeting=MEETING, cover=COVER)))


def section(pack, number: int) -> str:
    return pack.section(HEADINGS[number - 1], HEADINGS[number] if number < len(HEADINGS) else None)


def in_order(text: str, references_: list[str]) -> bool:
    positions = [text.index(r) for r in references_]
    return positions == sorted(positions)


def test_every_section_is_there_in_order_and_page_one_is_full(pack) -> None:
    positions = [pack.text.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    first = pack.pages[0]
    for fact in (
        "Meeting Quality and Safety Committee, 5 Mar 2026",
        "Changes since 5 Feb 2026 (the last meeting)",
        "Next meeting 2 Apr 2026",
        "Locations All locations",
        "Figures as at 2 Mar 2026",
        "Cover sheet",
        "1. Movement since the last pack",
        "MUST actions",
        "SHOULD actions",
    ):
        assert fact in first
    assert pack.reader.metadata.title == "Board pack: Quality and Safety Committee, 5 Mar 2026"


def test_the_cover_sheet_prints_every_field_with_the_choices_ticked(pack) -> None:
    first = pack.pages[0]
    for words in (
        "Meeting Quality and Safety Committee",
        "Agenda item 7.2",
        "Report author Sam Reid",
        "Lead director Amara Okafor",
        "Purpose ☐ Information ☐ Discussion ☒ Decision",
        "Assurance level ☐ Limited ☒ Moderate ☐ Reasonable ☐ Substantial",
        "CQC key questions Safe, Well-led",
        "Strategic risks (BAF) BAF 3",
        "Previously considered by Executive quality group, 20 Feb 2026",
        "Recommendation The committee is asked to note the progress.",
    ):
        assert words in first


def test_the_first_pack_says_so_and_shows_todays_counts(demo, pack) -> None:
    text = section(pack, 1)
    assert "This is the first board pack Candour has produced for the Board series" in text
    summaries = demo.actions.summaries(demo.actions.ids())
    for kind in ActionKind:
        counts = [
            sum(1 for a in summaries if a.kind is kind and a.rag.value == rag)
            for rag in ("red", "amber", "green", "blue", "grey")
        ]
        total = sum(1 for a in summaries if a.kind is kind)
        assert f"{kind.label} actions {' '.join(map(str, counts))} {total}" in text


def test_exceptions_are_the_off_track_actions_must_first_with_reasons_and_mitigation(demo, pack) -> None:
    text = section(pack, 2)
    live = [a for a in demo.actions.summaries(demo.actions.ids()) if a.status.is_live]
    off_track = [
        a
        for a in live
        if a.overdue or (a.kind is ActionKind.MUST and a.owner_id is None) or (a.slipped_days or 0) > 0
    ]
    assert set(REFERENCE.findall(text)) == {a.reference for a in off_track}
    musts = [r for r in REFERENCE.findall(text) if "-M" in r]
    shoulds = [r for r in REFERENCE.findall(text) if "-S" in r]
    assert (
        text.index("MUST actions")
        < text.index(musts[-1])
        < text.index("SHOULD actions")
        < text.index(shoulds[0])
    )
    assert "Original due Current due Reason Mitigation (latest progress)" in text
    slipped = next(a for a in off_track if (a.slipped_days or 0) > 0 and not a.overdue and a.owner_name)
    row = text.split(f"{slipped.reference} {slipped.kind.label} {slipped.location_name}", 1)[1]
    assert (
        row.index(
            f"{slipped.owner_name} {format_date(slipped.original_due)} {format_date(slipped.due)} Due date "
            "moved: Awaiting the new policy's sign-off Action plan agreed at the site governance meeting; "
            "work started."
        )
        < len(slipped.text) + 20
    )
    assert "Overdue by 1249 days" in text and "No owner" in text


def test_proposed_for_closure_lists_the_completed_actions_with_evidence(demo, pack) -> None:
    completed = references(demo, ActionFilter(statuses=frozenset({ActionStatus.COMPLETED})))
    text = section(pack, 3)
    assert set(REFERENCE.findall(text)) == completed
    for reference in completed:
        assert f"audit-{reference}.txt (Re-audit results)" in text


def test_the_matrix_counts_open_actions_per_site_and_key_question(demo, pack) -> None:
    text = section(pack, 4)
    assert "Location Safe Effective Caring Responsive Well-led Not stated All open" in text
    live = [a for a in demo.actions.summaries(demo.actions.ids()) if a.status.is_live]
    for location in {a.location_name for a in live}:
        here = [a for a in live if a.location_name == location]
        cells = []
        for question in (*KeyQuestion, None):
            found = [a for a in here if a.key_question is question]
            musts = sum(1 for a in found if a.kind is ActionKind.MUST)
            cells.append(f"{len(found)} ({musts} MUST)" if musts else str(len(found)))
        musts = sum(1 for a in here if a.kind is ActionKind.MUST)
        everything = f"{len(here)} ({musts} MUST)" if musts else str(len(here))
        assert f"{location} {' '.join(cells)} {everything}" in text
    assert "so it reads in black and white too" in text


def test_the_matrix_shades_get_darker_with_the_count_so_they_read_in_grey() -> None:
    def grey(colour) -> float:
        return 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue

    greys = [grey(fill) for _, _, fill in MATRIX_BANDS]
    assert greys == sorted(greys, reverse=True) and len(set(greys)) == len(greys)
    assert text_colour_on(MATRIX_BANDS[-1][2]).red == 1  # white numbers on the darkest shade


def test_enforcement_lists_every_warning_notice_with_deadline_and_state(demo, pack) -> None:
    text = section(pack, 5)
    notices = [
        a
        for a in demo.actions.summaries(demo.actions.ids())
        if a.origin in (ActionOrigin.WARNING_NOTICE, ActionOrigin.ENFORCEMENT)
    ]
    assert notices and set(REFERENCE.findall(text)) == {a.reference for a in notices}
    for notice in notices:
        assert (
            f"{notice.reference} {notice.kind.label} {notice.location_name} {notice.origin.label}: " in text
        )
        assert (
            f"{notice.owner_name or 'No owner'} {due_with_slippage(notice, 'No deadline')} "
            f"{notice.status.label} {notice.rag.label}"
        ) in text


def test_delivery_by_the_original_due_date_per_location_and_overall(demo, pack) -> None:
    text = section(pack, 6)
    assert "Location Original due date passed Delivered by it % delivered by the original due date" in text
    due = [
        a
        for a in demo.actions.summaries(demo.actions.ids())
        if a.original_due
        and a.original_due <= dt.date(2026, 3, 2)
        and a.status is not ActionStatus.NOT_APPLICABLE
    ]
    by_location: dict[str, int] = {}
    for action in due:
        by_location[action.location_name] = by_location.get(action.location_name, 0) + 1
    for location, count in by_location.items():
        assert f"{location} {count} " in text
    assert f"All locations {len(due)} 0 0%" in text  # the samples were completed today, after every due date


def test_verified_moved_imported_and_ratings_sections(demo, pack) -> None:
    verified = references(demo, ActionFilter(statuses=frozenset({ActionStatus.VERIFIED})))
    text = section(pack, 8)
    assert set(REFERENCE.findall(text)) == verified
    assert "Checked in practice during a peer review visit." in text
    slipped = {a.reference for a in demo.actions.summaries(demo.actions.ids()) if a.slipped_days}
    moved = section(pack, 9)
    assert set(REFERENCE.findall(moved)) == slipped and "Awaiting the new policy's sign-off" in moved
    for path in sample_files():
        assert path.name in section(pack, 10)
    ratings = section(pack, 11)
    for words in (
        "Larkspur House Inadequate Inadequate Requires improvement",
        "Kestrel Bay MRI Unit Good",
        "Never rated",
    ):
        assert words in ratings


def test_must_comes_before_should_in_every_list(pack) -> None:
    for number in (2, 3, 5, 7, 8, 9):
        found = REFERENCE.findall(section(pack, number))
        kinds = ["M" if "-M" in r else "S" for r in found]
        assert kinds == sorted(kinds), number


def test_long_lists_show_the_first_rows_and_say_how_many_more(demo, monkeypatch) -> None:
    monkeypatch.setattr(board_pack, "LIST_LIMIT", 2)
    pdf = pdf_text(demo.documents.meeting_pack(MeetingPackOptions(meeting=MEETING)))
    exceptions = pdf.section(HEADINGS[1], HEADINGS[2])
    assert len(set(REFERENCE.findall(exceptions))) == 2
    assert "Showing the first 2 of" in exceptions and "MUST first; the other" in exceptions


def test_a_pack_for_one_location_only_shows_that_location(demo) -> None:
    larkspur = demo.locations.find("Larkspur House")
    pdf = pdf_text(
        demo.documents.meeting_pack(
            MeetingPackOptions(meeting=MEETING, location_ids=frozenset({larkspur.id}))
        )
    )
    assert {ref[:3] for ref in REFERENCE.findall(pdf.text)} == {"LAR"}
    assert "Locations Larkspur House" in pdf.pages[0]
    assert "Ashworth General Hospital" not in pdf.text


@pytest.mark.parametrize(
    ("since", "next_meeting", "message"),
    [
        (
            dt.date(2026, 3, 6),
            None,
            r"The last meeting \(6 Mar 2026\) must be before this meeting \(5 Mar 2026\)\.",
        ),
        (
            None,
            dt.date(2026, 3, 5),
            r"The next meeting \(5 Mar 2026\) must be after this meeting \(5 Mar 2026\)\.",
        ),
    ],
)
def test_impossible_meeting_dates_are_refused_in_one_sentence(demo, since, next_meeting, message) -> None:
    with pytest.raises(RuleViolation, match=message):
        demo.documents.meeting_pack(
            MeetingPackOptions(meeting=MEETING, since=since, next_meeting=next_meeting)
        )


def test_a_pack_from_an_empty_register_says_there_is_nothing_in_each_section(services) -> None:
    pdf = pdf_text(services.documents.meeting_pack(MeetingPackOptions(meeting=MEETING)))
    for sentence in (
        "No action is overdue or off track.",
        "No action is waiting to be verified.",
        "No action is open.",
        "No warning notice or other enforcement is on record.",
        "All locations 0 0 —",
        "No action falls due before the next meeting.",
        "No location is on record.",
    ):
        assert sentence in pdf.text
