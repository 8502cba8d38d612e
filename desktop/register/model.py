"""ActionTableModel: shows the register a page of ActionSummary rows at a time, fetched on demand.

A (re)query fetches only the total and the first page, so the first screen appears without reading the
whole id list; the ordered ids are read once the user goes past the first page (or asks for them).
Sorting re-queries with a SortKey (SQL does the work), so no QSortFilterProxyModel is ever put over
the 100k-row register (see performance.md §2).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from core.domain.actions import ActionFilter, ActionPage, ActionSummary, SortKey
from core.domain.steps import steps_progress
from core.domain.wording import due_with_slippage, format_datetime, signed_days
from desktop import theme
from desktop.widgets.chips import CHIP_COLOUR_ROLE
from desktop.widgets.date_button import format_date

PAGE_SIZE = 200
MAX_PAGES = 40  # ~8,000 summaries cached: a few screens either side of wherever the user scrolls
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class Col(IntEnum):
    REFERENCE = 0
    LOCATION = 1
    KIND = 2
    TEXT = 3
    KEY_QUESTION = 4
    REGULATION = 5
    OWNER = 6
    DUE = 7
    STATUS = 8
    RAG = 9
    UPDATED = 10
    STEPS = 11


HEADERS = {
    Col.REFERENCE: "Reference",
    Col.LOCATION: "Location",
    Col.KIND: "Type",
    Col.TEXT: "Action",
    Col.KEY_QUESTION: "Key question",
    Col.REGULATION: "Regulation",
    Col.OWNER: "Owner",
    Col.DUE: "Due",
    Col.STATUS: "Status",
    Col.RAG: "BRAG",
    Col.UPDATED: "Last update",
    Col.STEPS: "Steps",
}
SORT_KEYS = {
    Col.REFERENCE: SortKey.REFERENCE,
    Col.LOCATION: SortKey.LOCATION,
    Col.KIND: SortKey.KIND,
    Col.TEXT: SortKey.TEXT,
    Col.KEY_QUESTION: SortKey.KEY_QUESTION,
    Col.REGULATION: SortKey.REGULATION,
    Col.OWNER: SortKey.OWNER,
    Col.DUE: SortKey.DUE,
    Col.STATUS: SortKey.STATUS,
    Col.RAG: SortKey.RAG,
    Col.UPDATED: SortKey.UPDATED,
    Col.STEPS: SortKey.NEXT_STEP,
}


class ActionSource(Protocol):
    """The part of ActionQueries the model needs (tests may pass a fake)."""

    def page(
        self,
        flt: ActionFilter = ...,
        sort: SortKey = ...,
        descending: bool = ...,
        offset: int = ...,
        limit: int = ...,
    ) -> ActionPage: ...

    def ids(self, flt: ActionFilter = ..., sort: SortKey = ..., descending: bool = ...) -> list[int]: ...

    def summaries(self, ids: Sequence[int]) -> list[ActionSummary]: ...


class ActionTableModel(QAbstractTableModel):
    """Read-only register rows. Knows the ids in order; fetches and caches 200-row pages."""

    loaded = Signal()  # after every (re)query of the ids

    def __init__(self, source: ActionSource, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._total = 0
        self._head: list[int] = []  # the first page's ids, known from the first query
        self._ids: list[int] | None = []  # every id in order; None until first needed
        self._pages: OrderedDict[int, dict[int, ActionSummary]] = OrderedDict()
        self.filter = ActionFilter()
        self.sort_key = SortKey.DUE
        self.descending = False
        self.live = False  # True once the first page has been shown

    # -- loading ----------------------------------------------------------------------------------

    def set_source(self, source: ActionSource) -> None:
        self._source = source
        self.reload()

    def set_filter(self, flt: ActionFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Re-query the total and the first page; later pages are fetched when the view asks for them."""
        self.show_first_page(self._source.page(self.filter, self.sort_key, self.descending, 0, PAGE_SIZE))

    @property
    def query(self) -> tuple[ActionFilter, SortKey, bool]:
        """What the first page is asked for: the filter and the order."""
        return self.filter, self.sort_key, self.descending

    def first_page_query(self) -> Callable[[], ActionPage]:
        """The query reload() runs, to run off the GUI thread and hand to show_first_page()."""
        source, flt, key, descending = self._source, self.filter, self.sort_key, self.descending
        return lambda: source.page(flt, key, descending, 0, PAGE_SIZE)

    def show_first_page(self, first: ActionPage) -> None:
        self.live = True
        self.beginResetModel()
        self._total = first.total
        self._head = [s.id for s in first.rows]
        self._ids = self._head if first.total <= len(self._head) else None
        self._pages.clear()
        self._pages[0] = {s.id: s for s in first.rows}
        self.endResetModel()
        self.loaded.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Col):
            return
        key, descending = SORT_KEYS[Col(column)], order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and (self._total or not self.live):
            return
        self.sort_key, self.descending = key, descending
        if self.live:  # before the first load, only remember the order the first load will use
            self.reload()

    def replace_row(self, summary: ActionSummary) -> None:
        """After an edit: swap the cached row and repaint just that row."""
        row = self.row_of(summary.id)
        if row is None:
            return
        page = self._pages.get(row // PAGE_SIZE)
        if page is not None:
            page[summary.id] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Col) - 1))

    def cached_ids(self) -> set[int]:
        return {action_id for page in self._pages.values() for action_id in page}

    def replace_rows(self, summaries: Sequence[ActionSummary]) -> None:
        for summary in summaries:
            self.replace_row(summary)

    def invalidate_rows(self) -> None:
        """Forget cached rows (data changed elsewhere) without re-querying the ids."""
        self._pages.clear()
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(Col) - 1))

    # -- lookups ------------------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        """Every id the register shows, in order (read from the database the first time it is needed)."""
        if self._ids is None:
            self._ids = self._source.ids(self.filter, self.sort_key, self.descending)
        return self._ids

    def id_at(self, row: int) -> int | None:
        if not 0 <= row < self._total:
            return None
        ids = self._head if row < len(self._head) else self.ids
        return ids[row] if row < len(ids) else None

    def row_of(self, action_id: int) -> int | None:
        if action_id in self._head:
            return self._head.index(action_id)
        if self._total <= len(self._head):
            return None
        try:
            return self.ids.index(action_id)
        except ValueError:
            return None

    def summary(self, row: int) -> ActionSummary | None:
        action_id = self.id_at(row)
        if action_id is None:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number)
        else:
            self._pages.move_to_end(number)
        return page.get(action_id)

    def _fetch(self, number: int) -> dict[int, ActionSummary]:
        chunk = self.ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        page = {s.id: s for s in self._source.summaries(chunk)}
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- Qt model API -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text_roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Col) and role in text_roles:
            return HEADERS[Col(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():  # a view asks a dozen roles per cell per paint
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        summary = self.summary(index.row())
        if summary is None:
            return None
        if role == SUMMARY_ROLE:
            return summary
        return _cell(summary, Col(index.column()), role)


_ANSWERED = frozenset(
    {
        int(Qt.ItemDataRole.DisplayRole),
        int(Qt.ItemDataRole.AccessibleTextRole),
        int(Qt.ItemDataRole.ToolTipRole),
        int(Qt.ItemDataRole.FontRole),
        CHIP_COLOUR_ROLE,
        ID_ROLE,
        SUMMARY_ROLE,
    }
)


def _cell(s: ActionSummary, col: Col, role: int) -> Any:
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
        return display_text(s, col)
    if role == Qt.ItemDataRole.ToolTipRole:
        return tooltip(s, col)
    if role == CHIP_COLOUR_ROLE:
        if col is Col.KIND:
            return theme.kind_colour(s.kind)
        if col is Col.RAG:
            return theme.rag_colour(s.rag)
    if role == Qt.ItemDataRole.FontRole and col is Col.DUE and s.overdue:
        font = QFont()
        font.setBold(True)
        return font
    return None


def display_text(s: ActionSummary, col: Col) -> str:
    if col is Col.REFERENCE:
        return s.reference
    if col is Col.LOCATION:
        return s.location_name
    if col is Col.KIND:
        return s.kind.label
    if col is Col.TEXT:
        return " ".join(s.text.split())
    if col is Col.KEY_QUESTION:
        return s.key_question.label if s.key_question else ""
    if col is Col.REGULATION:
        return f"Reg {s.regulation.number}{s.regulation.paragraphs or ''}" if s.regulation else ""
    if col is Col.OWNER:
        return s.owner_name or "—"
    if col is Col.DUE:
        return due_text(s)
    if col is Col.STATUS:
        return s.status.label.split(" (")[0]  # "Completed"; the tooltip has the full label
    if col is Col.RAG:
        return s.rag.value.capitalize()  # the colour's name; the tooltip says why
    if col is Col.STEPS:
        return steps_text(s)
    return format_date(s.updated_at.date())


def steps_text(s: ActionSummary) -> str:
    """e.g. '2/5 · next 3 Apr 2026': steps done of all, and when the next one is due."""
    if not s.step_count:
        return ""
    text = f"{s.steps_done}/{s.step_count}"
    return text + (f" · next {format_date(s.next_step_due)}" if s.next_step_due else "")


def due_text(s: ActionSummary) -> str:
    if s.due is None:
        return ""
    return format_date(s.due) + (f" {signed_days(s.slipped_days)}" if s.slipped_days else "")


def tooltip(s: ActionSummary, col: Col) -> str | None:
    if col is Col.TEXT:
        return s.text
    if col is Col.DUE and s.slipped_days:
        return f"Due {due_with_slippage(s)}."
    if col is Col.DUE and s.overdue and s.due:
        return f"Overdue since {format_date(s.due)}."
    if col is Col.REGULATION and s.regulation:
        statute = f" — {s.regulation.statute.value}" if s.regulation.statute else ""
        return s.regulation.cite() + statute
    if col is Col.UPDATED:
        return f"Last changed {format_datetime(s.updated_at)} by {s.updated_by}"
    if col is Col.STATUS:
        return s.status.label
    if col is Col.RAG:
        return s.rag_label
    if col is Col.STEPS and s.step_count:
        progress = steps_progress(s.step_count, s.steps_done)
        return f"{progress}; the next step is due {format_date(s.next_step_due)}."
    if col in (Col.LOCATION, Col.OWNER):
        return display_text(s, col)
    return None
