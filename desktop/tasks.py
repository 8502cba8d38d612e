"""Background work: reads run in a pool, every database write runs on the one writer thread; results come
back by signals. After each write the runner announces what it changed (a Changes value) to the panels."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.domain.changes import Changes
from core.services.app import record_changes

ProgressFn = Callable[[int, int, str], None]
TaskFn = Callable[[ProgressFn, threading.Event], Any]
T = TypeVar("T")


class TaskSignals(QObject):
    progress = Signal(int, int, str)  # done, total, message
    changed = Signal(object)  # Changes (writes only), emitted just before finished
    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """Runs fn(report_progress, cancel_event) in a pool thread. Never touches widgets."""

    def __init__(self, fn: TaskFn, *, records_changes: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = TaskSignals()  # created on the GUI thread, so its signals are delivered there
        self.cancel = threading.Event()
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.changes = Changes()
        self._fn = fn
        self._records_changes = records_changes

    def run(self) -> None:
        try:
            if self._records_changes:
                self.result, self.changes = record_changes(lambda: self._fn(self._report, self.cancel))
            else:
                self.result = self._fn(self._report, self.cancel)
        except Exception as error:  # noqa: BLE001 - handed to the GUI, which shows it in one sentence
            self.error = error
            self.done.set()
            self.signals.failed.emit(error)
        else:
            self.done.set()
            if not self.changes.is_empty:
                self.signals.changed.emit(self.changes)
            self.signals.finished.emit(self.result)

    def _report(self, done: int, total: int, message: str = "") -> None:
        self.signals.progress.emit(done, total, message)


class TaskRunner(QObject):
    """Owns two pools: parallel reads (parse, render, load a panel) and the one ordered database writer.

    `changed` is the application's one signal for data changes: every write through submit(writes=True) or
    write_now() emits what it changed, and the panels refresh what they show from it.
    """

    changed = Signal(object)  # Changes

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._live: set[Task] = set()

    def submit(
        self,
        fn: TaskFn,
        *,
        writes: bool = False,
        finished: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> Task:
        """Start fn in a pool thread (the writer when `writes`). Handlers are connected before it starts:
        a quick task's result is never emitted before anyone listens."""
        task = Task(fn, records_changes=writes)
        self._live.add(task)
        task.signals.changed.connect(self.changed)
        for handler, signal in (
            (finished, task.signals.finished),
            (failed, task.signals.failed),
            (progress, task.signals.progress),
        ):
            if handler is not None:
                signal.connect(handler)
        task.signals.finished.connect(lambda _result, t=task: self._live.discard(t))
        task.signals.failed.connect(lambda _error, t=task: self._live.discard(t))
        (self._writes if writes else self._reads).start(task)
        return task

    def write_now(self, fn: Callable[[], T]) -> T:
        """Run one short write on the writer thread, in turn with the others, and wait for it (an editor's
        single edit takes milliseconds). Raises what fn raised; announces the changes before returning."""
        task = Task(lambda _progress, _cancel: fn(), records_changes=True)
        self._writes.start(task)
        task.done.wait()
        if task.error is not None:
            raise task.error
        self.announce(task.changes)
        return task.result

    def announce(self, changes: Changes) -> None:
        """Tell every panel about changes made outside a write task (e.g. another database was opened)."""
        if not changes.is_empty:
            self.changed.emit(changes)

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def wait_for_done(self, msecs: int = -1) -> bool:
        for task in list(self._live):
            task.cancel.set()
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)
