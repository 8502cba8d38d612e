"""Helpers the panels share: table set-up, remembered
column widths, and running a database write through the single writer thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from core.domain.errors import CandourError
from desktop.panel import Panel
from desktop.tasks import ProgressFn, Task, TaskRunner
from desktop.widgets.chips import ChipDelegate

log = logging.getLogger(__name__)


def make_table(name: str, model: QAbstractItemModel, widths: dict[int, int] | None = None, *,
               chip_columns: tuple[int, ...] = (), sortable: bool = True, multi_select: bool = False,
               parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table with sensible defaults and an accessible name."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi_select
                           else QAbstractItemView.SelectionMode.SingleSelection)
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


def submit_write(panel: Panel, fn: Callable[[], Any], done: Callable[[Any], str],
                 title: str = "Could not save") -> None:
    """Run fn on the writer thread; then refresh the panel, tell the others, and show done(result).

    A CandourError is shown as its one sentence; anything else is logged and summarised.
    """
    def finished(result: Any) -> None:
        panel.refresh()
        panel.data_changed.emit()
        panel.status_message.emit(done(result))

    def failed(error: BaseException) -> None:
        if not isinstance(error, CandourError):
            log.error("Write failed", exc_info=error)
        panel.dialogs.warn(title, describe_error(error))
        panel.refresh()

    run_task(panel.runner, lambda _progress, _cancel: fn(), finished, failed, writes=True)


def run_task(runner: TaskRunner, fn: Callable[[ProgressFn, threading.Event], Any],
             finished: Callable[[Any], None], failed: Callable[[BaseException], None], *,
             progress: Callable[[int, int, str], None] | None = None, writes: bool = False) -> Task:
    """Submit fn with its handlers connected before it can emit."""
    return runner.submit(fn, writes=writes, finished=finished, failed=failed, progress=progress)


def describe_error(error: BaseException) -> str:
    if isinstance(error, CandourError):
        return str(error)
    return f"Something unexpected went wrong ({type(error).__name__}: {error}). The details are in the log."
