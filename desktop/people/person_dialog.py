"""A small form for a person's name, role and e-mail address."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from core.domain.registry import Person


class PersonDialog(QDialog):
    def __init__(self, person: Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {person.name}" if person else "Add person")
        self.name = QLineEdit(person.name if person else "")
        self.name.setAccessibleName("Name")
        self.role = QLineEdit((person.role or "") if person else "")
        self.role.setAccessibleName("Role")
        self.role.setPlaceholderText("e.g. Registered manager")
        self.email = QLineEdit((person.email or "") if person else "")
        self.email.setAccessibleName("E-mail address")
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Role:", self.role)
        form.addRow("&E-mail:", self.email)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self._update_ok()

    def values(self) -> tuple[str, str, str]:
        return self.name.text().strip(), self.role.text().strip(), self.email.text().strip()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))
