"""PDF → text in visual reading order, using PDFium's piece positions (pypdf only as a fallback).

`pdf_to_text` is the one entry point from a PDF's bytes to its text (a sandbox may wrap it). Each
page's text pieces come with their boxes; `reading_order` turns them into lines in reading order and
`page_text` joins the pages, dropping running headers and footers and re-joining what a page break
or a hyphen split.
"""

from __future__ import annotations

import ctypes

from core.domain.errors import ReportImportError
from core.importing.page_text import PageLines, assemble
from core.importing.reading_order import Piece, page_lines

# PDFium answers "the text inside this box" by scanning every character of the page, so one call per
# piece is quadratic on a page of many tiny pieces. Past this many (pieces x characters) a page is read
# character by character instead, which is linear.
MAX_BOUNDED_WORK = 4_000_000


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


def _page(page) -> PageLines:
    textpage = page.get_textpage()
    width = page.get_width() or 595.0
    height = page.get_height() or 842.0
    try:
        pieces = page_pieces(textpage)
    finally:
        textpage.close()
    return PageLines(page_lines(pieces, width), width, height)


def page_pieces(textpage) -> list[Piece]:
    """The page's text pieces with their boxes: one per PDFium rectangle, or per run of characters."""
    chars = textpage.count_chars()
    rects = textpage.count_rects()
    if rects * chars > MAX_BOUNDED_WORK:
        return _char_runs(textpage, chars)
    pieces = []
    for index in range(rects):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ")
        if text.strip():
            pieces.append(Piece(text, left, bottom, right, top))
    return pieces


def _char_runs(textpage, count: int) -> list[Piece]:
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
    for index, char in enumerate(text):
        if char.isspace() or not box(raw, index, *refs):
            current = None if char in "\r\n" else current
            continue
        left, right, bottom, top = (v.value for v in values)
        if current is not None and _follows(current, left, bottom, top):
            current.text += (" " if left - current.right > 0.15 * (top - bottom) else "") + char
            current.right = max(current.right, right)
            continue
        current = Piece(char, left, bottom, right, top)
        pieces.append(current)
    return pieces


def _follows(run: Piece, left: float, bottom: float, top: float) -> bool:
    height = max(run.top - run.bottom, top - bottom, 0.5)
    overlap = min(run.top, top) - max(run.bottom, bottom)
    return overlap > 0.4 * height and run.right - 1 <= left <= run.right + 0.6 * height


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
                raise ReportImportError(f"{name} is password-protected, so its text cannot be read.") from None
        return "\n\f\n".join(page.extract_text() or "" for page in reader.pages)
    except ReportImportError:
        raise
    except Exception:  # noqa: BLE001 - any parser failure means the file is damaged
        raise ReportImportError(f"{name} is damaged or is not a complete PDF, so it cannot be read.") from None
