"""The action register: id-list model, filters, header sort, bulk operations."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from core.domain.actions import ActionChanges, ActionFilter, ActionPage
from core.domain.vocabulary import ActionKind, ActionStatus
from core.domain.workflow import Transition
from desktop.register.model import ID_ROLE, PAGE_SIZE, ActionTableModel, Col
from desktop.register.panel import RegisterPanel
from desktop.widgets.chips import CHIP_COLOUR_ROLE


@pytest.fixture
def panel(qtbot, services, runner, dialogs, ui_settings, register):
    widget = RegisterPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


def references(panel: RegisterPanel) -> list[str]:
    model = panel.model
    return [model.index(r, Col.REFERENCE).data() for r in range(model.rowCount())]


def select_all(panel: RegisterPanel) -> None:
    panel.table.selectAll()


def test_model_passes_the_model_tester(qtbot, services, register):
    model = ActionTableModel(services.actions)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.reload()
    model.set_filter(ActionFilter(kinds=frozenset({ActionKind.MUST})))
    model.sort(Col.OWNER, Qt.SortOrder.DescendingOrder)
    model.replace_row(services.actions.get(register["must"].id).summary)
    assert model.rowCount() == 2


def test_model_fetches_rows_in_pages(services, register):
    class CountingSource:
        def __init__(self):
            self.fetched: list[int] = []
            self.id_queries = 0

        def ids(self, flt, sort, descending):
            self.id_queries += 1
            return list(range(1, 1001))

        def page(self, flt, sort, descending, offset, limit):
            ids = list(range(1, 1001))[offset : offset + limit]
            return ActionPage(total=1000, offset=offset, rows=self.summaries(ids))

        def summaries(self, ids):
            self.fetched.append(len(ids))
            return [
                services.actions.get(register["must"].id).summary.model_copy(update={"id": i}) for i in ids
            ]

    source = CountingSource()
    model = ActionTableModel(source)
    model.reload()
    assert model.rowCount() == 1000
    assert source.fetched == [PAGE_SIZE] and source.id_queries == 0  # the first screen: one page, no id list
    model.index(5, Col.TEXT).data()
    assert source.id_queries == 0
    assert model.index(999, Col.REFERENCE).data(ID_ROLE) == 1000
    model.index(999, Col.TEXT).data()
    model.index(998, Col.TEXT).data()
    assert source.fetched == [PAGE_SIZE, 1000 - 4 * PAGE_SIZE]  # then one more page, served from the cache
    assert source.id_queries == 1


def test_cells_show_badges_slippage_and_full_text_tooltip(services, register):
    detail = register["should"]
    services.edits.update(
        detail.id, detail.version, ActionChanges(due=dt.date(2026, 3, 24), due_reason="Staff shortage")
    )
    model = ActionTableModel(services.actions)
    model.reload()
    row = model.row_of(detail.id)
    assert model.index(row, Col.DUE).data().endswith("+14 d")
    assert "Originally due 10 Mar 2026" in model.index(row, Col.DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, Col.TEXT).data(Qt.ItemDataRole.ToolTipRole) == detail.summary.text
    assert model.index(row, Col.KIND).data() == "SHOULD"
    assert model.index(row, Col.KIND).data(CHIP_COLOUR_ROLE) is not None


def test_search_as_you_type_filters_after_a_pause(qtbot, panel):
    assert len(references(panel)) == 4
    qtbot.keyClicks(panel.filter_bar.search, "hygiene")
    assert len(references(panel)) == 4  # debounced: nothing re-queried per keystroke
    qtbot.waitUntil(lambda: len(references(panel)) == 1)
    assert "matching “hygiene”" in panel.words.text()


def test_filter_by_kind_and_overdue_and_clear(qtbot, panel, register):
    panel.filter_bar.kind.setCurrentIndex(panel.filter_bar.kind.findText("MUST only"))
    assert sorted(references(panel)) == sorted(
        [register["must"].summary.reference, register["unowned"].summary.reference]
    )
    assert panel.describe().startswith("MUST actions")
    panel.filter_bar.kind.setCurrentIndex(0)
    panel.filter_bar.overdue.click()
    assert references(panel) == [register["late"].summary.reference]
    assert "overdue" in panel.describe()
    panel.clear_link.linkActivated.emit("#clear")
    assert len(references(panel)) == 4 and panel.describe() == "All actions"


def test_clicking_the_due_header_sorts_by_due_in_sql(qtbot, panel, register):
    header = panel.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().center().__class__(header.sectionViewportPosition(Col.DUE) + 5, 5),
    )
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    dues = [register[k].summary.due for k in ("late", "should", "must")]
    expected = [register[k].summary.reference for k in ("late", "should", "must")]
    expected = expected[::-1] if descending else expected
    shown = [r for r in references(panel) if r != register["unowned"].summary.reference]
    assert shown == expected, dues
    assert references(panel)[-1] == register["unowned"].summary.reference  # no due date: always last


def test_bulk_assign_owner(qtbot, panel, dialogs, services, register):
    select_all(panel)
    dialogs.answer("Sam Reid")
    result = panel.bulk_assign()
    assert result is not None and len(result.changed) == 4
    owners = {panel.model.index(r, Col.OWNER).data() for r in range(4)}
    assert owners == {"Sam Reid"}
    assert dialogs.shown[-1][0] == "inform"


def test_bulk_status_change_reports_refusals_in_one_message(qtbot, panel, dialogs, services, register):
    services.edits.add_note(register["should"].id, "Appraisals booked.")
    services.sign_in(register["priya"].id)
    select_all(panel)
    result = panel.bulk_change_status(Transition.COMPLETE)
    assert result is not None
    assert result.changed == [register["should"].summary.reference]
    kind, _title, text = dialogs.shown[-1]
    assert kind == "warn"
    assert "1 action(s) changed, 3 refused" in text
    assert "A MUST action needs evidence before it can be completed." in text
    assert "has no owner; give it an owner before completing it" in text
    assert services.actions.get(register["must"].id).summary.status is ActionStatus.OPEN


def test_bulk_due_date_asks_for_a_reason(qtbot, panel, dialogs, services, register):
    panel.select_ids([register["must"].id])
    dialogs.answer("Contractor delayed")
    panel.bulk_set_due(due=dt.date(2026, 6, 30))
    detail = services.actions.get(register["must"].id)
    assert detail.summary.due == dt.date(2026, 6, 30)
    assert detail.due_changes[-1].reason == "Contractor delayed"


def test_enter_opens_the_current_action(qtbot, panel, register):
    panel.table.setFocus()
    panel.select_ids([register["late"].id])
    with qtbot.waitSignal(panel.open_action) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert blocker.args == [register["late"].id]
