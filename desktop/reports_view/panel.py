"""ReportsPanel: every imported document, and the text Candour extracted from the selected one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.domain.changes import Changes, Entity
from core.domain.errors import CandourError, RuleViolation
from core.domain.registry import ReportSummary
from core.services.app import Services
from desktop.dialogs import Dialogs
from desktop.locations.rating_chips import heading
from desktop.locations.row_model import ROW_ROLE, Column, RowFilterProxy, RowTableModel
from desktop.panel import Panel
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings
from desktop.widgets.date_button import format_date
from desktop.widgets.plain_text import plain_label
from desktop.widgets.table_kit import IMPORT_HINT, EmptyHint, make_table, restore_header, save_header

TABLE_KEY = "reports"
SPLITTER_KEY = "reports"
FORMATS = {"pdf": "PDF", "html": "Web page", "text": "Text"}


def report_columns() -> list[Column[ReportSummary]]:
    return [
        Column("File", lambda r: r.file_name, tip=lambda r: f"{r.file_name}\nSHA-256 {r.sha256}"),
        Column("Location", lambda r: r.location_name or "—"),
        Column("Format", lambda r: FORMATS.get(r.format.value, r.format.value)),
        Column(
            "Imported",
            lambda r: f"{format_date(r.imported_at.date())} {r.imported_at:%H:%M}",
            sort=lambda r: r.imported_at.isoformat(),
        ),
        Column("By", lambda r: r.imported_by),
        Column(
            "Inspections", lambda r: str(r.inspection_count), sort=lambda r: r.inspection_count, numeric=True
        ),
        Column("Actions", lambda r: str(r.action_count), sort=lambda r: r.action_count, numeric=True),
    ]


class ReportsPanel(Panel):
    title = "Reports"
    shows = frozenset({Entity.REPORT})  # imports list their reports; an action's change lists its report

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, runner, dialogs, settings, parent)
        self.model: RowTableModel[ReportSummary] = RowTableModel(report_columns(), self)
        self.proxy = RowFilterProxy(lambda r: f"{r.file_name} {r.location_name or ''}", self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(
            "Imported reports", self.proxy, {0: 300, 1: 220, 2: 90, 3: 150, 4: 120, 5: 90, 6: 70}
        )
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.empty_hint = EmptyHint(self.table, "No reports imported yet. " + IMPORT_HINT)
        self.text_heading = heading("Extracted text")
        # A long file name must not widen the window: the heading gives way (its tooltip has it in full).
        self.text_heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Extracted text of the selected report")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._make_find_bar()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self._lay_out()
        restore_header(self.table, self, TABLE_KEY)

    def _make_find_bar(self) -> None:
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find in the text")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setAccessibleName("Find in the report text")
        self.find_box.textChanged.connect(lambda _t: self.find_next(from_start=True))
        self.find_box.returnPressed.connect(self.find_next)
        self.next_button = QPushButton("&Next")
        self.next_button.clicked.connect(lambda: self.find_next())
        self.previous_button = QPushButton("&Previous")
        self.previous_button.clicked.connect(lambda: self.find_next(backward=True))
        self.match_label = plain_label()
        self.delete_button = QPushButton("&Delete report…")
        self.delete_button.setToolTip(
            "Delete the selected report, imported by mistake, with the actions it brought "
            "in (the reason is kept)"
        )
        self.delete_button.clicked.connect(self.delete_selected)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._focus_find)

    def _lay_out(self) -> None:
        find = QHBoxLayout()
        find.addWidget(self.text_heading, 1)
        find_label = plain_label("F&ind:")
        find_label.setBuddy(self.find_box)
        find.addWidget(find_label)
        find.addWidget(self.find_box, 1)
        find.addWidget(self.previous_button)
        find.addWidget(self.next_button)
        find.addWidget(self.match_label)
        find.addWidget(self.delete_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        lower_layout.addLayout(find)
        lower_layout.addWidget(self.text, 1)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([260, 540])
        if state := self.settings.splitter_state(SPLITTER_KEY):
            self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.table, self.find_box)
        self.setTabOrder(self.find_box, self.previous_button)
        self.setTabOrder(self.previous_button, self.next_button)
        self.setTabOrder(self.next_button, self.text)

    # -- Panel ---------------------------------------------------------------------------------------

    def load(self, changes: Changes) -> Callable[[], list[ReportSummary]]:
        return self.services.locations.reports

    def show_loaded(self, data: list[ReportSummary], changes: Changes) -> None:
        selected = self.selected_report()
        self.model.set_rows(data)
        if selected is not None:
            self.select_report(selected.id)
        if self.selected_report() is None:
            self._show_text(None)

    def save_state(self) -> None:
        save_header(self.table, self, TABLE_KEY)
        self.settings.set_splitter_state(SPLITTER_KEY, self.splitter.saveState())

    # -- deleting ------------------------------------------------------------------------------------

    def delete_selected(self) -> bool:
        """Delete the selected report with a reason; asks again when its actions have work recorded."""
        report = self.selected_report()
        if report is None:
            self.dialogs.inform("Delete report", "Choose the report to delete first.")
            return False
        reason = self.dialogs.ask_text(
            "Delete report",
            f"Why is {report.file_name} being deleted? It takes the "
            f"{report.action_count} actions it brought in with it (the reason is kept).",
        )
        if not reason or not reason.strip():
            return False
        removal, write = self.services.removal, self.runner.write_now
        try:
            try:
                write(lambda: removal.delete_report(report.id, reason))
            except RuleViolation as refusal:
                if not self.dialogs.confirm(
                    "Delete report",
                    f"{refusal} Delete it anyway?".replace("; confirm to delete it anyway.", "."),
                ):
                    return False
                write(lambda: removal.delete_report(report.id, reason, confirmed=True))
        except CandourError as error:
            self.dialogs.warn("Report not deleted", str(error))
            return False
        self.status_message.emit(f"Deleted {report.file_name} and the actions it brought in.")
        return True

    # -- selection -----------------------------------------------------------------------------------

    def selected_report(self) -> ReportSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_report(self, report_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ROW_ROLE).id == report_id:
                self.table.selectRow(row)
                return True
        return False

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_text(self.selected_report())

    def _show_text(self, report: ReportSummary | None) -> None:
        if report is None:
            self.text.setPlainText("")
            self.text_heading.setText("Extracted text")
            self.text.setPlaceholderText("Select a report to read the text Candour extracted from it.")
            return
        try:
            text = self.services.locations.report_text(report.id)
        except CandourError as error:
            text = str(error)
        self.text.setPlainText(text)
        self.text_heading.setText(f"Extracted text of {report.file_name} ({len(text):,} characters)")
        self.text_heading.setToolTip(self.text_heading.text())
        if self.find_box.text():
            self.find_next(from_start=True)

    # -- find ----------------------------------------------------------------------------------------

    def _focus_find(self) -> None:
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()

    def find_next(self, backward: bool = False, from_start: bool = False) -> bool:
        needle = self.find_box.text()
        if not needle:
            self.match_label.setText("")
            return False
        if from_start:
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.text.find(needle, flags)
        if not found:  # wrap around once
            self.text.moveCursor(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            found = self.text.find(needle, flags)
        total = self.text.toPlainText().casefold().count(needle.casefold())
        self.match_label.setText(f"{total:,} found" if found else "Not found")
        return found
