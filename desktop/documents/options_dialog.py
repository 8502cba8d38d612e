"""What the three print-options dialogs share: a form, a live summary of what will print, and
Preview/Cancel."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.plain_text import plain_label


class OptionsDialog(QDialog):
    """A form, then the summary line, then the buttons. Subclasses fill the form and call show_summary()."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.intro = plain_label(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("What will be printed")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button: QPushButton = self.buttons.addButton(
            "&Preview", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.preview_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self._summary_box())
        layout.addWidget(self.buttons)

    def _summary_box(self) -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setAutoFillBackground(True)
        box.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(10, 8, 10, 8)
        inner.addWidget(self.summary)
        return box

    def add_row(self, label: str, field: QWidget | object, accessible: str | None = None) -> None:
        """A labelled form row; the label's mnemonic moves the focus to the field."""
        self.form.addRow(label, field)  # type: ignore[arg-type]
        if isinstance(field, QWidget) and not field.accessibleName():
            field.setAccessibleName(accessible or label.replace("&", "").rstrip(":"))

    def order_tabs(self, *fields: QWidget) -> None:
        """Tab goes through the fields top to bottom, then the buttons; the first field starts with the
        focus."""
        for first, second in itertools.pairwise([*fields, *self.buttons.buttons()]):
            self.setTabOrder(first, second)
        fields[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_summary(self, text: str, ready: bool = True) -> None:
        self.summary.setText(text)
        self.preview_button.setEnabled(ready)
