"""Coloured chips (MUST/SHOULD badges, BRAG status): a painter helper, a table delegate and a label."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.theme import text_on

# Models put the chip colour under this role; the delegate paints a chip when it is present.
CHIP_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 10
_PAD_X, _PAD_Y, _DOT = 6, 3, 8


def paint_chip(painter: QPainter, rect: QRect, colour: QColor, text: str, *, dot_only: bool = False) -> int:
    """Draw a rounded chip with text in `rect` (left-aligned, vertically centred); returns its width.

    With dot_only, a coloured dot is drawn and the text follows in the normal text colour (for RAG,
    where the word carries the meaning and a full-width fill would be loud).
    """
    metrics = QFontMetrics(painter.font())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if dot_only:
        dot = QRect(rect.left() + _PAD_X, rect.center().y() - _DOT // 2, _DOT, _DOT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(dot)
        painter.restore()
        return dot.right() + _PAD_X - rect.left()
    width = metrics.horizontalAdvance(text) + 2 * _PAD_X
    height = metrics.height() + 2 * _PAD_Y - 2
    chip = QRect(rect.left() + 4, rect.center().y() - height // 2 + 1, min(width, rect.width() - 8), height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(chip, 4, 4)
    painter.setPen(text_on(colour))
    painter.drawText(
        chip,
        Qt.AlignmentFlag.AlignCenter,
        metrics.elidedText(text, Qt.TextElideMode.ElideRight, chip.width() - 2),
    )
    painter.restore()
    return chip.width() + 8


class ChipDelegate(QStyledItemDelegate):
    """Paints cells that carry CHIP_COLOUR_ROLE as chips; others as usual."""

    def __init__(self, parent: QWidget | None = None, *, dot_only: bool = False, bold: bool = False) -> None:
        super().__init__(parent)
        self._dot_only = dot_only
        self._bold = bold

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        colour = index.data(CHIP_COLOUR_ROLE)
        if not isinstance(colour, QColor):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        font = opt.font
        font.setBold(self._bold)
        painter.setFont(font)
        used = paint_chip(painter, opt.rect, colour, text, dot_only=self._dot_only)
        if self._dot_only:
            role = (
                opt.palette.ColorRole.HighlightedText
                if opt.state & QStyle.StateFlag.State_Selected
                else opt.palette.ColorRole.Text
            )
            painter.save()
            painter.setPen(opt.palette.color(role))
            text_rect = opt.rect.adjusted(used, 0, -2, 0)
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width())
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 2 * _PAD_X + (_DOT if self._dot_only else 0), max(size.height(), 24))


class ChipLabel(QLabel):
    """A label drawn as a coloured chip; the text stays readable (text_on) in light and dark themes."""

    def __init__(self, text: str = "", colour: QColor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set_chip(text, colour or QColor("#6f777b"))

    def set_chip(self, text: str, colour: QColor) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        fg = text_on(colour).name()
        self.setStyleSheet(
            f"QLabel {{ background: {colour.name()}; color: {fg}; border-radius: 4px;"
            " padding: 2px 8px; font-weight: 600; }"
        )
