"""The "Check CQC for new reports" dialog: what to check and with which key, then progress per location."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.cqc.errors import PORTAL
from core.services.sync import is_location_result
from desktop.widgets.plain_text import plain_label

INTRO = (
    "Candour asks CQC for each location's current ratings and for every report it does not have yet, then "
    "shows the new reports in the import preview. Nothing is imported until you confirm there."
)


class SyncDialog(QDialog):
    start_requested = Signal()  # the user pressed "Check CQC"; read provider_id(), location_ids(), key()...
    cancel_requested = Signal()  # the user pressed Cancel while checking

    def __init__(self, provider_id: str, key_source: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check CQC for new reports")
        self.setAccessibleName("Check CQC for new reports")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page(provider_id, key_source))
        self.pages.addWidget(self._progress_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def sizeHint(self) -> QSize:
        return QSize(620, 400)

    # -- the form ------------------------------------------------------------------------------------------

    def _form_page(self, provider_id: str, key_source: str | None) -> QWidget:
        page = QWidget()
        intro = plain_label(INTRO)
        intro.setWordWrap(True)
        self.provider_box = QLineEdit(provider_id)
        self.provider_box.setPlaceholderText("e.g. 1-101234567")
        self.provider_box.setAccessibleName("CQC provider id")
        self.locations_box = QLineEdit()
        self.locations_box.setPlaceholderText("optional: location ids, separated by commas")
        self.locations_box.setAccessibleName("CQC location ids")
        self.key_box = QLineEdit()
        self.key_box.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_box.setAccessibleName("CQC API subscription key")
        self.key_box.setPlaceholderText(
            f"using the key {key_source}" if key_source else "paste your subscription key"
        )
        self.remember_box = QCheckBox("&Remember the key in this computer's keyring")
        self.remember_box.setChecked(True)
        portal = QLabel(
            f'No key? Register free on the <a href="{PORTAL}">CQC API portal</a> and subscribe to the '
            "syndication product. The key is kept in this computer's keyring, never in Candour's files."
        )
        portal.setWordWrap(True)
        portal.setOpenExternalLinks(True)
        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Problem")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow("CQC &provider id:", self.provider_box)
        form.addRow("&Location ids:", self.locations_box)
        form.addRow("API &key:", self.key_box)
        form.addRow("", self.remember_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.check_button = QPushButton("&Check CQC")
        self.check_button.setDefault(True)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(portal)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def provider_id(self) -> str:
        return self.provider_box.text().strip()

    def location_ids(self) -> tuple[str, ...]:
        return tuple(part for part in self.locations_box.text().replace(",", " ").split() if part)

    def key(self) -> str:
        return self.key_box.text().strip()

    def remember_key(self) -> bool:
        return self.remember_box.isChecked()

    def show_error(self, sentence: str) -> None:
        """Back to the form with one sentence saying what is wrong."""
        self.pages.setCurrentIndex(0)
        self.error_label.setText(sentence)
        self.error_label.show()

    def _on_check(self) -> None:
        self.error_label.hide()
        self.start_requested.emit()

    # -- progress ------------------------------------------------------------------------------------------

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.status_label = plain_label("Asking CQC…")
        self.status_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setAccessibleName("Locations checked")
        self.location_list = QListWidget()
        self.location_list.setAccessibleName("Locations checked so far")
        self.location_list.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self._on_cancel)
        layout = QVBoxLayout(page)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.location_list, 1)
        layout.addWidget(buttons)
        return page

    def show_progress(self) -> None:
        self.pages.setCurrentIndex(1)
        self.cancel_button.setEnabled(True)
        self.location_list.clear()

    def set_progress(self, done: int, total: int, message: str) -> None:
        """Before each location: 'Checking location 2 of 5 (1-…)…'; after it: '<name>: 1 new report
        downloaded'."""
        if total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        if not message:
            return
        if is_location_result(message):
            self.location_list.addItem(message)
            self.location_list.scrollToBottom()
        else:
            self.status_label.setText(message)

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.status_label.setText("Cancelling… the locations already checked are kept for the preview.")
        self.cancel_requested.emit()

    def reject(self) -> None:
        """Escape or closing while checking cancels the check instead of hiding its progress."""
        if self.pages.currentIndex() == 1:
            if self.cancel_button.isEnabled():
                self._on_cancel()
            return
        super().reject()
