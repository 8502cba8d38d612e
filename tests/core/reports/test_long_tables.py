"""The long table every document prints its actions in: laid out a page at a time from row heights known in
advance, a title row never left at the foot of a page, a row taller than a page cut rather than lost, and
one table made per page (so the cost grows with the pages, not faster)."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from core.reports import tables
from core.reports.fonts import BOLD, register_fonts
from core.reports.page import DocumentInfo, build_pdf
from core.reports.styles import CELL_FONT_SIZE, CELL_PADDING
from core.reports.tables import Column, Detail, GroupTitle, data_table
from tests.core.reports.conftest import pdf_text

INFO = DocumentInfo("Long table", "layout", "tester", dt.datetime(2026, 3, 2, 9, 30))
COLUMNS = (
    Column[str]("Item", 20, lambda item: item, bold=True),
    Column[str]("Text", 80, lambda item: f"the text of {item}"),
)
Item = str | GroupTitle | Detail


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()  # the cells are split into lines in the document's font before layout


def _groups(count: int, size: int, detail_lines: int = 1) -> list[Item]:
    """Groups of 1 to `size` items (varied, so page ends fall everywhere), each with a detail row."""
    items: list[Item] = []
    for group in range(count):
        items.append(GroupTitle(f"Group g{group}x"))
        for n in range(1 + group % size):
            items.append(f"i{group}x{n}x")
            items.append(
                Detail("\n".join(f"detail d{group}x{n}x line {line}" for line in range(detail_lines)))
            )
    return items


def _page_of(pages: list[str], text: str) -> int:
    found = [number for number, page in enumerate(pages) if text in page]
    assert len(found) == 1, f"{text!r} printed on pages {found}"
    return found[0]


def test_a_title_is_kept_with_the_row_after_it_and_a_detail_with_its_row() -> None:
    items = _groups(count=60, size=3)
    pdf = pdf_text(build_pdf([data_table(COLUMNS, items)], INFO))
    assert len(pdf.pages) > 5
    for group in range(60):
        title_page = _page_of(pdf.pages, f"Group g{group}x")
        assert _page_of(pdf.pages, f"i{group}x0x") == title_page
        for n in range(1 + group % 3):
            assert _page_of(pdf.pages, f"detail d{group}x{n}x") == _page_of(pdf.pages, f"i{group}x{n}x")


def test_every_page_of_a_long_table_starts_with_the_header_row() -> None:
    pdf = pdf_text(build_pdf([data_table(COLUMNS, _groups(count=40, size=4))], INFO))
    assert len(pdf.pages) > 3
    assert all(page.count("Item Text") == 1 for page in pdf.pages)


def test_a_row_taller_than_a_page_is_cut_and_printed_in_full() -> None:
    lines = 150  # about three pages of lines
    items: list[Item] = [GroupTitle("Group g0x"), "i0x0x", Detail("\n".join(f"L{n}L" for n in range(lines)))]
    items += ["i0x1x"]
    pdf = pdf_text(build_pdf([data_table(COLUMNS, items)], INFO))
    assert len(pdf.pages) >= 3
    printed = [n for n in range(lines) if f"L{n}L" in pdf.text]
    assert printed == list(range(lines))
    assert _page_of(pdf.pages, "Group g0x") == _page_of(pdf.pages, "L0L") == 0  # cut where it stands
    assert _page_of(pdf.pages, "i0x1x") == _page_of(pdf.pages, f"L{lines - 1}L")


def test_rows_kept_together_that_are_longer_than_a_page_break_where_they_must() -> None:
    # A title, its row and that row's 40-line detail: each fits a page, the three together do not.
    items = [*_groups(count=1, size=1), *_groups(count=3, size=1, detail_lines=40)]
    pdf = pdf_text(build_pdf([data_table(COLUMNS, items)], INFO))
    for group in range(3):
        for line in range(40):
            assert f"detail d{group}x0x line {line} " in pdf.text + " "


def test_one_table_is_made_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[int] = []
    real_init = tables._Table.__init__

    def counting(self: tables._Table, *args: object, **kwargs: object) -> None:
        made.append(1)
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tables._Table, "__init__", counting)
    pdf = pdf_text(build_pdf([data_table(COLUMNS, _groups(count=150, size=4))], INFO))
    assert len(pdf.pages) > 20
    assert len(made) <= len(pdf.pages) + 1


@pytest.mark.parametrize(
    ("word", "width"),
    [
        ("-ccWM-I1aI1Ic-WWiWWiMi-1iM-c1c1i", 19.5),  # the glyphs after a hyphen once overflowed the cell
        ("IcM-1ii-bccWMbIa1cbM1MI1W--aaW1MbMW-W1I-ab", 61.4),
        ("L015-2021-S011506", 40.0),
        ("W" * 300, 50.0),
    ],
)
def test_every_line_of_a_broken_word_fits_its_cell(word: str, width: float) -> None:
    lines = tables.plain_lines(word, BOLD, width).split("\n")
    assert "".join(lines) == word
    inner = width - 2 * CELL_PADDING
    assert all(stringWidth(line, BOLD, CELL_FONT_SIZE) <= inner for line in lines)
    assert all(line.endswith("-") for line in lines[:-1] if "-" in line)
