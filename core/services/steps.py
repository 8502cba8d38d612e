"""The steps of the provider's plan under each action: add, edit, reorder, mark done, remove.

Each change is one transaction, recorded in the action's history against the step, and keeps the
action's step counts (what the register shows and the completion rule reads) in line.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.domain.actions import HistoryEntry
from core.domain.errors import NotFound, RuleViolation
from core.domain.steps import Step, StepChanges
from core.domain.vocabulary import ActionStatus, StepStatus
from core.services import audit, mapping, rules
from core.services.context import ServiceContext
from core.store.orm import ActionRecord, AuditRecord, PersonRecord, StepRecord

if TYPE_CHECKING:
    from core.services.actions import ActionQueries  # which reads steps through steps_in below

_CHUNK = 500
_TEXT_FIELDS = ("text", "monitoring", "success_measure", "evidence")


def steps_in(session: Session, action_ids: Sequence[int]) -> dict[int, list[Step]]:
    """The steps of each action, in order (actions without steps are left out)."""
    found: dict[int, list[Step]] = defaultdict(list)
    for start in range(0, len(action_ids), _CHUNK):
        chunk = list(action_ids[start : start + _CHUNK])
        query = (
            select(StepRecord, PersonRecord.name)
            .outerjoin(PersonRecord, PersonRecord.id == StepRecord.owner_id)
            .where(StepRecord.action_id.in_(chunk))
            .order_by(StepRecord.action_id, StepRecord.position)
        )
        for record, owner_name in session.execute(query):
            found[record.action_id].append(mapping.step(record, owner_name))
    return dict(found)


def refresh_step_counts(session: Session, action: ActionRecord) -> None:
    """Recount the action's steps, those done, and the next due date of those not done."""
    session.flush()
    rows = session.execute(
        select(StepRecord.status, StepRecord.due).where(StepRecord.action_id == action.id)
    ).all()
    pending = [due for status, due in rows if status != StepStatus.DONE.value]
    action.step_count = len(rows)
    action.steps_done = len(rows) - len(pending)
    action.next_step_due = min((d for d in pending if d is not None), default=None)


class StepService:
    def __init__(self, ctx: ServiceContext, queries: ActionQueries) -> None:
        self._ctx = ctx
        self._queries = queries

    # -- reading ------------------------------------------------------------------------------------

    def list(self, action_id: int) -> list[Step]:
        with self._ctx.db.reading() as session:
            self._queries.require(session, action_id)
            return steps_in(session, [action_id]).get(action_id, [])

    def of_actions(self, action_ids: Sequence[int]) -> dict[int, builtins.list[Step]]:
        with self._ctx.db.reading() as session:
            return steps_in(session, action_ids)

    def numbered(self, action_id: int, number: int) -> Step:
        """The action's step with this number (1 = first)."""
        steps = self.list(action_id)
        for step in steps:
            if step.number == number:
                return step
        reference = self._queries.get(action_id).summary.reference
        held = f"it has {len(steps)} step{'s' if len(steps) != 1 else ''}" if steps else "it has no steps yet"
        raise NotFound(f"{reference} has no step {number} ({held}).")

    def history(self, step_id: int) -> builtins.list[HistoryEntry]:
        """Every recorded change to one step, oldest first."""
        with self._ctx.db.reading() as session:
            query = (
                select(AuditRecord)
                .where(AuditRecord.entity == "step", AuditRecord.entity_id == step_id)
                .order_by(AuditRecord.at, AuditRecord.id)
            )
            entries = [mapping.history_entry(r) for r in session.scalars(query)]
        if not entries:
            raise NotFound(f"Step {step_id} does not exist.")
        return entries

    # -- writing ------------------------------------------------------------------------------------

    def add(
        self,
        action_id: int,
        text: str,
        *,
        owner_id: int | None = None,
        due: dt.date | None = None,
        monitoring: str | None = None,
        success_measure: str | None = None,
        version: int | None = None,
    ) -> Step:
        """Add a step at the end of the action's plan."""
        if not text.strip():
            raise RuleViolation("A step needs a description of what will be done.")
        with self._ctx.db.writing() as session:
            action = self._queries.require_version(session, action_id, version)
            rules.require_change(self._ctx, action, "adding a step")
            self._check_open(action, "add a step to")
            if owner_id is not None:
                _person(session, owner_id)
            now = self._ctx.now()
            record = StepRecord(
                action_id=action.id,
                position=action.step_count + 1,
                text=text.strip(),
                owner_id=owner_id,
                due=due,
                monitoring=_clean(monitoring),
                success_measure=_clean(success_measure),
                status=StepStatus.OPEN.value,
                created_at=now,
                created_by=self._ctx.actor,
                updated_at=now,
                updated_by=self._ctx.actor,
            )
            session.add(record)
            session.flush()
            audit.record(
                session,
                self._ctx,
                entity="step",
                entity_id=record.id,
                action_id=action.id,
                operation="create",
                new=f"Step {record.position}: {record.text}",
            )
            self._after_change(session, action)
            return self._read(session, record)

    def update(self, step_id: int, changes: StepChanges) -> Step:
        with self._ctx.db.writing() as session:
            record = self._step(session, step_id)
            action = self._queries.require(session, record.action_id)
            self._apply(session, record, action, changes)
            self._after_change(session, action)
            return self._read(session, record)

    def done(self, step_id: int, evidence: str | None = None) -> Step:
        """Mark a step done, optionally with what shows it (kept with the step)."""
        changes: dict[str, Any] = {"status": StepStatus.DONE}
        if evidence is not None:
            changes["evidence"] = evidence
        return self.update(step_id, StepChanges(**changes))

    def reorder(self, action_id: int, step_ids: Sequence[int]) -> builtins.list[Step]:
        """Put the action's steps in this order (every step, each once)."""
        with self._ctx.db.writing() as session:
            action = self._queries.require(session, action_id)
            rules.require_change(self._ctx, action, "reordering its steps")
            self._check_open(action, "reorder the steps of")
            records = {
                r.id: r for r in session.scalars(select(StepRecord).where(StepRecord.action_id == action_id))
            }
            if sorted(step_ids) != sorted(records) or len(set(step_ids)) != len(step_ids):
                raise RuleViolation(
                    f"The new order of {action.reference}'s steps must list each of its "
                    f"{len(records)} steps once."
                )
            for position, step_id in enumerate(step_ids, start=1):
                record = records[step_id]
                if record.position != position:
                    audit.record(
                        session,
                        self._ctx,
                        entity="step",
                        entity_id=record.id,
                        action_id=action_id,
                        operation="update",
                        field="position",
                        old=record.position,
                        new=position,
                    )
                    record.position = position
            self._after_change(session, action)
            return steps_in(session, [action_id]).get(action_id, [])

    def move(self, step_id: int, number: int) -> builtins.list[Step]:
        """Move a step to position `number` (1 = first), the others keeping their order."""
        with self._ctx.db.reading() as session:
            record = self._step(session, step_id)
            action_id = record.action_id
            order = list(
                session.scalars(
                    select(StepRecord.id)
                    .where(StepRecord.action_id == action_id)
                    .order_by(StepRecord.position)
                )
            )
        if not 1 <= number <= len(order):
            raise RuleViolation(f"A step can move to a position from 1 to {len(order)}.")
        order.remove(step_id)
        order.insert(number - 1, step_id)
        return self.reorder(action_id, order)

    def remove(self, step_id: int, reason: str) -> None:
        """Delete a step planned by mistake; the reason is kept in the history."""
        if not reason.strip():
            raise RuleViolation("Removing a step needs a reason.")
        with self._ctx.db.writing() as session:
            record = self._step(session, step_id)
            action = self._queries.require(session, record.action_id)
            rules.require_change(self._ctx, action, "removing a step")
            self._check_open(action, "remove a step from")
            audit.record(
                session,
                self._ctx,
                entity="step",
                entity_id=record.id,
                action_id=action.id,
                operation="delete",
                field="reason",
                old=f"Step {record.position}: {record.text}",
                new=reason.strip(),
            )
            later = session.scalars(
                select(StepRecord).where(
                    StepRecord.action_id == action.id, StepRecord.position > record.position
                )
            )
            for other in later:
                other.position -= 1
            session.delete(record)
            self._after_change(session, action)

    # -- rules --------------------------------------------------------------------------------------

    def _apply(
        self, session: Session, record: StepRecord, action: ActionRecord, changes: StepChanges
    ) -> None:
        edited = changes.edited
        rules.require_change(self._ctx, action, "changing its steps")  # a viewer changes nothing
        if "text" in edited and not (changes.text or "").strip():
            raise RuleViolation("A step needs a description of what will be done.")
        if not ActionStatus(action.status).is_live:
            raise RuleViolation(
                f"{action.reference} is {ActionStatus(action.status).label.lower()}, so its "
                "steps cannot change; reopen it first."
            )
        diff: dict[str, tuple[Any, Any]] = {}
        if "owner_id" in edited and changes.owner_id != record.owner_id:
            new_owner = _person(session, changes.owner_id) if changes.owner_id is not None else None
            if new_owner is not None and not new_owner.active:
                raise RuleViolation(f"{new_owner.name} has left, so cannot be given steps.")
            old_owner = session.get(PersonRecord, record.owner_id) if record.owner_id else None
            diff["owner"] = (old_owner.name if old_owner else None, new_owner.name if new_owner else None)
            record.owner_id = changes.owner_id
        if "due" in edited and changes.due != record.due:
            diff["due"] = (record.due, changes.due)
            record.due = changes.due
        for name in _TEXT_FIELDS:
            if name in edited:
                new = _clean(getattr(changes, name))
                if name == "text":
                    new = (changes.text or "").strip()
                if new != getattr(record, name):
                    diff[name] = (getattr(record, name), new)
                    setattr(record, name, new)
        if "status" in edited and changes.status is not None and changes.status.value != record.status:
            diff["status"] = (record.status, changes.status.value)
            record.status = changes.status.value
            if changes.status is StepStatus.DONE:
                record.done_at, record.done_by = self._ctx.now(), self._ctx.actor
            else:
                record.done_at = record.done_by = None
        if diff:
            record.updated_at, record.updated_by = self._ctx.now(), self._ctx.actor
            audit.record_changes(
                session, self._ctx, entity="step", entity_id=record.id, action_id=action.id, changes=diff
            )

    @staticmethod
    def _check_open(action: ActionRecord, doing: str) -> None:
        status = ActionStatus(action.status)
        if not status.is_live:
            raise RuleViolation(
                f"{action.reference} is {status.label.lower()}, so you cannot {doing} it; reopen it first."
            )

    def _after_change(self, session: Session, action: ActionRecord) -> None:
        refresh_step_counts(session, action)
        action.updated_at, action.updated_by = self._ctx.now(), self._ctx.actor
        session.flush()

    @staticmethod
    def _step(session: Session, step_id: int) -> StepRecord:
        record = session.get(StepRecord, step_id)
        if record is None:
            raise NotFound(f"Step {step_id} no longer exists.")
        return record

    @staticmethod
    def _read(session: Session, record: StepRecord) -> Step:
        owner = session.get(PersonRecord, record.owner_id) if record.owner_id else None
        return mapping.step(record, owner.name if owner else None)


def _person(session: Session, person_id: int) -> PersonRecord:
    person = session.get(PersonRecord, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} does not exist.")
    return person


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None
