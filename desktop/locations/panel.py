"""LocationsPanel: every location with its latest ratings and open actions; the selected one in detail."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionFilter
from core.domain.changes import Changes, Entity
from core.domain.errors import CandourError
from core.domain.registry import LocationSummary
from core.services.app import Services
from desktop.dialogs import Dialogs
from desktop.locations.columns import LOCATION_CHIPS, LOCATION_WIDTHS, location_columns
from desktop.locations.detail import LocationDetailView
from desktop.locations.row_model import ROW_ROLE, RowFilterProxy, RowTableModel
from desktop.panel import Panel
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings
from desktop.widgets.plain_text import plain_label
from desktop.widgets.table_kit import IMPORT_HINT, EmptyHint, make_table, restore_header, save_header

TABLE_KEY = "locations"
SPLITTER_KEY = "locations"
ACTION_LIMIT = 500


def _haystack(loc: LocationSummary) -> str:
    return " ".join(p for p in (loc.name, loc.code, loc.provider, loc.postcode, loc.address) if p)


class LocationsPanel(Panel):
    title = "Locations"
    shows = frozenset({Entity.LOCATION})  # an action's change lists its location here
    check_cqc_requested = Signal()  # the window runs the CQC sync (File › Check CQC for new reports…)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, runner, dialogs, settings, parent)
        self.model: RowTableModel[LocationSummary] = RowTableModel(
            location_columns(), self, muted=lambda loc: loc.archived
        )
        self.proxy = RowFilterProxy(_haystack, self)
        self.proxy.setSourceModel(self.model)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by name, code, provider or postcode")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter locations")
        self.filter_box.textChanged.connect(self.proxy.set_text)
        self.show_archived = QCheckBox("Show &archived")
        self.show_archived.setChecked(settings.show_archived_locations)
        self.show_archived.toggled.connect(self._on_show_archived)
        self.count_label = plain_label()
        self.cqc_button = QPushButton("Check CQC for new reports…")
        self.cqc_button.setToolTip("Fetch each location's current ratings and any new report from CQC")
        self.cqc_button.clicked.connect(self.check_cqc_requested)
        self.table = make_table("Locations", self.proxy, LOCATION_WIDTHS, chip_columns=LOCATION_CHIPS)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.empty_hint = EmptyHint(
            self.table, "No locations yet. Each imported report adds its location. " + IMPORT_HINT
        )
        self.detail = LocationDetailView()
        self.detail.open_action.connect(self.open_action)
        self.detail.show_in_register.connect(self._on_show_in_register)
        self.detail.archive_requested.connect(self._on_archive_requested)
        self.splitter = QSplitter(Qt.Orientation.Vertical)  # both tables need the full width
        self._lay_out()
        self._on_show_archived(self.show_archived.isChecked())
        restore_header(self.table, self, TABLE_KEY)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        filter_label = plain_label("&Find:")
        filter_label.setBuddy(self.filter_box)
        bar.addWidget(filter_label)
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.show_archived)
        bar.addWidget(self.count_label)
        bar.addWidget(self.cqc_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([320, 480])
        self.splitter.setChildrenCollapsible(False)
        if state := self.settings.splitter_state(SPLITTER_KEY):
            self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.filter_box, self.show_archived)
        self.setTabOrder(self.show_archived, self.table)
        self.setTabOrder(self.table, self.detail.register_button)

    # -- Panel ---------------------------------------------------------------------------------------

    def load(self, changes: Changes) -> Callable[[], list[LocationSummary]]:
        return self.services.locations.list

    def show_loaded(self, data: list[LocationSummary], changes: Changes) -> None:
        selected = self.selected_id()
        self.model.set_rows(data)
        self._show_count()
        if selected is not None:
            self.select_location(selected)
        if self.selected_id() is None:
            self.detail.show_detail(None)

    def save_state(self) -> None:
        save_header(self.table, self, TABLE_KEY)
        self.settings.set_splitter_state(SPLITTER_KEY, self.splitter.saveState())

    # -- selection -----------------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE).id if rows else None

    def select_location(self, location_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ROW_ROLE).id == location_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        location_id = self.selected_id()
        if location_id is None:
            self.detail.show_detail(None)
            return
        try:
            detail = self.services.locations.get(location_id)
            page = self.services.actions.page(self._filter(location_id), limit=ACTION_LIMIT)
        except CandourError as error:
            self.status_message.emit(str(error))
            self.detail.show_detail(None)
            return
        self.detail.show_detail(detail, page.rows, page.total)

    def _show_count(self) -> None:
        archived = sum(loc.archived for loc in self.model.rows)
        text = f"{len(self.model.rows) - archived} locations"
        if archived:
            text += f", {archived} archived" + ("" if self.show_archived.isChecked() else " (hidden)")
        self.count_label.setText(text)

    # -- user ----------------------------------------------------------------------------------------

    @staticmethod
    def _filter(location_id: int) -> ActionFilter:
        return ActionFilter(location_ids=frozenset({location_id}))

    def _on_show_archived(self, shown: bool) -> None:
        self.settings.show_archived_locations = shown
        self.proxy.set_accept((lambda _loc: True) if shown else (lambda loc: not loc.archived))
        self._show_count()

    def _on_show_in_register(self) -> None:
        location_id = self.selected_id()
        if location_id is not None:
            self.show_actions.emit(self._filter(location_id))

    def _on_archive_requested(self, archived: bool) -> None:
        if self.detail.detail is None:  # the button is disabled while no location is shown
            return
        location = self.detail.detail.location
        if archived and not self.dialogs.confirm(
            "Archive location",
            f"Archive {location.name}? It will be hidden from lists and the dashboard "
            f"choices; its {location.open_must + location.open_should} open actions are kept.",
        ):
            return
        locations = self.services.locations
        verb = "archived" if archived else "restored"
        self.write(
            lambda: locations.set_archived(location.id, archived),
            lambda loc: f"{loc.name} {verb}.",
            "Could not change the location",
        )
