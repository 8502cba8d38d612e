"""New action from another source: a mock inspection, audit, incident, complaint, CQC feedback, IR(ME)R,
HSE, another regulator... with its location, key question and, optionally, the regulation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.domain.parsed import Regulation
from core.domain.registry import LocationSummary
from core.domain.regulations import regulation_title
from core.domain.vocabulary import ActionKind, KeyQuestion, OtherSource, Statute
from desktop.widgets.plain_text import plain_label

REGULATIONS = ("9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "20A")


class NewActionDialog(QDialog):
    def __init__(self, locations: list[LocationSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New action from another source")
        self.setMinimumWidth(560)
        self.source = QComboBox()
        for source in OtherSource:
            self.source.addItem(source.label, source)
        self.location = QComboBox()
        for location in locations:
            self.location.addItem(location.name, location.id)
        self.kind = QComboBox()
        self.kind.addItem("SHOULD (improvement)", ActionKind.SHOULD)
        self.kind.addItem("MUST (a breach to put right)", ActionKind.MUST)
        self.key_question = QComboBox()
        for question in KeyQuestion:
            self.key_question.addItem(question.label, question)
        self.regulation = QComboBox()
        self.regulation.addItem("None", None)
        for number in REGULATIONS:
            self.regulation.addItem(
                f"Regulation {number}: {regulation_title(Statute.RA_2014, number) or ''}", number
            )
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("What needs to be put right or improved")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().height() * 6)
        self.measure = QLineEdit(placeholderText="What closed looks like (optional)")
        form = QFormLayout()
        for label, field in (
            ("&Source:", self.source),
            ("&Location:", self.location),
            ("&Type:", self.kind),
            ("&Key question:", self.key_question),
            ("&Regulation:", self.regulation),
            ("&Action:", self.text),
            ("Success &measure:", self.measure),
        ):
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add action")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label("An action no CQC report contains, tracked like any other to verified closure.")
        )
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._enable()

    def _enable(self) -> None:
        ready = bool(self.text.toPlainText().strip()) and self.location.count() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def regulation_chosen(self) -> Regulation | None:
        number = self.regulation.currentData()
        if number is None:
            return None
        return Regulation(
            number=number, statute=Statute.RA_2014, title=regulation_title(Statute.RA_2014, number)
        )
