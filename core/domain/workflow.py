"""The action status workflow and the closure rules: pure rules, no storage. (BRAG is in brag.py.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.domain.errors import RuleViolation
from core.domain.identity import Identity
from core.domain.vocabulary import Access, ActionKind, ActionStatus


class Transition(StrEnum):
    START = "start"
    COMPLETE = "complete"
    VERIFY = "verify"
    NOT_APPLICABLE = "not_applicable"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def target(self) -> ActionStatus:
        return _TARGETS[self]


_LABELS = {
    Transition.START: "Start work",
    Transition.COMPLETE: "Mark completed",
    Transition.VERIFY: "Verify",
    Transition.NOT_APPLICABLE: "Not applicable",
    Transition.REOPEN: "Reopen",
}
_TARGETS = {
    Transition.START: ActionStatus.IN_PROGRESS,
    Transition.COMPLETE: ActionStatus.COMPLETED,
    Transition.VERIFY: ActionStatus.VERIFIED,
    Transition.NOT_APPLICABLE: ActionStatus.NOT_APPLICABLE,
    Transition.REOPEN: ActionStatus.IN_PROGRESS,
}
_SOURCES = {
    Transition.START: {ActionStatus.OPEN},
    Transition.COMPLETE: {ActionStatus.OPEN, ActionStatus.IN_PROGRESS},
    Transition.VERIFY: {ActionStatus.COMPLETED},
    Transition.NOT_APPLICABLE: {ActionStatus.OPEN, ActionStatus.IN_PROGRESS},
    Transition.REOPEN: {ActionStatus.COMPLETED, ActionStatus.VERIFIED, ActionStatus.NOT_APPLICABLE},
}
_NEEDS_REASON = {Transition.NOT_APPLICABLE, Transition.REOPEN}
# Who does these matters to the record: the closure chain names real people.
_SIGNED_IN = {Transition.COMPLETE, Transition.VERIFY, Transition.REOPEN}


@dataclass(frozen=True)
class WorkflowState:
    """What the rules need to know about an action."""

    kind: ActionKind
    status: ActionStatus
    owner_id: int | None
    note_count: int
    evidence_count: int
    reference: str = "This action"
    completed_by_id: int | None = None  # the person who marked it completed
    completed_owner_id: int | None = None  # its owner at that moment
    open_steps: int = 0  # steps of the provider's plan not yet done


def transition_for(current: ActionStatus, target: ActionStatus) -> Transition:
    """The named transition that takes `current` to `target`."""
    if target is ActionStatus.IN_PROGRESS and current in _SOURCES[Transition.REOPEN]:
        return Transition.REOPEN
    for transition, to in _TARGETS.items():
        if to is target and current in _SOURCES[transition]:
            return transition
    raise RuleViolation(f"An action cannot go from {current.label} to {target.label}.")


# -- the closure rules -------------------------------------------------------------------------------
# Every rule an action's change must pass lives in this section; core/services/rules.py applies them to
# every write (app, CLI, any future client). README "Rules" lists them.


def is_locked(status: ActionStatus) -> bool:
    """A verified action's content is locked until a governance lead reopens it."""
    return status is ActionStatus.VERIFIED


def change_refusal(state: WorkflowState, what: str, actor: Identity | None) -> str | None:
    """Why `actor` may not change this action's content (`what`: 'changing its owner'), or None.

    A viewer changes nothing; a verified action is locked until a governance lead reopens it.
    """
    if actor is not None and actor.access is Access.VIEWER:
        return f"{actor.name} is a viewer in Candour, so cannot change {state.reference}."
    if is_locked(state.status):
        return f"{state.reference} is verified; reopen it before {what}."
    return None


def refusal(
    state: WorkflowState,
    transition: Transition,
    *,
    reason: str | None = None,
    actor: Identity | None = None,
    checking_inputs: bool = True,
) -> str | None:
    """Why `transition` is not allowed now, in one sentence; None when it is allowed.

    With checking_inputs=False only the action's own state is judged (for offering buttons).
    """
    ref = state.reference
    if state.status not in _SOURCES[transition]:
        return f"An action that is {state.status.label.lower()} cannot be given '{transition.label}'."
    if transition is Transition.COMPLETE:
        if state.owner_id is None:
            return f"{ref} has no owner; give it an owner before completing it."
        if state.open_steps:
            return (
                f"An action with steps can be completed only when its steps are done "
                f"({state.open_steps} not done yet)."
            )
        if state.kind is ActionKind.MUST and state.evidence_count == 0:
            return "A MUST action needs evidence before it can be completed."
        if state.note_count + state.evidence_count == 0:
            return "An action needs a progress note or evidence before it can be completed."
    if transition is Transition.VERIFY and actor is not None:
        if actor.person_id == state.owner_id:
            return f"{actor.name} owns {ref}; the verifier must be someone other than the owner."
        if actor.person_id in (state.completed_by_id, state.completed_owner_id):
            return (
                f"{actor.name} completed {ref} or owned it when it was completed; the verifier must be "
                "someone else."
            )
    if actor is not None and actor.access is Access.VIEWER:
        return f"{actor.name} is a viewer in Candour, so cannot change {ref}."
    if (
        transition is Transition.REOPEN
        and state.status is ActionStatus.VERIFIED
        and actor is not None
        and actor.access is not Access.GOVERNANCE_LEAD
    ):
        return f"{ref} is verified; only a governance lead can reopen it."
    if not checking_inputs:
        return None
    if transition in _SIGNED_IN and actor is None:
        return (
            f"'{transition.label}' needs to know who you are: sign in as a person in Candour "
            "(--user NAME or CANDOUR_USER on the command line)."
        )
    if transition in _NEEDS_REASON and not (reason and reason.strip()):
        return f"'{transition.label}' needs a reason."
    if transition is Transition.VERIFY and not (reason and reason.strip()):
        return f"Verifying {ref} needs a note of what was checked."
    return None


def check(
    state: WorkflowState, transition: Transition, *, reason: str | None = None, actor: Identity | None = None
) -> None:
    """Raise RuleViolation with the refusal sentence when the transition is not allowed."""
    message = refusal(state, transition, reason=reason, actor=actor)
    if message:
        raise RuleViolation(message)


def offered(state: WorkflowState, actor: Identity | None = None) -> dict[Transition, str | None]:
    """Transitions legal from the current status, each with its refusal (None = can be done now)."""
    return {
        t: refusal(state, t, actor=actor, checking_inputs=False)
        for t in Transition
        if state.status in _SOURCES[t]
    }


def is_overdue(status: ActionStatus, due: dt.date | None, today: dt.date) -> bool:
    return status.is_live and due is not None and due < today
