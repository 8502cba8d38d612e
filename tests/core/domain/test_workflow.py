import datetime as dt

import pytest

from core.domain.errors import RuleViolation
from core.domain.identity import Identity
from core.domain.vocabulary import Access, ActionKind, ActionStatus
from core.domain.workflow import Transition, WorkflowState, change_refusal, check, offered, transition_for

TODAY = dt.date(2026, 3, 2)


def state(
    kind=ActionKind.SHOULD,
    status=ActionStatus.OPEN,
    owner=1,
    notes=0,
    evidence=0,
    completer=None,
    owner_then=None,
) -> WorkflowState:
    return WorkflowState(
        kind=kind,
        status=status,
        owner_id=owner,
        note_count=notes,
        evidence_count=evidence,
        reference="SAN-2019-M02",
        completed_by_id=completer,
        completed_owner_id=owner_then,
    )


def person(person_id: int, access: Access = Access.ACTION_OWNER) -> Identity:
    return Identity(person_id=person_id, name=f"Person {person_id}", access=access)


ME = person(9)


def test_completing_needs_a_note_or_evidence():
    with pytest.raises(RuleViolation, match="progress note or evidence"):
        check(state(), Transition.COMPLETE, actor=ME)
    check(state(notes=1), Transition.COMPLETE, actor=ME)


def test_completing_needs_an_owner():
    with pytest.raises(
        RuleViolation, match="SAN-2019-M02 has no owner; give it an owner before completing it"
    ):
        check(state(kind=ActionKind.MUST, owner=None, evidence=1), Transition.COMPLETE, actor=ME)


def test_completing_verifying_and_reopening_need_a_signed_in_person():
    for step, status in (
        (Transition.COMPLETE, ActionStatus.OPEN),
        (Transition.VERIFY, ActionStatus.COMPLETED),
        (Transition.REOPEN, ActionStatus.COMPLETED),
    ):
        with pytest.raises(RuleViolation, match="needs to know who you are"):
            check(state(status=status, notes=1), step, reason="r")


def test_must_action_needs_evidence_even_with_notes():
    with pytest.raises(RuleViolation, match="MUST action needs evidence"):
        check(state(kind=ActionKind.MUST, notes=3), Transition.COMPLETE, actor=ME)
    check(state(kind=ActionKind.MUST, evidence=1), Transition.COMPLETE, actor=ME)


def test_verifier_is_neither_owner_nor_completer_nor_owner_at_completion():
    done = state(status=ActionStatus.COMPLETED, owner=7, notes=1, completer=5, owner_then=6)
    for someone in (7, 5, 6):
        with pytest.raises(RuleViolation, match="someone"):
            check(done, Transition.VERIFY, actor=person(someone), reason="Seen")
    check(done, Transition.VERIFY, actor=person(8), reason="Seen on site")


def test_verification_needs_a_note_of_what_was_checked():
    done = state(status=ActionStatus.COMPLETED, owner=7, notes=1)
    with pytest.raises(RuleViolation, match="SAN-2019-M02 needs a note of what was checked"):
        check(done, Transition.VERIFY, actor=ME, reason=" ")


def test_reasons_required_for_not_applicable_and_reopen():
    lead = person(3, Access.GOVERNANCE_LEAD)
    with pytest.raises(RuleViolation, match="needs a reason"):
        check(state(), Transition.NOT_APPLICABLE, reason="  ")
    with pytest.raises(RuleViolation, match="needs a reason"):
        check(state(status=ActionStatus.VERIFIED), Transition.REOPEN, actor=lead)
    check(state(status=ActionStatus.VERIFIED), Transition.REOPEN, reason="Repeat finding", actor=lead)


def test_only_a_governance_lead_reopens_a_verified_action():
    with pytest.raises(RuleViolation, match="SAN-2019-M02 is verified; only a governance lead can reopen it"):
        check(state(status=ActionStatus.VERIFIED), Transition.REOPEN, reason="Repeat finding", actor=ME)
    check(state(status=ActionStatus.COMPLETED, notes=1), Transition.REOPEN, reason="Not finished", actor=ME)


def test_verified_action_is_locked_and_a_viewer_changes_nothing():
    assert (
        change_refusal(state(status=ActionStatus.VERIFIED), "removing evidence", ME)
        == "SAN-2019-M02 is verified; reopen it before removing evidence."
    )
    assert change_refusal(state(), "changing its owner", ME) is None
    viewer = person(4, Access.VIEWER)
    assert (
        change_refusal(state(), "adding a progress note", viewer)
        == "Person 4 is a viewer in Candour, so cannot change SAN-2019-M02."
    )
    with pytest.raises(RuleViolation, match="viewer"):
        check(state(), Transition.START, actor=viewer)


def test_illegal_jumps_are_refused_with_the_states_named():
    with pytest.raises(RuleViolation, match="open cannot be given 'Verify'"):
        check(state(), Transition.VERIFY, actor=ME)
    with pytest.raises(RuleViolation):
        transition_for(ActionStatus.OPEN, ActionStatus.VERIFIED)
    assert transition_for(ActionStatus.VERIFIED, ActionStatus.IN_PROGRESS) is Transition.REOPEN


def test_offered_lists_only_legal_transitions_with_refusals():
    options = offered(state(kind=ActionKind.MUST, notes=1))
    assert set(options) == {Transition.START, Transition.COMPLETE, Transition.NOT_APPLICABLE}
    assert options[Transition.START] is None
    assert options[Transition.COMPLETE] == "A MUST action needs evidence before it can be completed."
