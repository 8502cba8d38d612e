"""The page every document shares: A4 landscape, running header, footer with the generation time and
'Page X of Y' (a two-pass canvas: pages are kept until the total is known), PDF metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from core.domain.wording import format_datetime
from core.reports.fonts import BOLD, REGULAR, register_fonts
from core.reports.markup import printable
from core.reports.styles import (
    FOOTER_SPACE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN,
    MUTED,
    PAGE_SIZE,
    RULE,
)

ProgressFn = Callable[[int, int], None]
CREATOR = "Candour"
_FURNITURE_SIZE = 7.5


@dataclass(frozen=True)
class DocumentInfo:
    """Metadata and running texts of one document."""

    title: str  # PDF title and the running header's left side
    subject: str
    author: str  # who generated it
    generated_at: dt.datetime
    header_right: str = ""  # e.g. the provider


class _NumberedCanvas(Canvas):
    """Keeps each finished page until save(), when the page count is known, then draws the furniture."""

    def __init__(self, *args: Any, info: DocumentInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = info
        self._pages: list[dict[str, Any]] = []
        half = FRAME_WIDTH / 2 - 6
        generated = f"Generated {format_datetime(info.generated_at)} by {info.author} with {CREATOR}"
        # the same on every page: fitted once
        self._title = _fit(info.title, BOLD, half)
        self._header_right = _fit(info.header_right, REGULAR, half)
        self._generated = _fit(generated, REGULAR, half)
        _stamp(self, info.generated_at)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's page reset; not in types-reportlab

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_furniture(total)
            super().showPage()
        super().save()

    def _draw_furniture(self, total: int) -> None:
        width, height = PAGE_SIZE
        top, bottom = height - MARGIN, MARGIN
        self.saveState()
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.setFont(BOLD, _FURNITURE_SIZE)
        baseline = top - _FURNITURE_SIZE
        self.drawString(MARGIN, baseline, self._title)
        self.setFont(REGULAR, _FURNITURE_SIZE)
        self.drawRightString(width - MARGIN, baseline, self._header_right)
        self.line(MARGIN, baseline - 4, width - MARGIN, baseline - 4)
        self.line(MARGIN, bottom + 14, width - MARGIN, bottom + 14)
        self.drawString(MARGIN, bottom + 4, self._generated)
        self.setFont(BOLD, _FURNITURE_SIZE)
        self.drawRightString(width - MARGIN, bottom + 4, f"Page {self.getPageNumber()} of {total}")
        self.restoreState()


def _fit(text: str, font: str, width: float) -> str:
    """One line of header text, shortened with '…' when it is too wide."""
    text = " ".join(printable(text).split())
    if stringWidth(text, font, _FURNITURE_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", font, _FURNITURE_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _stamp(canvas: Canvas, moment: dt.datetime) -> None:
    """Date the PDF with the generation time (the document is otherwise built 'invariant', so the same
    data and clock give the same bytes)."""
    stamp = getattr(getattr(canvas, "_doc", None), "_timeStamp", None)
    if stamp is None:
        return
    local = moment if moment.tzinfo else moment.astimezone()  # the clock gives local time
    offset = local.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    stamp.t = local.timestamp()
    stamp.lt = local.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    sign = -1 if minutes < 0 else 1
    stamp.dhh, stamp.dmm = sign * (abs(minutes) // 60), abs(minutes) % 60


def build_pdf(story: Sequence[Flowable], info: DocumentInfo, progress: ProgressFn | None = None) -> bytes:
    """Lay the story out on the shared page; progress gets (flowables laid out, flowables in all)."""
    register_fonts()
    buffer = BytesIO()
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER_SPACE,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        pageTemplates=[PageTemplate("page", [frame])],
        title=printable(info.title),
        author=printable(info.author),
        subject=printable(info.subject),
        creator=CREATOR,
        invariant=1,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    if progress is not None:
        doc.setProgressCallBack(_progress_adapter(progress))
    doc.build(list(story), canvasmaker=partial(_NumberedCanvas, info=info))
    return buffer.getvalue()


def _progress_adapter(progress: ProgressFn) -> Callable[[str, int], None]:
    total = [0]

    def on_progress(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            total[0] = value
        elif kind == "PROGRESS" and total[0]:
            progress(min(value, total[0]), total[0])

    return on_progress
