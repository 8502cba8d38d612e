"""PreviewWindow: a built PDF shown from memory, with Save as PDF…, Print…, zoom and a page indicator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QSizePolicy, QWidget

from core.domain.errors import CandourError
from core.services.saving import save_document
from desktop.dialogs import Dialogs, describe_error
from desktop.documents.printing import match_orientation, page_range, print_document
from desktop.ui_settings import UiSettings
from desktop.widgets.icons import icon
from desktop.widgets.plain_text import plain_label
from desktop.widgets.screen_fit import fit_to_screen

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
PDF_FILTER = "PDF documents (*.pdf)"


class PreviewWindow(QMainWindow):
    """Non-modal: the user can keep working in the main window while it is open."""

    saved = Signal(object)  # the Path written
    printed = Signal(int)  # pages sent to the printer

    def __init__(
        self,
        data: bytes,
        suggested_name: str,
        dialogs: Dialogs,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.title = Path(suggested_name).stem  # e.g. 'Action plan - Harrowfield PET-CT Centre - 2026-03-02'
        self.setWindowTitle(f"{self.title} — Preview")
        self.data, self.suggested_name = data, suggested_name
        self.dialogs, self.settings = dialogs, settings
        self._buffer = QBuffer(self)  # QPdfDocument reads from it for as long as it is shown
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Document preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(16)
        self.view.setDocumentMargins(QMargins(16, 16, 16, 16))
        self.setCentralWidget(self.view)
        self.page_label = plain_label()
        self.page_label.setAccessibleName("Page number")
        self._build_toolbar()
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._show_page(0)
        fit_to_screen(self, QSize(1100, 800))

    # -- building -------------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        icon_name: str = "",
    ) -> QAction:
        action = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({action.shortcut().toString()})")
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Preview")
        toolbar.setObjectName("preview-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save_action = self._action("&Save as PDF…", self.save_as, QKeySequence.StandardKey.Save, "save")
        self.print_action = self._action(
            "&Print…", self.print_with_dialog, QKeySequence.StandardKey.Print, "print"
        )
        self.zoom_out_action = self._action(
            "Zoom &out", lambda: self.zoom(1 / ZOOM_STEP), QKeySequence.StandardKey.ZoomOut, "zoom-out"
        )
        self.zoom_in_action = self._action(
            "Zoom &in", lambda: self.zoom(ZOOM_STEP), QKeySequence.StandardKey.ZoomIn, "zoom-in"
        )
        self.fit_action = self._action("&Fit width", self.fit_width, QKeySequence("Ctrl+0"), "fit-width")
        toolbar.addActions([self.save_action, self.print_action])
        toolbar.addSeparator()
        toolbar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_action])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.page_label)

    # -- viewing --------------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def _show_page(self, page: int) -> None:
        self.page_label.setText(f"Page {page + 1} of {self.page_count}  ")

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- saving and printing --------------------------------------------------------------------------

    def save_as(self) -> Path | None:
        folder = self.settings.last_save_dir("documents")
        target = self.dialogs.save_file("Save as PDF", folder / self.suggested_name, PDF_FILTER)
        if target is None:
            return None
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            save_document(self.data, target)
        except CandourError as error:
            self.dialogs.warn("Could not save the PDF", describe_error(error))
            return None
        self.settings.set_last_save_dir("documents", target.parent)
        self.statusBar().showMessage(f"Saved {target.name}.", 8000)
        self.saved.emit(target)
        return target

    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        match_orientation(printer, self.document)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print {self.title}")
        dialog.setMinMax(1, max(1, self.page_count))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the chosen pages to an already set-up printer (the print dialog's, or a test's PDF
        printer)."""
        pages = page_range(printer, self.page_count, self.current_page)
        progress = QProgressDialog("Printing…", "Cancel", 0, len(pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def report(done: int, total: int) -> bool:
            progress.setValue(done)
            progress.setLabelText(f"Printing page {done + 1} of {total}…")
            return not progress.wasCanceled()

        try:
            printed = print_document(self.document, printer, pages, report)
        except CandourError as error:
            self.dialogs.warn("Could not print", str(error))
            return 0
        finally:
            progress.close()
            progress.deleteLater()
        self.statusBar().showMessage(
            f"Sent {printed} page{'s' if printed != 1 else ''} to the printer.", 8000
        )
        self.printed.emit(printed)
        return printed

    def closeEvent(self, event: QCloseEvent) -> None:
        # Close the document before the view and the buffer go (setDocument(None) made Qt warn on the
        # console: its link model cannot be connected to no document).
        self.document.close()
        super().closeEvent(event)
