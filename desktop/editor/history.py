"""History: every audit entry of the action (time, who, what, old → new)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from core.domain.actions import ActionDetail, HistoryEntry
from core.domain.vocabulary import ActionStatus, Priority
from core.domain.wording import format_datetime
from desktop.editor.controller import EditorController
from desktop.widgets.date_button import format_date

_DATE_FIELDS = {"due", "original_due"}
_OPERATIONS = {"create": "added", "update": "changed", "delete": "removed"}


def describe(entry: HistoryEntry) -> tuple[str, str]:
    """(what, change) for one audit entry."""
    subject = entry.field.replace("_", " ") if entry.field else entry.entity
    what = f"{entry.entity.capitalize()} {_OPERATIONS.get(entry.operation, entry.operation)}"
    if entry.field:
        what = f"{subject.capitalize()} changed"
    old, new = _pretty(entry.field, entry.old_value), _pretty(entry.field, entry.new_value)
    change = f"{old or '—'} → {new or '—'}" if entry.operation == "update" else (new or old)
    return what, change


def _pretty(field: str | None, value: str | None) -> str:
    if field == "status" and value is not None and value in ActionStatus._value2member_map_:
        return ActionStatus(value).label
    if field == "priority" and value is not None and value in Priority._value2member_map_:
        return Priority(value).label
    if field in _DATE_FIELDS and value:
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return value or ""


class HistoryTab(QWidget):
    def __init__(self, ctl: EditorController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctl = ctl
        self.list = QTreeWidget()
        self.list.setAccessibleName("Action history")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels(["When", "Who", "What", "Change"])
        for column, width in enumerate((140, 110, 170)):
            self.list.setColumnWidth(column, width)
        QVBoxLayout(self).addWidget(self.list)
        ctl.loaded.connect(self.show_detail)

    def show_detail(self, _detail: ActionDetail) -> None:
        self.list.clear()
        for entry in reversed(self.ctl.services.actions.history(self.ctl.action_id)):
            what, change = describe(entry)
            row = QTreeWidgetItem([format_datetime(entry.at), entry.actor, what, change])
            row.setToolTip(3, change)
            self.list.addTopLevelItem(row)
