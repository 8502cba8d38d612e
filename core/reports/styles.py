"""Page geometry, colours and paragraph styles shared by every printed document.

Colours are tints that still read when printed in black and white; meaning is always in words too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from core.domain.vocabulary import Rag
from core.reports.fonts import BOLD, register_fonts

PAGE_SIZE = landscape(A4)
MARGIN = 14 * mm
HEADER_SPACE = 9 * mm  # running header above the frame
FOOTER_SPACE = 9 * mm  # footer below the frame
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE_SIZE[1] - 2 * MARGIN - HEADER_SPACE - FOOTER_SPACE

INK = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
HEADER_FILL = colors.HexColor("#dee0e2")
GROUP_FILL = colors.HexColor("#eeefef")

# Close to the colours CQC uses for its ratings (blue, green, orange, red).
RATING_COLOURS: dict[str, Color] = {
    "Outstanding": colors.HexColor("#1d70b8"),
    "Good": colors.HexColor("#00703c"),
    "Requires improvement": colors.HexColor("#f47738"),
    "Inadequate": colors.HexColor("#d4351c"),
}
UNRATED_FILL = colors.HexColor("#e5e6e7")

# Light tints: black text stays readable on them, in colour and in grey.
RAG_FILLS: dict[Rag, Color] = {
    Rag.RED: colors.HexColor("#f4c7c0"),
    Rag.AMBER: colors.HexColor("#fbd9bd"),
    Rag.GREEN: colors.HexColor("#c7e3d3"),
    Rag.BLUE: colors.HexColor("#c9dcf0"),
    Rag.GREY: colors.HexColor("#e5e6e7"),
}

CELL_FONT_SIZE = 8
CELL_LEADING = 9.6
CELL_PADDING = 3


def text_colour_on(fill: Color) -> Color:
    """Black or white, whichever reads better on the fill."""
    luminance = 0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue
    return INK if luminance > 0.45 else colors.white


def rating_fill(rating: str | None) -> Color:
    return RATING_COLOURS.get(rating or "", UNRATED_FILL)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


@cache
def styles() -> Styles:
    font = register_fonts()

    def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
        defaults: dict[str, Any] = {"fontName": font, "textColor": INK}
        return ParagraphStyle(name, **(defaults | extra), fontSize=size, leading=leading)

    return Styles(
        title=style("title", 18, 22, fontName=BOLD, spaceAfter=2 * mm),
        subtitle=style("subtitle", 10.5, 14, textColor=MUTED, spaceAfter=3 * mm),
        heading=style("heading", 13.5, 17, fontName=BOLD, spaceBefore=5 * mm, spaceAfter=2.5 * mm),
        subheading=style("subheading", 10.5, 13, fontName=BOLD, spaceBefore=3.5 * mm, spaceAfter=1.5 * mm),
        body=style("body", 9, 12, spaceAfter=1.5 * mm),
        note=style("note", 8.5, 11, textColor=MUTED, spaceAfter=2 * mm),
        cell=style("cell", CELL_FONT_SIZE, CELL_LEADING),
        cell_bold=style("cell_bold", CELL_FONT_SIZE, CELL_LEADING, fontName=BOLD),
    )
