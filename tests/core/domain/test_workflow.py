import datetime as dt

import pytest

from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionKind, ActionStatus, Rag
from core.domain.workflow import Transition, WorkflowState, check, offered, rag, transition_for

TODAY = dt.date(2026, 3, 2)


def state(kind=ActionKind.SHOULD, status=ActionStatus.OPEN, owner=1, notes=0, evidence=0) -> WorkflowState:
    return WorkflowState(kind=kind, status=status, owner_id=owner, note_count=notes, evidence_count=evidence)


def test_completing_needs_a_note_or_evidence():
    with pytest.raises(RuleViolation, match="progress note or evidence"):
        check(state(), Transition.COMPLETE)
    check(state(notes=1), Transition.COMPLETE)


def test_must_action_needs_evidence_even_with_notes():
    with pytest.raises(RuleViolation, match="MUST action needs evidence"):
        check(state(kind=ActionKind.MUST, notes=3), Transition.COMPLETE)
    check(state(kind=ActionKind.MUST, evidence=1), Transition.COMPLETE)


def test_verifier_must_differ_from_owner():
    done = state(status=ActionStatus.COMPLETED, owner=7, notes=1)
    with pytest.raises(RuleViolation, match="different person"):
        check(done, Transition.VERIFY, verifier_id=7)
    with pytest.raises(RuleViolation, match="who checked"):
        check(done, Transition.VERIFY)
    check(done, Transition.VERIFY, verifier_id=8)


def test_reasons_required_for_not_applicable_and_reopen():
    with pytest.raises(RuleViolation, match="needs a reason"):
        check(state(), Transition.NOT_APPLICABLE, reason="  ")
    with pytest.raises(RuleViolation, match="needs a reason"):
        check(state(status=ActionStatus.VERIFIED), Transition.REOPEN)
    check(state(status=ActionStatus.VERIFIED), Transition.REOPEN, reason="Repeat finding at re-inspection")


def test_illegal_jumps_are_refused_with_the_states_named():
    with pytest.raises(RuleViolation, match="open cannot be given 'Verify'"):
        check(state(), Transition.VERIFY, verifier_id=2)
    with pytest.raises(RuleViolation):
        transition_for(ActionStatus.OPEN, ActionStatus.VERIFIED)
    assert transition_for(ActionStatus.VERIFIED, ActionStatus.IN_PROGRESS) is Transition.REOPEN


def test_offered_lists_only_legal_transitions_with_refusals():
    options = offered(state(kind=ActionKind.MUST, notes=1))
    assert set(options) == {Transition.START, Transition.COMPLETE, Transition.NOT_APPLICABLE}
    assert options[Transition.START] is None
    assert options[Transition.COMPLETE] == "A MUST action needs evidence before it can be completed."


@pytest.mark.parametrize(("status", "kind", "owner", "due", "expected"), [
    (ActionStatus.VERIFIED, ActionKind.MUST, 1, dt.date(2020, 1, 1), Rag.BLUE),
    (ActionStatus.OPEN, ActionKind.SHOULD, 1, dt.date(2026, 3, 1), Rag.RED),
    (ActionStatus.OPEN, ActionKind.MUST, None, dt.date(2027, 1, 1), Rag.RED),
    (ActionStatus.IN_PROGRESS, ActionKind.SHOULD, 1, dt.date(2026, 3, 16), Rag.AMBER),
    (ActionStatus.IN_PROGRESS, ActionKind.SHOULD, 1, dt.date(2026, 3, 17), Rag.GREEN),
    (ActionStatus.OPEN, ActionKind.SHOULD, None, None, Rag.GREEN),
    (ActionStatus.COMPLETED, ActionKind.MUST, 1, dt.date(2020, 1, 1), Rag.GREEN),
    (ActionStatus.NOT_APPLICABLE, ActionKind.MUST, None, None, Rag.GREY),
])
def test_rag_is_derived(status, kind, owner, due, expected):
    assert rag(status=status, kind=kind, owner_id=owner, due=due, today=TODAY) is expected


def test_amber_window_is_configurable():
    due = dt.date(2026, 3, 20)
    assert rag(status=ActionStatus.OPEN, kind=ActionKind.SHOULD, owner_id=1, due=due, today=TODAY) is Rag.GREEN
    assert rag(status=ActionStatus.OPEN, kind=ActionKind.SHOULD, owner_id=1, due=due, today=TODAY,
               amber_days=30) is Rag.AMBER
