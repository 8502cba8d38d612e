"""Colours that carry meaning: CQC ratings, BRAG status and MUST/SHOULD badges. Always paired with words."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from core.domain.vocabulary import ActionKind, Rag

# Close to the colours CQC uses for its ratings (blue, green, orange, red).
RATING_COLOURS = {
    "Outstanding": "#1d70b8",
    "Good": "#00703c",
    "Requires improvement": "#f47738",
    "Inadequate": "#d4351c",
}
NEUTRAL_RATING = "#6f777b"
RAG_COLOURS = {
    Rag.BLUE: "#1d70b8",
    Rag.GREEN: "#00703c",
    Rag.AMBER: "#f47738",
    Rag.RED: "#d4351c",
    Rag.GREY: "#6f777b",
}
KIND_COLOURS = {ActionKind.MUST: "#b10e1e", ActionKind.SHOULD: "#505a5f"}


def rating_colour(rating: str | None) -> QColor:
    return QColor(RATING_COLOURS.get(rating or "", NEUTRAL_RATING))


def rag_colour(rag: Rag) -> QColor:
    return QColor(RAG_COLOURS[rag])


def kind_colour(kind: ActionKind) -> QColor:
    return QColor(KIND_COLOURS[kind])


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on the background."""
    r, g, b = background.redF(), background.greenF(), background.blueF()
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return QColor("#0b0c0c") if luminance > 0.45 else QColor("#ffffff")


def is_dark_mode() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
