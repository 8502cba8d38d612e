"""Text in visual reading order, proved on PDFs drawn with one awkward property each, and at the
function level on a page of very many separately placed pieces."""

from __future__ import annotations

from pathlib import Path

from core.domain.vocabulary import ActionOrigin, Statute
from core.importing import load_file
from core.importing.normalise import normalise_text
from core.importing.pdf_text import MAX_BOUNDED_WORK, page_pieces, pdf_to_text
from core.importing.reading_order import Piece, page_lines
from tests.core.importing.generated_reports import RECOMMENDATION, asc_2015_report
from tests.support.report_pdf import LEFT, Drawn, draw_pages, text_width, wrapped


def _text(path: Path) -> str:
    return normalise_text(pdf_to_text(path.read_bytes(), path.name))


def test_a_header_block_drawn_last_is_read_first(tmp_path: Path) -> None:
    body = [Drawn(LEFT, 300, "Overall summary"), Drawn(LEFT, 320, "The home was not safe.")]
    header = [Drawn(LEFT, 60, "Hillcrest House", 20), Drawn(LEFT, 90, "Inspection report")]
    text = _text(draw_pages(tmp_path / "late.pdf", [body + header]))
    assert text.index("Hillcrest House") < text.index("Inspection report") < text.index("Overall summary")


def test_rating_icon_glyphs_after_a_rating_are_dropped(tmp_path: Path) -> None:
    rows = [
        Drawn(LEFT, 100, "Is the service safe?"),
        Drawn(300, 100, "Inadequate –––"),
        Drawn(LEFT, 120, "Is the service caring?"),
        Drawn(300, 120, "Good"),
        Drawn(350, 120, "●●●○"),
    ]
    text = _text(draw_pages(tmp_path / "glyphs.pdf", [rows]))
    assert [line for line in text.splitlines() if line] == [
        "Is the service safe?\tInadequate",
        "Is the service caring?\tGood",
    ]


def test_running_header_and_footer_are_removed_wherever_they_are_drawn(tmp_path: Path) -> None:
    bodies = ["Staff were kind.", "Meals were good.", "Rooms were clean.", "Records were kept."]
    # One running line sits mid-page (a side label drawn at the same height on every page).
    pages = [
        [Drawn(LEFT, 200, body), Drawn(LEFT, 420, "Ashdown Court | Inspection report")] for body in bodies
    ]
    text = _text(
        draw_pages(
            tmp_path / "furniture.pdf",
            pages,
            header="{page} Ashdown Court Inspection report",
            footer="Care Quality Commission | www.cqc.org.uk Page {page}",
        )
    )
    assert "Inspection report" not in text and "cqc.org.uk" not in text
    assert [line for line in text.splitlines() if line] == bodies


def test_a_two_column_page_reads_the_left_column_then_the_right(tmp_path: Path) -> None:
    left, _ = wrapped(
        "The left column starts the summary and runs on for several lines of text before it "
        "ends with the word alpha.",
        LEFT,
        100,
        220,
    )
    right, _ = wrapped(
        "The right column carries on the summary over several lines of its own before it ends "
        "with the word omega.",
        310,
        100,
        220,
    )
    text = _text(draw_pages(tmp_path / "columns.pdf", [left + right]))
    flat = " ".join(text.split())
    assert flat.startswith("The left column starts") and flat.endswith("ends with the word omega.")
    assert flat.index("word alpha.") < flat.index("The right column")


def test_hyphenated_line_ends_are_joined_and_compounds_keep_their_hyphen(tmp_path: Path) -> None:
    lines = [
        Drawn(LEFT, 100, "Staff completed regular moni-"),
        Drawn(LEFT, 113.5, "toring of person-"),
        Drawn(LEFT, 127, "centred care plans."),
    ]
    text = _text(draw_pages(tmp_path / "hyphens.pdf", [lines]))
    assert " ".join(text.split()) == "Staff completed regular monitoring of person-centred care plans."


def test_a_table_row_wrapped_over_a_page_break_continues_without_the_repeated_header(tmp_path: Path) -> None:
    first = [
        Drawn(LEFT, 700, "Regulated activity"),
        Drawn(230, 700, "Regulation"),
        Drawn(LEFT, 720, "Personal care"),
        Drawn(230, 720, "Regulation 12 HSCA (RA) Regulations 2014"),
        Drawn(230, 733.5, "How the regulation was not being met:"),
        Drawn(230, 747, "Risks to people were not assessed and"),
    ]
    second = [
        Drawn(LEFT, 60, "Regulated activity"),
        Drawn(230, 60, "Regulation"),
        Drawn(230, 80, "medicines were not managed safely."),
    ]
    text = _text(draw_pages(tmp_path / "table.pdf", [first, second]))
    assert text.count("Regulated activity") == 1
    assert "Risks to people were not assessed and\nmedicines were not managed safely." in text


def test_the_2015_adult_social_care_report_imports_with_all_its_notices(tmp_path: Path) -> None:
    report = load_file(asc_2015_report(tmp_path / "ashcombe-lodge-2015.pdf")).report
    assert report.location.name == "Ashcombe Lodge" and report.location.postcode == "AS4 7QP"
    (inspection,) = report.inspections
    assert [d.isoformat() for d in inspection.inspection_dates] == ["2015-07-07", "2015-07-10"]
    assert inspection.overall_rating == "Inadequate"
    assert (
        inspection.ratings["caring"] == "Requires improvement" and inspection.ratings["safe"] == "Inadequate"
    )
    origins = [a.origin for a in inspection.actions]
    assert origins.count(ActionOrigin.REQUIREMENT_NOTICE) == 4
    assert origins.count(ActionOrigin.WARNING_NOTICE) == 2
    assert [a.text for a in inspection.actions if a.origin is ActionOrigin.RECOMMENDATION] == [RECOMMENDATION]
    statutes = {(a.regulation.number, a.regulation.statute) for a in inspection.actions if a.regulation}
    assert ("18", Statute.RA_2014) in statutes and ("18", Statute.REGISTRATION_2009) in statutes
    split = next(a for a in inspection.actions if a.regulation and a.regulation.number == "12")
    assert split.text.startswith("People were not protected") and split.text.endswith(
        "Regulation 12 (1)(2)(a)(b)(g)"
    )
    assert "Regulated activity" not in split.text


# ---------------------------------------------------------------------------------- complexity
def test_a_page_of_400000_separately_placed_pieces_is_ordered_by_sorting() -> None:
    # 400 lines of 1,000 one-letter pieces, handed over in reverse order: grouping them must sort once and
    # sweep, not compare pieces pairwise (which took over an hour on such a page).
    pieces = [
        Piece(
            "x" if column % 2 else "y", 40 + column * 0.5, 800 - row * 2, 40.5 + column * 0.5, 801.5 - row * 2
        )
        for row in range(400)
        for column in range(1000)
    ]
    pieces.reverse()
    lines = page_lines(pieces, 595.0)
    assert len(lines) == 400
    assert lines[0].text == "yx" * 500 and all(len(line.text) == 1000 for line in lines)


class _CountingTextPage:
    """A stand-in PDFium text page of many tiny pieces that counts the calls made on it."""

    def __init__(self, pieces: int) -> None:
        self.pieces = pieces
        self.bounded_calls = 0
        self.raw = None

    def count_chars(self) -> int:
        return self.pieces

    def count_rects(self, index: int = 0, count: int = -1) -> int:
        return self.pieces  # every piece a separate run on one PDFium line

    def get_rect(self, index: int) -> tuple[float, float, float, float]:
        return (float(index % 500), float(index // 500), float(index % 500) + 0.8, float(index // 500) + 0.8)

    def get_text_bounded(self, *box: float) -> str:
        self.bounded_calls += 1
        return "x"

    def get_text_range(self, index: int = 0, count: int = -1) -> str:
        return " " * (self.pieces if count == -1 else count)


def test_a_page_of_many_pieces_is_not_read_piece_by_piece() -> None:
    # A PDFium line of several runs asks for each run's text by its box, a whole-page scan inside PDFium;
    # past MAX_BOUNDED_WORK the page is read character by character instead (one pass), so no per-piece
    # scans happen at all.
    many = _CountingTextPage(10_000)
    assert many.pieces * many.pieces > MAX_BOUNDED_WORK
    assert page_pieces(many) == [] and many.bounded_calls == 0
    few = _CountingTextPage(1_000)
    page_pieces(few)
    assert few.bounded_calls == 1_000


def test_a_page_drawn_one_character_at_a_time_reads_as_words(tmp_path: Path) -> None:
    # 2,500 characters each placed on its own: too many pieces to ask PDFium for each one's text, so the
    # page is read character by character, and still comes out as lines of words.
    sentence = "Staff were kind and the home was clean. "
    pieces: list[Drawn] = []
    for row in range(60):
        x = LEFT
        for char in sentence:
            pieces.append(Drawn(x, 80 + row * 12, char))
            x += text_width(char)
    text = _text(draw_pages(tmp_path / "glyphs.pdf", [pieces]))
    assert [line for line in text.splitlines() if line] == [sentence.strip()] * 60
