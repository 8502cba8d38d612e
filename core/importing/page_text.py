"""Pages of lines (in reading order) → one text: running headers and footers dropped wherever they sit,
paragraph breaks from the vertical gaps, paragraphs and tables re-joined across page breaks, and
words a line-end hyphen split joined again (compounds such as "person-centred" keep their hyphen)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise

from core.importing.reading_order import Line

_TERMINAL = tuple('.!?:;)"”’')
_BULLET_START = re.compile(r"^[•●▪■◦‣∙·\-–*]\s")
_MARGIN_ZONE = 0.09  # share of the page height at top and bottom where running furniture usually sits
_FURNITURE_RE = re.compile(
    r"^(#+ .{3,160} inspection report( #+ [a-z]+ #+)?|page #+( of #+)?"
    r"|care quality commission .{0,40}www\.cqc\.org\.uk.*"
    r"|#+|.{3,160} (?:inspection|quality) report(?: #+ [a-z]+ #+| #+/#+/#+)? #+)$"
)
_DIGITS_RE = re.compile(r"\d+")
_HYPHEN_END_RE = re.compile(r"(?<![\w-])([A-Za-z]{1,30})-$")


@dataclass
class PageLines:
    lines: list[Line]
    width: float
    height: float


def assemble(pages: list[PageLines]) -> str:
    """The document's text: blocks separated by blank lines, TABs between table cells."""
    body = _drop_furniture(pages)
    margin = _body_margin(body)
    pitch = _line_pitch(body)
    out: list[str] = []
    previous: Line | None = None
    previous_rows: set[str] = set()
    for page in body:
        page = _without_repeated_table_header(page, previous_rows)
        previous_rows = {line.furniture_key or "" for line in page if len(line.cells) > 1}
        for number, line in enumerate(page):
            if previous is not None:
                if number == 0:
                    breaks = _page_break_separates(previous, line, margin)
                else:
                    breaks = _gap_separates(previous, line, margin, pitch)
                if not breaks and _soft_hyphen(out, line.text):
                    out[-1] = out[-1][:-1] + "\ufffe"
                out.append("\n\n" if breaks else "\n")
            out.append(line.text)
            previous = line
    return "".join(out)


# ------------------------------------------------------------------------------------- furniture
def _furniture_key(text: str) -> str:
    return _DIGITS_RE.sub("#", text).casefold()  # lines come single-spaced from reading_order


def _drop_furniture(pages: list[PageLines]) -> list[list[Line]]:
    """Lines that recur on most pages at the same height, or in the margins, the same each time or numbered
    with the page (a heading and score that happen to start several pages, "Score: 4", are not furniture)."""
    placed: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    margins: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for number, page in enumerate(pages):
        seen: set[object] = set()
        for line in page.lines:
            key = _furniture_key(line.text)
            line.furniture_key = key
            place = (key, round(line.bottom / 4))
            if place not in seen:
                seen.add(place)
                placed[place].append((number, line.text))
            if _in_margin(line, page) and key not in seen:
                seen.add(key)
                margins[key].append((number, line.text))
    recurring = max(3, len(pages) // 2)
    in_margins = max(2, (len(pages) + 1) // 2)
    repeated_places = {place for place, seen in placed.items() if len(seen) >= recurring and _running(seen)}
    repeated_margins = {
        key
        for key, seen in margins.items()
        if (len(seen) >= in_margins and _running(seen)) or _FURNITURE_RE.match(key)
    }
    return [
        [
            line
            for line in page.lines
            if (line.furniture_key, round(line.bottom / 4)) not in repeated_places
            and not (_in_margin(line, page) and line.furniture_key in repeated_margins)
        ]
        for page in pages
    ]


def _in_margin(line: Line, page: PageLines) -> bool:
    return line.top > page.height * (1 - _MARGIN_ZONE) or line.bottom < page.height * _MARGIN_ZONE


def _running(seen: list[tuple[int, str]]) -> bool:
    """The same text on every page, or a number in it that moves with the page number."""
    if len({text for _, text in seen}) == 1:
        return True
    numbers = [[int(n) for n in _DIGITS_RE.findall(text)] for _, text in seen]
    width = min(len(found) for found in numbers)
    return any(
        len({found[slot] - page for (page, _), found in zip(seen, numbers, strict=True)}) == 1
        for slot in range(width)
    )


def _without_repeated_table_header(page: list[Line], previous_rows: set[str]) -> list[Line]:
    """A table continued on a new page repeats its header row there: that copy is dropped."""
    if not page or len(page[0].cells) < 2:
        return page
    return page[1:] if page[0].furniture_key in previous_rows else page


# -------------------------------------------------------------------------------------- geometry
def _body_margin(pages: list[list[Line]]) -> float:
    lefts = Counter(round(line.left) for page in pages for line in page)
    return float(lefts.most_common(1)[0][0]) if lefts else 0.0


def _pitch(previous: Line, line: Line) -> float:
    # Boxes hug the glyphs: a line without ascenders has a low top, one without descenders a high
    # bottom. The smaller of the two distances is the closer estimate of the baseline pitch.
    return min(previous.top - line.top, previous.bottom - line.bottom)


def _line_pitch(pages: list[list[Line]]) -> float:
    """The line spacing inside paragraphs: the smallest step that is common (a page of short paragraphs
    has more steps across a blank line than inside a paragraph)."""
    steps = (_pitch(a, b) for page in pages for a, b in pairwise(page))
    pitches = Counter(round(step) for step in steps if step > 2)
    if not pitches:
        return 12.0
    commonest = pitches.most_common(1)[0][1]
    return float(min(step for step, count in pitches.items() if count >= 0.2 * commonest))


def _gap_separates(previous: Line, line: Line, margin: float, pitch: float) -> bool:
    if line.top > previous.top + 1:  # moved up the page: the other side of a two-sided run
        return True
    if len(previous.cells) > 1 or len(line.cells) > 1:
        return True
    if previous.size and line.size and abs(previous.size - line.size) > 0.1 * max(previous.size, line.size):
        return True  # a heading and the text below it
    # A step wider than the usual line spacing, and (where the font size is known) than a wrapped line of
    # this size takes, starts a paragraph.
    threshold = max(1.22 * pitch, 1.6 * max(previous.size, line.size))
    if _pitch(previous, line) > threshold:
        return True
    # A bullet's wrapped lines are indented; a body paragraph right after the list is not.
    return previous.left > margin + 6 and line.left < margin + 2 and not _BULLET_START.match(line.text)


def _page_break_separates(previous: Line, line: Line, margin: float) -> bool:
    if _BULLET_START.match(line.text):
        return True
    if previous.left > margin + 6:
        return abs(previous.left - line.left) > 3
    if line.text[:1].islower():
        return False
    return previous.text.rstrip().endswith(_TERMINAL)


# -------------------------------------------------------------------------------------- hyphens
def _soft_hyphen(out: list[str], following: str) -> bool:
    """Whether the last line ends with a hyphen inside a word that the next line finishes; it is marked as
    PDFium marks its own soft hyphens, and normalising decides between a split word and a compound."""
    return bool(out) and following[:1].islower() and bool(_HYPHEN_END_RE.search(out[-1]))
