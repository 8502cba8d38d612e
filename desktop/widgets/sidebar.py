"""The main window's navigation list: icon + name per view, keyboard-selectable."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QWidget

from desktop.widgets.icons import icon


class Sidebar(QListWidget):
    view_chosen = Signal(str)

    def __init__(self, views: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Views")
        self.setIconSize(QSize(20, 20))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSpacing(2)
        for n, (key, label) in enumerate(views, start=1):
            item = QListWidgetItem(icon(key), label)
            item.setData(256, key)
            item.setToolTip(f"{label} (Ctrl+{n})")
            item.setSizeHint(QSize(0, 36))
            self.addItem(item)
        width = max(self.sizeHintForColumn(0), 120) + 24
        self.setFixedWidth(width)
        self.currentItemChanged.connect(self._on_current_changed)

    def _on_current_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.view_chosen.emit(item.data(256))

    def select(self, key: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(256) == key:
                self.setCurrentRow(row)
                return
