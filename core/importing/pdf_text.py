"""PDF → text in visual reading order, using PDFium's piece positions (pypdf only as a fallback).

`pdf_to_text` is the one entry point from a PDF's bytes to its text (a sandbox may wrap it). Each
page's text pieces come with their boxes; `reading_order` turns them into lines in reading order and
`page_text` joins the pages, dropping running headers and footers and re-joining what a page break
or a hyphen split.
"""

from __future__ import annotations

import ctypes
import re
from typing import Any

from core.domain.errors import ReportImportError
from core.importing.page_text import PageLines, assemble
from core.importing.reading_order import Piece, page_lines

# pypdfium2 has no type information (see [tool.mypy] in pyproject.toml): its objects are Any here.
PdfPage = Any
PdfTextPage = Any
RawTextPage = Any  # the ctypes handle under a PdfTextPage

# PDFium answers "the text inside this box" by scanning every character of the page, so one call per
# piece is quadratic on a page of many tiny pieces. Past this many (pieces x characters) a page is read
# character by character instead, which is linear.
MAX_BOUNDED_WORK = 4_000_000
_LINE_RE = re.compile(r"[^\r\n]+")


def pdf_to_text(data: bytes, name: str) -> str:
    """The document's text, blocks separated by blank lines; ReportImportError when unreadable."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - pypdfium2 is a dependency
        return _pypdf_text(data, name)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReportImportError(f"{name} is password-protected, so its text cannot be read.") from None
        return _pypdf_text(data, name)
    try:
        pages = [_page(document[index]) for index in range(len(document))]
    except Exception:  # noqa: BLE001 - a damaged page: try the other library before giving up
        return _pypdf_text(data, name)
    finally:
        document.close()
    return assemble(pages)


def _page(page: PdfPage) -> PageLines:
    textpage = page.get_textpage()
    width = page.get_width() or 595.0
    height = page.get_height() or 842.0
    try:
        pieces = page_pieces(textpage)
    finally:
        textpage.close()
    return PageLines(page_lines(pieces, width), width, height)


def page_pieces(textpage: PdfTextPage) -> list[Piece]:
    """The page's text pieces with their boxes.

    PDFium's text comes with its own line breaks; each line is usually drawn as one run, so one
    rectangle query per line gives its box (linear overall). A line of several runs asks for each run's
    text inside its box; when that would cost too much (a page of very many tiny pieces), the page is
    read character by character instead."""
    chars = textpage.count_chars()
    text = textpage.get_text_range(0, chars) if chars else ""
    if len(text) != chars:  # characters outside the BMP shift the indices: ask by box instead
        return _bounded_pieces(textpage, chars)
    pieces: list[Piece] = []
    work = 0
    for start, end in _line_spans(text):
        count = textpage.count_rects(start, end - start)
        size = font_size(textpage.raw, start) if textpage.raw is not None else 0.0
        if count == 1:
            pieces.append(Piece(text[start:end], *_box(textpage.get_rect(0)), size=size))
            continue
        work += count * chars
        if work > MAX_BOUNDED_WORK:
            return _char_runs(textpage, chars)
        boxes = [textpage.get_rect(index) for index in range(count)]
        pieces.extend(_bounded(textpage, box, size) for box in boxes)
    return [piece for piece in pieces if piece.text.strip()]


def font_size(raw: RawTextPage, index: int) -> float:
    import pypdfium2.raw as pdfium_c

    return float(pdfium_c.FPDFText_GetFontSize(raw, index))


def _line_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _LINE_RE.finditer(text)]


def _box(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    left, bottom, right, top = rect
    return left, bottom, right, top


def _bounded(textpage: PdfTextPage, rect: tuple[float, float, float, float], size: float = 0.0) -> Piece:
    left, bottom, right, top = rect
    text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ")
    return Piece(text, left, bottom, right, top, size)


def _bounded_pieces(textpage: PdfTextPage, chars: int) -> list[Piece]:
    rects = textpage.count_rects()
    if rects * chars > MAX_BOUNDED_WORK:
        return _char_runs(textpage, chars)
    pieces = [_bounded(textpage, textpage.get_rect(index)) for index in range(rects)]
    return [piece for piece in pieces if piece.text.strip()]


def _char_runs(textpage: PdfTextPage, count: int) -> list[Piece]:
    """Characters joined into runs where each follows the last on its baseline: linear in the characters."""
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: fall back to one call per character
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
    values = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(v) for v in values]
    box = pdfium_c.FPDFText_GetCharBox
    raw = textpage.raw
    pieces: list[Piece] = []
    current: Piece | None = None
    spaced = False  # a space (the PDF's own or one PDFium generated) since the last character
    for index, char in enumerate(text):
        if char.isspace() or not box(raw, index, *refs):
            current = None if char in "\r\n" else current
            spaced = spaced or char.isspace()
            continue
        left, right, bottom, top = (v.value for v in values)
        if current is not None and _follows(current, left, bottom, top):
            current.text += (" " if spaced else "") + char
            current.right = max(current.right, right)
        else:
            current = Piece(char, left, bottom, right, top)
            pieces.append(current)
        spaced = False
    return pieces


def _follows(run: Piece, left: float, bottom: float, top: float) -> bool:
    """Whether a character continues the run: on its baseline (a full stop's small box lies inside the
    run's band) and just after it."""
    height = max(run.top - run.bottom, top - bottom, 0.5)
    overlap = min(run.top, top) - max(run.bottom, bottom)
    return (
        overlap > 0.4 * max(min(run.top - run.bottom, top - bottom), 0.5)
        and run.right - 1 <= left <= run.right + 0.6 * height
    )


def _pypdf_text(data: bytes, name: str) -> str:
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair warnings are not the user's business

    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ReportImportError(f"{name} is password-protected, so its text cannot be read.")
            except ReportImportError:
                raise
            except Exception:  # noqa: BLE001
                raise ReportImportError(
                    f"{name} is password-protected, so its text cannot be read."
                ) from None
        return "\n\f\n".join(page.extract_text() or "" for page in reader.pages)
    except ReportImportError:
        raise
    except Exception:  # noqa: BLE001 - any parser failure means the file is damaged
        raise ReportImportError(
            f"{name} is damaged or is not a complete PDF, so it cannot be read."
        ) from None
