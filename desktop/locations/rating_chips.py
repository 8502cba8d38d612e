"""CQC rating chips: the rating's colour with its word (short form in tables, full word in tooltips).

Builds on desktop.widgets.chips (ChipLabel, ChipDelegate); only the rating vocabulary lives here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from core.domain.parsed import QuestionScore
from core.domain.vocabulary import KeyQuestion
from desktop.theme import rating_colour
from desktop.widgets.chips import ChipLabel
from desktop.widgets.plain_text import plain_label

SHORT = {
    "Requires improvement": "RI",
    "Inspected but not rated": "Not rated",
    "Insufficient evidence to rate": "Insufficient evidence",
}
NO_RATING = "—"


def short_rating(rating: str | None) -> str:
    """'RI' for Requires improvement; other ratings are short enough as CQC spells them."""
    if not rating:
        return NO_RATING
    return SHORT.get(rating, rating)


def rating_chip_colour(rating: str | None) -> QColor | None:
    """The chip colour for a rating; None (plain text) when there is no rating."""
    return rating_colour(rating) if rating else None


def rating_tip(question: str, rating: str | None, score: QuestionScore | None = None) -> str:
    text = f"{question}: {rating or 'no rating'}"
    if score is not None and score.percent is not None:
        text += f" — scored {score.percent} out of 100"
    if score is not None and score.quality_statements:
        lines = [f"  {name}: {value}" for name, value in score.quality_statements.items()]
        text += "\nQuality statement scores (1–4):\n" + "\n".join(lines)
    return text


class RatingChip(ChipLabel):
    """A chip such as 'Safe: RI' with the full wording in its tooltip and accessible name."""

    def __init__(
        self,
        question: str,
        rating: str | None,
        score: QuestionScore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", None, parent)
        label = f"{question}: {short_rating(rating)}"
        if score is not None and score.percent is not None:
            label += f" ({score.percent})"
        self.set_chip(label, rating_colour(rating))
        tip = rating_tip(question, rating, score)
        self.setToolTip(tip)
        self.setAccessibleName(tip)


def ratings_row(
    overall: str | None,
    ratings: dict[KeyQuestion, str],
    scores: dict[KeyQuestion, QuestionScore] | None = None,
    parent: QWidget | None = None,
) -> QWidget:
    """Overall then the five key questions as chips, in CQC's order; unrated questions are shown too."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    layout.addWidget(RatingChip("Overall", overall))
    for question in KeyQuestion:
        layout.addWidget(RatingChip(question.label, ratings.get(question), (scores or {}).get(question)))
    layout.addStretch(1)
    return row


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    """A bold section heading (used by the location detail and the import preview)."""
    label = plain_label(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
