"""A read-only table model over a tuple of frozen domain objects, described by a list of Columns.

Used by the locations, inspections, reports, people and overdue tables. The lists are small
(hundreds of rows), so a QSortFilterProxyModel over them is cheap (performance.md §2 concerns 100k rows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop.widgets.chips import CHIP_COLOUR_ROLE

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the domain object of the row; survives the proxy
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a str or number, so Qt compares like with like


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort: Callable[[T], str | int | float] | None = None  # default: the text, case-folded
    tip: Callable[[T], str | None] | None = None
    chip: Callable[[T], QColor | None] | None = None  # a colour makes ChipDelegate paint a chip
    numeric: bool = False  # right-aligned


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows are replaced wholesale with set_rows(); `muted(row)` greys out e.g. archived rows."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: QObject | None = None,
        muted: Callable[[T], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: tuple[T, ...] = ()
        self._muted = muted

    @property
    def rows(self) -> tuple[T, ...]:
        return self._rows

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row(self, number: int) -> T:
        return self._rows[number]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == ROW_ROLE:
            return item
        return self._other_role(item, column, role)

    def _other_role(self, item: T, column: Column[T], role: int) -> Any:
        if role == SORT_ROLE:
            return column.sort(item) if column.sort else column.text(item).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(item) if column.tip else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            tip = column.tip(item) if column.tip else None
            return tip or column.text(item)
        if role == CHIP_COLOUR_ROLE:
            return column.chip(item) if column.chip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._muted is not None and self._muted(item):
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE; keeps rows whose haystack contains every word typed and that `accept` allows."""

    def __init__(self, haystack: Callable[[Any], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._haystack = haystack
        self._words: list[str] = []
        self._accept: Callable[[Any], bool] = lambda _item: True

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_words", text.casefold().split()))

    def set_accept(self, accept: Callable[[Any], bool]) -> None:
        self._change(lambda: setattr(self, "_accept", accept))

    def _change(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+; invalidateFilter() is on its way out
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        item = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        if item is None or not self._accept(item):
            return False
        haystack = self._haystack(item).casefold()
        return all(word in haystack for word in self._words)
