"""The first-run panel: import reports or load sample data, in place of an empty dashboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QProgressBar, QVBoxLayout, QWidget

from core.domain.errors import CandourError
from desktop.panel import Panel
from desktop.widgets.icons import icon
from desktop.widgets.plain_text import plain_label


class WelcomePanel(Panel):
    title = "Welcome"
    shows = frozenset()  # nothing to refresh: the window leaves this page once there is data
    import_requested = Signal()
    sample_loaded = Signal()

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        heading = plain_label("Welcome to Candour")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        intro = plain_label(
            "Candour turns CQC inspection reports into an action plan you can track to verified "
            "closure: owners, due dates, progress notes, evidence and independent verification."
        )
        intro.setWordWrap(True)
        self.import_button = QCommandLinkButton(
            "Import reports…",
            "Choose CQC inspection reports (PDF, HTML or text). Candour extracts their "
            "MUST and SHOULD actions.",
        )
        self.import_button.setIcon(icon("import"))
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button = QCommandLinkButton(
            "Load sample data",
            "Fictional reports with owners, due dates, notes and evidence, to explore "
            "Candour before using your own.",
        )
        self.sample_button.setIcon(icon("sample"))
        self.sample_button.clicked.connect(self.load_sample_data)
        for button in (self.import_button, self.sample_button):
            button.setAccessibleName(button.text().rstrip("…"))
            button.setAccessibleDescription(button.description())
            button.setMinimumHeight(button.heightForWidth(580))  # layouts ignore it: show the description
        hint = plain_label(
            "You can also drop report files or folders onto this window, or paste a report's text "
            "with Ctrl+Shift+V."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Loading")
        self.progress.hide()
        column = QWidget()
        column.setFixedWidth(600)  # a readable measure; wrapped labels need a definite width
        inner = QVBoxLayout(column)
        for widget in (heading, intro, self.import_button, self.sample_button, self.progress, hint):
            inner.addWidget(widget)
        inner.insertSpacing(2, 12)
        inner.insertSpacing(inner.indexOf(hint), 8)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy)
        self.sample_button.setEnabled(not busy)
        self.progress.setVisible(busy)

    def load_sample_data(self) -> None:
        """Load the sample reports and tracking in the background (writes go through the one writer)."""
        from core.services.demo import load_demo  # imports the report parsers: only when asked

        services = self.services
        self.set_busy(True)
        self.status_message.emit("Loading sample data…")
        self.runner.submit(
            lambda _progress, _cancel: load_demo(services),
            writes=True,
            finished=self._on_loaded,
            failed=self._on_failed,
        )

    def _on_loaded(self, lines: list[str]) -> None:
        self.set_busy(False)
        self.status_message.emit(lines[-1] if lines else "Sample data loaded.")
        self.sample_loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.set_busy(False)
        self.status_message.emit("")
        known = isinstance(error, CandourError)
        self.dialogs.warn(
            "Load sample data", str(error) if known else f"The sample data could not be loaded ({error})."
        )
