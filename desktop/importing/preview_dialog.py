"""The import preview: every file read, what was extracted, and the user's choice of what to keep.

Nothing is written while this dialog is open; accepting it hands choices() to the controller.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.importing.file_page import FilePage
from desktop.importing.loading import Choice, LoadedFile
from desktop.widgets.plain_text import plain_label


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class PreviewDialog(QDialog):
    def __init__(self, files: list[LoadedFile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import CQC reports — check before importing")
        self.setAccessibleName("Import preview")
        self.files = files
        self.pages = [FilePage(f) for f in files]
        self.file_list = self._make_list()
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)
            page.changed.connect(self._update_button)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.file_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.file_list.itemChanged.connect(lambda _item: self._update_button())
        self.file_list.setCurrentRow(self._first_importable())
        self._update_button()

    def sizeHint(self) -> QSize:
        return QSize(1180, 700)  # fit_to_screen() trims this to the screen

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        files_label = plain_label("&Files:")
        files_label.setBuddy(self.file_list)
        left_layout.addWidget(files_label)
        left_layout.addWidget(self.file_list, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def _make_list(self) -> QListWidget:
        files = QListWidget()
        files.setAccessibleName("Files read")
        files.setIconSize(QSize(20, 20))
        files.setWordWrap(True)
        files.setSpacing(2)
        for file, page in zip(self.files, self.pages, strict=True):
            files.addItem(self._item(file, page))
        return files

    def _item(self, file: LoadedFile, page: FilePage) -> QListWidgetItem:
        style = self.style()
        report, model = file.report, page.model
        if file.error or report is None or model is None:
            status, icon = "cannot be read", QStyle.StandardPixmap.SP_MessageBoxWarning
        elif file.previous:
            status, icon = "already imported; will be skipped", QStyle.StandardPixmap.SP_MessageBoxInformation
        else:
            where = report.location.name or "location not named"
            status, icon = (
                f"{where} — {plural(model.rowCount(), 'action')}",
                QStyle.StandardPixmap.SP_FileIcon,
            )
            if page.read_checks is not None:
                status += " — checks to read"
                icon = QStyle.StandardPixmap.SP_MessageBoxWarning
        item = QListWidgetItem(style.standardIcon(icon), f"{file.name}\n{status}")
        item.setToolTip(file.error or file.previous or status)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{file.name}: {status}")
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if file.importable:
            item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        else:
            item.setFlags(flags)
        return item

    def _first_importable(self) -> int:
        return next((n for n, f in enumerate(self.files) if f.importable), 0)

    # -- the user's choice ---------------------------------------------------------------------------

    def is_chosen(self, number: int) -> bool:
        item = self.file_list.item(number)
        return self.files[number].importable and item.checkState() == Qt.CheckState.Checked

    def set_chosen(self, number: int, chosen: bool) -> None:
        self.file_list.item(number).setCheckState(
            Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        )

    def counts(self) -> tuple[int, int]:
        """(actions, files) that accepting would import."""
        chosen = [n for n in range(len(self.files)) if self.is_chosen(n)]
        return sum(self.pages[n].kept_count for n in chosen), len(chosen)

    def choices(self) -> list[Choice]:
        """Every file, with its edited report when it is to be imported (None otherwise)."""
        return [
            Choice(file, self.pages[n].edited_report() if self.is_chosen(n) else None)
            for n, file in enumerate(self.files)
        ]

    def unread_checks(self) -> list[str]:
        """Names of chosen files whose self-check warnings are not yet ticked as read."""
        return [
            self.files[n].name
            for n in range(len(self.files))
            if self.is_chosen(n) and not self.pages[n].acknowledged
        ]

    def _update_button(self) -> None:
        actions, files = self.counts()
        unread = self.unread_checks()
        self.import_button.setText(f"&Import {plural(actions, 'action')} from {plural(files, 'file')}")
        self.import_button.setEnabled(files > 0 and not unread)
        problems = sum(1 for f in self.files if f.error)
        skipped = sum(1 for f in self.files if f.previous)
        notes = []
        if unread:
            notes.append(f"read and tick the check warnings of {', '.join(unread)} before importing")
        if problems:
            notes.append(f"{plural(problems, 'file')} cannot be read")
        if skipped:
            notes.append(f"{plural(skipped, 'file')} already imported")
        said = "; ".join(notes)
        self.summary.setText(
            "Nothing is saved until you import. " + (said[:1].upper() + said[1:] + "." if notes else "")
        )
