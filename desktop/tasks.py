"""Background work: parsing, importing and printing run off the GUI thread and report back by signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

ProgressFn = Callable[[int, int, str], None]
TaskFn = Callable[[ProgressFn, threading.Event], Any]


class TaskSignals(QObject):
    progress = Signal(int, int, str)  # done, total, message
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """Runs fn(report_progress, cancel_event) in a pool thread. Never touches widgets."""

    def __init__(self, fn: TaskFn) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = TaskSignals()  # created on the GUI thread, so its signals are delivered there
        self.cancel = threading.Event()
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(self._report, self.cancel)
        except Exception as error:  # noqa: BLE001 - handed to the GUI, which shows it in one sentence
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)

    def _report(self, done: int, total: int, message: str = "") -> None:
        self.signals.progress.emit(done, total, message)


class TaskRunner(QObject):
    """Owns two pools: parallel reads (parse, render) and one ordered writer for the database."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._live: set[Task] = set()

    def submit(self, fn: TaskFn, *, writes: bool = False, finished: Callable[[Any], None] | None = None,
               failed: Callable[[BaseException], None] | None = None,
               progress: Callable[[int, int, str], None] | None = None) -> Task:
        """Start fn in a pool thread. Handlers are connected before it starts: a quick task's result is
        never emitted before anyone listens."""
        task = Task(fn)
        self._live.add(task)
        for handler, signal in ((finished, task.signals.finished), (failed, task.signals.failed),
                                (progress, task.signals.progress)):
            if handler is not None:
                signal.connect(handler)
        task.signals.finished.connect(lambda _result, t=task: self._live.discard(t))
        task.signals.failed.connect(lambda _error, t=task: self._live.discard(t))
        (self._writes if writes else self._reads).start(task)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def wait_for_done(self, msecs: int = -1) -> bool:
        for task in list(self._live):
            task.cancel.set()
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)
