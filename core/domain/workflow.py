"""The action status workflow and the derived BRAG status: pure rules, no storage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionKind, ActionStatus, Rag

DEFAULT_AMBER_DAYS = 14


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


@dataclass(frozen=True)
class WorkflowState:
    """What the rules need to know about an action."""

    kind: ActionKind
    status: ActionStatus
    owner_id: int | None
    note_count: int
    evidence_count: int
    open_steps: int = 0  # steps of the provider's plan not yet done


def transition_for(current: ActionStatus, target: ActionStatus) -> Transition:
    """The named transition that takes `current` to `target`."""
    if target is ActionStatus.IN_PROGRESS and current in _SOURCES[Transition.REOPEN]:
        return Transition.REOPEN
    for transition, to in _TARGETS.items():
        if to is target and current in _SOURCES[transition]:
            return transition
    raise RuleViolation(f"An action cannot go from {current.label} to {target.label}.")


def refusal(state: WorkflowState, transition: Transition, *, reason: str | None = None,
            verifier_id: int | None = None, checking_inputs: bool = True) -> str | None:
    """Why `transition` is not allowed now, in one sentence; None when it is allowed.

    With checking_inputs=False only the action's own state is judged (for offering buttons).
    """
    if state.status not in _SOURCES[transition]:
        return f"An action that is {state.status.label.lower()} cannot be given '{transition.label}'."
    if transition is Transition.COMPLETE:
        if state.open_steps:
            return (f"An action with steps can be completed only when its steps are done "
                    f"({state.open_steps} not done yet).")
        if state.kind is ActionKind.MUST and state.evidence_count == 0:
            return "A MUST action needs evidence before it can be completed."
        if state.note_count + state.evidence_count == 0:
            return "An action needs a progress note or evidence before it can be completed."
    if not checking_inputs:
        return None
    if transition in _NEEDS_REASON and not (reason and reason.strip()):
        return f"'{transition.label}' needs a reason."
    if transition is Transition.VERIFY:
        if verifier_id is None:
            return "Verification needs the name of the person who checked the action."
        if state.owner_id is not None and verifier_id == state.owner_id:
            return "The verifier must be a different person from the action's owner."
    return None


def check(state: WorkflowState, transition: Transition, *, reason: str | None = None,
          verifier_id: int | None = None) -> None:
    """Raise RuleViolation with the refusal sentence when the transition is not allowed."""
    message = refusal(state, transition, reason=reason, verifier_id=verifier_id)
    if message:
        raise RuleViolation(message)


def offered(state: WorkflowState) -> dict[Transition, str | None]:
    """Transitions legal from the current status, each with its refusal (None = can be done now)."""
    return {t: refusal(state, t, checking_inputs=False) for t in Transition if state.status in _SOURCES[t]}


def is_overdue(status: ActionStatus, due: dt.date | None, today: dt.date) -> bool:
    return status.is_live and due is not None and due < today


def rag(*, status: ActionStatus, kind: ActionKind, owner_id: int | None, due: dt.date | None,
        today: dt.date, amber_days: int = DEFAULT_AMBER_DAYS) -> Rag:
    """BRAG: blue verified; red overdue or an unowned MUST; amber due within amber_days; else green."""
    if status is ActionStatus.VERIFIED:
        return Rag.BLUE
    if status is ActionStatus.NOT_APPLICABLE:
        return Rag.GREY
    if status is ActionStatus.COMPLETED:
        return Rag.GREEN
    if is_overdue(status, due, today) or (kind is ActionKind.MUST and owner_id is None):
        return Rag.RED
    if due is not None and (due - today).days <= amber_days:
        return Rag.AMBER
    return Rag.GREEN
