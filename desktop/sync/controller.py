"""SyncController: the sync dialog → fetch from CQC off the GUI thread → the import preview → record the sync.

Nothing is written to the database until the user confirms the preview; a preview that is cancelled records
nothing, so the next sync offers the same reports again.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from core.cqc.access import KEY_ENV, api_url, store_key, stored_key, subscription_key
from core.cqc.errors import PORTAL, CqcError, CqcKeyMissing
from core.cqc.plan import SyncPlan, SyncRequest, SyncSummary
from core.domain.errors import CandourError
from core.domain.imports import ImportOutcome, ImportStatus
from core.paths import data_dir
from core.services.app import Services
from desktop.dialogs import Dialogs, describe_error
from desktop.importing.controller import ImportController
from desktop.importing.loading import LoadedFile, load_paths
from desktop.importing.preview_dialog import PreviewDialog
from desktop.sync.dialog import SyncDialog
from desktop.tasks import ProgressFn, Task, TaskRunner
from desktop.ui_settings import UiSettings

log = logging.getLogger(__name__)
PROVIDER_SETTING = "cqc_provider_id"


class SyncController(QObject):
    synced = Signal(object)  # the SyncSummary, once the sync is recorded
    dialog_shown = Signal(object)  # the SyncDialog (tests drive it from here)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        importer: ImportController,
        parent: QWidget,
        download_dir: Path | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.runner, self.dialogs, self.settings = services, runner, dialogs, settings
        self.importer = importer
        self.download_dir = download_dir or data_dir() / "cqc-reports"
        self._sleep = sleep  # the client's back-off wait (tests pass one that returns at once)
        self._window = parent
        self.dialog: SyncDialog | None = None
        self._task: Task | None = None
        self._plan: SyncPlan | None = None

    # -- the dialog ----------------------------------------------------------------------------------------

    def start(self) -> None:
        if self.importer.busy or self._task is not None:
            self.dialogs.inform("Import in progress", "Finish the import that is under way first.")
            return
        self.dialog = SyncDialog(
            str(self.settings.value(PROVIDER_SETTING, "") or ""), _key_source(), self._window
        )
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.start_requested.connect(self._on_start)
        self.dialog.cancel_requested.connect(self._on_cancel)
        self.dialog.rejected.connect(self._drop_dialog)
        self.dialog.resize(self.dialog.sizeHint())
        self.dialog.open()
        self.dialog_shown.emit(self.dialog)

    def _on_start(self) -> None:
        dialog = self.dialog
        if dialog is None:  # the dialog's own signal started this, so it is there; a late signal does nothing
            return
        try:
            request = SyncRequest(
                provider_id=dialog.provider_id() or None, location_ids=dialog.location_ids()
            )
        except ValidationError:
            dialog.show_error("Enter the CQC provider id (on the provider's CQC web page), or location ids.")
            return
        try:
            key = dialog.key() or subscription_key()
            url = api_url()
        except CqcKeyMissing:
            dialog.show_error(
                f"Enter your CQC API subscription key: get one free from the CQC API portal ({PORTAL})."
            )
            return
        except CqcError as error:
            dialog.show_error(str(error))
            return
        note = ""
        if dialog.key() and dialog.remember_key():
            try:
                store_key(dialog.key())
            except CqcError as error:
                note = f"{error} The key is used for this check only."
        self.settings.set_value(PROVIDER_SETTING, request.provider_id or "")
        dialog.show_progress()
        if note:
            dialog.location_list.addItem(note)
        self._task = self.runner.submit(
            lambda progress, cancel: self._fetch(url, key, request, progress, cancel),
            finished=self._on_fetched,
            failed=self._on_failed,
            progress=self._on_progress,
        )

    def _fetch(
        self, url: str, key: str, request: SyncRequest, progress: ProgressFn, cancel: threading.Event
    ) -> tuple[SyncPlan, list[LoadedFile]]:
        """Pool thread: ask CQC, download, and read the downloads for the preview. Writes no database rows."""
        from core.cqc.client import CqcClient  # httpx loads only when a sync is asked for

        with CqcClient(url, key, cancel=cancel, sleep=self._sleep) as client:
            plan = self.services.sync.fetch(client, request, self.download_dir, progress)
        files = (
            load_paths(self.services.imports, plan.files, lambda *_a: None, threading.Event())
            if plan.files
            else []
        )
        files += [LoadedFile(name=d.name, error=d.error) for d in plan.downloads if d.error]
        return plan, files

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.dialog is not None:
            self.dialog.set_progress(done, total, message)

    def _on_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel.set()

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        if not isinstance(error, CandourError):
            log.error("CQC sync failed", exc_info=error)
        if self.dialog is not None:
            self.dialog.show_error(describe_error(error))

    def _drop_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    # -- preview, then record --------------------------------------------------------------------------------

    def _on_fetched(self, result: tuple[SyncPlan, list[LoadedFile]]) -> None:
        self._task = None
        plan, files = result
        if self.dialog is not None:
            self.dialog.hide()  # kept (with its per-location lines) until the sync is recorded or dropped
        if plan.stopped:
            self.dialogs.warn(
                "CQC sync stopped", f"{plan.stopped} The reports fetched before that are shown next."
            )
        self._plan = plan
        if not any(f.importable for f in files):
            self._apply(
                [
                    ImportOutcome(source=f.name, status=ImportStatus.UNCHANGED, message=f.previous)
                    for f in files
                    if f.previous
                ]
            )
            return
        self.importer.previewed.connect(self._on_previewed)
        if not self.importer.preview_files(files):
            self.importer.previewed.disconnect(self._on_previewed)
            self._plan = None
            self._drop_dialog()

    def _on_previewed(self, preview: PreviewDialog) -> None:
        self.importer.previewed.disconnect(self._on_previewed)
        preview.setWindowTitle("Reports from CQC — check before importing")
        self.importer.imported.connect(self._on_imported)
        preview.rejected.connect(self._on_preview_rejected)

    def _on_preview_rejected(self) -> None:
        self.importer.imported.disconnect(self._on_imported)
        self._plan = None
        self._drop_dialog()
        self.dialogs.inform(
            "CQC sync", "Nothing was imported or recorded; the next check offers these reports again."
        )

    def _on_imported(self, outcomes: list[ImportOutcome]) -> None:
        self.importer.imported.disconnect(self._on_imported)
        self._apply(outcomes)

    def _apply(self, outcomes: list[ImportOutcome]) -> None:
        plan = self._plan
        self._plan = None
        if plan is None:
            return
        sync = self.services.sync
        self._task = self.runner.submit(
            lambda _progress, _cancel: sync.apply(plan, outcomes),
            writes=True,
            finished=self._on_applied,
            failed=self._on_apply_failed,
        )

    def _on_applied(self, summary: SyncSummary) -> None:
        self._task = None
        self._drop_dialog()
        text = "\n\n".join(
            part
            for part in (
                summary.headline(),
                "\n".join(summary.locations),
                "\n".join(summary.notes),
                "\n".join(summary.problems),
                summary.stopped or "",
            )
            if part
        )
        self.dialogs.inform("CQC sync finished", text)
        self.synced.emit(summary)

    def _on_apply_failed(self, error: BaseException) -> None:
        self._task = None
        self._drop_dialog()
        if not isinstance(error, CandourError):
            log.error("Recording the CQC sync failed", exc_info=error)
        self.dialogs.warn("CQC sync", describe_error(error))


def _key_source() -> str | None:
    """Where the key will come from if none is typed, in words for the key box."""
    if os.environ.get(KEY_ENV, "").strip():
        return f"from {KEY_ENV}"
    return "stored in this computer's keyring" if stored_key() else None
