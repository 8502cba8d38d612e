"""Options of a governance meeting pack: the meeting date, the period it looks back on, the next meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from core.domain.documents import DEFAULT_SERIES, CoverSheet, MeetingPackOptions
from core.domain.registry import LocationSummary
from desktop.documents.cover_fields import CoverFields
from desktop.documents.location_list import LocationChecklist
from desktop.documents.options_dialog import OptionsDialog
from desktop.widgets.date_button import format_date, to_date, to_qdate

PERIOD = dt.timedelta(days=28)
DISPLAY_FORMAT = "ddd d MMM yyyy"


def next_weekday(day: dt.date) -> dt.date:
    """The day itself on a weekday, else the Monday after."""
    return day + dt.timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def default_since(meeting: dt.date, last_meeting: dt.date | None) -> dt.date:
    """The previous pack's meeting when there was one before this meeting, else four weeks back."""
    return last_meeting if last_meeting is not None and last_meeting < meeting else meeting - PERIOD


CoverFn = Callable[[str], CoverSheet | None]


class MeetingPackDialog(OptionsDialog):
    def __init__(
        self,
        today: dt.date,
        last_meeting: dt.date | None,
        locations: list[LocationSummary],
        parent: QWidget | None = None,
        *,
        series: Sequence[str] = (),
        covers: CoverFn | None = None,
    ) -> None:
        super().__init__(
            "Board pack",
            "A board pack: a cover sheet, the movement since the last pack, exceptions, "
            "actions proposed for closure, open actions by site and key question, warning notices, "
            "delivery by the original due date, then what falls due, was verified, moved or was "
            "imported since the last meeting.",
            parent,
        )
        self._last_meeting = last_meeting
        self._covers = covers or (lambda _series: None)
        self.series = QComboBox()
        self.series.setEditable(True)
        self.series.addItems(list(series) or [DEFAULT_SERIES])
        self.cover_fields = CoverFields()
        self.setMinimumWidth(900)
        meeting = next_weekday(today)
        self.meeting = _date_edit(meeting)
        self.since = _date_edit(default_since(meeting, last_meeting))
        self.next_meeting = _date_edit(meeting + PERIOD)
        self._since_chosen = self._next_chosen = False
        self.locations = LocationChecklist(locations)
        self.add_row("&Meeting date:", self.meeting)
        self.add_row("Changes &since:", self.since, "Changes since")
        self.add_row("&Next meeting:", self.next_meeting)
        self.add_row("&Locations:", self.locations)
        self.add_row("Meeting s&eries:", self.series, "Meeting series")
        self.form.addRow(self.cover_fields)
        self.order_tabs(self.meeting, self.since, self.next_meeting, self.locations, self.series)
        self.series.currentTextChanged.connect(self._load_cover)
        self._load_cover(self.series.currentText())
        self.meeting.dateChanged.connect(self._on_meeting_changed)
        self.since.dateChanged.connect(lambda _d: self._on_chosen("since"))
        self.next_meeting.dateChanged.connect(lambda _d: self._on_chosen("next"))
        self.locations.changed.connect(self._describe)
        self._describe()

    def options(self) -> MeetingPackOptions:
        series = self.series.currentText().strip() or DEFAULT_SERIES
        return MeetingPackOptions(
            meeting=_date(self.meeting),
            since=_date(self.since),
            next_meeting=_date(self.next_meeting),
            location_ids=self.locations.selected_ids,
            series=series,
            cover=self.cover_fields.cover(),
        )

    def _load_cover(self, series: str) -> None:
        """The series' remembered cover sheet, or a fresh one named after the series."""
        name = series.strip() or DEFAULT_SERIES
        self.cover_fields.set_cover(self._covers(name) or CoverSheet(meeting_name=name))

    def _on_meeting_changed(self, _date_value: QDate) -> None:
        """Dates the user has not chosen follow the meeting date."""
        meeting = _date(self.meeting)
        if not self._since_chosen:
            _set_quietly(self.since, default_since(meeting, self._last_meeting))
        if not self._next_chosen:
            _set_quietly(self.next_meeting, meeting + PERIOD)
        self._describe()

    def _on_chosen(self, which: str) -> None:
        if which == "since":
            self._since_chosen = True
        else:
            self._next_chosen = True
        self._describe()

    def _describe(self) -> None:
        options = self.options()
        since, nxt = _date(self.since), _date(self.next_meeting)
        if since >= options.meeting:
            self.show_summary("The period must start before the meeting date.", ready=False)
        elif nxt <= options.meeting:
            self.show_summary("The next meeting must come after this one.", ready=False)
        else:
            where = ", ".join(self.locations.selected_names) or "all locations"
            self.show_summary(
                f"For the meeting on {format_date(options.meeting)} ({where}): changes since "
                f"{format_date(since)}, and actions due before {format_date(nxt)}."
            )


def _date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DISPLAY_FORMAT)
    return edit


def _set_quietly(edit: QDateEdit, value: dt.date) -> None:
    edit.blockSignals(True)
    edit.setDate(to_qdate(value))
    edit.blockSignals(False)


def _date(edit: QDateEdit) -> dt.date:
    return to_date(edit.date())
