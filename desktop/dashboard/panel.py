"""DashboardPanel: tiles, charts and the overdue list, loaded off the GUI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.domain.actions import ActionFilter, ActionSummary, SortKey
from core.domain.changes import Changes, Entity
from core.domain.registry import Dashboard
from core.services.app import Services
from desktop.dashboard.charts import chart_view, show_status_bars, show_trend, top_locations
from desktop.dashboard.tiles import Tile, tile_specs
from desktop.dialogs import Dialogs
from desktop.locations.rating_chips import heading
from desktop.locations.row_model import ROW_ROLE, Column, RowTableModel
from desktop.panel import Panel
from desktop.tasks import TaskRunner
from desktop.theme import kind_colour
from desktop.ui_settings import UiSettings
from desktop.widgets.date_button import format_date
from desktop.widgets.plain_text import plain_label
from desktop.widgets.table_kit import make_table, restore_header, save_header

TABLE_KEY = "dashboard_overdue"
SPLITTER_KEY = "dashboard"
OVERDUE_LIMIT = 200
TILES_PER_ROW = 7


@dataclass(frozen=True)
class DashboardData:
    counts: Dashboard
    overdue: list[ActionSummary]
    overdue_total: int
    amber_days: int


def fetch(services: Services) -> DashboardData:
    """Runs in a pool thread: every figure the dashboard shows, in three queries."""
    page = services.actions.page(ActionFilter(overdue=True), sort=SortKey.DUE, limit=OVERDUE_LIMIT)
    return DashboardData(
        services.dashboard.counts(), page.rows, page.total, services.settings.get().amber_days
    )


def overdue_columns(today: dt.date) -> list[Column[ActionSummary]]:
    def days(a: ActionSummary) -> int:
        return (today - a.due).days if a.due else 0

    return [
        Column("Reference", lambda a: a.reference),
        Column("Location", lambda a: a.location_name),
        Column("Type", lambda a: a.kind.label, chip=lambda a: kind_colour(a.kind)),
        Column("Action", lambda a: a.text, tip=lambda a: a.text),
        Column(
            "Owner", lambda a: a.owner_name or "Nobody", tip=lambda a: None if a.owner_name else "No owner"
        ),
        Column("Due", lambda a: format_date(a.due, ""), sort=lambda a: a.due.isoformat() if a.due else ""),
        Column("Days overdue", lambda a: f"{days(a):,}", sort=days, numeric=True),
    ]


class DashboardPanel(Panel):
    title = "Dashboard"
    shows = frozenset({Entity.ACTION, Entity.LOCATION})
    loaded = Signal()  # after a refresh has shown fresh figures

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        dialogs: Dialogs,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, runner, dialogs, settings, parent)
        self.data: DashboardData | None = None
        self.tiles = [Tile() for _ in range(TILES_PER_ROW)]
        for tile in self.tiles:
            tile.clicked.connect(lambda t=tile: self._on_tile_clicked(t))
        self.location_chart = chart_view("Open actions by location")
        self.question_chart = chart_view("Open actions by key question")
        self.trend_chart = chart_view("Overdue actions over time")
        self.overdue_model: RowTableModel[ActionSummary] = RowTableModel(
            overdue_columns(services.ctx.today()), self
        )
        self.overdue_table = make_table(
            "Overdue actions",
            self.overdue_model,
            {0: 120, 1: 170, 2: 84, 3: 420, 4: 130, 5: 100},
            chip_columns=(2,),
        )
        self.overdue_table.setSortingEnabled(False)  # already in due-date order, oldest first
        self.overdue_table.activated.connect(self._on_overdue_activated)
        self.overdue_heading = heading("Overdue actions")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self._lay_out()
        restore_header(self.overdue_table, self, TABLE_KEY)
        _give_action_text_the_room(self.overdue_table)

    def _lay_out(self) -> None:
        tiles = QGridLayout()
        tiles.setSpacing(8)
        for n, tile in enumerate(self.tiles):
            tiles.addWidget(tile, 0, n)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.location_chart)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.question_chart)
        right.addWidget(self.trend_chart)
        charts.addWidget(right)
        charts.setSizes([600, 400])
        overdue = QWidget()
        overdue_layout = QVBoxLayout(overdue)
        overdue_layout.setContentsMargins(0, 4, 0, 0)
        hint = plain_label("Double-click or press Enter to open an action.")
        hint.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.overdue_heading, 1)
        top.addWidget(hint)
        overdue_layout.addLayout(top)
        overdue_layout.addWidget(self.overdue_table, 1)
        self.splitter.addWidget(charts)
        self.splitter.addWidget(overdue)
        self.splitter.setSizes([520, 260])
        if state := self.settings.splitter_state(SPLITTER_KEY):
            self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(tiles)
        layout.addWidget(self.splitter, 1)

    # -- Panel ---------------------------------------------------------------------------------------

    def load(self, changes: Changes) -> Callable[[], DashboardData]:
        services = self.services
        return lambda: fetch(services)

    def save_state(self) -> None:
        save_header(self.overdue_table, self, TABLE_KEY)
        self.settings.set_splitter_state(SPLITTER_KEY, self.splitter.saveState())

    def show_loaded(self, data: DashboardData, changes: Changes) -> None:
        self.data = data
        for tile, spec in zip(self.tiles, tile_specs(data.counts, data.amber_days), strict=True):
            tile.set_spec(spec)
        show_status_bars(
            self.location_chart,
            "Open actions by location",
            top_locations(data.counts.by_location),
            "no open actions",
        )
        show_status_bars(
            self.question_chart,
            "Open actions by key question",
            data.counts.by_key_question,
            "no open actions",
        )
        show_trend(self.trend_chart, "Overdue actions at each month end", data.counts.overdue_trend)
        self.overdue_model.columns = tuple(overdue_columns(data.counts.today))
        self.overdue_model.set_rows(data.overdue)
        shown = f"{len(data.overdue):,} oldest shown" if data.overdue_total > len(data.overdue) else ""
        self.overdue_heading.setText(
            f"Overdue actions: {data.overdue_total:,}" + (f" ({shown})" if shown else "")
        )
        self.loaded.emit()

    # -- user ----------------------------------------------------------------------------------------

    def _on_tile_clicked(self, tile: Tile) -> None:
        if tile.spec is not None:
            self.show_actions.emit(tile.spec.action_filter)

    def _on_overdue_activated(self, index: QModelIndex) -> None:
        action = index.data(ROW_ROLE)
        if action is not None:
            self.open_action.emit(action.id)


def _give_action_text_the_room(table: QTableView) -> None:
    """The action text takes what the other columns leave; "Days overdue" is as wide as its header."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    table.setColumnWidth(6, table.fontMetrics().horizontalAdvance("Days overdue") + 28)
