"""Evidence: files (attach by dialog or drop) and links; open, remove; who added what and when."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionDetail, Evidence
from core.domain.wording import format_datetime
from desktop.editor.controller import EditorController
from desktop.widgets.icons import icon
from desktop.widgets.plain_text import plain_label

ID_ROLE = Qt.ItemDataRole.UserRole


def _size(n: int | None) -> str:
    if n is None:
        return ""
    return f"{n:,} bytes" if n < 1024 else (f"{n / 1024:.0f} KB" if n < 1024**2 else f"{n / 1024**2:.1f} MB")


class EvidenceTab(QWidget):
    def __init__(self, ctl: EditorController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctl = ctl
        self.locked = False  # verified: evidence cannot be added, described or removed
        self.list = QTreeWidget()
        self.list.setAccessibleName("Evidence")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels(["Evidence", "Description", "Added by", "Added", "Size"])
        self.list.setColumnWidth(0, 260)
        self.list.setColumnWidth(1, 200)
        self.list.itemDoubleClicked.connect(lambda _i, _c: self.open_selected())
        self.list.itemSelectionChanged.connect(self._enable)
        self.attach_button = QPushButton(icon("attach"), "Attach files…")
        self.attach_button.clicked.connect(self.ctl.choose_files)
        self.link_button = QPushButton(icon("link"), "Add link…")
        self.link_button.clicked.connect(lambda: self.ctl.add_link())
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.describe_button = QPushButton("Describe…")
        self.describe_button.setToolTip("Say what this evidence shows (printed with it in the plans)")
        self.describe_button.clicked.connect(self.describe_selected)
        hint = plain_label("Tip: drop files anywhere on this window to attach them.")
        hint.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (
            self.attach_button,
            self.link_button,
            self.open_button,
            self.describe_button,
            self.remove_button,
        ):
            button.setAccessibleName(button.text().rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        ctl.loaded.connect(self.show_detail)
        self._enable()

    def show_detail(self, detail: ActionDetail) -> None:
        self.list.clear()
        for item in detail.evidence:
            self.list.addTopLevelItem(_row(item))
        for column in (2, 3, 4):
            self.list.resizeColumnToContents(column)
        self.locked = detail.locked
        for button in (self.attach_button, self.link_button):
            button.setEnabled(not self.locked)
        self._enable()

    def selected_id(self) -> int | None:
        items = self.list.selectedItems()
        return items[0].data(0, ID_ROLE) if items else None

    def open_selected(self) -> None:
        evidence_id = self.selected_id()
        if evidence_id is not None:
            self.ctl.open_evidence(evidence_id)

    def remove_selected(self) -> None:
        evidence_id = self.selected_id()
        if evidence_id is not None:
            self.ctl.remove_evidence(evidence_id)

    def describe_selected(self) -> None:
        evidence_id = self.selected_id()
        if evidence_id is not None:
            self.ctl.describe_evidence(evidence_id)

    def _enable(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.describe_button.setEnabled(chosen and not self.locked)
        self.remove_button.setEnabled(chosen and not self.locked)


def _row(item: Evidence) -> QTreeWidgetItem:
    row = QTreeWidgetItem(
        [
            item.title,
            item.description or "",
            item.added_by,
            format_datetime(item.added_at),
            "link" if item.is_link else _size(item.size),
        ]
    )
    row.setData(0, ID_ROLE, item.id)
    row.setIcon(0, icon("link" if item.is_link else "attach"))
    row.setToolTip(0, item.url or item.title)
    return row
