"""A date chooser that can also be empty: a button showing the date, opening a calendar popup."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from core.domain import wording
from desktop.widgets.plain_text import plain_label


def format_date(value: dt.date | None, empty: str = "No date") -> str:
    """As printed documents write dates ('2 Mar 2026'), with the editor's wording for no date."""
    return wording.format_date(value, empty)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateButton(QPushButton):
    """Shows a date (or 'No due date'); choosing in the popup emits date_chosen(date | None)."""

    date_chosen = Signal(object)

    def __init__(self, empty_text: str = "No due date", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty = empty_text
        self._date: dt.date | None = None
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_clicked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.addSeparator()
        self.clear_action = menu.addAction(f"Set to “{empty_text}”", lambda: self.choose(None))
        menu.aboutToShow.connect(self._sync_calendar)
        self.setMenu(menu)
        self._show()

    @property
    def date(self) -> dt.date | None:
        return self._date

    def set_date(self, value: dt.date | None) -> None:
        """Show a date without emitting date_chosen."""
        self._date = value
        self._show()

    def choose(self, value: dt.date | None) -> None:
        """As if the user picked `value`: emits date_chosen when it differs from the shown date."""
        self.menu().hide()
        if value != self._date:
            self.date_chosen.emit(value)

    def _on_calendar_clicked(self, qdate: QDate) -> None:
        self.choose(to_date(qdate))

    def _sync_calendar(self) -> None:
        self.calendar.setSelectedDate(to_qdate(self._date) if self._date else QDate.currentDate())

    def _show(self) -> None:
        self.setText(format_date(self._date, self._empty))
        self.setAccessibleDescription(self.text())


class DateDialog(QDialog):
    """Asks for one date with a calendar (bulk 'Set due date…')."""

    def __init__(self, title: str, label: str, initial: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.calendar = QCalendarWidget()
        self.calendar.setSelectedDate(to_qdate(initial))
        self.calendar.setAccessibleName(label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(label))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    @property
    def chosen(self) -> dt.date:
        return to_date(self.calendar.selectedDate())


def ask_date(parent: QWidget | None, title: str, label: str, initial: dt.date) -> dt.date | None:
    dialog = DateDialog(title, label, initial, parent)
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
