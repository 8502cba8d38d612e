"""Changing actions: field edits, status transitions, notes, bulk operations. Each is one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.domain.actions import ActionChanges, ActionDetail, BulkResult, Note
from core.domain.due_dates import refuse_implausible_due
from core.domain.errors import NotFound, RuleViolation, StaleVersion
from core.domain.parsed import Regulation
from core.domain.vocabulary import (
    ActionKind,
    ActionOrigin,
    ActionStatus,
    KeyQuestion,
    KeyQuestionSource,
    OtherSource,
    Priority,
)
from core.domain.workflow import Transition, transition_for
from core.services import audit, mapping, rules
from core.services.actions import ActionQueries
from core.services.context import ServiceContext
from core.services.new_actions import new_action_record
from core.store.orm import (
    ActionRecord,
    DueChangeRecord,
    InspectionRecord,
    LocationRecord,
    NoteRecord,
    PersonRecord,
)

_FIELDS = ("text", "owner_id", "due", "priority", "success_measure", "key_question", "service")


class ActionEdits:
    """Write side of actions. Every change is checked against the caller's version and audited."""

    def __init__(self, ctx: ServiceContext, queries: ActionQueries) -> None:
        self._ctx = ctx
        self._queries = queries

    def create(
        self,
        location_id: int,
        kind: ActionKind,
        text: str,
        *,
        inspection_id: int | None = None,
        origin: ActionOrigin = ActionOrigin.INTERNAL,
        key_question: KeyQuestion | None = None,
        service: str | None = None,
        regulation: Regulation | None = None,
        owner_id: int | None = None,
        due: Any = None,
        priority: Priority | None = None,
        success_measure: str | None = None,
    ) -> ActionDetail:
        """Add an action the report did not list (origin 'internal' unless given)."""
        if not text.strip():
            raise RuleViolation("An action needs a description.")
        with self._ctx.db.writing() as session:
            location = session.get(LocationRecord, location_id)
            if location is None:
                raise NotFound(f"Location {location_id} no longer exists.")
            inspection = session.get(InspectionRecord, inspection_id) if inspection_id else None
            year = inspection.key_date.year if inspection and inspection.key_date else self._ctx.today().year
            if owner_id is not None:
                self._person(session, owner_id)
            record = new_action_record(
                session,
                self._ctx,
                location=location,
                year=year,
                kind=kind,
                origin=origin,
                text=text.strip(),
                inspection_id=inspection_id,
                report_id=inspection.report_id if inspection else None,
                key_question=key_question,
                service=service,
                regulation=regulation,
                due=due,
                priority=priority,
                section=None,
                regulated_activity=None,
            )
            record.owner_id = owner_id
            record.success_measure = success_measure
            session.flush()
            return self._queries.detail_in(session, record.id)

    def add_from_source(
        self,
        location_id: int,
        kind: ActionKind,
        text: str,
        *,
        source: OtherSource,
        key_question: KeyQuestion,
        regulation: Regulation | None = None,
        owner_id: int | None = None,
        due: Any = None,
        success_measure: str | None = None,
    ) -> ActionDetail:
        """Add an action no CQC report contains (a mock inspection, an audit, an incident...), recording
        where it came from."""
        detail = self.create(
            location_id,
            kind,
            text,
            origin=ActionOrigin.INTERNAL,
            key_question=key_question,
            regulation=regulation,
            owner_id=owner_id,
            due=due,
            success_measure=success_measure,
        )
        with self._ctx.db.writing() as session:
            record = self._queries.require(session, detail.id)
            record.source = source.value
            audit.record(
                session,
                self._ctx,
                entity="action",
                entity_id=record.id,
                action_id=record.id,
                operation="update",
                field="source",
                new=source.label,
            )
            session.flush()
            return self._queries.detail_in(session, record.id)

    def update(self, action_id: int, version: int, changes: ActionChanges) -> ActionDetail:
        with self._ctx.db.writing() as session:
            record = self._for_update(session, action_id, version)
            self._apply(session, record, changes)
            return self._finish(session, record)

    def undo_due_move(self, action_id: int, version: int, previous: Any) -> ActionDetail:
        """Take back the last due-date change (an undo): the slip it recorded is removed rather than answered
        by a second one. The history keeps both the change and its undoing."""
        with self._ctx.db.writing() as session:
            record = self._for_update(session, action_id, version)
            last = session.scalars(
                select(DueChangeRecord)
                .where(DueChangeRecord.action_id == action_id)
                .order_by(DueChangeRecord.changed_at.desc(), DueChangeRecord.id.desc())
                .limit(1)
            ).first()
            if last is not None and last.new_due == record.due and last.old_due == previous:
                session.delete(last)
            elif previous is None and record.original_due == record.due:
                record.original_due = None  # the first date set was the plan, and nothing slipped
            else:
                self._move_due(session, record, previous, "Undo")
            audit.record_changes(
                session,
                self._ctx,
                entity="action",
                entity_id=record.id,
                action_id=record.id,
                changes={"due": (record.due, previous)},
            )
            record.due = previous
            return self._finish(session, record)

    def transition(
        self,
        action_id: int,
        version: int,
        transition: Transition | ActionStatus,
        *,
        reason: str | None = None,
    ) -> ActionDetail:
        """Change status. Verifying is done by the signed-in person; `reason` is then what they checked."""
        with self._ctx.db.writing() as session:
            record = self._for_update(session, action_id, version)
            self._move(session, record, transition, reason=reason)
            return self._finish(session, record)

    def add_note(self, action_id: int, text: str, *, version: int | None = None) -> Note:
        """Append a progress note; with `version`, refuse if the action changed since then."""
        if not text.strip():
            raise RuleViolation("A progress note cannot be empty.")
        with self._ctx.db.writing() as session:
            record = self._queries.require_version(session, action_id, version)
            rules.require_change(self._ctx, record, "adding a progress note")
            note = NoteRecord(
                action_id=action_id, author=self._ctx.actor, created_at=self._ctx.now(), text=text.strip()
            )
            session.add(note)
            record.note_count += 1
            self._touch(record)
            session.flush()
            audit.record(
                session,
                self._ctx,
                entity="note",
                entity_id=note.id,
                action_id=action_id,
                operation="create",
                new=note.text,
            )
            return mapping.note(note)

    def edit_note(self, note_id: int, text: str) -> Note:
        if not text.strip():
            raise RuleViolation("A progress note cannot be empty.")
        with self._ctx.db.writing() as session:
            note = self._note(session, note_id)
            rules.require_change(
                self._ctx, self._queries.require(session, note.action_id), "editing its notes"
            )
            old, note.text = note.text, text.strip()
            audit.record(
                session,
                self._ctx,
                entity="note",
                entity_id=note.id,
                action_id=note.action_id,
                operation="update",
                field="text",
                old=old,
                new=note.text,
            )
            self._touch(self._queries.require(session, note.action_id))
            return mapping.note(note)

    def delete_note(self, note_id: int, *, action_id: int | None = None) -> None:
        """Delete a note; with action_id, only if the note belongs to that action (an undo names both,
        so a note id reused after a restore can never take someone else's note)."""
        with self._ctx.db.writing() as session:
            note = self._note(session, note_id)
            if action_id is not None and note.action_id != action_id:
                raise NotFound(
                    f"Progress note {note_id} no longer belongs to this action, so it was left alone."
                )
            record = self._queries.require(session, note.action_id)
            rules.require_change(self._ctx, record, "removing a progress note")
            audit.record(
                session,
                self._ctx,
                entity="note",
                entity_id=note.id,
                action_id=note.action_id,
                operation="delete",
                old=note.text,
            )
            session.delete(note)
            record.note_count -= 1
            self._touch(record)

    # -- bulk -------------------------------------------------------------------------------------

    def bulk_update(self, action_ids: Sequence[int], changes: ActionChanges) -> BulkResult:
        return self._bulk(action_ids, lambda s, r: self._apply(s, r, changes))

    def bulk_transition(
        self, action_ids: Sequence[int], transition: Transition | ActionStatus, *, reason: str | None = None
    ) -> BulkResult:
        return self._bulk(action_ids, lambda s, r: self._move(s, r, transition, reason=reason))

    def _bulk(self, action_ids: Sequence[int], change: Callable[[Session, ActionRecord], bool]) -> BulkResult:
        """Apply to each action in one transaction; a refused action is reported and left as it was, and an
        action that already was as asked is reported as unchanged (and not touched)."""
        changed: list[str] = []
        unchanged: list[str] = []
        refused: dict[str, str] = {}
        with self._ctx.db.writing() as session:
            for action_id in action_ids:
                record = self._queries.require(session, action_id)
                try:
                    with session.begin_nested():
                        did = change(session, record)
                        if did:
                            self._touch(record)
                        session.flush()
                except (RuleViolation, NotFound) as error:
                    session.refresh(record)
                    refused[record.reference] = str(error)
                else:
                    (changed if did else unchanged).append(record.reference)
        return BulkResult(changed=changed, refused=refused, unchanged=unchanged)

    # -- the rules ---------------------------------------------------------------------------------

    def _apply(self, session: Session, record: ActionRecord, changes: ActionChanges) -> bool:
        """Apply the edits and record them in the history; False when the action already was like that."""
        edited = changes.edited
        if edited:
            rules.require_change(self._ctx, record, f"changing its {_words(edited)}")
        diff: dict[str, tuple[Any, Any]] = {}
        if "owner_id" in edited and changes.owner_id is not None:
            self._person(session, changes.owner_id, must_be_active=True)
        if "due" in edited and changes.due != record.due:
            self._move_due(session, record, changes.due, changes.due_reason)
            diff["due"] = (record.due, changes.due)
        if "text" in edited and not (changes.text or "").strip():
            raise RuleViolation("An action needs a description.")
        for name in _FIELDS:
            if name == "due" or name not in edited:
                continue
            new = getattr(changes, name)
            new = new.strip() or None if isinstance(new, str) else new
            old = getattr(record, name)
            stored = new.value if isinstance(new, Enum) else new
            if stored != old:
                diff[name] = (old, stored)
                setattr(record, name, stored)
        if "priority" in diff and changes.priority is None:
            raise RuleViolation("An action needs a priority.")
        if "due" in diff:
            record.due = changes.due
            if record.original_due is None:
                record.original_due = changes.due
        if "key_question" in diff:
            record.key_question_source = (
                KeyQuestionSource.USER if record.key_question else KeyQuestionSource.NONE
            ).value
        if "owner_id" in diff:
            old_id, new_id = diff.pop("owner_id")
            diff["owner"] = (_name(session, old_id), _name(session, new_id))
        audit.record_changes(
            session, self._ctx, entity="action", entity_id=record.id, action_id=record.id, changes=diff
        )
        return bool(diff)

    def _move_due(self, session: Session, record: ActionRecord, new_due: Any, reason: str | None) -> None:
        """Slippage is history: a due date that moves keeps its old value and the reason."""
        refuse_implausible_due(new_due)
        if record.due is not None and not (reason and reason.strip()):
            raise RuleViolation(f"Moving the due date of {record.reference} needs a reason.")
        if record.due is None and record.original_due is None:
            return  # the first due date is the plan, not a slip
        session.add(
            DueChangeRecord(
                action_id=record.id,
                old_due=record.due,
                new_due=new_due,
                reason=(reason or "").strip() or "Due date set",
                changed_by=self._ctx.actor,
                changed_at=self._ctx.now(),
            )
        )

    def _move(
        self,
        session: Session,
        record: ActionRecord,
        transition: Transition | ActionStatus,
        *,
        reason: str | None,
    ) -> bool:
        current = ActionStatus(record.status)
        step = transition if isinstance(transition, Transition) else transition_for(current, transition)
        rules.require_transition(self._ctx, record, step, reason)
        now, me = self._ctx.now(), self._ctx.identity
        diff: dict[str, tuple[Any, Any]] = {}
        if step is Transition.VERIFY and me is not None:
            diff["verifier"] = (None, me.name)
            diff["verification_note"] = (None, (reason or "").strip())
            record.verifier_id, record.verifier_name, record.verified_at = me.person_id, me.name, now
            record.verification_note = (reason or "").strip()
        elif step is Transition.COMPLETE and me is not None:
            record.completed_at, record.completed_by = now, me.name
            record.completed_by_id, record.completed_owner_id = me.person_id, record.owner_id
        elif step is Transition.NOT_APPLICABLE:
            diff["not_applicable_reason"] = (record.not_applicable_reason, reason)
            record.not_applicable_reason = (reason or "").strip()
        elif step is Transition.REOPEN:
            diff["reopen_reason"] = (None, reason)
            record.verifier_id = record.verified_at = record.verification_note = record.verifier_name = None
            record.completed_at = record.completed_by = None
            record.completed_by_id = record.completed_owner_id = None
        diff["status"] = (record.status, step.target.value)
        record.status = step.target.value
        audit.record_changes(
            session, self._ctx, entity="action", entity_id=record.id, action_id=record.id, changes=diff
        )
        return True

    # -- plumbing ----------------------------------------------------------------------------------

    def _for_update(self, session: Session, action_id: int, version: int) -> ActionRecord:
        return self._queries.require_version(session, action_id, version)

    def _finish(self, session: Session, record: ActionRecord) -> ActionDetail:
        self._touch(record)
        try:
            session.flush()
        except StaleDataError as error:
            raise StaleVersion(
                f"{record.reference} was changed by someone else while you were saving; reload it."
            ) from error
        return self._queries.detail_in(session, record.id)

    def _touch(self, record: ActionRecord) -> None:
        record.updated_at, record.updated_by = self._ctx.now(), self._ctx.actor

    @staticmethod
    def _person(session: Session, person_id: int, *, must_be_active: bool = False) -> PersonRecord:
        person = session.get(PersonRecord, person_id)
        if person is None:
            raise NotFound(f"Person {person_id} does not exist.")
        if must_be_active and not person.active:
            raise RuleViolation(f"{person.name} has left, so cannot be given actions.")
        return person

    @staticmethod
    def _note(session: Session, note_id: int) -> NoteRecord:
        note = session.get(NoteRecord, note_id)
        if note is None:
            raise NotFound(f"Progress note {note_id} no longer exists.")
        return note


def _name(session: Session, person_id: int | None) -> str | None:
    person = session.get(PersonRecord, person_id) if person_id is not None else None
    return person.name if person else None


def _words(fields: set[str]) -> str:
    """{'owner_id', 'due'} -> 'due date and owner' (for refusal sentences)."""
    names = sorted(_FIELD_WORDS.get(f, f.replace("_", " ")) for f in fields)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_FIELD_WORDS = {"owner_id": "owner", "due": "due date", "text": "text", "key_question": "key question"}


__all__ = ["ActionEdits"]
