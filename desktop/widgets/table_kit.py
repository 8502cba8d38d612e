"""Helpers the panels share: table set-up and remembered column widths."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.panel import Panel
from desktop.widgets.chips import ChipDelegate


def make_table(
    name: str,
    model: QAbstractItemModel,
    widths: dict[int, int] | None = None,
    *,
    chip_columns: tuple[int, ...] = (),
    sortable: bool = True,
    multi_select: bool = False,
    parent: QWidget | None = None,
) -> QTableView:
    """A read-only, row-selecting table with sensible defaults and an accessible name."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setSortingEnabled(sortable)
    if sortable:
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(max(26, table.fontMetrics().height() + 12))
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsMovable(True)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in (widths or {}).items():
        table.setColumnWidth(column, width)
    if chip_columns:
        delegate = ChipDelegate(table)
        for column in chip_columns:
            table.setItemDelegateForColumn(column, delegate)
    return table


def restore_header(table: QTableView, panel: Panel, key: str) -> None:
    state = panel.settings.header_state(key)
    if state is not None:
        table.horizontalHeader().restoreState(state)


def save_header(table: QTableView, panel: Panel, key: str) -> None:
    panel.settings.set_header_state(key, table.horizontalHeader().saveState())


IMPORT_HINT = (
    "Import a CQC report with File ▸ Import reports… (Ctrl+I), or paste a report's text (Ctrl+Shift+V)."
)


class EmptyHint(QLabel):
    """What to do, shown in a table's empty space while it has no rows ("No reports yet: import one…")."""

    def __init__(self, table: QTableView, text: str) -> None:
        super().__init__(text, table.viewport())
        self.table = table
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAccessibleName(f"{table.accessibleName()}: {text}")
        layout = QVBoxLayout(table.viewport())
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_visibility)
        self.update_visibility()

    def update_visibility(self, *_args: object) -> None:
        self.setVisible(self.table.model().rowCount() == 0)
