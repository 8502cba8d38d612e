"""MainWindow: navigation between the panels, menus, toolbar, status bar, drag-and-drop import and
database switching. It composes panels; the work lives in them, the editors and the import controller."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core import __version__
from core.domain.actions import ActionFilter
from core.domain.changes import Changes, Entity
from core.domain.errors import CandourError
from core.domain.vocabulary import ActionKind, KeyQuestion, OtherSource
from core.domain.workflow import Transition
from core.services.app import Services
from desktop import app as composition
from desktop.dashboard.panel import DashboardPanel
from desktop.dialogs import Dialogs
from desktop.documents.actions import DocumentActions
from desktop.editor.manager import EditorManager
from desktop.importing.controller import ImportController
from desktop.locations.panel import LocationsPanel
from desktop.panel import Panel
from desktop.people.panel import PeoplePanel
from desktop.register.panel import RegisterPanel
from desktop.reports_view.panel import ReportsPanel
from desktop.server_watch import ServerWatch
from desktop.shortcuts_dialog import OTHER_KEYS, ShortcutsDialog, menu_shortcuts
from desktop.sources.new_action import NewActionDialog
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings
from desktop.welcome import WelcomePanel
from desktop.widgets.icons import icon
from desktop.widgets.info_bar import InfoBar
from desktop.widgets.plain_text import install_plain_tooltips, plain_label
from desktop.widgets.screen_fit import fit_to_screen
from desktop.widgets.sidebar import Sidebar

IDLE_CHECKPOINT_MS = 15_000
LIVE_POLL_MS = 500  # how often other desks' changes are taken (they arrive within a second)
# key, label, panel class
VIEWS: list[tuple[str, str, type[Panel]]] = [
    ("dashboard", "Dashboard", DashboardPanel),
    ("actions", "Actions", RegisterPanel),
    ("locations", "Locations", LocationsPanel),
    ("reports", "Reports", ReportsPanel),
    ("people", "People", PeoplePanel),
]
DOCUMENT_ACTIONS = [
    ("Print action plan…", "print_action_plan", QKeySequence.StandardKey.Print),
    ("Board pack…", "print_meeting_pack", None),
    ("CQC action plan…", "print_cqc_plan", None),
    ("Export…", "export_register", None),
    ("Back up…", "back_up", None),
]


class MainWindow(QMainWindow):
    counts_shown = Signal()  # the status bar's counts (and the welcome/dashboard choice) are up to date

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        settings: UiSettings,
        dialogs: Dialogs | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # the window is built after the QApplication
            install_plain_tooltips(app)
        self.services, self.runner, self.settings = services, runner, settings
        self.dialogs = dialogs or Dialogs(self)
        self.setWindowTitle("Candour")
        self.setAcceptDrops(True)
        fit_to_screen(self, QSize(1280, 800))
        self.panels: dict[str, Panel] = {}
        self._empty = False  # until the first counts arrive
        self._overdue: int | None = None
        self._announce_next = False
        self.editors = EditorManager(services, self.dialogs, self._neighbour, self, write=runner.write_now)
        runner.changed.connect(self.editors.on_changes)
        runner.changed.connect(self._on_changes)
        self.editors.action_deleted.connect(
            lambda action_id: self.runner.announce(
                Changes(actions=frozenset({action_id}), added_or_removed=frozenset({Entity.ACTION}))
            )
        )
        self.sidebar = Sidebar([(key, label) for key, label, _c in VIEWS])
        self.sidebar.view_chosen.connect(self.show_view)
        self.stack = QStackedWidget()
        self.info_bar = InfoBar()
        self.info_bar.action_clicked.connect(self.show_overdue)
        self.server_line = InfoBar()  # says, while it lasts, that the team's server is not answering
        self.server_line.close_button.hide()
        self._build_central()
        self._build_status_bar()
        self._build_actions()
        self._build_panels()
        self.documents = DocumentActions(
            services,
            runner,
            self.dialogs,
            settings,
            self.statusBar(),
            self,
            register=lambda: self.register,
            selected_location=lambda: cast(LocationsPanel, self.panels["locations"]).selected_id(),
        )
        self.idle_checkpoint = QTimer(self)
        self.idle_checkpoint.setInterval(IDLE_CHECKPOINT_MS)
        self.idle_checkpoint.timeout.connect(self._checkpoint_when_idle)
        self.idle_checkpoint.start()
        self.feed = services.watch()  # other desks' changes, announced like our own
        self.server_watch = self._watch_server(services)
        self.live = QTimer(self)
        self.live.setInterval(LIVE_POLL_MS)
        self.live.timeout.connect(self._take_live_changes)
        self.live.start()
        self.show_identity()
        self._restore_state()

    # -- construction

    def _build_central(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.server_line)
        column.addWidget(self.info_bar)
        column.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(right, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.sidebar, self.stack)

    def _build_status_bar(self) -> None:
        self.database_label, self.counts_label, self.filter_label = (plain_label() for _ in range(3))
        self.identity_label = plain_label()
        for label, name in (
            (self.identity_label, "Signed in as"),
            (self.database_label, "Database"),
            (self.counts_label, "Action counts"),
            (self.filter_label, "Register filter"),
        ):
            label.setAccessibleName(name)
            self.statusBar().addPermanentWidget(label)

    def _action(self, text: str, slot: Any, shortcut: Any = None, icon_name: str = "") -> QAction:
        action = QAction(icon(icon_name) if icon_name else QAction().icon(), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _c=False: slot())
        return action

    def _build_actions(self) -> None:
        self.import_action = self._action("&Import reports…", self.import_reports, "Ctrl+I", "import")
        self.paste_action = self._action("&Paste report text", self.paste_report, "Ctrl+Shift+V", "paste")
        self.cqc_sync_action = self._action("&Check CQC for new reports…", self.check_cqc)
        self.refresh_action = self._action(
            "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh, "refresh"
        )
        self.find_action = self._action("&Find actions…", self.find_actions, QKeySequence.StandardKey.Find)
        self.document_actions = {
            method: self._action(
                text,
                lambda m=method: getattr(self, m)(),
                keys,
                "print" if method == "print_action_plan" else "",
            )
            for text, method, keys in DOCUMENT_ACTIONS
        }
        self.view_actions = {
            key: self._action(f"&{label}", lambda k=key: self.show_view(k), f"Ctrl+{n}", key)
            for n, (key, label, _c) in enumerate(VIEWS, start=1)
        }
        self.undo_action = self.editors.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.editors.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self._build_menus()
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (
            self.import_action,
            self.paste_action,
            self.document_actions["print_action_plan"],
            self.refresh_action,
        ):
            toolbar.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.import_action, self.paste_action, self.cqc_sync_action])
        file.addSeparator()
        file.addAction(self._action("&Open database…", self.open_database, QKeySequence.StandardKey.Open))
        file.addAction(self._action("&New database…", self.new_database))
        file.addAction(self._action("Connect to a team &server…", self.connect_to_server))
        self.recent_menu = file.addMenu("Recent &databases")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file.addAction(self._action("&Sign in as someone else…", self.change_person))
        file.addSeparator()
        file.addActions(list(self.document_actions.values()))
        file.addSeparator()
        file.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addAction(self.find_action)
        view = bar.addMenu("&View")
        view.addActions(list(self.view_actions.values()))
        view.addSeparator()
        view.addAction(self.refresh_action)
        self._build_actions_menu(bar.addMenu("&Actions"))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, "F1"))
        help_menu.addAction(self._action("&About Candour", self.show_about))

    def _build_actions_menu(self, menu: QMenu) -> None:
        menu.addAction(self._action("&Open action", lambda: self.register.open_current(), "Ctrl+Return"))
        menu.addAction(self._action("&Next action", lambda: self.register.move_current(1), "Alt+Down"))
        menu.addAction(self._action("&Previous action", lambda: self.register.move_current(-1), "Alt+Up"))
        menu.addSeparator()
        menu.addAction(self._action("&Assign owner…", lambda: self.register.bulk_assign()))
        menu.addAction(self._action("Set &due date…", lambda: self.register.bulk_set_due()))
        status = menu.addMenu("Change &status")
        for transition in Transition:
            status.addAction(
                self._action(transition.label, lambda t=transition: self.register.bulk_change_status(t))
            )
        menu.addSeparator()
        menu.addAction(self._action("Show &overdue actions", self.show_overdue))
        menu.addSeparator()
        menu.addAction(self._action("New action from another &source…", self.new_action))

    def _build_panels(self) -> None:
        args = (self.services, self.runner, self.dialogs, self.settings)
        self.welcome = WelcomePanel(*args)
        self.welcome.import_requested.connect(self.import_reports)
        self.welcome.sample_loaded.connect(self._on_sample_loaded)
        self.welcome.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.stack.addWidget(self.welcome)
        for key, _label, cls in VIEWS:
            panel = cls(*args)
            panel.open_action.connect(self.open_action)
            panel.show_actions.connect(self.show_actions)
            panel.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.panels[key] = panel
            self.stack.addWidget(panel)
        self.register.filter_described.connect(self._on_filter_described)
        self.editors.undo_group.addStack(self.register.undo_stack)
        self.importer = ImportController(*args, self)
        cast(LocationsPanel, self.panels["locations"]).check_cqc_requested.connect(self.check_cqc)

    @property
    def register(self) -> RegisterPanel:
        return self.panels["actions"]  # type: ignore[return-value]

    # -- state

    def _restore_state(self) -> None:
        if (geometry := self.settings.window_geometry) is not None:
            self.restoreGeometry(geometry)
        if (state := self.settings.window_state) is not None:
            self.restoreState(state)
        self._reopen()

    def _reopen(self) -> None:
        """Show a freshly opened database in the view the user had last. Only that panel loads (off the GUI
        thread) when the window is shown; the others load when first shown."""
        view = self.settings.last_view
        self.register.restore_state()
        self._show_database()
        self._overdue = None
        self._empty = not self.services.actions.exists() and not self.services.locations.list()
        self._load_counts()
        self.show_view(view if view in self.panels else "dashboard")

    def save_state(self) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.last_view = self.current_view
        for panel in self.panels.values():
            panel.save_state()
        self.settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self.panels
            and self.stack.currentWidget() is self.register
        ):
            self.register.undo_stack.setActive(True)  # back from an editor: undo applies to the register

    def close_editors(self) -> None:
        """Close every editor and let running work finish (before closing or switching the database)."""
        self.editors.close_all(force=True)
        self.runner.wait_for_done(10_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editors.close_all():  # an editor with unsaved text was told 'Cancel'
            event.ignore()
            return
        self.save_state()
        self.runner.wait_for_done(10_000)
        self.idle_checkpoint.stop()
        self.live.stop()
        self.feed.close()
        self.services.ctx.db.checkpoint()  # the .sqlite3 file alone now holds everything
        super().closeEvent(event)

    def _take_live_changes(self) -> None:
        """What another desk (or another Candour window) changed: the panels and open editors update those
        rows."""
        changes = self.feed.poll()
        if changes is not None:
            self.runner.announce(changes)
        self.server_watch.check()

    def _watch_server(self, services: Services) -> ServerWatch:
        """The one line that says the server is not answering; when it is back, waiting typing is saved."""
        watch = ServerWatch(self.server_line, lambda: self.feed.reachable, services.server or "", self)
        watch.back.connect(self.editors.retry_waiting)
        self.editors.server_lost.connect(watch.report)
        return watch

    def _checkpoint_when_idle(self) -> None:
        """After a pause in the work, fold the WAL into the database file (a copy of it is then whole)."""
        if self.services.ctx.db.wrote and not self.runner.busy:
            self.services.ctx.db.checkpoint()

    def show_identity(self) -> None:
        me = self.services.identity
        self.identity_label.setText(f"Signed in as {me.describe}" if me else "Nobody signed in")
        self._show_title()

    def change_person(self) -> None:
        if not self.editors.close_all():
            return
        if composition.sign_in(self.services, self.dialogs, self.settings, ask=True):
            self.show_identity()
            self.refresh()

    # -- navigation

    @property
    def current_view(self) -> str:
        return next((k for k, p in self.panels.items() if p is self.stack.currentWidget()), "dashboard")

    @property
    def is_empty(self) -> bool:
        """No actions and no locations (as of the last counts; True until they have been read)."""
        return self._empty

    def show_view(self, key: str) -> None:
        page = self.welcome if key == "dashboard" and self.is_empty else self.panels[key]
        self.stack.setCurrentWidget(page)
        if page is self.panels.get("actions"):
            self.register.undo_stack.setActive(True)  # Edit > Undo takes back the last bulk change
        self.sidebar.blockSignals(True)
        self.sidebar.select(key)
        self.sidebar.blockSignals(False)
        self.settings.last_view = key

    def show_actions(self, flt: ActionFilter) -> None:
        self.show_view("actions")
        self.register.set_filter(flt)

    def new_action(self) -> int | None:
        """Add an action no report contains; opens it in the editor. Returns its id (None if cancelled)."""
        locations = self.services.locations.list(include_archived=False)
        if not locations:
            self.dialogs.inform(
                "New action", "There are no locations yet: import a CQC report or add a location."
            )
            return None
        dialog = NewActionDialog(locations, self)
        if not self.dialogs.run(dialog):
            return None
        try:
            edits = self.services.edits
            detail = self.runner.write_now(
                lambda: edits.add_from_source(
                    dialog.location.currentData(),
                    ActionKind(dialog.kind.currentData()),
                    dialog.text.toPlainText(),
                    source=OtherSource(dialog.source.currentData()),
                    key_question=KeyQuestion(dialog.key_question.currentData()),
                    regulation=dialog.regulation_chosen(),
                    success_measure=dialog.measure.text().strip() or None,
                )
            )
        except CandourError as error:
            self.dialogs.warn("New action", str(error))
            return None
        self.open_action(detail.id)
        return detail.id

    def show_overdue(self) -> None:
        self.info_bar.hide()
        self.show_actions(ActionFilter(overdue=True))

    def find_actions(self) -> None:  # not `find`: that is QWidget's static find(window id)
        self.show_view("actions")
        self.register.focus_search()

    def open_action(self, action_id: int) -> None:
        self.editors.open(action_id)

    def _neighbour(self, action_id: int, step: int) -> int | None:
        return self.register.neighbour(action_id, step)

    # -- changes -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: re-read what is on screen (hidden panels re-read when next shown)."""
        self.runner.announce(Changes.all())

    def _on_changes(self, _changes: Changes) -> None:
        self._load_counts()

    def _load_counts(self) -> None:
        """Read the status-bar counts off the GUI thread; then leave the welcome page if data arrived."""
        actions, locations = self.services.actions, self.services.locations

        def read() -> tuple[int, int, bool]:
            total = actions.count()
            return total, actions.count(ActionFilter(overdue=True)), total == 0 and not locations.list()

        self.runner.submit(lambda _p, _c: read(), finished=lambda counts: self._show_counts(*counts))

    def _show_counts(self, total: int, overdue: int, empty: bool) -> None:
        first_figures, self._overdue = self._overdue is None, overdue
        self._empty = empty
        self.counts_label.setText(f"{total:,} actions · {overdue:,} overdue")
        left_welcome = self.stack.currentWidget() is self.welcome and not empty
        if left_welcome or (empty and self.current_view == "dashboard"):
            self.show_view("dashboard")
        if first_figures or left_welcome or self._announce_next:
            self._announce_next = False
            self._announce_overdue()
        self.counts_shown.emit()

    def _show_database(self) -> None:
        self.database_label.setText(self.services.database_label)
        self.database_label.setToolTip(str(self.services.database_path or self.services.database_label))
        self._show_title()

    def _show_title(self) -> None:
        me = self.services.identity
        who = f" — {me.name}" if me else ""
        self.setWindowTitle(f"{self.services.database_label}{who} — Candour")

    def _on_filter_described(self, words: str) -> None:
        self.filter_label.setText(f"Showing: {words}")

    def _on_sample_loaded(self) -> None:
        self._announce_next = True  # the counts that the sample data's changes trigger announce its overdue
        self._load_counts()

    def _announce_overdue(self) -> None:
        overdue = self._overdue or 0
        if overdue:
            self.info_bar.show_message(
                f"{overdue:,} action{'s are' if overdue != 1 else ' is'} overdue.", "Show overdue actions"
            )
        else:
            self.info_bar.hide()

    # -- importing

    def import_reports(self) -> None:
        self.importer.choose_and_import()

    def paste_report(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.dialogs.inform("Paste report text", "The clipboard has no text to import.")
        else:
            self.importer.import_text(text)

    def check_cqc(self) -> None:
        from desktop.sync.controller import SyncController  # the CQC sync loads only when asked for

        self.cqc_sync = SyncController(
            self.services, self.runner, self.dialogs, self.settings, self.importer, self
        )
        self.cqc_sync.synced.connect(lambda _summary: self.refresh())
        self.cqc_sync.start()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importer.import_files(paths)

    # -- databases

    def open_database(self) -> None:
        composition.choose_and_switch(self, create=False)

    def connect_to_server(self) -> None:
        composition.connect_to_server(self)

    def new_database(self) -> None:
        composition.choose_and_switch(self, create=True)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for target in self.settings.recent_databases:
            self.recent_menu.addAction(target, partial(composition.switch_to, self, target))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent databases").setEnabled(False)

    def use_services(self, services: Services) -> None:
        """Show another database: the composition root (desktop.app) has saved the state, closed the editors,
        drained the runner and will close the old database; here the panels are rebuilt on the new one."""
        self.feed.close()
        self.feed = services.watch()
        self.server_watch.server = services.server or ""
        self.services = services
        self.editors.services = services
        self.editors.undo_group.removeStack(self.register.undo_stack)
        for panel in [self.welcome, *self.panels.values()]:
            self.stack.removeWidget(panel)
            self.runner.changed.disconnect(panel.on_changes)
            panel.deleteLater()
        self.panels.clear()
        if self.importer is not None:
            self.importer.deleteLater()
        self._build_panels()
        self.documents.services = services
        self.show_identity()
        self._reopen()

    # -- documents

    def print_action_plan(self) -> None:
        self.documents.print_action_plan()

    def print_meeting_pack(self) -> None:
        self.documents.print_meeting_pack()

    def print_cqc_plan(self) -> None:
        self.documents.print_cqc_plan()

    def export_register(self) -> None:
        self.documents.export_register()

    def back_up(self) -> None:
        self.documents.back_up()

    # -- help

    def show_shortcuts(self) -> ShortcutsDialog:
        menus = [menu for a in self.menuBar().actions() if isinstance(menu := a.menu(), QMenu)]
        dialog = ShortcutsDialog([("Main window", menu_shortcuts(menus)), *OTHER_KEYS], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(dialog, dialog.size())
        dialog.open()
        return dialog

    def show_about(self) -> None:
        self.dialogs.inform(
            "About Candour",
            f"Candour {__version__}\n\nCandour tracks CQC inspection actions to verified closure.\n\n"
            f"Database: {self.services.database_label}",
        )
