"""A change made at another desk reaches this window as it happens: the app's change signal carries it,
and an open editor on that action shows the new state."""

from core.domain.actions import ActionChanges
from core.domain.vocabulary import Priority
from core.services.app import open_services


def test_another_desks_change_reaches_the_window_and_its_open_editor(
    qtbot, window, register, database_target
):
    must = register["must"]
    editor = window.editors.open(must.id)
    assert editor is not None and editor.ctl.detail.summary.priority is not Priority.LOW
    other = open_services(database_target, user="Tom Hughes")
    try:
        with qtbot.waitSignal(window.runner.changed, timeout=10_000) as announced:
            other.edits.update(must.id, must.version, ActionChanges(priority=Priority.LOW))
        changes = announced.args[0]
        assert must.id in changes.actions and not changes.everything
        qtbot.waitUntil(lambda: editor.ctl.detail.summary.priority is Priority.LOW, timeout=10_000)
    finally:
        other.close()
