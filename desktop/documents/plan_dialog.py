"""Options of a printed action plan: which locations and actions, and its title. Starts from the register's
filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from core.domain.actions import ActionFilter
from core.domain.documents import ActionPlanOptions
from core.domain.errors import CandourError
from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion
from core.services.app import Services
from desktop.documents.location_list import LocationChecklist
from desktop.documents.options_dialog import OptionsDialog
from desktop.widgets.date_button import DateButton
from desktop.widgets.plain_text import plain_label

NO_OWNER = -1
STATUS_COLUMNS = 3


class ActionPlanDialog(OptionsDialog):
    def __init__(self, services: Services, initial: ActionFilter, parent: QWidget | None = None) -> None:
        super().__init__(
            "Print action plan",
            "Choose the locations and actions the plan covers. It starts from "
            "the filter of the action register.",
            parent,
        )
        self.services = services
        self._initial = initial
        self._updating = True  # filling the fields must not re-describe the filter each time
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Leave empty for “Action plan:” and the location names")
        self.title_edit.setClearButtonEnabled(True)
        self.locations = LocationChecklist(services.locations.list(), initial.location_ids)
        self.statuses = {status: QCheckBox(status.label) for status in ActionStatus}
        self.kind = _combo([("MUST and SHOULD", None)] + [(f"{k.label} only", k.value) for k in ActionKind])
        self.owner = _combo(
            [("Anyone", None), ("No owner", NO_OWNER)]
            + [(p.name if p.active else f"{p.name} (left)", p.id) for p in services.people.list()]
        )
        self.key_question = _combo([("Any key question", None)] + [(q.label, q.value) for q in KeyQuestion])
        self.due_from, self.due_to = DateButton("Any date"), DateButton("Any date")
        self.due_from.setToolTip("Only actions due on or after this date")
        self.due_to.setToolTip("Only actions due on or before this date")
        self.overdue = QCheckBox("&Overdue only")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Words in the reference or action text")
        self.search.setClearButtonEnabled(True)
        self._lay_out()
        self.show_filter(initial)
        self._connect()

    def _lay_out(self) -> None:
        self.add_row("&Title:", self.title_edit, "Title")
        self.add_row("&Locations:", self.locations)
        statuses = QWidget()
        grid = QGridLayout(statuses)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.statuses.values()):
            grid.addWidget(box, n // STATUS_COLUMNS, n % STATUS_COLUMNS)
        statuses.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        statuses.setAccessibleName("Status")
        statuses.setToolTip("Tick none to include every status.")
        self.add_row("Status:", statuses)
        self.add_row("&Type:", self.kind)
        self.add_row("O&wner:", self.owner)
        self.add_row("&Key question:", self.key_question)
        row = QHBoxLayout()  # a layout, not a widget, so the row's label lines up with the buttons
        self.due_from.setAccessibleName("Due from")
        self.due_to.setAccessibleName("Due to")
        row.addWidget(plain_label("from"))
        row.addWidget(self.due_from, 1)
        row.addWidget(plain_label("to"))
        row.addWidget(self.due_to, 1)
        row.addWidget(self.overdue)
        self.add_row("&Due:", row)
        self.add_row("&Matching:", self.search, "Matching words")
        clear = self.buttons.addButton("&Reset filter", self.buttons.ButtonRole.ResetRole)
        clear.clicked.connect(lambda: self.show_filter(ActionFilter(), keep_title=True))
        self.order_tabs(
            self.title_edit,
            self.locations,
            *self.statuses.values(),
            self.kind,
            self.owner,
            self.key_question,
            self.due_from,
            self.due_to,
            self.overdue,
            self.search,
        )
        label = self.form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(self.due_from)

    def _connect(self) -> None:
        self.locations.changed.connect(self._on_changed)
        for box in self.statuses.values():
            box.toggled.connect(self._on_changed)
        for combo in (self.kind, self.owner, self.key_question):
            combo.currentIndexChanged.connect(self._on_changed)
        self.due_from.date_chosen.connect(lambda d: self._on_date(self.due_from, d))
        self.due_to.date_chosen.connect(lambda d: self._on_date(self.due_to, d))
        self.overdue.toggled.connect(self._on_changed)
        self.search.textChanged.connect(self._on_changed)
        self.title_edit.textChanged.connect(self._on_changed)

    # -- filter <-> widgets ---------------------------------------------------------------------------

    def show_filter(self, flt: ActionFilter, *, keep_title: bool = True) -> None:
        """Set every field from a filter (the parts the form cannot show are kept as they are)."""
        self._initial = flt
        self._updating = True
        self.locations.set_selected(flt.location_ids)
        for status, box in self.statuses.items():
            box.setChecked(status in flt.statuses)
        _select(self.kind, next(iter(flt.kinds)).value if len(flt.kinds) == 1 else None)
        owner = (
            NO_OWNER
            if flt.unowned and not flt.owner_ids
            else (next(iter(flt.owner_ids)) if len(flt.owner_ids) == 1 and not flt.unowned else None)
        )
        _select(self.owner, owner)
        _select(
            self.key_question, next(iter(flt.key_questions)).value if len(flt.key_questions) == 1 else None
        )
        self.due_from.set_date(flt.due_from)
        self.due_to.set_date(flt.due_to)
        self.overdue.setChecked(flt.overdue)
        self.search.setText(flt.text)
        if not keep_title:
            self.title_edit.clear()
        self._updating = False
        self._on_changed()

    def action_filter(self) -> ActionFilter:
        owner = self.owner.currentData()
        kind, question = self.kind.currentData(), self.key_question.currentData()
        return self._initial.model_copy(
            update={
                "location_ids": self.locations.selected_ids,
                "statuses": frozenset(s for s, box in self.statuses.items() if box.isChecked()),
                "kinds": frozenset({ActionKind(kind)}) if kind else frozenset(),
                "owner_ids": frozenset({owner}) if owner not in (None, NO_OWNER) else frozenset(),
                "unowned": owner == NO_OWNER,
                "key_questions": frozenset({KeyQuestion(question)}) if question else frozenset(),
                "due_from": self.due_from.date,
                "due_to": self.due_to.date,
                "overdue": self.overdue.isChecked(),
                "text": self.search.text().strip(),
            }
        )

    def options(self) -> ActionPlanOptions:
        return ActionPlanOptions(filter=self.action_filter(), title=self.title_edit.text().strip() or None)

    def _on_date(self, button: DateButton, value: dt.date | None) -> None:
        button.set_date(value)
        self._on_changed()

    def _on_changed(self, *_args: Any) -> None:
        if self._updating:
            return
        flt = self.action_filter()
        try:
            words = self.services.documents.describe_filter(flt)
            count = self.services.actions.count(flt)
        except CandourError as error:
            self.show_summary(str(error), ready=False)
            return
        if flt.due_from and flt.due_to and flt.due_from > flt.due_to:
            self.show_summary("The first due date is after the second, so no action can match.", ready=False)
            return
        noun = "action" if count == 1 else "actions"
        self.show_summary(f"{words}: {count:,} {noun}.", ready=count > 0)


def _combo(items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _select(combo: QComboBox, data: Any) -> None:
    combo.setCurrentIndex(max(0, combo.findData(data)) if data is not None else 0)
