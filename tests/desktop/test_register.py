"""The action register: id-list model, filters, header sort, bulk operations."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from core.domain.actions import ActionChanges, ActionFilter, ActionPage
from core.domain.vocabulary import ActionKind, ActionStatus
from core.domain.workflow import Transition
from desktop.register.model import ID_ROLE, PAGE_SIZE, ActionTableModel, Col
from desktop.register.panel import RegisterPanel
from desktop.widgets.chips import CHIP_COLOUR_ROLE
from tests.desktop.conftest import load


@pytest.fixture
def panel(qtbot, services, runner, dialogs, ui_settings, register):
    widget = RegisterPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(widget)
    load(qtbot, widget)
    return widget


def references(panel: RegisterPanel) -> list[str]:
    model = panel.model
    return [model.index(r, Col.REFERENCE).data() for r in range(model.rowCount())]


def select_all(panel: RegisterPanel) -> None:
    panel.table.selectAll()


def test_model_passes_the_model_tester(qtmodeltester, services, register):
    """Checked at once and again after each change below (the tester stays connected for the whole test)."""
    model = ActionTableModel(services.actions)
    qtmodeltester.check(model)
    model.reload()
    model.set_filter(ActionFilter(kinds=frozenset({ActionKind.MUST})))
    model.sort(Col.OWNER, Qt.SortOrder.DescendingOrder)
    model.replace_row(services.actions.get(register["must"].id).summary)
    model.invalidate_rows()
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
    # the same wording as printed documents
    assert (
        model.index(row, Col.DUE).data(Qt.ItemDataRole.ToolTipRole)
        == "Due 24 Mar 2026 (was 10 Mar 2026, +14 d)."
    )
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
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):  # the writer's changes reach the shown register
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


def test_a_filter_that_matches_nothing_says_how_to_see_everything(qtbot, panel):
    assert not panel.empty_hint.isVisibleTo(panel)
    panel.set_filter(ActionFilter(text="no action says this"))
    assert panel.model.rowCount() == 0
    assert panel.empty_hint.isVisibleTo(panel) and "Clear them" in panel.empty_hint.text()


def test_bulk_changes_are_undone_and_redone(qtbot, panel, dialogs, services, register):
    ids = [register[k].id for k in ("must", "should", "late")]
    before = {i: services.actions.get(i).summary for i in ids}
    panel.select_ids(ids)
    dialogs.answer("Sam Reid")
    assert len(panel.bulk_assign().changed) == 3
    dialogs.answer("Contractor delayed")
    panel.bulk_set_due(due=dt.date(2026, 9, 30))
    assert panel.undo_stack.count() == 2 and panel.undo_stack.undoText() == "Set due date (3)"
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    for i in ids:
        now = services.actions.get(i)
        assert (now.summary.owner_id, now.summary.due) == (before[i].owner_id, before[i].due)
        assert now.due_changes == []  # the moves were taken back, not answered by moves back
    panel.undo_stack.redo()
    assert {services.actions.get(i).summary.owner_name for i in ids} == {"Sam Reid"}


def test_a_bulk_status_change_is_undone_back_through_the_workflow(qtbot, panel, dialogs, services, register):
    ids = [register["should"].id, register["late"].id]
    services.sign_in(register["tom"].id)  # completing needs to know who did it
    for action_id in ids:
        services.edits.add_note(action_id, "Done and recorded.")
    panel.select_ids(ids)
    panel.bulk_change_status(Transition.START)
    panel.bulk_change_status(Transition.COMPLETE)
    assert {services.actions.get(i).summary.status for i in ids} == {ActionStatus.COMPLETED}
    panel.undo_stack.undo()  # completed -> in progress: the workflow's way back (reopen), reason "Undo"
    assert {services.actions.get(i).summary.status for i in ids} == {ActionStatus.IN_PROGRESS}
    panel.undo_stack.undo()  # in progress -> open: the workflow has no such step, and says so
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("warn", "Undo change status (2)") and text.startswith("Not undone:")
    assert {services.actions.get(i).summary.status for i in ids} == {ActionStatus.IN_PROGRESS}


def test_a_bulk_change_that_changes_nothing_says_so(qtbot, panel, dialogs, services, register):
    panel.select_ids([register["must"].id, register["should"].id])  # both owned by Priya Shah
    dialogs.answer("Priya Shah")
    result = panel.bulk_assign()
    assert result.changed == [] and len(result.unchanged) == 2
    assert dialogs.shown[-1] == (
        "inform",
        "Assign owner",
        "Nothing changed: the 2 selected actions already were like that.",
    )
    assert panel.undo_stack.count() == 0  # nothing to undo


def test_the_filter_is_remembered_for_the_next_session(
    qtbot, panel, services, runner, dialogs, ui_settings, register
):
    flt = ActionFilter(kinds=frozenset({ActionKind.MUST}), overdue=False, text="medicines")
    panel.set_filter(flt)
    panel.save_state()
    again = RegisterPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(again)
    again.restore_state()
    load(qtbot, again)
    assert again.action_filter == flt and again.filter_bar.search.text() == "medicines"
    assert references(again) == [register["must"].summary.reference]


def test_views_are_saved_under_a_name_and_come_back(
    qtbot, panel, services, runner, dialogs, ui_settings, register
):
    overdue = ActionFilter(overdue=True)
    panel.set_filter(overdue)
    dialogs.answer("Overdue, for the Monday meeting")
    assert panel.save_view() == "Overdue, for the Monday meeting"
    panel.set_filter(ActionFilter())
    other = RegisterPanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(other)
    assert other.saved_views() == {"Overdue, for the Monday meeting": overdue}
    other._fill_views_menu()
    entry = next(
        a for a in other.views_button.menu().actions() if a.text() == "Overdue, for the Monday meeting"
    )
    entry.trigger()
    assert other.action_filter == overdue
    other.delete_view("Overdue, for the Monday meeting")
    assert panel.saved_views() == {}


def test_a_load_in_flight_when_the_filter_changes_does_not_replace_the_filtered_rows(qtbot, panel, register):
    """The register is re-read (say, at start-up) and the user types a search before that read is back:
    the older, unfiltered page must not land under the search's words."""
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh()  # read off the GUI thread; its result arrives through the event loop
        panel.set_filter(ActionFilter(text="Sidcup"))  # the search is shown at once
    assert panel.model.rowCount() == 2
    assert set(references(panel)) == {
        register["must"].summary.reference,
        register["should"].summary.reference,
    }
