"""Open every window and dialog of Candour on a screen of a given size (the offscreen platform, configured by
tests/desktop/test_screen_fit.py) with the sample data, and report whether each fits: its size within the
screen's work area, its minimum size too, and every visible button inside it. Optionally saves a PNG of each.

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.support.screen_probe [PNG_FOLDER]

Prints one JSON list: {"name", "width", "height", "min_width", "min_height", "outside": [button texts]}.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


def _wait(app: QApplication, done: Callable[[], bool], seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def _outside_buttons(widget: QWidget) -> list[str]:
    """Visible buttons that do not lie wholly inside the window (cut off, or off-screen with it)."""
    inside = widget.rect()
    return [
        button.text() or button.toolTip() or button.objectName()
        for button in widget.findChildren(QAbstractButton)
        if button.isVisible()
        and button.window() is widget
        and not inside.contains(button.rect().translated(button.mapTo(widget, button.rect().topLeft())))
    ]


def main(argv: list[str]) -> int:
    shots = Path(argv[0]) if argv else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    app = QApplication(["candour-probe"])
    from core.domain.actions import ActionFilter
    from core.domain.documents import ActionPlanOptions
    from core.domain.vocabulary import ActionStatus
    from core.services.app import open_services
    from core.services.demo import load_demo, sample_files
    from desktop.dialogs import Dialogs
    from desktop.documents.cqc_dialog import CqcPlanDialog
    from desktop.documents.pack_dialog import MeetingPackDialog
    from desktop.documents.plan_dialog import ActionPlanDialog
    from desktop.documents.preview import PreviewWindow
    from desktop.importing.loading import load_paths
    from desktop.importing.preview_dialog import PreviewDialog
    from desktop.main_window import VIEWS, MainWindow
    from desktop.people.person_dialog import PersonDialog
    from desktop.tasks import TaskRunner
    from desktop.ui_settings import UiSettings
    from desktop.widgets.date_button import DateDialog
    from desktop.widgets.screen_fit import available_area, fit_to_screen

    results: list[dict[str, Any]] = []

    def check(name: str, widget: QWidget) -> None:
        widget.show()
        app.processEvents()
        area, hint = available_area(widget), widget.minimumSizeHint()
        results.append(
            {
                "name": name,
                "width": widget.frameGeometry().width(),
                "height": widget.frameGeometry().height(),
                "min_width": hint.width(),
                "min_height": hint.height(),
                "screen": [area.width(), area.height()],
                "outside": _outside_buttons(widget),
            }
        )
        if shots is not None:
            widget.grab().save(str(shots / f"{name}.png"))

    with tempfile.TemporaryDirectory() as folder:
        services = open_services(Path(folder) / "probe.sqlite3", create=True)
        load_demo(services)
        services.sign_in(services.people.identity_by_name("Tom Hughes").person_id)  # as a user would be
        runner, dialogs = TaskRunner(), Dialogs()
        settings = UiSettings(QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat))
        window = MainWindow(services, runner, settings, dialogs)
        dialogs.parent = window
        window.show()
        for key, _label, _cls in VIEWS:
            panel = window.panels[key]
            window.show_view(key)
            _wait(app, lambda p=panel: p.refreshed_once and not p.stale)
            if key == "locations" and panel.proxy.rowCount():  # type: ignore[attr-defined]
                panel.table.selectRow(0)  # type: ignore[attr-defined]
            if key == "reports" and panel.proxy.rowCount():  # type: ignore[attr-defined]
                panel.table.selectRow(0)  # type: ignore[attr-defined]
            _wait(app, lambda: False, 0.3)
            check(f"main-{key}", window)
        started = services.actions.page(ActionFilter(statuses=frozenset({ActionStatus.IN_PROGRESS}))).rows
        first = started[0].id if started else window.register.model.id_at(0)  # an action at work
        if first is not None:
            editor = window.editors.open(first)
            if editor is not None:
                check("action-editor", editor)
                editor.close()
        locations = services.locations.list(include_archived=False)
        today = services.ctx.today()
        for name, dialog in (
            ("dialog-action-plan", ActionPlanDialog(services, ActionFilter(), window)),
            (
                "dialog-meeting-pack",
                MeetingPackDialog(today, today - dt.timedelta(days=30), locations, window),
            ),
            (
                "dialog-cqc-plan",
                CqcPlanDialog(
                    locations,
                    services.documents.cqc_plan_inspections,
                    locations[0].id if locations else None,
                    window,
                ),
            ),
            ("dialog-person", PersonDialog(None, window)),
            ("dialog-date", DateDialog("Set due date", "New due date for 3 action(s):", today, window)),
        ):
            check(name, dialog)
            dialog.close()
        shortcuts = window.show_shortcuts()
        check("dialog-shortcuts", shortcuts)
        shortcuts.close()
        pdf = services.documents.action_plan(ActionPlanOptions(filter=ActionFilter()))
        check("pdf-preview", PreviewWindow(pdf, "Action plan.pdf", dialogs, settings, window))
        fresh = open_services(Path(folder) / "empty.sqlite3", create=True)  # the samples are new there
        files = load_paths(fresh.imports, sample_files(), lambda *_a: None, threading.Event())
        preview = PreviewDialog(files, window)
        fit_to_screen(preview, preview.sizeHint())
        check("import-preview", preview)
        preview.close()
        window.close()
        fresh.close()
        services.close()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
