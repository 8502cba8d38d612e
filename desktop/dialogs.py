"""Every modal question the app asks goes through Dialogs, so tests can answer them without a screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from core.domain.errors import CandourError
from core.domain.registry import Person
from desktop.editor.conflict import ConflictDialog, FieldConflict
from desktop.identity_dialog import IdentityChoice, IdentityDialog
from desktop.widgets.plain_text import input_dialog, message_box

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class Dialogs:
    """The real dialogs. Tests pass a FakeDialogs with scripted answers instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    # Message and question text is shown literally (desktop.widgets.plain_text): it often holds names.
    def inform(self, title: str, text: str) -> None:
        message_box(self.parent, QMessageBox.Icon.Information, title, text).exec()

    def warn(self, title: str, text: str) -> None:
        message_box(self.parent, QMessageBox.Icon.Warning, title, text).exec()

    def confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = message_box(self.parent, QMessageBox.Icon.Question, title, text, buttons).exec()
        return answer == QMessageBox.StandardButton.Yes

    def run(self, dialog: QDialog) -> bool:
        """Show a form dialog modally; True when the user accepted it."""
        return bool(dialog.exec())

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        dialog = input_dialog(self.parent, title, label)
        dialog.setTextValue(text)
        return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_item(self, title: str, label: str, items: list[str], current: int = 0) -> str | None:
        dialog = input_dialog(self.parent, title, label)
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(False)
        if 0 <= current < len(items):
            dialog.setTextValue(items[current])
        return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_identity(self, people: list[Person], database: str) -> IdentityChoice | None:
        dialog = IdentityDialog(people, database, self.parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def resolve_conflict(self, text: str, rows: list[FieldConflict]) -> set[str] | None:
        """Fields for which the user takes the other version (None = cancelled: nothing saved)."""
        dialog = ConflictDialog(text, rows, self.parent)
        return dialog.taken() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def save_discard_cancel(self, title: str, text: str) -> str:
        """SAVE, DISCARD or CANCEL."""
        box = unsaved_changes_box(self.parent, title, text)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL
        )

    def open_files(self, title: str, folder: Path, filters: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.parent, title, str(folder), filters)
        return [Path(n) for n in names]

    def open_file(self, title: str, folder: Path, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, title, str(folder), filters)
        return Path(name) if name else None

    def open_folder(self, title: str, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, title, str(folder))
        return Path(name) if name else None

    def save_file(self, title: str, suggested: Path, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), filters)
        return Path(name) if name else None


def unsaved_changes_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """The Save / Discard / Cancel question asked before unsaved typing would be lost."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        text,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return box


def describe_error(error: BaseException) -> str:
    """One sentence for the user: a CandourError's own, or a summary of anything else (logged elsewhere)."""
    if isinstance(error, CandourError):
        return str(error)
    return f"Something unexpected went wrong ({type(error).__name__}: {error}). The details are in the log."
