"""Normalising extracted text, dates and regulation citations."""

from __future__ import annotations

import datetime as dt

import pytest

from core.domain.vocabulary import Statute
from core.importing.blocks import build_units
from core.importing.dates import parse_dates, visit_dates
from core.importing.normalise import normalise_text
from core.importing.regulations import find_citations, regulation_in


# ---------------------------------------------------------------------------------- normalising
def test_footer_mid_sentence_is_removed_and_the_sentence_rejoined() -> None:
    raw = (
        "The provider had failed to ensure there were sufficient numbers of suitably qualified, competent and\n"
        "7 Larkspur House Inspection report 19 October 2022\n\n"
        "experienced staff deployed to meet people's needs.\n"
    )
    units = build_units(normalise_text(raw))
    assert [u.text for u in units] == [
        (
            "The provider had failed to ensure there were sufficient numbers of suitably qualified, competent and "
            "experienced staff deployed to meet people's needs."
        )
    ]


def test_header_and_page_footer_lines_between_blocks_are_removed() -> None:
    raw = (
        "First paragraph ends here.\n\n2 Sidcup PET-CT Centre Inspection report\n\nPage 2\n\n"
        "Care Quality Commission | www.cqc.org.uk\n\nSecond paragraph."
    )
    text = normalise_text(raw)
    assert "Inspection report" not in text and "Page 2" not in text and "cqc.org.uk" not in text
    assert [u.text for u in build_units(text)] == ["First paragraph ends here.", "Second paragraph."]


def test_running_header_repeated_on_every_page_is_removed_even_with_an_unusual_title() -> None:
    pages = [f"{n} Meadow View Care Centre Quality Report\nBody text of page {n}." for n in range(1, 5)]
    text = normalise_text("\n\n".join(pages))
    assert "Quality Report" not in text
    assert "Body text of page 3." in text


def test_wrapped_bullet_is_one_item_and_glyphs_are_unified() -> None:
    raw = (
        "● The trust must ensure that medicines, including controlled drugs, are\n"
        "stored securely. (Regulation 12 (2)(g))\n"
        "- The trust should review staffing.\n"
        "•\tStaff were kind."
    )
    units = build_units(normalise_text(raw))
    assert [(u.bullet, u.text) for u in units] == [
        (
            True,
            (
                "The trust must ensure that medicines, including controlled drugs, are stored securely. "
                "(Regulation 12 (2)(g))"
            ),
        ),
        (True, "The trust should review staffing."),
        (True, "Staff were kind."),
    ]


def test_soft_hyphen_markers_join_words_and_real_hyphens_stay() -> None:
    text = normalise_text(
        "regular mon\ufffe\nitoring of person-\ncentred care\nDuring the inspection\ufffe\nWe spoke"
    )
    units = build_units(text)
    assert "monitoring" in text and "\ufffe" not in text
    assert units[0].text.startswith("regular monitoring of person-centred care")
    # PDFium also marks a dash after a heading; before a capital it separates rather than joins.
    assert [u.text for u in units[1:]] == ["During the inspection", "We spoke"]
    assert [u.text for u in build_units(normalise_text("During the inspection\ufffeWe spoke"))] == [
        "During the inspection",
        "We spoke",
    ]


def test_cp1252_nbsp_and_ligatures_are_cleaned() -> None:
    assert normalise_text("Staff\u00a0were\u00a0ﬁne\u200b.") == "Staff were fine."


# ------------------------------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15th and 28th January 2019", ["2019-01-15", "2019-01-28"]),
        (
            "30 November and 1 December 2022, 3 and 4 May 2023",
            ["2022-11-30", "2022-12-01", "2023-05-03", "2023-05-04"],
        ),
        ("5, 6 and 7 July 2016", ["2016-07-05", "2016-07-06", "2016-07-07"]),
        ("Inspection carried out on 5, 6, 7 July 2016", ["2016-07-05", "2016-07-06", "2016-07-07"]),
        ("9, 10, 11 and 23 April 2019", ["2019-04-09", "2019-04-10", "2019-04-11", "2019-04-23"]),
        ("We carried out an unannounced inspection on Monday 4 March 2019.", ["2019-03-04"]),
        ("Date of publication: 10/06/2022", ["2022-06-10"]),
        ("03 December 2019 04 December 2019", ["2019-12-03", "2019-12-04"]),
        ("31 February 2020 and 30 Feb 2021", []),
    ],
)
def test_dates(text: str, expected: list[str]) -> None:
    assert [d.isoformat() for d in parse_dates(text)] == expected


def test_visit_dates_are_distinct_and_ascending() -> None:
    assert visit_dates("4 May 2023 and 3 May 2023, 4 May 2023") == [dt.date(2023, 5, 3), dt.date(2023, 5, 4)]


# ---------------------------------------------------------------------------------- regulations
@pytest.mark.parametrize(
    ("text", "number", "paragraphs", "statute", "title"),
    [
        ("(Regulation 12 (2)(b))", "12", "(2)(b)", Statute.RA_2014, "Safe care and treatment"),
        ("Regulation 12(1)(2)(a)(b)(g)", "12", "(1)(2)(a)(b)(g)", Statute.RA_2014, "Safe care and treatment"),
        ("Regulation 17 (2)(a)", "17", "(2)(a)", Statute.RA_2014, "Good governance"),
        (
            "Regulation 12 HSCA (RA) Regulations 2014 Safe care and treatment",
            "12",
            None,
            Statute.RA_2014,
            "Safe care and treatment",
        ),
        (
            "Regulation 9 HSCA RA Regulations 2014 Person-centred care",
            "9",
            None,
            Statute.RA_2014,
            "Person-centred care",
        ),
        (
            (
                "in breach of Regulation 17 (Good governance) of the Health and Social Care Act 2008 (Regulated Activities) "
                "Regulations 2014."
            ),
            "17",
            None,
            Statute.RA_2014,
            "Good governance",
        ),
        (
            "Regulation 22 HSCA 2008 (Regulated Activities) Regulations 2010 Staffing",
            "22",
            None,
            Statute.RA_2010,
            "Staffing",
        ),
        (
            "Regulation 9 HSCA 2008 (Regulated Activities) Regulations 2010 Care and welfare of people who use services",
            "9",
            None,
            Statute.RA_2010,
            "Care and welfare of people who use services",
        ),
        (
            "Regulation 18 CQC (Registration) Regulations 2009 Notification of other incidents",
            "18",
            None,
            Statute.REGISTRATION_2009,
            "Notification of other incidents",
        ),
        (
            "Regulation 18 of the Care Quality Commission (Registration) Regulations 2009",
            "18",
            None,
            Statute.REGISTRATION_2009,
            "Notification of other incidents",
        ),
        ("Regulation 9(1)(b)(i)", "9", "(1)(b)(i)", Statute.RA_2014, "Person-centred care"),
        (
            "Regulation 20A",
            "20A",
            None,
            Statute.RA_2014,
            "Requirement as to display of performance assessments",
        ),
    ],
)
def test_citations(text: str, number: str, paragraphs: str | None, statute: Statute, title: str) -> None:
    regulation = regulation_in(text, 2019)
    assert regulation is not None
    assert (regulation.number, regulation.paragraphs, regulation.statute, regulation.title) == (
        number,
        paragraphs,
        statute,
        title,
    )


def test_a_bare_number_takes_the_statute_of_the_report_year() -> None:
    in_2014 = regulation_in("(Regulation 12)", 2014)
    in_2019 = regulation_in("(Regulation 12)", 2019)
    assert in_2014 is not None and in_2019 is not None
    assert (in_2014.statute, in_2014.title) == (Statute.RA_2010, "Cleanliness and infection control")
    assert (in_2019.statute, in_2019.title) == (Statute.RA_2014, "Safe care and treatment")


def test_a_named_act_wins_over_the_year_and_the_ocr_title_is_ignored() -> None:
    regulation = regulation_in("Regulation 12 HSCA (RA) Regulations 2014 Safe carc and treatmcnt", 2012)
    assert regulation is not None and regulation.statute is Statute.RA_2014
    assert regulation.title == "Safe care and treatment"


def test_other_regulations_and_unknown_numbers_are_not_citations() -> None:
    assert (
        find_citations(
            "in compliance with the Health and Safety (Sharp Instruments in Healthcare) Regulations 2013"
        )
        == []
    )
    assert find_citations("Regulation 99 of something") == []
    assert regulation_in("no citation here", 2019) is None


# ------------------------------------------------------------------------------- hostile input
def test_a_cover_date_label_hands_the_date_parser_a_bounded_window(monkeypatch) -> None:
    # "Date of inspection visit: 1, 1, 1, ..." over 56 KB took 29 s when the whole run reached the date regex.
    from core.importing import report_parts

    seen: list[int] = []
    real = report_parts.visit_dates
    monkeypatch.setattr(report_parts, "visit_dates", lambda text: seen.append(len(text)) or real(text))
    hostile = "Date of inspection visit: " + "1, " * 19_000 + "Date of publication: 2 March 2020"
    visits, published = report_parts.cover_dates(hostile)
    assert visits == [] and published == dt.date(2020, 3, 2)
    assert seen and max(seen) <= report_parts.DATE_WINDOW


def test_a_day_list_is_bounded_so_each_match_attempt_is_short() -> None:
    from core.importing.dates import MAX_DAYS

    days = ", ".join(str(n) for n in range(1, 29))
    found = parse_dates(f"{days} July 2016")
    # Only the last MAX_DAYS numbers belong to the date list the month closes; a longer run is not one list.
    assert [d.day for d in found] == list(range(29 - MAX_DAYS, 29))
    hostile = "1, " * 20_000
    assert parse_dates(hostile) == []
    closed = parse_dates(hostile + "4 May 2021")
    assert len(closed) == MAX_DAYS and set(closed) == {dt.date(2021, 5, 1), dt.date(2021, 5, 4)}
