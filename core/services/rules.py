"""Where the closure rules meet the data: every write to an action passes through here first.

The rules themselves are pure and live in core/domain/workflow.py (`change_refusal`, `refusal`); this
module applies them to a stored action and the signed-in person, so the app, the CLI and any future
client obey them alike. Steps under an action (or any new part of it) should call `require_change` too.
"""

from __future__ import annotations

from sqlalchemy.orm import object_session

from core.domain.errors import RuleViolation
from core.domain.vocabulary import Access
from core.domain.workflow import Transition, change_refusal, check
from core.services import mapping
from core.services.context import ServiceContext
from core.store.orm import ActionRecord, PersonLocationRecord


def require_change(ctx: ServiceContext, record: ActionRecord, what: str) -> None:
    """Refuse changing the action's content (`what`, e.g. 'removing evidence') when the rules say no:
    a verified action is locked, and a viewer changes nothing."""
    message = change_refusal(mapping.workflow_state(record), what, ctx.identity)
    if message:
        raise RuleViolation(message)
    require_team_owner(ctx, record, what)


def require_transition(
    ctx: ServiceContext, record: ActionRecord, step: Transition, reason: str | None
) -> None:
    """Refuse a status change the workflow does not allow to the signed-in person now."""
    check(mapping.workflow_state(record), step, reason=reason, actor=ctx.identity)
    require_team_owner(ctx, record, "changing its status")


def require_team_owner(ctx: ServiceContext, record: ActionRecord, what: str) -> None:
    """In team mode (signed in by a server login) an action owner changes only the actions they own at the
    locations they belong to: the same rule the server's row-level security enforces, said in words first."""
    me = ctx.identity
    if not ctx.team or me is None or me.access is not Access.ACTION_OWNER:
        return
    session = object_session(record)
    belongs = (
        session is not None
        and session.get(PersonLocationRecord, (me.person_id, record.location_id)) is not None
    )
    if record.owner_id != me.person_id or not belongs:
        raise RuleViolation(
            f"{me.name} may change only the actions they own at the locations they belong to, "
            f"so not {record.reference} ({what}); a governance lead can."
        )
