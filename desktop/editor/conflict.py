"""When someone else changed an action while you were editing it: both versions of each field you are
saving, side by side, and for each a choice to keep yours or take theirs. Nothing is dropped unseen."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionChanges, ActionDetail
from desktop.widgets.date_button import format_date
from desktop.widgets.plain_text import plain_label

LONG_FIELDS = {"text", "success_measure"}  # shown in a text box; the rest on one line
FIELD_LABELS = {
    "text": "Action text",
    "success_measure": "Success measure",
    "owner_id": "Owner",
    "due": "Due date",
    "priority": "Priority",
    "key_question": "Key question",
    "service": "Service",
}


@dataclass(frozen=True)
class FieldConflict:
    field: str
    label: str
    mine: str
    theirs: str


def field_value(detail: ActionDetail, field: str) -> Any:
    """The comparable value of a field as the action holds it."""
    s = detail.summary
    return {
        "text": s.text,
        "success_measure": detail.success_measure or "",
        "owner_id": s.owner_id,
        "due": s.due,
        "priority": s.priority,
        "key_question": s.key_question,
        "service": s.service or "",
    }[field]


def shown(detail: ActionDetail, field: str, value: Any, owner_names: dict[int, str]) -> str:
    """A field's value in words."""
    if field == "owner_id":
        return owner_names.get(value, "no owner") if value is not None else "no owner"
    if field == "due":
        return format_date(value, "no due date")
    if hasattr(value, "label"):
        return str(value.label)
    return str(value or "")


def conflicts(
    seen: dict[str, Any], fresh: ActionDetail, changes: ActionChanges, owner_names: dict[int, str]
) -> list[FieldConflict]:
    """Fields the user is saving that someone else changed since the user saw them (and not to the same)."""
    found = []
    for field in sorted(changes.edited):
        mine, theirs = getattr(changes, field), field_value(fresh, field)
        if field in seen and _same(seen[field], theirs) is False and _same(mine, theirs) is False:
            found.append(
                FieldConflict(
                    field,
                    FIELD_LABELS.get(field, field),
                    shown(fresh, field, mine, owner_names),
                    shown(fresh, field, theirs, owner_names),
                )
            )
    return found


def _same(a: Any, b: Any) -> bool:
    norm = [(v.strip() if isinstance(v, str) else v) or None for v in (a, b)]
    return norm[0] == norm[1]


def keeping(changes: ActionChanges, dropped: set[str]) -> ActionChanges:
    """The changes without the fields the user chose to take from the other version."""
    given = {f: getattr(changes, f) for f in changes.model_fields_set if f not in dropped}
    if "due" not in given:
        given.pop("due_reason", None)
    return ActionChanges(**given)


class ConflictDialog(QDialog):
    """Each conflicting field: your version and theirs, read-only, with Keep mine / Take theirs."""

    def __init__(self, text: str, rows: list[FieldConflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed by someone else — Candour")
        intro = plain_label(text)
        intro.setWordWrap(True)
        grid = QGridLayout()
        for column, heading in enumerate(("", "Your version", "Their version (saved)")):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        self.keep_mine: dict[str, QRadioButton] = {}
        self.take_theirs: dict[str, QRadioButton] = {}
        for n, row in enumerate(rows, start=1):
            grid.addWidget(QLabel(f"<b>{escape(row.label)}</b>"), 2 * n - 1, 0)
            for column, value in ((1, row.mine), (2, row.theirs)):
                box = QPlainTextEdit(value) if row.field in LONG_FIELDS else QLineEdit(value)
                box.setReadOnly(True)
                box.setAccessibleName(f"{row.label}: {'your' if column == 1 else 'their'} version")
                if isinstance(box, QPlainTextEdit):
                    box.setMaximumHeight(box.fontMetrics().height() * 5)
                grid.addWidget(box, 2 * n - 1, column)
            mine, theirs = QRadioButton("Keep mine"), QRadioButton("Take theirs")
            mine.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(theirs)
            grid.addWidget(mine, 2 * n, 1)
            grid.addWidget(theirs, 2 * n, 2)
            self.keep_mine[row.field], self.take_theirs[row.field] = mine, theirs
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.setMinimumWidth(720)

    def taken(self) -> set[str]:
        """Fields for which the user takes the other version."""
        return {field for field, mine in self.keep_mine.items() if not mine.isChecked()}
