"""The register's filter bar: search as you type (debounced), location, type, status, owner, key question,
overdue and due-within. It owns an ActionFilter and emits it whenever the user changes something."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionFilter
from core.domain.registry import LocationSummary, Person
from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion
from desktop.widgets.icons import icon

SEARCH_DELAY_MS = 200
NO_OWNER = -1


class FilterBar(QWidget):
    changed = Signal(object)  # ActionFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = ActionFilter()
        self._updating = True  # filling the widgets below must not emit
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_search_settled)
        self.search = QLineEdit(placeholderText="Search reference or text…", clearButtonEnabled=True)
        self.search.setAccessibleName("Search actions")
        self.search.setMinimumWidth(140)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._on_search_settled)
        self.location = self._combo("Location", self._on_location)
        self.kind = self._combo("Type", self._on_kind)
        self.kind.addItem("Any type", None)
        for kind in ActionKind:
            self.kind.addItem(f"{kind.label} only", kind.value)
        self.status = self._status_button()
        self.owner = self._combo("Owner", self._on_owner)
        self.key_question = self._combo("Key question", self._on_key_question)
        self.key_question.addItem("Any question", None)
        for question in KeyQuestion:
            self.key_question.addItem(question.label, question.value)
        self.overdue = QPushButton("Overdue")
        self.overdue.setCheckable(True)
        self.overdue.setAccessibleName("Overdue only")
        self.overdue.setToolTip("Show only live actions past their due date")
        self.overdue.toggled.connect(lambda on: self._update(overdue=on))
        self.due_within = QSpinBox(minimum=0, maximum=365, singleStep=7)
        self.due_within.setSpecialValueText("Due: any time")
        self.due_within.setPrefix("Due within ")
        self.due_within.setSuffix(" days")
        self.due_within.setAccessibleName("Due within days")
        self.due_within.setToolTip("Live actions due in the next N days")
        self.due_within.valueChanged.connect(lambda n: self._update(due_within_days=n or None))
        self.clear_button = QPushButton(icon("filter-clear"), "Clear")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        self._lay_out()
        self._updating = False
        self.set_choices([], [])

    def _lay_out(self) -> None:
        """Two rows, the search on its own with room to type, so the bar fits a window well under 1280 px."""
        top, choices = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.search, 1)
        for widget in (self.overdue, self.due_within, self.clear_button):
            top.addWidget(widget)
        for choice in (self.location, self.kind, self.status, self.owner, self.key_question):
            choices.addWidget(choice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(choices)

    def _combo(self, name: str, slot: Any) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        # Sized for a short name, not the longest one, so the bar fits a 1280-pixel screen; the popup is
        # wider.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(9)
        combo.view().setMinimumWidth(260)
        combo.currentIndexChanged.connect(lambda _i: None if self._updating else slot(combo.currentData()))
        return combo

    def _status_button(self) -> QPushButton:
        button = QPushButton()
        button.setAccessibleName("Status")
        menu = QMenu(button)
        self.status_actions: dict[ActionStatus, QAction] = {}
        for status in ActionStatus:
            action = menu.addAction(status.label)
            action.setCheckable(True)
            action.toggled.connect(self._on_status)
            self.status_actions[status] = action
        button.setMenu(menu)
        return button

    # -- public ------------------------------------------------------------------------------------

    @property
    def filter(self) -> ActionFilter:
        return self._filter

    def set_choices(self, locations: Sequence[LocationSummary], people: Sequence[Person]) -> None:
        """Refill the location and owner lists (after an import or a people change)."""
        self._updating = True
        self.location.clear()
        self.location.addItem("All locations", None)
        for location in locations:
            self.location.addItem(location.name, location.id)
        self.owner.clear()
        self.owner.addItem("Anyone", None)
        self.owner.addItem("No owner", NO_OWNER)
        for person in people:
            self.owner.addItem(person.name if person.active else f"{person.name} (left)", person.id)
        self._updating = False
        self._show(self._filter)

    def set_filter(self, flt: ActionFilter, *, emit: bool = True) -> None:
        self._timer.stop()
        self._filter = flt
        self._show(flt)
        if emit:
            self.changed.emit(flt)

    def clear(self) -> None:
        self.set_filter(ActionFilter())

    # -- widget -> filter ----------------------------------------------------------------------------

    def _update(self, **changes: Any) -> None:
        if self._updating:
            return
        self.set_filter(self._filter.model_copy(update=changes))

    def _on_search_settled(self) -> None:
        self._timer.stop()
        if self.search.text() != self._filter.text:
            self._update(text=self.search.text())

    def _on_location(self, location_id: int | None) -> None:
        self._update(location_ids=frozenset() if location_id is None else frozenset({location_id}))

    def _on_kind(self, kind: str | None) -> None:  # combo data are plain strings (Qt drops the enum type)
        self._update(kinds=frozenset() if kind is None else frozenset({ActionKind(kind)}))

    def _on_owner(self, owner: int | None) -> None:
        if owner is None:
            self._update(owner_ids=frozenset(), unowned=False)
        elif owner == NO_OWNER:
            self._update(owner_ids=frozenset(), unowned=True)
        else:
            self._update(owner_ids=frozenset({owner}), unowned=False)

    def _on_key_question(self, question: str | None) -> None:
        self._update(key_questions=frozenset() if question is None else frozenset({KeyQuestion(question)}))

    def _on_status(self) -> None:
        chosen = frozenset(s for s, a in self.status_actions.items() if a.isChecked())
        self._update(statuses=chosen)

    # -- filter -> widgets ---------------------------------------------------------------------------

    def _show(self, flt: ActionFilter) -> None:
        self._updating = True
        if self.search.text() != flt.text:
            self.search.setText(flt.text)
        _select(self.location, next(iter(flt.location_ids)) if len(flt.location_ids) == 1 else None)
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
        for status, action in self.status_actions.items():
            action.setChecked(status in flt.statuses)
        labels = [s.label.split(" (")[0] for s in ActionStatus if s in flt.statuses]
        self.status.setText("Status: " + (", ".join(labels) if labels else "any"))
        self.overdue.setChecked(flt.overdue)
        self.due_within.setValue(flt.due_within_days or 0)
        self.clear_button.setEnabled(not flt.is_empty)
        self._updating = False


def _select(combo: QComboBox, data: Any) -> None:
    found = next((i for i in range(combo.count()) if combo.itemData(i) == data), 0)
    combo.setCurrentIndex(found)
