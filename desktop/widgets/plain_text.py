"""Text is text: names, notes, links and report text are never read as rich text (HTML) on screen.

Qt guesses: a label, tooltip or message box whose text looks like HTML is rendered as HTML, and an
`<img src='/dev/zero'>` in a person's name then makes Qt read /dev/zero for everyone who views it.
So labels and message boxes are made with the plain-text format here, and one application-wide event
filter shows every tooltip (widgets, table cells, tree and list items, header sections) escaped.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolTip,
    QWidget,
)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text literally, whatever it contains."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def link_label(href: str, words: str, parent: QWidget | None = None) -> QLabel:
    """A rich-text label holding one link; the target and words are escaped."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(link_html(href, words))
    return label


def link_html(href: str, words: str) -> str:
    return f'<a href="{escape(href, quote=True)}">{escape(words)}</a>'


def tooltip_html(text: str) -> str:
    """Text as a tooltip that Qt renders literally (escaped inside an explicit rich-text block)."""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box whose text is shown literally."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def input_dialog(parent: QWidget | None, title: str, label: str) -> QInputDialog:
    """An input dialog whose question is shown literally (Qt's own label guesses the format)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(" ")  # creates the label, so its format can be fixed before the real text arrives
    for child in dialog.findChildren(QLabel):
        child.setTextFormat(Qt.TextFormat.PlainText)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    return dialog


class PlainToolTips(QObject):
    """Application-wide: every tooltip is shown escaped, so a tooltip can never be read as HTML."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QHelpEvent)
        text = tooltip_of(watched, event)
        if not text:
            return False  # Qt passes the event on to the parent widget, which may have a tooltip
        QToolTip.showText(event.globalPos(), tooltip_html(text), watched)
        return True


def tooltip_of(widget: QWidget, event: QHelpEvent) -> str:
    """The tooltip Qt would show for this widget at the event's position (an item's or the widget's)."""
    view = widget.parentWidget()
    if (isinstance(view, QHeaderView) and widget is view.viewport()) or isinstance(widget, QHeaderView):
        header = widget if isinstance(widget, QHeaderView) else view
        assert isinstance(header, QHeaderView)
        section = header.logicalIndexAt(event.pos())
        model = header.model()
        if section < 0 or model is None:
            return ""
        return str(model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole) or "")
    if isinstance(view, QAbstractItemView) and widget is view.viewport():
        index = view.indexAt(event.pos())
        return str(index.data(Qt.ItemDataRole.ToolTipRole) or "") if index.isValid() else ""
    return widget.toolTip()


def install_plain_tooltips(app: QApplication) -> None:
    """Install the tooltip filter once per application."""
    if app.property("candour_plain_tooltips"):
        return
    guard = PlainToolTips(app)
    app.installEventFilter(guard)
    app.setProperty("candour_plain_tooltips", True)
