"""ImportController: files, folders or pasted text → read off the GUI thread → preview → commit → summary."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from core.domain.errors import CandourError
from core.domain.imports import ImportOutcome, ImportStatus
from core.services.app import Services
from desktop.dialogs import Dialogs, describe_error
from desktop.importing.loading import LoadedFile, commit_choices, load_pasted, load_paths
from desktop.importing.preview_dialog import PreviewDialog, plural
from desktop.tasks import ProgressFn, Task, TaskRunner
from desktop.ui_settings import UiSettings
from desktop.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)
FILTERS = (
    "CQC reports (*.pdf *.html *.htm *.txt);;PDF files (*.pdf);;Saved web pages (*.html *.htm);;"
    "Text files (*.txt);;All files (*)"
)


class ImportController(QObject):
    imported = Signal(list)  # ImportOutcome per file, after a commit
    previewed = Signal(object)  # the PreviewDialog, once shown (tests drive it from here)

    def __init__(
        self, services: Services, runner: TaskRunner, dialogs: Dialogs, settings: UiSettings, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.dialogs = dialogs
        self.settings = settings
        self._window = parent
        self.preview: PreviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self._task: Task | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None or self.preview is not None

    # -- entry points --------------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        paths = self.dialogs.open_files("Import CQC reports", self.settings.last_import_dir, FILTERS)
        if paths:
            self.settings.last_import_dir = paths[0].parent
            self.import_files(paths)

    def import_files(self, paths: list[Path]) -> None:
        if self._refuse_when_busy() or not paths:
            return
        imports = self.services.imports
        self._read(
            lambda progress, cancel: load_paths(imports, paths, progress, cancel),
            f"Reading {plural(len(paths), 'item')}…",
        )

    def import_text(self, text: str) -> None:
        if self._refuse_when_busy():
            return
        if not text.strip():
            self.dialogs.warn("Nothing to import", "The clipboard holds no text to import.")
            return
        imports = self.services.imports
        self._read(lambda _progress, _cancel: load_pasted(imports, text), "Reading the pasted text…")

    def _refuse_when_busy(self) -> bool:
        if self.busy:
            self.dialogs.inform("Import in progress", "Finish the import that is under way first.")
        return self.busy

    # -- reading --------------------------------------------------------------------------------------

    def _read(self, fn: Callable[[ProgressFn, threading.Event], Any], label: str) -> None:
        self._start(fn, label, self._on_read, writes=False)

    def _on_read(self, files: list[LoadedFile]) -> None:
        cancelled = self._finish_task()
        if cancelled:
            return
        if not files:
            self.dialogs.inform("Nothing to import", "No PDF, web page or text files were found there.")
            return
        self._show_preview(files)

    def preview_files(self, files: list[LoadedFile]) -> bool:
        """Preview files read elsewhere (reports downloaded from CQC); False when another import is under
        way."""
        if self._refuse_when_busy():
            return False
        self._show_preview(files)
        return True

    def _show_preview(self, files: list[LoadedFile]) -> None:
        self.preview = PreviewDialog(files, self._window)
        self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.accepted.connect(self._on_preview_accepted)
        self.preview.rejected.connect(self._on_preview_rejected)
        fit_to_screen(self.preview, self.preview.sizeHint())
        self.preview.open()
        self.previewed.emit(self.preview)

    def _on_preview_rejected(self) -> None:
        self._drop_preview()

    def _on_preview_accepted(self) -> None:
        if self.preview is None:  # accepted and rejected cannot both arrive, but a late signal must not crash
            return
        choices = self.preview.choices()
        self._drop_preview()
        imports = self.services.imports
        self._start(
            lambda progress, cancel: commit_choices(imports, choices, progress, cancel),
            "Importing…",
            self._on_committed,
            writes=True,
        )

    def _drop_preview(self) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
            self.preview = None

    # -- committing ----------------------------------------------------------------------------------

    def _on_committed(self, outcomes: list[ImportOutcome]) -> None:
        self._finish_task()
        imported = [o for o in outcomes if o.status is ImportStatus.IMPORTED]
        title = "Import finished" if imported else "Nothing was imported"
        must, should = sum(o.new_must for o in imported), sum(o.new_should for o in imported)
        head = (
            f"{plural(len(imported), 'file')} imported: {must} MUST and {should} SHOULD "
            f"{'action' if must + should == 1 else 'actions'} added."
        )
        self.dialogs.inform(title, "\n\n".join([head, *(o.line() for o in outcomes)]))
        self.imported.emit(outcomes)

    # -- the task and its progress dialog -------------------------------------------------------------

    def _start(
        self,
        fn: Callable[[ProgressFn, threading.Event], Any],
        label: str,
        done: Callable[[Any], None],
        *,
        writes: bool,
    ) -> None:
        self.progress = self._make_progress(label)
        self._task = self.runner.submit(
            fn, writes=writes, finished=done, failed=self._on_failed, progress=self._on_progress
        )

    def _make_progress(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, 0, self._window)
        dialog.setWindowTitle("Importing CQC reports")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.setMinimumWidth(460)
        dialog.canceled.connect(self._on_cancel)
        return dialog

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.progress is None:
            return
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if message:
            self.progress.setLabelText(message)

    def _on_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel.set()
            if self.progress is not None:
                self.progress.setLabelText("Cancelling after the current file…")

    def _finish_task(self) -> bool:
        """Close the progress dialog; True when the user cancelled."""
        cancelled = self._task is not None and self._task.cancel.is_set()
        self._task = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self._on_cancel)
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        return cancelled

    def _on_failed(self, error: BaseException) -> None:
        self._finish_task()
        if not isinstance(error, CandourError):
            log.error("Import task failed", exc_info=error)
        self.dialogs.warn("Import failed", describe_error(error))
