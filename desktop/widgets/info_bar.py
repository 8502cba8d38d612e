"""A dismissable, non-modal message strip shown above a view (e.g. 'You have 12 overdue actions')."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QStyle, QToolButton, QWidget

from desktop.widgets.plain_text import plain_label


class InfoBar(QFrame):
    """Message + optional action button + close button. Hidden until show_message()."""

    action_clicked = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName("Information")
        self._icon = plain_label()
        self._icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(20, 20)
        )
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self.action_clicked)
        self.close_button = QToolButton()
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, action: str = "") -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.action_button.setText(action)
        self.action_button.setAccessibleName(action)
        self.action_button.setVisible(bool(action))
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
