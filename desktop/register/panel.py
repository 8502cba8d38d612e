"""RegisterPanel: the filter bar, the filter in words, and the action table with bulk operations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionFilter, ActionPage, ActionSummary, BulkResult, SortKey
from core.domain.changes import Changes, Entity
from core.domain.errors import CandourError
from core.domain.registry import LocationSummary, Person
from core.domain.wording import describe_filter
from core.domain.workflow import Transition
from core.services.app import Services
from desktop.dialogs import Dialogs
from desktop.panel import Panel
from desktop.register.bulk import BulkOperations
from desktop.register.filter_bar import FilterBar
from desktop.register.model import HEADERS, ID_ROLE, SUMMARY_ROLE, ActionTableModel, Col
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings
from desktop.widgets.chips import ChipDelegate
from desktop.widgets.plain_text import link_label, plain_label
from desktop.widgets.table_kit import IMPORT_HINT, EmptyHint, make_table

TABLE_KEY = "register"


@dataclass(frozen=True)
class RegisterData:
    """What a refresh read: the first page (and filter choices), or fresh rows to repaint in place."""

    first: ActionPage | None = None
    asked: tuple[ActionFilter, SortKey, bool] | None = None  # the filter and order `first` was read for
    locations: list[LocationSummary] | None = None
    people: list[Person] | None = None
    rows: list[ActionSummary] = field(default_factory=list)


# Typical widest content per column; the action text gets a fixed share (full text in tooltip and editor).
SAMPLES = {
    Col.REFERENCE: "WEN-2026-M01",
    Col.LOCATION: "Harrowfield PET",
    Col.KIND: "SHOULD  ",
    Col.TEXT: "The provider must ensure medic",
    Col.KEY_QUESTION: "Responsive",
    Col.REGULATION: "Reg 12(2)(g)",
    Col.OWNER: "Amara Okafor",
    Col.DUE: "30 Sep 2026 +30 d",
    Col.STATUS: "In progress",
    Col.RAG: "● Amber",
    Col.UPDATED: "30 Sep 2026",
    Col.STEPS: "2/5 · next 3 Apr",  # the rest shows in the tooltip and the editor
}


class RegisterPanel(Panel):
    title = "Actions"
    shows = frozenset({Entity.ACTION, Entity.LOCATION, Entity.PERSON})
    filter_described = Signal(str)  # the filter in words, for the status bar

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, runner, dialogs, settings, parent)
        self.undo_stack = QUndoStack(self)  # bulk changes; the main window puts it in its undo group
        self.bulk = BulkOperations(services, dialogs, runner.write_now, self, undo_stack=self.undo_stack)
        self.model = ActionTableModel(services.actions, self)
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self._on_filter_changed)
        self.words = plain_label()
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setAccessibleName("Current filter")
        self.clear_link = link_label("#clear", "Clear")
        self.clear_link.setAccessibleName("Clear filters")
        self.clear_link.linkActivated.connect(lambda _l: self.filter_bar.clear())
        self.views_button = QToolButton()
        self.views_button.setText("&Views")
        self.views_button.setAccessibleName("Saved views")
        self.views_button.setToolTip("Save this filter under a name, or go back to one you saved")
        self.views_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.views_button.setMenu(QMenu(self.views_button))
        self.views_button.menu().aboutToShow.connect(self._fill_views_menu)
        self.table = self._make_table()
        self.empty_hint = EmptyHint(self.table, "")
        self._names: tuple[dict[int, str], dict[int, str]] = ({}, {})
        self._lay_out()
        self.model.loaded.connect(self._show_words)

    def _make_table(self) -> QTableView:
        table = make_table("Action register", self.model, sortable=False, multi_select=True)
        table.setSortingEnabled(True)  # the model sorts in SQL
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = table.fontMetrics()
        for col, sample in SAMPLES.items():
            table.setColumnWidth(col, metrics.horizontalAdvance(sample) + 24)
        # Shown from the header's menu: the action text needs the room more (the editor has both).
        header.setSectionHidden(Col.UPDATED, True)
        header.setSectionHidden(Col.KEY_QUESTION, True)
        header.setSectionHidden(Col.STEPS, True)
        # Two lines per row: most actions are a sentence or two, and one line of a narrow column shows little.
        table.setWordWrap(True)
        table.verticalHeader().setDefaultSectionSize(2 * metrics.lineSpacing() + 12)
        _stretch_action_text(header)
        header.setSortIndicator(Col.DUE, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        table.setItemDelegateForColumn(Col.KIND, ChipDelegate(table, bold=True))
        table.setItemDelegateForColumn(Col.RAG, ChipDelegate(table, dot_only=True))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_context_menu)
        table.doubleClicked.connect(self._on_activated)
        table.activated.connect(self._on_activated)
        return table

    def _lay_out(self) -> None:
        words_row = QHBoxLayout()
        words_row.addWidget(self.words, 1)
        words_row.addWidget(self.clear_link)
        words_row.addWidget(self.views_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.filter_bar)
        layout.addLayout(words_row)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.filter_bar.clear_button, self.table)

    # -- Panel ------------------------------------------------------------------------------------

    def load(self, changes: Changes) -> Callable[[], RegisterData]:
        """A single edit, or edits with no filter that could drop them, repaint their loaded rows in place
        (the user keeps their place); anything else re-queries the first page (and the filter choices)."""
        in_place = (
            self.model.live
            and not changes.everything
            and changes.actions
            and Entity.ACTION not in changes.added_or_removed
            and (len(changes.actions) == 1 or self.model.filter.is_empty)
        )
        actions = self.services.actions
        if in_place:
            ids = sorted(changes.actions & self.model.cached_ids())
            return lambda: RegisterData(rows=actions.summaries(ids) if ids else [])
        locations, people, first, asked = (
            self.services.locations,
            self.services.people,
            self.model.first_page_query(),
            self.model.query,
        )
        names = changes.everything or bool(changes.locations or changes.people) or not self._names[0]
        return lambda: RegisterData(
            first=first(),
            asked=asked,
            locations=locations.list() if names else None,
            people=people.list() if names else None,
        )

    def show_loaded(self, data: RegisterData, changes: Changes) -> None:
        if data.locations is not None and data.people is not None:
            self._names = ({loc.id: loc.name for loc in data.locations}, {p.id: p.name for p in data.people})
            self.filter_bar.set_choices(data.locations, data.people)
        if data.first is None:
            self.model.replace_rows(data.rows)
            return
        if data.asked != self.model.query:
            return  # the filter or order changed while this was read: the model already shows the newer one
        selected = self.selected_ids()
        self.model.show_first_page(data.first)
        self.select_ids(selected)

    def restore_state(self) -> None:
        """The columns, order and filter the register had when Candour last closed on this database."""
        remembered = self._filter_from(self.settings.register_filter(self.services.database_label))
        if remembered is not None:
            self.filter_bar.set_filter(remembered, emit=False)
            self.model.filter = remembered  # not queried yet: the first load uses it
        state = self.settings.header_state(TABLE_KEY)
        header = self.table.horizontalHeader()
        if state is not None:
            header.restoreState(state)
            _stretch_action_text(header)
        # The header's sort indicator is the persisted sort order: the first load uses it.
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_state(self) -> None:
        self.settings.set_header_state(TABLE_KEY, self.table.horizontalHeader().saveState())
        self.settings.set_register_filter(self.services.database_label, self.model.filter.model_dump_json())

    # -- named views ----------------------------------------------------------------------------------

    @staticmethod
    def _filter_from(text: str | None) -> ActionFilter | None:
        if not text:
            return None
        try:
            return ActionFilter.model_validate_json(text)
        except ValueError:
            return None  # written by another version of Candour: start from every action

    def saved_views(self) -> dict[str, ActionFilter]:
        views = self.settings.saved_views(self.services.database_label)
        return {name: flt for name, text in views.items() if (flt := self._filter_from(text)) is not None}

    def save_view(self, name: str | None = None) -> str | None:
        """Keep the current filter under a name (asked for when not given); returns the name."""
        if name is None:
            name = self.dialogs.ask_text(
                "Save view", f"Name for this view of the register ({self.describe()}):"
            )
        if not name or not name.strip():
            return None
        views = self.settings.saved_views(self.services.database_label)
        views[name.strip()] = self.model.filter.model_dump_json()
        self.settings.set_saved_views(self.services.database_label, views)
        self.status_message.emit(f"View '{name.strip()}' saved.")
        return name.strip()

    def delete_view(self, name: str) -> None:
        views = self.settings.saved_views(self.services.database_label)
        views.pop(name, None)
        self.settings.set_saved_views(self.services.database_label, views)

    def _fill_views_menu(self) -> None:
        menu = self.views_button.menu()
        menu.clear()
        menu.addAction("&Save this view…", lambda: self.save_view())
        views = self.saved_views()
        if views:
            menu.addSeparator()
            for name, flt in sorted(views.items(), key=lambda item: item[0].casefold()):
                menu.addAction(name, partial(self.set_filter, flt))
            remove = menu.addMenu("&Delete a view")
            for name in sorted(views, key=str.casefold):
                remove.addAction(name, partial(self.delete_view, name))

    # -- filter ------------------------------------------------------------------------------------

    @property
    def action_filter(self) -> ActionFilter:
        return self.model.filter

    def set_filter(self, flt: ActionFilter) -> None:
        self.filter_bar.set_filter(flt)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def describe(self) -> str:
        return describe_filter(self.model.filter, *self._names)

    def _on_filter_changed(self, flt: ActionFilter) -> None:
        self.model.set_filter(flt)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, Col.REFERENCE))

    def _show_words(self) -> None:
        words = self.describe()
        shown = self.model.rowCount()
        self.words.setText(f"{words} — {shown:,} shown")
        self.clear_link.setVisible(not self.model.filter.is_empty)
        self.empty_hint.setText(
            "No action matches these filters: Clear them to see every action."
            if not self.model.filter.is_empty
            else "No actions yet. " + IMPORT_HINT
        )
        self.filter_described.emit(words)

    # -- selection and navigation -----------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [i for r in rows if (i := self.model.id_at(r)) is not None]

    def selected_summaries(self) -> list[ActionSummary]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [s for r in rows if (s := self.model.summary(r)) is not None]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        for n, action_id in enumerate(ids):
            row = self.model.row_of(action_id)
            if row is None:
                continue
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if n == 0:
                self.table.setCurrentIndex(self.model.index(row, Col.REFERENCE))
            selection.select(self.model.index(row, 0), flags)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def move_current(self, step: int) -> None:
        row = max(0, min(self.table.currentIndex().row() + step, self.model.rowCount() - 1))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, max(self.table.currentIndex().column(), 0)))

    def neighbour(self, action_id: int, step: int) -> int | None:
        """The id `step` rows away from action_id in the register's current order."""
        row = self.model.row_of(action_id)
        if row is None or not 0 <= row + step < self.model.rowCount():
            return None
        return self.model.id_at(row + step)

    def open_current(self) -> None:
        action_id = self.current_id()
        if action_id is not None:
            self.open_action.emit(action_id)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_action.emit(index.data(ID_ROLE))

    # -- edits -------------------------------------------------------------------------------------

    def replace_action(self, summary: ActionSummary) -> None:
        self.model.replace_row(summary)

    def bulk_assign(self, **kwargs: object) -> BulkResult | None:
        return self._after(self.bulk.assign(self.selected_summaries(), **kwargs))  # type: ignore[arg-type]

    def bulk_set_due(self, **kwargs: object) -> BulkResult | None:
        return self._after(self.bulk.set_due(self.selected_summaries(), **kwargs))  # type: ignore[arg-type]

    def bulk_set_key_question(self, **kwargs: object) -> BulkResult | None:
        return self._after(self.bulk.set_key_question(self.selected_ids(), **kwargs))  # type: ignore[arg-type]

    def bulk_change_status(self, transition: Transition | None = None) -> BulkResult | None:
        return self._after(self.bulk.change_status(self.selected_summaries(), transition))

    def _after(self, result: BulkResult | None) -> BulkResult | None:
        if result is not None and result.changed:
            self.status_message.emit(result.describe())
        return result

    def copy_references(self) -> None:
        references = [s.reference for s in self.selected_summaries()]
        QGuiApplication.clipboard().setText("\n".join(references))
        self.status_message.emit(f"Copied {len(references)} reference(s).")

    def _on_context_menu(self, pos: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _on_header_menu(self, pos: QPoint) -> None:
        """Show or hide columns (kept with the header state)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col in Col:
            action = menu.addAction(HEADERS[col])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(col is not Col.REFERENCE)
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        count = len(self.selected_ids())
        menu.addAction("Open", self.open_current).setEnabled(count >= 1)
        menu.addSeparator()
        menu.addAction(f"Assign owner… ({count})", self.bulk_assign)
        menu.addAction(f"Set due date… ({count})", self.bulk_set_due)
        menu.addAction(f"Set key question… ({count})", self.bulk_set_key_question)
        status = menu.addMenu(f"Change status ({count})")
        for transition in Transition:
            status.addAction(transition.label, partial(self.bulk_change_status, transition))
        menu.addSeparator()
        menu.addAction("Copy reference", self.copy_references)
        return menu

    def report_error(self, error: CandourError) -> None:
        self.dialogs.warn("Actions", str(error))


__all__ = ["SUMMARY_ROLE", "RegisterPanel"]


def _stretch_action_text(header: QHeaderView) -> None:
    """The action text takes whatever width the other columns leave, so the register fits the window."""
    header.setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
