"""Printing a PDF held by a QPdfDocument: each page rendered to an image at the printer's resolution."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from core.domain.errors import CandourError

MAX_RENDER_DPI = 300  # enough for print; 1,200 dpi would need ~550 MB per A4 page
POINTS_PER_INCH = 72


class PrintError(CandourError):
    """The printer could not be started or stopped part-way."""


def page_range(printer: QPrinter, page_count: int, current_page: int = 0) -> range:
    """The 0-based pages the print dialog asked for (all pages unless a range or the current page)."""
    if page_count <= 0:
        return range(0)
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return range(current_page, current_page + 1)
    if mode == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = min(printer.fromPage(), page_count)
        last = min(printer.toPage() or page_count, page_count)
        return range(first - 1, max(first, last))
    return range(page_count)


def match_orientation(printer: QPrinter, document: QPdfDocument) -> None:
    """Landscape paper for a landscape document (Candour's documents are A4 landscape)."""
    if document.pageCount():
        size = document.pagePointSize(0)
        landscape = size.width() > size.height()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )


def print_document(
    document: QPdfDocument,
    printer: QPrinter,
    pages: range,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Paint the pages onto the printer, each scaled to fit the printable area; returns pages printed.

    progress(done, total) is called before each page; returning False stops printing there.
    """
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("The printer could not be started; check that it is connected and try again.")
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for page in pages:
            if progress is not None and not progress(printed, len(pages)):
                break
            if printed and not printer.newPage():
                raise PrintError(f"The printer stopped after {printed} of {len(pages)} pages.")
            image = document.render(page, _pixels(document.pagePointSize(page), dpi))
            painter.drawImage(_fitted(image.size(), QRect(0, 0, area.width(), area.height())), image)
            printed += 1
    finally:
        painter.end()
    return printed


def _pixels(points: QSizeF, dpi: int) -> QSize:
    scale = dpi / POINTS_PER_INCH
    return QSize(max(1, round(points.width() * scale)), max(1, round(points.height() * scale)))


def _fitted(image: QSize, area: QRect) -> QRect:
    """The largest rectangle of the image's shape that fits the area, centred in it."""
    size = image.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(
        area.x() + (area.width() - size.width()) // 2,
        area.y() + (area.height() - size.height()) // 2,
        size.width(),
        size.height(),
    )
