"""Text is text: a person's name, a note, a link, the user's name or an action's words that look like HTML
are shown literally everywhere on screen (labels, tooltips, message boxes), never rendered as HTML.

The hostile text is the one that made Qt read /dev/zero (a 4 GB allocation) for everyone who viewed it.
The windows are built but not shown: the checks read formats and tooltips, so even the old code could
fail here without rendering anything.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QInputDialog,
    QLabel,
    QMessageBox,
    QToolTip,
    QWidget,
)

from core.domain.vocabulary import ActionKind
from core.services.app import open_services
from core.services.context import ServiceContext
from core.store.db import Database
from desktop.dialogs import Dialogs
from desktop.main_window import MainWindow
from desktop.tasks import TaskRunner
from desktop.ui_settings import UiSettings

HOSTILE = "<img src='/dev/zero'>"


@pytest.fixture
def hostile_services(tmp_path: Path, clock):
    """A register where every kind of user and report text holds HOSTILE, written by a HOSTILE user."""
    db = Database(tmp_path / "hostile.sqlite3")
    services = open_services(ctx=ServiceContext(db=db, actor=f"Eve {HOSTILE}", clock=clock))
    location = services.locations.add(f"Ward {HOSTILE}", provider=f"Trust {HOSTILE}")
    owner = services.people.add(f"Ann {HOSTILE}", role=f"Lead {HOSTILE}")
    action = services.edits.create(
        location.id,
        ActionKind.MUST,
        f"Imported action text {HOSTILE}",
        owner_id=owner.id,
        due=clock().date() - dt.timedelta(days=3),
    )
    services.edits.add_note(action.id, f"A note {HOSTILE}")
    services.evidence.add_link(action.id, f"https://example.org/{HOSTILE}", f"Link {HOSTILE}")
    yield services, action.id
    services.close()


def interpreted_labels(top: QWidget) -> list[str]:
    """Labels showing HOSTILE in a format that Qt may read as HTML."""
    found = []
    for label in [top, *top.findChildren(QLabel)]:
        if (
            isinstance(label, QLabel)
            and "<img" in label.text()
            and label.textFormat() != Qt.TextFormat.PlainText
        ):
            found.append(f"{label.objectName() or type(label.parent()).__name__}: {label.text()!r}")
    return found


def interpreted_chart_labels(top: QWidget) -> list[str]:
    """Chart axis labels (QtCharts renders them as HTML) holding HOSTILE unescaped."""
    return [
        label
        for view in top.findChildren(QChartView)
        for axis in view.chart().axes()
        if isinstance(axis, QBarCategoryAxis)
        for label in axis.categories()
        if "<img" in label
    ]


def shown_tooltips(top: QWidget) -> list[str]:
    """Every tooltip holding HOSTILE, as Qt would show it when the pointer rests on it."""
    shown = []
    for view in top.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        view.resize(800, 600)
        for row in range(model.rowCount(QModelIndex())):
            for column in range(64):
                index = model.index(row, column)
                if not index.isValid():
                    break
                if HOSTILE not in str(index.data(Qt.ItemDataRole.ToolTipRole) or ""):
                    continue
                view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
                spot = view.visualRect(index).center()
                QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, spot, QPoint(10, 10)))
                shown.append(QToolTip.text())
                QToolTip.hideText()
    return shown


def test_hostile_text_is_shown_literally_in_every_window(qtbot, tmp_path, hostile_services):
    services, action_id = hostile_services
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    runner = TaskRunner()
    window = MainWindow(services, runner, settings, Dialogs(None))
    qtbot.addWidget(window)
    windows: list[QWidget] = [window]
    for key in window.panels:
        window.show_view(key)
        window.panels[key].refresh()
    runner.wait_for_done(10_000)
    editor = window.editors.open(action_id)
    assert editor is not None
    qtbot.addWidget(editor)
    runner.wait_for_done(10_000)
    windows.append(editor)
    bad = [label for top in windows for label in [*interpreted_labels(top), *interpreted_chart_labels(top)]]
    assert not bad, bad
    tips = [tip for top in windows for tip in shown_tooltips(top)]
    assert tips, "the note, link and action tooltips hold the hostile text"
    assert all("<img" not in tip and "&lt;img" in tip for tip in tips), tips


@pytest.mark.parametrize("ask", ["inform", "warn", "confirm"])
def test_message_boxes_show_text_literally(qtbot, monkeypatch, ask):
    seen: list[tuple[Qt.TextFormat, str]] = []

    def record(box: QMessageBox) -> int:
        seen.append((box.textFormat(), box.text()))
        return QMessageBox.StandardButton.Yes.value

    monkeypatch.setattr(QMessageBox, "exec", record)
    for guessing in ("information", "warning", "question"):  # Qt's shortcuts guess the text's format
        monkeypatch.setattr(QMessageBox, guessing, lambda _p, _t, text, *_a: seen.append((None, text)))
    getattr(Dialogs(None), ask)("Candour", f"Could not save {HOSTILE}")
    assert seen == [(Qt.TextFormat.PlainText, f"Could not save {HOSTILE}")]


def test_questions_show_text_literally(qtbot, monkeypatch):
    seen: list[list[Qt.TextFormat]] = []

    def record(dialog: QInputDialog) -> int:
        seen.append([label.textFormat() for label in dialog.findChildren(QLabel) if HOSTILE in label.text()])
        return 0

    monkeypatch.setattr(QInputDialog, "exec", record)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (seen.append([None]), ("", False))[1])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: (seen.append([None]), ("", False))[1])
    Dialogs(None).ask_item("Candour", f"{HOSTILE} cannot be opened.", ["Open another", "Quit"])
    Dialogs(None).ask_text("Candour", f"New name for {HOSTILE}:")
    assert seen == [[Qt.TextFormat.PlainText], [Qt.TextFormat.PlainText]]
