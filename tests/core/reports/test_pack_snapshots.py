"""Each printed board pack keeps a snapshot, so the next pack of the series shows the movement since the
pack actually printed before it; its cover sheet is remembered for the series."""

from __future__ import annotations

import datetime as dt

from core.domain.documents import CoverSheet, MeetingPackOptions, Purpose
from core.domain.workflow import Transition
from tests.core.reports.conftest import pdf_text

FIRST, SECOND, THIRD = dt.date(2026, 3, 5), dt.date(2026, 4, 2), dt.date(2026, 4, 30)


def movement(pdf) -> str:
    return pdf.section("1. Movement since the last pack", "2. Exceptions")


def test_the_next_pack_compares_with_the_last_pack_printed(services, register, clock, tmp_path) -> None:
    first = pdf_text(services.documents.meeting_pack(MeetingPackOptions(meeting=FIRST), keep_snapshot=True))
    assert "This is the first board pack" in movement(first)
    assert "MUST actions 1 0 1 0 0 2" in movement(first)  # the unowned MUST is red, the other green
    # A pack only looked at (not printed for the meeting) keeps nothing.
    services.documents.meeting_pack(MeetingPackOptions(meeting=SECOND))
    clock.advance(days=30)
    must, tom = register["must"], register["tom"]
    proof = tmp_path / "log.txt"
    proof.write_text("fridge log", encoding="utf-8")
    services.evidence.attach_file(must.id, proof, "Fridge log")
    services.sign_in(register["priya"].id)
    detail = services.edits.transition(must.id, services.actions.get(must.id).version, Transition.COMPLETE)
    services.sign_in(tom.id)
    services.edits.transition(must.id, detail.version, Transition.VERIFY, reason="Seen")
    second = pdf_text(services.documents.meeting_pack(MeetingPackOptions(meeting=SECOND), keep_snapshot=True))
    text = movement(second)
    assert (
        "Compared with the last pack, for the meeting of 5 Mar 2026 (printed 2 Mar 2026 09:30 by tester)"
        in text
    )
    assert (
        "MUST actions 1 → (no change) 0 → (no change) 0 ↓ (−1 from 1) 1 ↑ (+1 from 0) 0 → (no change) "
        "2 → (no change)"
    ) in text
    assert "Since the last pack: 1 action turned Blue (verified), 1 turned Red, 0 new actions added" in text
    assert "Changes since 5 Mar 2026 (the last pack, printed 2 Mar 2026)" in second.pages[0]
    clock.advance(days=28)
    services.edits.create(
        register["sid"].id, register["must"].summary.kind, "A new finding from a mock visit"
    )
    third = pdf_text(services.documents.meeting_pack(MeetingPackOptions(meeting=THIRD), keep_snapshot=True))
    text = movement(third)
    assert (
        "for the meeting of 2 Apr 2026 (printed 1 Apr 2026 09:30 by Tom Hughes)" in text
    )  # the real last pack
    assert "MUST actions 2 ↑ (+1 from 1)" in text and "1 new action added" in text


def test_snapshots_and_cover_sheets_belong_to_their_meeting_series(services, register) -> None:
    board = CoverSheet(
        meeting_name="Trust Board", purpose=Purpose.DECISION, recommendation="The board is asked to note"
    )
    services.documents.meeting_pack(
        MeetingPackOptions(meeting=FIRST, series="Trust Board", cover=board), keep_snapshot=True
    )
    assert services.documents.pack_cover("Trust Board") == board
    assert services.documents.pack_series() == ["Trust Board"]
    quality = pdf_text(services.documents.meeting_pack(MeetingPackOptions(meeting=SECOND, series="Quality")))
    assert "This is the first board pack Candour has produced for the Quality series" in quality.text
    again = pdf_text(
        services.documents.meeting_pack(MeetingPackOptions(meeting=SECOND, series="Trust Board"))
    )
    assert "Compared with the last pack, for the meeting of 5 Mar 2026" in again.text
    assert "Recommendation The board is asked to note" in again.pages[0]  # remembered for the series
