"""'Who are you?': the first start on a database asks the user to pick their person or add themselves,
with what they may do in Candour. The choice is remembered per database on this computer."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.domain.registry import Person
from core.domain.vocabulary import Access
from desktop.widgets.plain_text import plain_label


@dataclass(frozen=True)
class IdentityChoice:
    """Either an existing person (person_id) or a new one to add (name and access)."""

    person_id: int | None = None
    name: str = ""
    access: Access = Access.ACTION_OWNER


class IdentityDialog(QDialog):
    def __init__(self, people: list[Person], database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who are you? — Candour")
        intro = plain_label(
            "Candour records who makes every change, note and verification in this database. "
            "Choose yourself, or add yourself if you are not listed. This computer remembers the choice."
        )
        intro.setWordWrap(True)
        # The database on a line of its own, literally (a path may hold anything), in bold by its font.
        self.database = plain_label(database)
        self.database.setWordWrap(True)
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.database.font()
        font.setBold(True)
        self.database.setFont(font)
        self.pick = QRadioButton("I am:")
        self.person = QComboBox()
        self.person.setAccessibleName("Person")
        for p in people:
            self.person.addItem(f"{p.name} — {p.access.label.lower()}", p.id)
        self.add = QRadioButton("I am not listed; add me:")
        self.name = QLineEdit(placeholderText="Your name, as colleagues know it")
        self.name.setAccessibleName("Your name")
        self.access = QComboBox()
        self.access.setAccessibleName("Your role in Candour")
        for access in Access:
            self.access.addItem(access.label, access.value)
        self.group = QButtonGroup(self)
        self.group.addButton(self.pick)
        self.group.addButton(self.add)
        form = QFormLayout()
        form.addRow(self.pick, self.person)
        form.addRow(self.add, self.name)
        form.addRow("Role in Candour:", self.access)
        hint = plain_label(
            "Governance leads reopen verified actions and give people their roles; action owners "
            "work on and verify actions; viewers only look."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.database)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        (self.pick if people else self.add).setChecked(True)
        self.pick.setEnabled(bool(people))
        self.person.setEnabled(bool(people))
        for signal in (self.pick.toggled, self.name.textChanged):
            signal.connect(self._update)
        self.setMinimumWidth(520)
        self._update()

    def _update(self) -> None:
        adding = self.add.isChecked()
        self.name.setEnabled(adding)
        self.access.setEnabled(adding)
        ok = bool(self.name.text().strip()) if adding else self.person.count() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def choice(self) -> IdentityChoice:
        if self.add.isChecked():
            return IdentityChoice(name=self.name.text().strip(), access=Access(self.access.currentData()))
        return IdentityChoice(person_id=self.person.currentData())
