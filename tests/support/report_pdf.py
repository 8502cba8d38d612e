"""Render a plain-text CQC report (as in resources/samples/) to a PDF laid out like a real one.

The PDF is built to be awkward for text extraction in the ways real CQC PDFs are: a running
header and footer on every page, body paragraphs that break across pages, bullets that wrap over
several lines, and ratings lines set as a two-column table (multi-column grids as a grid) so that
extraction flattens them. The text itself is never changed: what a parser extracts from the PDF
must give the same ParsedReport as the text does.

Text conventions understood (the ones the samples use):

* blocks are separated by blank lines;
* a line containing a TAB is a table row (cells split on TAB); lines without a TAB inside a table
  block belong to the first cell of the next row (several regulated activities), or, after the
  last row, are set as plain lines below the table;
* a block whose first line starts with a bullet glyph (•, ●, -, –, *) is a list; lines that do
  not start with a glyph continue the previous item (hard-wrapped text is re-flowed);
* a one-line block of at most 90 characters that does not end with a full stop is a heading;
* a multi-line block whose lines are all short (addresses, dates, signatures) keeps its line
  breaks; any other block is a paragraph and its lines are joined with single spaces;
* page-footer lines already present in the text ("7 Larkspur House Inspection report 19 October
  2022", as left by pdftotext) are removed and the text on either side is joined again.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "samples"

_FONT = "CandourSans"
_FONT_BOLD = "CandourSans-Bold"
_FONT_CANDIDATES = [
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ),
]

_BULLET_RE = re.compile(r"^\s*([•●\-–*])\s+")
_EMBEDDED_FOOTER_RE = re.compile(r"^\d{1,3} .{3,120} Inspection report \d{1,2} [A-Z][a-z]+ \d{4}\s*$")


# --------------------------------------------------------------------------------------- fonts
def _register_fonts() -> None:
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts"
    candidates = [*_FONT_CANDIDATES, (vera / "Vera.ttf", vera / "VeraBd.ttf")]
    for regular, bold in candidates:
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(_FONT, str(regular)))
            pdfmetrics.registerFont(TTFont(_FONT_BOLD, str(bold)))
            pdfmetrics.registerFontFamily(_FONT, normal=_FONT, bold=_FONT_BOLD)
            return
    raise RuntimeError("no TrueType font with the needed glyphs (DejaVuSans or Vera) was found")


# ----------------------------------------------------------------------------------- text model
def _strip_embedded_footers(text: str) -> list[str]:
    """Lines of the text with pdftotext page-footer lines removed and the halves re-joined."""
    lines = text.replace("\r\n", "\n").replace("\f", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not _EMBEDDED_FOOTER_RE.match(line.strip()):
            out.append(line)
            i += 1
            continue
        # pdftotext leaves "text\nFOOTER\n\ntext" when a page break falls inside a paragraph
        # and "text\n\nFOOTER\n\ntext" between blocks: keep the paragraph whole in the first
        # case and the block boundary in the second.
        mid_paragraph = bool(out) and bool(out[-1].strip())
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        if not mid_paragraph and out and out[-1].strip():
            out.append("")
    return out


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in _strip_embedded_footers(text):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


# ------------------------------------------------------------------------------------ rendering
class _Styles:
    def __init__(self, size: float) -> None:
        lead = size * 1.35
        self.size = size
        self.body = ParagraphStyle(
            "body",
            fontName=_FONT,
            fontSize=size,
            leading=lead,
            spaceAfter=size * 0.6,
            alignment=TA_LEFT,
            textColor=colors.HexColor("#222222"),
        )
        self.lines = ParagraphStyle("lines", parent=self.body, spaceAfter=size * 0.6)
        self.bullet = ParagraphStyle(
            "bullet",
            parent=self.body,
            leftIndent=size * 1.6,
            bulletIndent=size * 0.3,
            bulletFontName=_FONT,
            spaceAfter=size * 0.35,
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=_FONT_BOLD,
            fontSize=size * 1.2,
            leading=size * 1.55,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.4,
            textColor=colors.HexColor("#4b2466"),
            keepWithNext=1,
        )
        self.title = ParagraphStyle(
            "title",
            parent=self.heading,
            fontSize=size * 2.2,
            leading=size * 2.7,
            spaceAfter=size * 0.8,
        )
        self.cell = ParagraphStyle("cell", parent=self.body, spaceAfter=0)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=_FONT_BOLD)
        self.grid_cell = ParagraphStyle("grid", parent=self.cell, fontSize=size * 0.75, leading=size * 0.95)


def _para(text: str, style: ParagraphStyle, **kw: Any) -> Paragraph:
    return Paragraph(escape(text), style, **kw)


def _table(rows: list[list[str]], styles: _Styles, width: float) -> Table:
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    if ncols <= 2:
        wide_second = ncols == 2 and max(len(r[1]) for r in rows) > 32
        split = 0.45 if wide_second else 0.62
        col_widths = [width * split, width * (1 - split)] if ncols == 2 else [width]
        data = [
            [
                Paragraph(escape(c).replace("\n", "<br/>"), styles.cell_bold if j else styles.cell)
                for j, c in enumerate(r)
            ]
            for r in rows
        ]
    else:
        first = width * 0.22
        rest = (width - first) / (ncols - 1)
        col_widths = [first] + [rest] * (ncols - 1)
        data = [[Paragraph(escape(c).replace("\n", "<br/>"), styles.grid_cell) for c in r] for r in rows]
    table = Table(data, colWidths=col_widths, hAlign="LEFT", repeatRows=0)
    pad = 2 if ncols > 2 else 4
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#c8c8c8")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _flowables(text: str, styles: _Styles, width: float, location: str | None) -> list[Flowable]:
    story: list[Flowable] = []
    title_done = False
    for block in _blocks(text):
        stripped = [line.strip() for line in block]
        if any("\t" in line for line in block):
            rows: list[list[str]] = []
            pending: list[str] = []
            for line in block:
                if "\t" in line:
                    cells = [c.strip() for c in line.strip("\n").split("\t")]
                    while len(cells) > 1 and cells[-1] == "":
                        cells.pop()
                    if pending:
                        cells[0] = "\n".join([*pending, cells[0]])
                        pending = []
                    rows.append(cells)
                else:
                    pending.append(line.strip())
            story.append(_table(rows, styles, width))
            story.append(Spacer(1, styles.size * 0.6))
            if pending:
                story.append(Paragraph("<br/>".join(escape(p) for p in pending), styles.lines))
            continue
        first_bullet = next((k for k, x in enumerate(stripped) if _BULLET_RE.match(x)), None)
        if first_bullet is not None:
            if first_bullet:
                lead = stripped[:first_bullet]
                story.append(_para(" ".join(lead), styles.body))
            items: list[str] = []
            for line in stripped[first_bullet:]:
                m = _BULLET_RE.match(line)
                if m:
                    items.append(line[m.end() :])
                else:
                    items[-1] += " " + line
            for item in items:
                story.append(_para(item, styles.bullet, bulletText="•"))
            story.append(Spacer(1, styles.size * 0.3))
            continue
        if len(stripped) == 1:
            line = stripped[0]
            if not title_done and location and line == location:
                story.append(_para(line, styles.title))
                title_done = True
            elif len(line) <= 90 and not line.endswith("."):
                story.append(_para(line, styles.heading))
            else:
                story.append(_para(line, styles.body))
            continue
        if all(len(line) <= 60 for line in stripped):
            story.append(Paragraph("<br/>".join(escape(x) for x in stripped), styles.lines))
            continue
        story.append(_para(" ".join(stripped), styles.body))
    return story


def _build(text: str, out: BinaryIO, *, title: str, size: float) -> int:
    _register_fonts()
    styles = _Styles(size)
    margin = 20 * mm
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=24 * mm,
        bottomMargin=22 * mm,
        title=title,
        author="Care Quality Commission (fictional sample)",
    )
    location = title.split(" Inspection report")[0].strip() or None

    def on_page(canvas: Canvas, document: SimpleDocTemplate) -> None:
        page = canvas.getPageNumber()
        width, height = A4
        canvas.saveState()
        canvas.setFont(_FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(margin, height - 13 * mm, f"{page} {title}")
        canvas.setStrokeColor(colors.HexColor("#4b2466"))
        canvas.setLineWidth(0.6)
        canvas.line(margin, height - 15 * mm, width - margin, height - 15 * mm)
        canvas.line(margin, 15 * mm, width - margin, 15 * mm)
        canvas.drawString(margin, 11 * mm, "Care Quality Commission  |  www.cqc.org.uk")
        canvas.drawRightString(width - margin, 11 * mm, f"Page {page}")
        canvas.restoreState()

    story = _flowables(text, styles, doc.width, location)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return doc.page


def render_report_pdf(text: str, path: Path, *, title: str, pages_hint: int | None = None) -> Path:
    """Write `text` as an A4 report PDF at `path` and return `path`.

    `title` is the running-header text after the page number, e.g.
    "Larkspur House Inspection report 19 October 2022"; the part before " Inspection report" is
    taken as the location name and set large where it first appears. With `pages_hint` the body
    size is chosen (7.5–15 pt) so that the page count comes as close to the hint as it can.
    """
    path = Path(path)
    size = 10.0
    if pages_hint:
        best: tuple[int, float] | None = None
        for candidate in (15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.5):
            pages = _build(text, io.BytesIO(), title=title, size=candidate)
            score = abs(pages - pages_hint)
            if best is None or score < best[0]:
                best = (score, candidate)
            if pages <= pages_hint:
                break  # smaller sizes only lose pages from here on
        size = best[1] if best else size
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        _build(text, fh, title=title, size=size)
    return path


# ------------------------------------------------------------------------------ long reports
_BASE_SAMPLE = "imaging-harrowfield-pet-ct-2021.txt"
_WORDS_PER_PAGE = 340  # at the default 10 pt body size, tables and headings included


def make_long_report_text(pages: int) -> str:
    """A realistic report of roughly `pages` A4 pages (at the default size) for benchmarks.

    Built from the Harrowfield PET-CT sample by repeating its evidence sections ("Are Diagnostic
    imaging safe?" … up to "Requirement notices"), each copy renumbered as a site visit, so it
    parses to the same location, ratings and actions as that sample (expected_samples/
    imaging-harrowfield-pet-ct-2021.json): evidence prose holds "must"/"should" sentences and
    breach narrative but no action lists.
    """
    base = (SAMPLES_DIR / _BASE_SAMPLE).read_text(encoding="utf-8")
    start = base.index("Are Diagnostic imaging safe?")
    end = base.index("Requirement notices")
    head, evidence, tail = base[:start], base[start:end], base[end:]
    words = len(base.split())
    target = max(pages, 1) * _WORDS_PER_PAGE
    copies = [evidence]
    n = 1
    while words < target:
        n += 1
        extra = (
            f"Further evidence from site visit {n}\n\n"
            "We reviewed a further sample of patient records, staff files and audit results "
            "and spoke with patients and staff during this part of the inspection. What we "
            "found was consistent with our findings above.\n\n" + evidence
        )
        copies.append(extra)
        words += len(extra.split())
    return head + "".join(copies) + tail


def sample_title(name: str, published_iso: str | None) -> str:
    """Running-header title for a sample: '<Location> Inspection report <d Month yyyy>'."""
    if not published_iso:
        return f"{name} Inspection report"
    import datetime as dt

    day = dt.date.fromisoformat(published_iso)
    return f"{name} Inspection report {day.day} {day:%B %Y}"


# ------------------------------------------------------------------ pages drawn piece by piece
# Real report PDFs are awkward in ways a flowing layout never is: the cover's header block drawn last in
# the content stream, rating icons drawn after each rating, two columns of text, a table running over a
# page break with its header row repeated, words hyphenated at line ends. These helpers draw exactly
# what a test asks for, in the order it asks for it, so each property can be proved on its own.


@dataclass(frozen=True)
class Drawn:
    """One string drawn at (x, y): x from the left edge, y from the TOP of the page, in points."""

    x: float
    y: float
    text: str
    size: float = 10.0
    bold: bool = False


PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 56.0
RIGHT = PAGE_WIDTH - 56.0


def wrapped(
    text: str,
    x: float,
    y: float,
    width: float,
    *,
    size: float = 10.0,
    leading: float = 13.5,
    hyphenate: bool = False,
) -> tuple[list[Drawn], float]:
    """`text` set as lines of at most `width` points from (x, y); returns the lines and the y below them.

    With `hyphenate`, a word that does not fit is split with a hyphen at the line end when at least three
    letters fit (as typesetting does), so the extractor has to join it again."""
    _register_fonts()
    lines: list[Drawn] = []
    current = ""
    words = text.split()
    index = 0
    while index < len(words):
        word = words[index]
        trial = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(trial, _FONT, size) <= width:
            current = trial
            index += 1
            continue
        if hyphenate and word.isalpha() and len(word) >= 7:
            for cut in range(len(word) - 3, 2, -1):
                head = f"{current} {word[:cut]}-".strip()
                if pdfmetrics.stringWidth(head, _FONT, size) <= width:
                    lines.append(Drawn(x, y + leading * len(lines), head, size))
                    current = ""
                    words[index] = word[cut:]
                    break
            else:
                lines.append(Drawn(x, y + leading * len(lines), current, size))
                current = ""
            continue
        lines.append(Drawn(x, y + leading * len(lines), current, size))
        current = ""
    if current:
        lines.append(Drawn(x, y + leading * len(lines), current, size))
    return lines, y + leading * len(lines)


def draw_pages(
    path: Path, pages: list[list[Drawn]], *, header: str | None = None, footer: str | None = None
) -> Path:
    """Write a PDF whose pages draw the given pieces in the given order (each string one text object).

    `header` and `footer` are drawn on every page ("{page}" is replaced by the page number), the footer
    FIRST in the content stream and the header after the body, as some report generators do."""
    from reportlab.pdfgen import canvas as pdf_canvas

    _register_fonts()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page_canvas = pdf_canvas.Canvas(str(path), pagesize=A4)
    for number, pieces in enumerate(pages, start=1):
        if footer:
            page_canvas.setFont(_FONT, 7.5)
            page_canvas.drawString(LEFT, 30, footer.replace("{page}", str(number)))
        for piece in pieces:
            page_canvas.setFont(_FONT_BOLD if piece.bold else _FONT, piece.size)
            page_canvas.drawString(piece.x, PAGE_HEIGHT - piece.y - piece.size, piece.text)
        if header:
            page_canvas.setFont(_FONT, 7.5)
            page_canvas.drawString(LEFT, PAGE_HEIGHT - 34, header.replace("{page}", str(number)))
        page_canvas.showPage()
    page_canvas.save()
    return path


TAB_STOP = 35.4  # 1.25 cm, the default tab stop of word processors


def render_plain_pdf(text: str, path: Path) -> Path:
    """The text printed as a word processor prints a plain-text file (as LibreOffice converts one): each line
    as written, long lines wrapped at the margin, blank lines kept as space, TABs to the next 1.25 cm tab
    stop, no running header or footer. No headings, no tables: the reader has only positions to go on."""
    _register_fonts()
    pages: list[list[Drawn]] = [[]]
    y = 60.0

    def advance() -> None:
        nonlocal y
        y += 13.5
        if y > PAGE_HEIGHT - 60:
            pages.append([])
            y = 60.0

    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            advance()
        elif "\t" in line:
            x = LEFT
            for cell in line.split("\t"):
                if cell.strip():
                    pages[-1].append(Drawn(x, y, cell.strip()))
                end = x - LEFT + pdfmetrics.stringWidth(cell.strip(), _FONT, 10)
                x = LEFT + (int(end // TAB_STOP) + 1) * TAB_STOP
            advance()
        else:
            for piece in wrapped(line.strip(), LEFT, 0, RIGHT - LEFT)[0]:
                pages[-1].append(Drawn(LEFT, y, piece.text))
                advance()
    return draw_pages(path, [page for page in pages if page])


def text_width(text: str, size: float = 10.0) -> float:
    """The width of `text` in the test PDFs' font, in points."""
    _register_fonts()
    return pdfmetrics.stringWidth(text, _FONT, size)
