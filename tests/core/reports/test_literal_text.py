"""Text from reports and users prints literally: markup characters, quotes, accented names, huge texts."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.actions import ActionChanges, ActionFilter
from core.domain.documents import ActionPlanOptions, CqcPlanOptions, MeetingPackOptions
from core.domain.errors import RuleViolation
from core.domain.parsed import Regulation
from core.domain.vocabulary import ActionKind, ActionOrigin, Statute
from core.reports.fonts import REGULAR, register_fonts
from core.reports.markup import escape
from core.reports.tables import plain_lines
from core.services.app import Services
from tests.core.reports.conftest import pdf_text

HOSTILE = (
    "Check <b>bold</b> claims &amp; <font color=red>red</font> flags, \"quoted\" and 'single' "
    "marks <para> & < > at Zoë Ó Briain's ward"
)
NOTE = "Zoë Ó Briain: audit <i>done</i> & filed <br/> today"


@pytest.fixture
def hostile(services: Services) -> Services:
    """A location, owner, action and note whose texts look like reportlab markup."""
    location = services.locations.add("St Chloë's <Unit> & Annexe", provider="Ó Briain & Co <Ltd>")
    owner = services.people.add("Zoë Ó Briain")
    must = services.edits.create(
        location.id,
        ActionKind.MUST,
        HOSTILE,
        origin=ActionOrigin.REQUIREMENT_NOTICE,
        owner_id=owner.id,
        regulation=Regulation(number="12", statute=Statute.RA_2014),
        due=dt.date(2026, 3, 1),
    )
    services.edits.add_note(must.id, NOTE)
    services.edits.update(
        must.id,
        services.actions.get(must.id).version,
        ActionChanges(due=dt.date(2026, 4, 1), due_reason='Waiting for <b>Estates</b> & "Finance"'),
    )
    return services


def test_markup_in_every_text_prints_literally_in_the_action_plan(hostile: Services) -> None:
    pdf = pdf_text(hostile.documents.action_plan(ActionPlanOptions()))
    for text in (HOSTILE, NOTE, "Zoë Ó Briain", "St Chloë's <Unit> & Annexe", "Ó Briain & Co <Ltd>"):
        assert text in pdf.text
    assert pdf.reader.metadata.title == "Action plan: all locations"


def test_markup_prints_literally_in_the_meeting_pack_and_cqc_plan(hostile: Services) -> None:
    pack = pdf_text(hostile.documents.meeting_pack(MeetingPackOptions(meeting=dt.date(2026, 3, 5))))
    for text in (HOSTILE, NOTE, 'Waiting for <b>Estates</b> & "Finance"', "St Chloë's <Unit> & Annexe"):
        assert text in pack.text
    location = hostile.locations.find("St Chloë's <Unit> & Annexe")
    with pytest.raises(RuleViolation, match="has no requirement or warning notices to answer"):
        hostile.documents.cqc_plan(CqcPlanOptions(location_id=location.id))  # no inspection to answer


def test_a_location_name_with_markup_titles_the_document_literally(hostile: Services) -> None:
    location = hostile.locations.find("St Chloë's <Unit> & Annexe")
    options = ActionPlanOptions(filter=ActionFilter(location_ids=frozenset({location.id})))
    pdf = pdf_text(hostile.documents.action_plan(options))
    assert pdf.reader.metadata.title == "Action plan: St Chloë's <Unit> & Annexe"
    assert "Action plan: St Chloë's <Unit> & Annexe" in pdf.pages[0]


def test_an_action_longer_than_a_page_is_split_across_pages_and_printed_whole(services: Services) -> None:
    location = services.locations.add("Kenton MRI Unit")
    words = [f"word{n:04d}" for n in range(2500)]
    services.edits.create(location.id, ActionKind.SHOULD, " ".join(words))
    services.edits.create(location.id, ActionKind.SHOULD, "A short action after the long one.")
    pdf = pdf_text(services.documents.action_plan(ActionPlanOptions()))
    assert len(pdf.pages) >= 3
    printed = pdf.text.split()
    assert [w for w in printed if w.startswith("word")] == words
    assert "A short action after the long one." in pdf.text


def test_escape_neutralises_markup_and_drops_unprintable_characters() -> None:
    assert escape("<b>&amp;\"'</b>") == "&lt;b&gt;&amp;amp;&quot;&#39;&lt;/b&gt;"
    assert escape("line one\r\nline two\x00\ufffe") == "line one<br/>line two"


def test_a_word_too_long_for_its_cell_is_broken_after_a_hyphen_or_at_the_edge() -> None:
    register_fonts()
    assert plain_lines("L001-2026-M075500", REGULAR, 60).split("\n") == ["L001-2026-", "M075500"]
    pieces = plain_lines("x" * 80, REGULAR, 60).split("\n")
    assert "".join(pieces) == "x" * 80 and len(pieces) > 2
