"""People: the list with unclosed counts; leaving with a hand-over, hand-over, rejoin, add and edit."""

from __future__ import annotations

import pytest

from core.domain.actions import ActionFilter
from desktop.people.panel import NOBODY, PeoplePanel
from tests.desktop.conftest import load


@pytest.fixture
def panel(qtbot, services, runner, dialogs, ui_settings, register):
    view = PeoplePanel(services, runner, dialogs, ui_settings)
    qtbot.addWidget(view)
    load(qtbot, view)
    return view


def _select(panel, name):
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == name)
    panel.table.selectRow(row)


def _owned(services, person_id):
    return services.actions.count(ActionFilter(owner_ids=frozenset({person_id})))


def test_list_shows_role_and_unclosed_actions(panel):
    rows = {
        panel.proxy.index(r, 0).data(): [panel.proxy.index(r, c).data() for c in range(1, 5)]
        for r in range(panel.proxy.rowCount())
    }
    assert rows["Priya Shah"] == ["Registered manager", "", "2", "Active"]
    assert rows["Sam Reid"] == ["", "", "0", "Active"]


def test_leaving_hands_actions_over_to_the_chosen_person(qtbot, panel, services, dialogs, register):
    _select(panel, "Priya Shah")
    dialogs.answer("Tom Hughes (Head of governance)")
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.buttons["leave"].click()
    assert _owned(services, register["priya"].id) == 0
    assert _owned(services, register["tom"].id) == 3
    assert not services.people.get(register["priya"].id).active
    assert dialogs.shown[-1][0] == "ask_item"
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == "Priya Shah")
    assert panel.proxy.index(row, 4).data().startswith("Left")


def test_leaving_with_nobody_leaves_actions_unowned(qtbot, panel, services, dialogs, register):
    _select(panel, "Tom Hughes")
    dialogs.answer(NOBODY)
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.leave()
    assert _owned(services, register["tom"].id) == 1  # still his, as the service leaves them in place
    assert not services.people.get(register["tom"].id).active


def test_cancelling_the_choice_changes_nothing(panel, services, dialogs, register):
    _select(panel, "Priya Shah")
    dialogs.answer(None)
    panel.leave()
    assert services.people.get(register["priya"].id).active


def test_hand_over_then_rejoin(qtbot, panel, services, dialogs, register):
    _select(panel, "Priya Shah")
    dialogs.answer("Sam Reid")
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.hand_over()
    assert _owned(services, register["sam"].id) == 2
    services.people.leave(register["tom"].id)
    load(qtbot, panel)
    _select(panel, "Tom Hughes")
    assert panel.buttons["rejoin"].isEnabled()
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.buttons["rejoin"].click()
    assert services.people.get(register["tom"].id).active


def test_add_and_edit_through_the_form(qtbot, panel, services):
    dialog = panel.add_person()
    qtbot.keyClicks(dialog.name, "Amara Okafor")
    qtbot.keyClicks(dialog.role, "Clinical director")
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        dialog.accept()
    assert services.people.find("Amara Okafor").role == "Clinical director"
    _select(panel, "Amara Okafor")
    dialog = panel.edit_person()
    dialog.email.setText("amara@example.org")
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        dialog.accept()
    assert services.people.find("Amara Okafor").email == "amara@example.org"


def test_duplicate_name_is_refused_in_one_sentence(qtbot, panel, dialogs):
    dialog = panel.add_person()
    dialog.name.setText("Sam Reid")
    dialog.accept()
    qtbot.waitUntil(lambda: any(kind == "warn" for kind, *_ in dialogs.shown), timeout=10_000)
    assert "Sam Reid" in dialogs.shown[-1][2]


def test_double_click_lists_their_actions(qtbot, panel, register):
    _select(panel, "Priya Shah")
    with qtbot.waitSignal(panel.show_actions) as blocker:
        panel.table.activated.emit(panel.table.currentIndex())
    assert blocker.args[0] == ActionFilter(owner_ids=frozenset({register["priya"].id}))


@pytest.mark.parametrize("which", ["model", "proxy"])
def test_models_pass_the_model_tester(qtbot, qtmodeltester, panel, services, which):
    """Checked at once and again after the list changes (the tester stays connected for the whole test)."""
    qtmodeltester.check(getattr(panel, which))
    services.people.add("Zara Quinn")
    load(qtbot, panel)
    assert panel.proxy.rowCount() == 4
