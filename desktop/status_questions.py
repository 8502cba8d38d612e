"""The question asked before a status change that needs words: a reason, or (verifying) what was checked."""

from __future__ import annotations

from core.domain.workflow import Transition
from core.services.app import Services

NEEDS_WORDS = (Transition.NOT_APPLICABLE, Transition.REOPEN, Transition.VERIFY)


def reason_question(transition: Transition, services: Services) -> str:
    if transition is Transition.VERIFY:
        me = services.identity.name if services.identity else "you"
        return f"You are verifying as {me}. What did you check? (printed in the action plans)"
    return f"Reason for '{transition.label}':"
