"""Help > Keyboard shortcuts: every shortcut, read from the actions that own them, in two aligned columns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Section = tuple[str, Sequence[tuple[str, str]]]  # heading, (keys, what they do)
# Keys that belong to widgets rather than menu actions (kept next to the code that handles them).
OTHER_KEYS: tuple[Section, ...] = (
    ("Action register", (("Enter", "Open the selected action"),)),
    (
        "Action editor",
        (
            ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo in that editor"),
            ("Alt+Up / Alt+Down", "Previous / next action in the register's order"),
            ("Ctrl+Enter", "Add the progress note being typed"),
            ("Ctrl+W", "Close the editor"),
        ),
    ),
    ("Reports", (("Ctrl+F", "Find in the extracted text"),)),
    ("PDF preview", (("Esc", "Close the preview"),)),
)


def menu_shortcuts(menus: Iterable[QMenu]) -> list[tuple[str, str]]:
    """(keys, label) of every menu action with a shortcut, in menu order (submenus included)."""
    found: list[tuple[str, str]] = []
    for menu in menus:
        for action in menu.actions():
            if action.menu() is not None:
                found += menu_shortcuts([action.menu()])  # type: ignore[list-item]
            elif not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((keys, _label(action)))
    return found


def _label(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


class ShortcutsDialog(QDialog):
    def __init__(self, sections: Sequence[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        for heading, rows in sections:
            self._add_heading(heading)
            for keys, does in rows:
                row = self.table.rowCount()
                self.table.insertRow(row)
                self.table.setItem(row, 0, QTableWidgetItem(keys))
                self.table.setItem(row, 1, QTableWidgetItem(does))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def _add_heading(self, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(text)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, 2)

    def rows(self) -> list[tuple[str, str]]:
        """Every (keys, does) pair shown, headings left out (for tests and screen readers)."""
        pairs = [(self.table.item(r, 0), self.table.item(r, 1)) for r in range(self.table.rowCount())]
        return [(keys.text(), does.text()) for keys, does in pairs if keys is not None and does is not None]
