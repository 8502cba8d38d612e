"""Long text prints: an unbroken 100,000-character note is broken to fit its cell in one pass (each glyph
measured once), and every character of a 10,000-character note reaches the printed plan."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader

from core.domain.actions import ActionFilter
from core.domain.documents import ActionPlanOptions
from core.domain.vocabulary import ActionKind
from core.reports import tables
from core.reports.fonts import BOLD, register_fonts
from core.reports.fonts import REGULAR as FONT
from core.reports.styles import CELL_FONT_SIZE, CELL_PADDING


class TooManyMeasurements(AssertionError):
    pass


def test_an_unbroken_word_is_broken_in_linear_time(monkeypatch):
    register_fonts()
    calls = []
    real = tables.stringWidth

    def counting(text: str, font: str, size: float) -> float:
        calls.append(len(text))
        if len(calls) > 20_000:  # the old way measured every prefix again: millions of calls
            raise TooManyMeasurements(f"{len(calls)} measurements for one word")
        return real(text, font, size)

    monkeypatch.setattr(tables, "stringWidth", counting)
    word = "N" * 100_000
    lines = tables.plain_lines(word, FONT, 120).split("\n")
    assert "".join(lines) == word
    inner = 120 - 2 * CELL_PADDING
    assert all(real(line, FONT, CELL_FONT_SIZE) <= inner for line in lines)
    assert len(calls) < 20_000
    assert sum(calls) < 20 * len(word), "each glyph is measured a bounded number of times"


def test_a_hyphenated_long_word_breaks_after_its_hyphens():
    register_fonts()
    word = "-".join(["x" * 30] * 200)
    lines = tables.plain_lines(word, BOLD, 300).split("\n")
    assert "".join(lines) == word
    assert all(line.endswith("-") for line in lines[:-1])


def test_a_10000_character_note_prints_in_full(services):
    location = services.locations.add("Long Note House")
    action = services.edits.create(location.id, ActionKind.MUST, "Keep the medicines record")
    services.edits.add_note(action.id, "N" * 10_000)
    pdf = services.documents.action_plan(ActionPlanOptions(filter=ActionFilter()))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert text.count("N") >= 10_000  # every character, broken over lines that fit the column
