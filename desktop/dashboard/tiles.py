"""Headline tiles: a big number, what it counts in words, and a click that opens the register filtered."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from core.domain.actions import ActionFilter
from core.domain.registry import Dashboard
from core.domain.vocabulary import ActionKind, ActionStatus, Rag
from desktop.theme import RAG_COLOURS, kind_colour
from desktop.widgets.plain_text import plain_label

LIVE = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


@dataclass(frozen=True)
class TileSpec:
    key: str
    title: str
    count: int
    action_filter: ActionFilter
    colour: QColor
    explanation: str


def tile_specs(d: Dashboard, amber_days: int) -> list[TileSpec]:
    """The tiles, in reading order, for one set of dashboard counts."""
    return [
        TileSpec(
            "open_must",
            "Open MUST",
            d.open_must,
            ActionFilter(kinds=frozenset({ActionKind.MUST}), statuses=LIVE),
            kind_colour(ActionKind.MUST),
            "MUST actions open or in progress",
        ),
        TileSpec(
            "open_should",
            "Open SHOULD",
            d.open_should,
            ActionFilter(kinds=frozenset({ActionKind.SHOULD}), statuses=LIVE),
            kind_colour(ActionKind.SHOULD),
            "SHOULD actions open or in progress",
        ),
        TileSpec(
            "overdue",
            "Overdue",
            d.overdue,
            ActionFilter(overdue=True),
            QColor(RAG_COLOURS[Rag.RED]),
            "open actions past their due date",
        ),
        TileSpec(
            "due_soon",
            f"Due in {amber_days} days",
            d.due_soon,
            ActionFilter(due_within_days=amber_days),
            QColor(RAG_COLOURS[Rag.AMBER]),
            f"open actions due within {amber_days} days",
        ),
        TileSpec(
            "unowned_must",
            "MUST without owner",
            d.unowned_must,
            ActionFilter(kinds=frozenset({ActionKind.MUST}), statuses=LIVE, unowned=True),
            kind_colour(ActionKind.MUST),
            "open MUST actions nobody owns",
        ),
        TileSpec(
            "awaiting",
            "Awaiting verification",
            d.awaiting_verification,
            ActionFilter(statuses=frozenset({ActionStatus.COMPLETED})),
            QColor(RAG_COLOURS[Rag.BLUE]),
            "completed actions waiting for someone to verify them",
        ),
        # The register cannot filter on verification date, so this tile opens every verified action.
        TileSpec(
            "verified",
            "Verified this month",
            d.verified_this_month,
            ActionFilter(statuses=frozenset({ActionStatus.VERIFIED})),
            QColor(RAG_COLOURS[Rag.GREEN]),
            "actions verified as closed since the 1st",
        ),
    ]


class Tile(QFrame):
    """Clickable (mouse, Enter or Space) and focusable; the accent stripe repeats what the words say."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: TileSpec | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.stripe = QFrame()
        self.stripe.setFixedWidth(6)
        self.number = plain_label("–")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = plain_label()
        self.caption.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.setContentsMargins(8, 6, 0, 0)
        words.addWidget(self.number)
        words.addWidget(self.caption)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 6)
        layout.addWidget(self.stripe)
        layout.addLayout(words, 1)

    def set_spec(self, spec: TileSpec) -> None:
        self.spec = spec
        self.number.setText(f"{spec.count:,}")
        self.caption.setText(spec.title)
        self.stripe.setStyleSheet(f"background: {spec.colour.name()}; border-radius: 2px;")
        sentence = f"{spec.count:,} {spec.explanation}. Click to list them."
        self.setToolTip(sentence)
        self.setAccessibleName(f"{spec.title}: {spec.count:,}")
        self.setAccessibleDescription(sentence)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
