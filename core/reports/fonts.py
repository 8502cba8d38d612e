"""The printed documents' font: DejaVu Sans, bundled, so accented names and symbols always have glyphs."""

from __future__ import annotations

from functools import cache
from typing import Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from core.paths import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"


@cache
def register_fonts() -> str:
    """Register the family once per process (so <b> and <i> in paragraphs work); returns its name."""
    for face in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(face, str(resource_path(f"fonts/{face}.ttf"))))
    faces: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
        (0, 0, REGULAR),
        (1, 0, BOLD),
        (0, 1, ITALIC),
        (1, 1, BOLD_ITALIC),
    )
    for bold, italic, face in faces:
        addMapping(REGULAR, bold, italic, face)
    return REGULAR
