"""DocumentActions: the File menu's Print action plan…, Meeting pack…, CQC action plan…, Export… and Back
up…"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QStatusBar, QWidget

from core.domain.documents import DEFAULT_SERIES, ActionPlanOptions, CqcPlanOptions, MeetingPackOptions
from core.services.app import Services
from core.services.saving import export_register
from desktop.documents.naming import suggested_name
from desktop.documents.progress import ProgressJob
from desktop.register.model import HEADERS, SORT_KEYS
from desktop.widgets.plain_text import link_html, link_label

# The option dialogs and the PDF preview load when first asked for, not with the window (20 ms of start-up).
if TYPE_CHECKING:
    from desktop.dialogs import Dialogs
    from desktop.documents.preview import PreviewWindow
    from desktop.register.panel import RegisterPanel
    from desktop.tasks import TaskRunner
    from desktop.ui_settings import UiSettings

EXPORT_FILTERS = "Excel workbook (*.xlsx);;CSV, comma-separated values (*.csv)"
BACKUP_FILTERS = "Candour backups (*.sqlite3)"
STATUS_MS = 15_000


class DocumentActions(QObject):
    """Options dialog → PDF built off the GUI thread → preview; and exports and backups to files."""

    preview_opened = Signal(object)  # the PreviewWindow
    finished = Signal(str)  # the status message after an export or a backup

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        status_bar: QStatusBar,
        window: QWidget,
        *,
        register: Callable[[], RegisterPanel],
        selected_location: Callable[[], int | None],
    ) -> None:
        """`window` parents the dialogs and previews; `register` and `selected_location` give what the user
        is looking at (the register's filter, order and rows; the location selected in its panel)."""
        super().__init__(window)
        self.services = services  # replaced when the window opens another database
        self.dialogs, self.settings, self.status_bar, self.window = dialogs, settings, status_bar, window
        self.register, self.selected_location = register, selected_location
        self.job = ProgressJob(runner, window)
        self.dialog: QDialog | None = None  # the options dialog on screen, if any
        self.previews: list[PreviewWindow] = []
        self._message = ""  # the last status message with an 'Open folder' link
        self.folder_link = link_label("", "")
        self.folder_link.setAccessibleName("Open the folder of the saved file")
        self.folder_link.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.folder_link.setContentsMargins(0, 0, 12, 0)
        self.folder_link.hide()
        status_bar.insertPermanentWidget(0, self.folder_link)  # next to the message
        status_bar.messageChanged.connect(self._on_status_changed)

    # -- printed documents -----------------------------------------------------------------------------

    def print_action_plan(self) -> None:
        from desktop.documents.plan_dialog import ActionPlanDialog

        dialog = ActionPlanDialog(self.services, self.register().action_filter, self.window)
        self._open(dialog, lambda: self._build_plan(dialog.options(), dialog.locations.selected_names))

    def print_meeting_pack(self) -> None:
        from desktop.documents.pack_dialog import MeetingPackDialog

        documents = self.services.documents
        series = documents.pack_series()
        last = (
            documents.last_pack_meeting(series[0] if series else DEFAULT_SERIES) or self.settings.last_meeting
        )
        dialog = MeetingPackDialog(
            self.services.ctx.today(),
            last,
            self.services.locations.list(include_archived=False),
            self.window,
            series=series,
            covers=documents.pack_cover,
        )
        self._open(dialog, lambda: self._build_pack(dialog.options(), dialog.locations.selected_names))

    def print_cqc_plan(self) -> None:
        from desktop.documents.cqc_dialog import CqcPlanDialog

        locations = self.services.locations.list(include_archived=False)
        if not locations:
            self.dialogs.inform("CQC action plan", "There are no locations yet: import a CQC report first.")
            return
        selected = self.selected_location()
        documents = self.services.documents
        dialog = CqcPlanDialog(
            locations, documents.cqc_plan_inspections, selected, self.window, gaps=documents.cqc_plan_gaps
        )
        self._open(
            dialog, lambda: self._build_cqc(dialog.options(), dialog.location.currentText(), dialog.gaps)
        )

    def _open(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        """Show the options dialog window-modal without blocking; build when the user presses Preview."""
        if self.job.busy:
            self.dialogs.inform("Please wait", "Candour is still preparing the last document.")
            return
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _build_plan(self, options: ActionPlanOptions, names: list[str]) -> None:
        documents = self.services.documents
        self._build(
            "action plan",
            suggested_name(options.title or "Action plan", names, self.services.ctx.today()),
            lambda report: documents.action_plan(options, report),
        )

    def _build_pack(self, options: MeetingPackOptions, names: list[str]) -> None:
        documents = self.services.documents
        self._build(
            "board pack",
            suggested_name("Board pack", names, options.meeting),
            lambda report: documents.meeting_pack(options, report, keep_snapshot=True),
            lambda: setattr(self.settings, "last_meeting", options.meeting),
        )

    def _build_cqc(self, options: CqcPlanOptions, location: str, gaps: list[str]) -> None:
        from desktop.documents.cqc_dialog import gaps_warning

        if gaps and not self.dialogs.confirm("CQC action plan", gaps_warning(gaps) + "\n\nPrint it anyway?"):
            return
        documents = self.services.documents
        self._build(
            "CQC action plan",
            suggested_name("CQC action plan", [location], self.services.ctx.today()),
            lambda report: documents.cqc_plan(options, report),
        )

    def _build(
        self,
        noun: str,
        file_name: str,
        make: Callable[[Callable[[int, int], None]], bytes],
        after: Callable[[], None] | None = None,
    ) -> None:
        """Build off the GUI thread behind a progress dialog, then preview (noun: e.g. 'meeting pack')."""

        def done(data: bytes) -> None:
            if after is not None:
                after()
            self._show_preview(data, file_name)

        self.job.start(
            f"Preparing the {noun}",
            f"Building the {noun}…",
            lambda report, _cancel: make(report),
            done,
            lambda sentence: self.dialogs.warn(f"Could not prepare the {noun}", sentence),
        )

    def _show_preview(self, data: bytes, file_name: str) -> PreviewWindow:
        from desktop.documents.preview import PreviewWindow

        preview = PreviewWindow(data, file_name, self.dialogs, self.settings, self.window)
        self.previews.append(preview)
        preview.destroyed.connect(lambda _o=None, p=preview: self._forget(p))
        preview.show()
        preview.raise_()
        self.preview_opened.emit(preview)
        return preview

    def _forget(self, preview: PreviewWindow) -> None:
        if preview in self.previews:
            self.previews.remove(preview)

    # -- export and backup -----------------------------------------------------------------------------

    def export_register(self) -> None:
        register = self.register()
        ids = list(register.model.ids)
        if not ids:
            self.dialogs.inform(
                "Export", "The action register shows no actions, so there is nothing to export."
            )
            return
        settings, today = self.settings, self.services.ctx.today()
        target = self.dialogs.save_file(
            "Export actions",
            settings.last_save_dir("exports") / f"Candour actions {today.isoformat()}.xlsx",
            EXPORT_FILTERS,
        )
        if target is None:
            return
        target = target if target.suffix else target.with_name(target.name + ".xlsx")
        services, described = self.services, self._register_in_words()

        def work(report: Callable[[int, int], None], cancel: Any) -> int | None:
            return export_register(
                services.actions,
                ids,
                target,
                filter_text=described,
                exported_at=services.ctx.now(),
                progress=report,
                cancel=cancel,
            )

        def done(count: int | None) -> None:
            if count is not None:
                settings.set_last_save_dir("exports", target.parent)
                self._announce(f"Exported {count:,} action{'s' if count != 1 else ''} to {target}.", target)

        self.job.start(
            "Exporting actions",
            f"Writing {len(ids):,} actions to {target.name}…",
            work,
            done,
            lambda sentence: self.dialogs.warn("Could not export", sentence),
        )

    def _register_in_words(self) -> str:
        """The register's filter and order, e.g. 'MUST actions, overdue; in the register's order (due,
        ascending)'."""
        model = self.register().model
        column = next(HEADERS[c] for c, key in SORT_KEYS.items() if key is model.sort_key)
        order = "descending" if model.descending else "ascending"
        words = self.services.documents.describe_filter(model.filter)
        return f"{words}; in the register's order ({column.lower()}, {order})"

    def back_up(self) -> None:
        settings, services = self.settings, self.services
        suggested = (
            settings.last_save_dir("backups")
            / f"Candour backup {self.services.ctx.today().isoformat()}.sqlite3"
        )
        target = self.dialogs.save_file("Back up the database", suggested, BACKUP_FILTERS)
        if target is None:
            return
        target = target if target.suffix else target.with_name(target.name + ".sqlite3")

        def done(written: Path) -> None:
            settings.set_last_save_dir("backups", written.parent)
            self._announce(f"Backed up the database to {written}.", written)

        self.job.start(
            "Backing up",
            f"Copying the database to {target.name}…",
            lambda _report, _cancel: services.back_up(target),
            done,
            lambda sentence: self.dialogs.warn("Could not back up", sentence),
            writes=True,
        )

    # -- status bar --------------------------------------------------------------------------------------

    def _announce(self, message: str, written: Path) -> None:
        self.status_bar.showMessage(message, STATUS_MS)
        self._message = message
        self.folder_link.setText(link_html(QUrl.fromLocalFile(str(written.parent)).toString(), "Open folder"))
        self.folder_link.show()
        self.finished.emit(message)

    def _on_status_changed(self, message: str) -> None:
        if message != self._message:
            self.folder_link.setContentsMargins(0, 0, 12, 0)
        self.folder_link.hide()
