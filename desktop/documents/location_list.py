"""A checklist of locations headed by 'All locations', for choosing what a printed document covers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from core.domain.registry import LocationSummary

ALL = -1
VISIBLE_ROWS = 6
MAX_VISIBLE_ROWS = 10


class LocationChecklist(QListWidget):
    """Tick 'All locations' or any number of single locations; an empty choice falls back to all."""

    changed = Signal()

    def __init__(
        self,
        locations: Sequence[LocationSummary],
        selected: Iterable[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Locations")
        self.setUniformItemSizes(True)
        self._add(ALL, "All locations")
        for location in locations:
            self._add(location.id, f"{location.name} (archived)" if location.archived else location.name)
        self.set_selected(selected)
        self.itemChanged.connect(self._on_item_changed)
        self.setSpacing(1)
        row = self.sizeHintForRow(0) + 2 * self.spacing()
        rows = max(VISIBLE_ROWS, min(self.count(), MAX_VISIBLE_ROWS))
        self.setMinimumHeight(row * min(VISIBLE_ROWS, rows) + 2 * self.frameWidth())
        self.setMaximumHeight(row * rows + 2 * self.frameWidth())

    def _add(self, key: int, text: str) -> None:
        item = QListWidgetItem(text, self)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
        )
        item.setCheckState(Qt.CheckState.Unchecked)

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    @property
    def selected_ids(self) -> frozenset[int]:
        """The ticked locations; empty means every location."""
        return frozenset(
            item.data(Qt.ItemDataRole.UserRole)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole) != ALL
        )

    @property
    def selected_names(self) -> list[str]:
        return [
            item.text()
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole) != ALL
        ]

    def set_selected(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        known = {item.data(Qt.ItemDataRole.UserRole) for item in self._items()}
        wanted &= known
        self.blockSignals(True)
        for item in self._items():
            key = item.data(Qt.ItemDataRole.UserRole)
            on = key in wanted if key != ALL else not wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.changed.emit()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole) == ALL and item.checkState() == Qt.CheckState.Checked:
            self.set_selected(())
        else:
            self.set_selected(self.selected_ids)
