"""PDF → text with paragraph breaks, using PDFium's text rectangles (pypdf only as a fallback).

PDFium's plain text has no blank lines, so paragraphs, bullets and headings run together. Its
text rectangles carry the geometry that tells them apart: a vertical gap larger than the line
spacing is a paragraph break, a wide horizontal gap between two pieces of one line is a table cell
(written as a TAB), and lines in the top and bottom margins that repeat on other pages are the
running header and footer, which are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from core.domain.errors import ReportImportError

_TERMINAL = tuple('.!?:;)"”’')
_BULLET_START = re.compile(r"^[•●▪■◦‣∙·\-–*]\s")
_MARGIN_ZONE = 0.09  # share of the page height at top and bottom where running furniture sits


@dataclass
class _Line:
    text: str
    left: float
    bottom: float
    top: float
    right: float
    furniture_key: str | None = None

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


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
        pages = [_page_lines(document[index]) for index in range(len(document))]
    except Exception:  # noqa: BLE001 - a damaged page: try the other library before giving up
        return _pypdf_text(data, name)
    finally:
        document.close()
    return _assemble(pages)


def _page_lines(page) -> list[_Line]:
    textpage = page.get_textpage()
    height = page.get_height() or 842.0
    lines: list[_Line] = []
    try:
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            piece = textpage.get_text_bounded(left, bottom, right, top)
            piece = piece.replace("\r", " ").replace("\n", " ")
            if not piece.strip():
                continue
            _add_piece(lines, piece, left, bottom, right, top)
    finally:
        textpage.close()
    return _drop_furniture_candidates(lines, height)


def _add_piece(lines: list[_Line], piece: str, left: float, bottom: float, right: float, top: float) -> None:
    """Append a text rectangle to the current line when it sits on the same baseline, else start a line."""
    if lines:
        last = lines[-1]
        overlap = min(last.top, top) - max(last.bottom, bottom)
        if overlap > 0.5 * min(last.height, top - bottom) and left >= last.right - 2:
            gap = left - last.right
            joiner = "\t" if gap > 1.2 * last.height else ("" if last.text.endswith(" ") or gap < 0.1 else " ")
            if joiner == "\t":
                last.text = last.text.rstrip()
                piece = piece.lstrip()
            last.text += joiner + piece
            last.right = right
            last.top = max(last.top, top)
            last.bottom = min(last.bottom, bottom)
            return
    lines.append(_Line(piece, left, bottom, top, right))


def _drop_furniture_candidates(lines: list[_Line], height: float) -> list[_Line]:
    """Tag lines in the margin zones; the document-level pass decides which ones repeat."""
    for line in lines:
        line.text = line.text.strip()
        in_margin = line.top > height * (1 - _MARGIN_ZONE) or line.bottom < height * _MARGIN_ZONE
        line.furniture_key = _furniture_key(line.text) if in_margin else None
    return lines


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _assemble(pages: list[list[_Line]]) -> str:
    keys = Counter(
        key for page in pages for key in {line.furniture_key for line in page} if key
    )
    repeated = {key for key, count in keys.items() if count >= 2 or _looks_like_furniture(key)}
    body_pages = [[line for line in page if line.furniture_key not in repeated] for page in pages]
    margin = _body_margin(body_pages)
    pitch = _line_pitch(body_pages)
    out: list[str] = []
    previous: _Line | None = None
    for page in body_pages:
        for number, line in enumerate(page):
            if previous is not None:
                if number == 0:
                    breaks = _page_break_separates(previous, line, margin)
                else:
                    breaks = _gap_separates(previous, line, margin, pitch)
                out.append("\n\n" if breaks else "\n")
            out.append(line.text)
            previous = line
    return "".join(out)


_FURNITURE_RE = re.compile(
    r"^(#+ .{3,160} inspection report( #+ [a-z]+ #+)?|page #+( of #+)?|care quality commission .{0,40}www\.cqc\.org\.uk.*"
    r"|#+)$"
)


def _looks_like_furniture(key: str) -> bool:
    return bool(_FURNITURE_RE.match(key))


def _body_margin(pages: list[list[_Line]]) -> float:
    lefts = Counter(round(line.left) for page in pages for line in page)
    return float(lefts.most_common(1)[0][0]) if lefts else 0.0


def _pitch(previous: _Line, line: _Line) -> float:
    # Rectangles hug the glyphs: a line without ascenders has a low top, one without descenders a
    # high bottom. The smaller of the two distances is the closer estimate of the baseline pitch.
    return min(previous.top - line.top, previous.bottom - line.bottom)


def _line_pitch(pages: list[list[_Line]]) -> float:
    pitches = Counter(
        round(_pitch(a, b)) for page in pages for a, b in zip(page, page[1:], strict=False) if _pitch(a, b) > 2
    )
    return float(pitches.most_common(1)[0][0]) if pitches else 12.0


def _gap_separates(previous: _Line, line: _Line, margin: float, pitch: float) -> bool:
    if line.top > previous.top + 1:  # moved up the page: a new column or a new flow
        return True
    if _pitch(previous, line) > 1.22 * pitch:
        return True
    # A bullet's wrapped lines are indented; a body paragraph right after the list is not.
    return previous.left > margin + 6 and line.left < margin + 2 and not _BULLET_START.match(line.text)


def _page_break_separates(previous: _Line, line: _Line, margin: float) -> bool:
    if _BULLET_START.match(line.text):
        return True
    if previous.left > margin + 6:
        return abs(previous.left - line.left) > 3
    if line.text[:1].islower():
        return False
    return previous.text.rstrip().endswith(_TERMINAL)


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
