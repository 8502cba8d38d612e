"""The right-hand side of the locations panel: one location's facts, inspections and actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from core.domain.actions import ActionSummary
from core.domain.registry import InspectionSummary, LocationDetail
from desktop.locations.columns import (
    ACTION_CHIPS,
    ACTION_STATUS,
    ACTION_WIDTHS,
    INSPECTION_CHIPS,
    INSPECTION_WIDTHS,
    action_columns,
    inspection_columns,
)
from desktop.locations.rating_chips import heading
from desktop.locations.row_model import ROW_ROLE, RowFilterProxy, RowTableModel
from desktop.widgets.chips import ChipDelegate
from desktop.widgets.plain_text import plain_label
from desktop.widgets.table_kit import make_table


class LocationDetailView(QWidget):
    open_action = Signal(int)
    show_in_register = Signal()
    archive_requested = Signal(bool)  # the archived state asked for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: LocationDetail | None = None
        self.setAccessibleName("Location details")
        self.name = plain_label()
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name.setFont(font)
        self.facts = plain_label()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.register_button = QPushButton("Show in &register")
        self.register_button.setToolTip("Open the action register filtered to this location")
        self.register_button.clicked.connect(self.show_in_register)
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self._on_archive_clicked)
        self.inspections: RowTableModel[InspectionSummary] = RowTableModel(inspection_columns(), self)
        self.inspection_table = make_table(
            "Inspections", self._sorted(self.inspections), INSPECTION_WIDTHS, chip_columns=INSPECTION_CHIPS
        )
        # Not `actions`: that would hide QWidget.actions().
        self.action_rows: RowTableModel[ActionSummary] = RowTableModel(action_columns(), self)
        self.action_table = make_table(
            "Actions at this location",
            self._sorted(self.action_rows),
            ACTION_WIDTHS,
            chip_columns=ACTION_CHIPS,
        )
        self.action_table.setItemDelegateForColumn(
            ACTION_STATUS, ChipDelegate(self.action_table, dot_only=True)
        )
        self.action_table.activated.connect(self._on_action_activated)
        self.inspection_heading = heading("Inspections")
        self.action_heading = heading("Actions")
        self._lay_out()
        self.show_detail(None)

    def _sorted(self, model: RowTableModel[Any]) -> RowFilterProxy:
        proxy = RowFilterProxy(lambda _item: "", self)
        proxy.setSourceModel(model)
        return proxy

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.archive_button)
        buttons.addStretch(1)
        top = QVBoxLayout()
        top.addWidget(self.name)
        top.addWidget(self.facts)
        top.addLayout(buttons)
        self.tables = QSplitter(Qt.Orientation.Vertical)
        self.tables.setChildrenCollapsible(False)
        self.tables.addWidget(_section(self.inspection_heading, self.inspection_table))
        self.tables.addWidget(_section(self.action_heading, self.action_table))
        self.tables.setSizes([130, 350])  # most locations have had one to three inspections
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tables, 1)

    def show_detail(
        self, detail: LocationDetail | None, actions: Sequence[ActionSummary] = (), action_total: int = 0
    ) -> None:
        self.detail = detail
        for widget in (self.register_button, self.archive_button, self.inspection_table, self.action_table):
            widget.setEnabled(detail is not None)
        self.inspections.set_rows(detail.inspections if detail is not None else [])
        self.action_rows.set_rows(actions)
        if detail is None:
            self.name.setText("No location selected")
            self.facts.setText("Choose a location in the list above to see its inspections and actions.")
            self.archive_button.setText("&Archive")
            return
        loc = detail.location
        self.name.setText(loc.name + (" (archived)" if loc.archived else ""))
        self.facts.setText(_facts(detail))
        self.archive_button.setText("Un&archive" if loc.archived else "&Archive")
        self.archive_button.setToolTip(
            "Show this location in lists again"
            if loc.archived
            else "Hide this location from lists; its actions are kept"
        )
        self.inspection_heading.setText(f"Inspections: {len(detail.inspections)}")
        shown = f" ({len(actions)} shown)" if action_total > len(actions) else ""
        self.action_heading.setText(
            f"Actions: {action_total}{shown} — {loc.open_must} open MUST, "
            f"{loc.open_should} open SHOULD, {loc.overdue} overdue"
        )

    def _on_archive_clicked(self) -> None:
        if self.detail is not None:
            self.archive_requested.emit(not self.detail.location.archived)

    def _on_action_activated(self, index: QModelIndex) -> None:
        action = index.data(ROW_ROLE)
        if action is not None:
            self.open_action.emit(action.id)

    def inspection(self, row: int) -> InspectionSummary:
        return self.inspection_table.model().index(row, 0).data(ROW_ROLE)


def _facts(detail: LocationDetail) -> str:
    loc = detail.location
    address = ", ".join(p for p in (loc.address, loc.postcode) if p) or "address not recorded"
    parts = [f"Code {loc.code}", f"Provider: {loc.provider or 'not recorded'}", address]
    if loc.phone:
        parts.append(f"Tel. {loc.phone}")
    if loc.cqc_location_id:
        parts.append(f"CQC location ID {loc.cqc_location_id}")
    return " · ".join(parts)


def _section(title: QLabel, table: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.addWidget(title)
    layout.addWidget(table, 1)
    return box
