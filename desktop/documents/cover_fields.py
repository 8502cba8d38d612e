"""The board pack's cover sheet fields, filled in the pack dialog and remembered per meeting series."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.domain.documents import Assurance, CoverSheet, Purpose
from core.domain.vocabulary import KeyQuestion

RECOMMENDATION_HINT = "The board is asked to note …"


class CoverFields(QGroupBox):
    """Two columns of fields, so the dialog still fits a 1280x720 screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Cover sheet", parent)
        self.meeting_name = QLineEdit(placeholderText="e.g. Quality and Safety Committee")
        self.agenda_item = QLineEdit(placeholderText="e.g. 7.2")
        self.author = QLineEdit()
        self.lead_director = QLineEdit()
        self.purpose = QComboBox()
        for purpose in Purpose:
            self.purpose.addItem(purpose.label, purpose)
        self.assurance = QComboBox()
        self.assurance.addItem("Not stated", None)
        for level in Assurance:
            self.assurance.addItem(level.label, level)
        self.questions = {k: QCheckBox(k.label) for k in KeyQuestion}
        self.strategic_risks = QLineEdit(placeholderText="e.g. BAF 3: failure to meet CQC standards")
        self.previously = QLineEdit(placeholderText="e.g. Executive quality group, 20 Feb 2026")
        self.recommendation = QPlainTextEdit()
        self.recommendation.setPlaceholderText(RECOMMENDATION_HINT)
        self.recommendation.setTabChangesFocus(True)
        self.recommendation.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.recommendation.setMinimumHeight(self.fontMetrics().height() * 3)
        left, right, below = QFormLayout(), QFormLayout(), QFormLayout()
        questions = QHBoxLayout()
        for box in self.questions.values():
            questions.addWidget(box)
        questions.addStretch(1)
        for form, rows in (
            (
                left,
                (
                    ("Meeting name:", self.meeting_name),
                    ("Agenda item:", self.agenda_item),
                    ("Report author:", self.author),
                    ("Lead director:", self.lead_director),
                ),
            ),
            (
                right,
                (
                    ("Purpose:", self.purpose),
                    ("Assurance level:", self.assurance),
                    ("Strategic risks:", self.strategic_risks),
                    ("Previously considered by:", self.previously),
                ),
            ),
            (below, (("Recommendation:", self.recommendation),)),
        ):
            for label, field in rows:
                field.setAccessibleName(label.rstrip(":"))
                form.addRow(label, field)
        below.insertRow(0, "CQC key questions:", questions)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(below)

    def set_cover(self, cover: CoverSheet) -> None:
        for field, value in (
            (self.meeting_name, cover.meeting_name),
            (self.agenda_item, cover.agenda_item),
            (self.author, cover.author),
            (self.lead_director, cover.lead_director),
            (self.strategic_risks, cover.strategic_risks),
            (self.previously, cover.previously_considered),
        ):
            field.setText(value)
        self.recommendation.setPlainText(cover.recommendation)
        self.purpose.setCurrentIndex(self.purpose.findData(cover.purpose))
        self.assurance.setCurrentIndex(max(0, self.assurance.findData(cover.assurance)))
        for question, box in self.questions.items():
            box.setChecked(question in cover.key_questions)

    def cover(self) -> CoverSheet:
        return CoverSheet(
            meeting_name=self.meeting_name.text().strip(),
            agenda_item=self.agenda_item.text().strip(),
            author=self.author.text().strip(),
            lead_director=self.lead_director.text().strip(),
            purpose=self.purpose.currentData(),
            assurance=self.assurance.currentData(),
            key_questions=tuple(k for k, box in self.questions.items() if box.isChecked()),
            strategic_risks=self.strategic_risks.text().strip(),
            previously_considered=self.previously.text().strip(),
            recommendation=self.recommendation.toPlainText().strip(),
        )
