"""One step of the provider's plan: what we will do, who, by when, how progress is monitored, how we will
know it is put right, its status and evidence."""

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

from core.domain.registry import Person
from core.domain.steps import Step, StepChanges
from core.domain.vocabulary import StepStatus
from desktop.widgets.date_button import DateButton


class StepDialog(QDialog):
    def __init__(self, people: list[Person], step: Step | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit step" if step else "Add step")
        self.setMinimumWidth(560)
        self.text = QPlainTextEdit(step.text if step else "")
        self.text.setPlaceholderText("What we will do")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().height() * 5)
        self.owner = QComboBox()
        self.owner.addItem("Not yet assigned", None)
        for person in people:
            if person.active or (step and person.id == step.owner_id):
                self.owner.addItem(person.name, person.id)
        self.due = DateButton("No date set")
        self.due.date_chosen.connect(self.due.set_date)
        self.monitoring = QLineEdit(step.monitoring or "" if step else "")
        self.monitoring.setPlaceholderText("e.g. weekly audit reported to the governance meeting")
        self.measure = QLineEdit(step.success_measure or "" if step else "")
        self.measure.setPlaceholderText("e.g. 20 of 20 records compliant for two months")
        self.status = QComboBox()
        for status in StepStatus:
            self.status.addItem(status.label, status)
        self.evidence = QLineEdit(step.evidence or "" if step else "")
        self.evidence.setPlaceholderText("What shows it is done")
        if step:
            self.owner.setCurrentIndex(max(0, self.owner.findData(step.owner_id)))
            self.due.set_date(step.due)
            self.status.setCurrentIndex(self.status.findData(step.status))
        form = QFormLayout()
        for label, field, name in (
            ("&What we will do:", self.text, "What we will do"),
            ("&Who is responsible:", self.owner, "Who is responsible"),
            ("&By when:", self.due, "By when"),
            ("How progress is &monitored:", self.monitoring, "How progress is monitored"),
            ("How we will &know:", self.measure, "How we will know it is put right"),
            ("&Status:", self.status, "Status"),
            ("&Evidence:", self.evidence, "Evidence"),
        ):
            field.setAccessibleName(name)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._enable()

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text.toPlainText().strip()))

    def changes(self) -> StepChanges:
        """Every field as entered (the service records only those that differ)."""
        return StepChanges(
            text=self.text.toPlainText(),
            owner_id=self.owner.currentData(),
            due=self.due.date,
            monitoring=self.monitoring.text(),
            success_measure=self.measure.text(),
            status=self.status.currentData(),
            evidence=self.evidence.text(),
        )
