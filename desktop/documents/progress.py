"""A background job with a cancellable progress dialog: building a PDF, exporting, backing up."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from core.domain.errors import CandourError
from desktop.dialogs import describe_error
from desktop.tasks import Task, TaskRunner

log = logging.getLogger(__name__)
ReportFn = Callable[[int, int], None]
JobFn = Callable[[ReportFn, threading.Event], Any]
SHOW_AFTER_MS = 400  # quick jobs finish without a dialog flashing up


class ProgressJob(QObject):
    """Runs jobs off the GUI thread, one shown at a time; a cancelled job runs out unseen and its result is
    dropped."""

    def __init__(self, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self.runner = runner
        self.window = window
        self.task: Task | None = None  # the job the user is waiting for
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(
        self,
        title: str,
        label: str,
        fn: JobFn,
        done: Callable[[Any], None],
        on_error: Callable[[str], None],
        *,
        writes: bool = False,
    ) -> Task:
        """Run fn(report, cancel); then done(result), or on_error(sentence) when it raised."""
        self.dialog = self._make_dialog(title, label)

        def work(report: Callable[[int, int, str], None], cancel: threading.Event) -> Any:
            return fn(lambda d, t: report(d, t, ""), cancel)

        def finished(result: Any) -> None:
            if self._end(task):
                done(result)

        def failed(error: BaseException) -> None:
            if not isinstance(error, CandourError):
                log.error("%s failed", title, exc_info=error)
            if self._end(task):
                on_error(describe_error(error))

        # The handlers run on the GUI thread after this method returns, so `task` is bound by then.
        task = self.runner.submit(
            work,
            writes=writes,
            finished=finished,
            failed=failed,
            progress=lambda d, t, _m: self._on_progress(task, d, t),
        )
        self.task = task
        return task

    def cancel(self) -> None:
        """Stop waiting: the dialog closes at once and the job's result will be ignored."""
        if self.task is not None:
            self.task.cancel.set()
            self.task = None
        self._close_dialog()

    def _end(self, task: Task) -> bool:
        """The job ended; True when its result is still wanted."""
        if task is not self.task:
            return False  # cancelled earlier
        self.task = None
        self._close_dialog()
        return not task.cancel.is_set()

    def _make_dialog(self, title: str, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, 0, self.window)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        return dialog

    def _on_progress(self, task: Task, done: int, total: int) -> None:
        if task is self.task and self.dialog is not None and total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
