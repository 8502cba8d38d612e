"""New actions: one added by hand (an ORM record), or every new action of an imported inspection inserted
in a few statements, each with its reference and its 'create' history, the same rows either way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from core.domain.due_dates import refuse_implausible_due
from core.domain.parsed import ParsedAction, Regulation
from core.domain.vocabulary import (
    ActionKind,
    ActionOrigin,
    ActionStatus,
    KeyQuestion,
    KeyQuestionSource,
    Priority,
)
from core.services import audit
from core.services.context import ServiceContext
from core.services.references import next_reference, text_key
from core.store.changes import NOTED, note_new_actions
from core.store.lengths import refuse_long_values
from core.store.orm import ActionRecord, AuditRecord, LocationRecord

# The tables themselves: rows inserted together go in through their own INSERT, not the ORM's per row.
_ACTION_TABLE = cast(Table, ActionRecord.__table__)
_AUDIT_TABLE = cast(Table, AuditRecord.__table__)


def new_action_record(
    session: Session,
    ctx: ServiceContext,
    *,
    location: LocationRecord,
    year: int,
    kind: ActionKind,
    origin: ActionOrigin,
    text: str,
    inspection_id: int | None,
    report_id: int | None,
    key_question: KeyQuestion | None,
    service: str | None,
    regulation: Regulation | None,
    due: Any,
    priority: Priority | None,
    section: str | None,
    regulated_activity: str | None,
    key_question_source: KeyQuestionSource | None = None,
) -> ActionRecord:
    """Insert one action with its reference and a 'create' history record."""
    action = ParsedAction.model_construct(  # the caller's values as given, as the columns take them
        kind=kind,
        origin=origin,
        text=text,
        regulation=regulation,
        key_question=key_question,
        service=service,
        due=due,
        section=section,
        regulated_activity=regulated_activity,
    )
    values = _values(
        session,
        ctx,
        action,
        location=location,
        year=year,
        inspection_id=inspection_id,
        report_id=report_id,
        priority=priority,
        key_question_source=key_question_source,
        now=ctx.now(),
    )
    record = ActionRecord(**values)
    session.add(record)
    session.flush()
    session.add(AuditRecord(**_created(ctx, record.id, record.reference, text)))
    return record


def insert_imported_actions(
    session: Session,
    ctx: ServiceContext,
    actions: Sequence[ParsedAction],
    *,
    location: LocationRecord,
    year: int,
    inspection_id: int,
    report_id: int,
    closed_reason: str | None,
) -> None:
    """Insert an inspection's new actions and their history in a few statements (a statement per thousand
    rows), so importing N actions costs N steps, not N round trips through the ORM's flush.

    `closed_reason`: the inspection was superseded, so each action is filed closed, that reason and the
    closure in its history just after its 'create' (as an edit just after creating it would record them).
    """
    if not actions:
        return
    now = ctx.now()
    rows = [
        _values(
            session,
            ctx,
            action,
            location=location,
            year=year,
            inspection_id=inspection_id,
            report_id=report_id,
            priority=None,
            key_question_source=action.key_question_source,
            now=now,
        )
        for action in actions
    ]
    if closed_reason:
        for row in rows:
            # version 2: created, then closed (what a separate closing edit would leave)
            row.update(
                status=ActionStatus.NOT_APPLICABLE.value, not_applicable_reason=closed_reason, version=2
            )
    refuse_long_values(ActionRecord, rows)
    # The table's own INSERT (the ORM's would set every version to 1), a thousand rows to a statement: one
    # statement per row would make the search index write a segment per row (FTS5 flushes at each
    # statement), which grows with the index. The new ids come back matched by reference, which is unique:
    # matching them by order would cost a statement per row.
    inserted = session.execute(
        insert(_ACTION_TABLE)
        .returning(ActionRecord.reference, ActionRecord.id)
        .execution_options(**{NOTED: True}),
        rows,
    )
    id_of = dict(inserted.all())
    ids = [id_of[row["reference"]] for row in rows]
    history: list[dict[str, Any]] = []
    for action_id, row in zip(ids, rows, strict=True):
        history.append(_created(ctx, action_id, row["reference"], row["text"], now))
        if closed_reason:
            history += [
                _changed(ctx, action_id, "not_applicable_reason", None, closed_reason, now),
                _changed(
                    ctx, action_id, "status", ActionStatus.OPEN.value, ActionStatus.NOT_APPLICABLE.value, now
                ),
            ]
    refuse_long_values(AuditRecord, history)
    session.execute(insert(_AUDIT_TABLE), history)
    note_new_actions(session, ids, location_id=location.id, report_id=report_id)


def default_priority(kind: ActionKind, origin: ActionOrigin) -> Priority:
    if origin in (ActionOrigin.WARNING_NOTICE, ActionOrigin.ENFORCEMENT):
        return Priority.CRITICAL
    return Priority.HIGH if kind is ActionKind.MUST else Priority.MEDIUM


def _values(
    session: Session,
    ctx: ServiceContext,
    action: ParsedAction,
    *,
    location: LocationRecord,
    year: int,
    inspection_id: int | None,
    report_id: int | None,
    priority: Priority | None,
    key_question_source: KeyQuestionSource | None,
    now: dt.datetime,
) -> dict[str, Any]:
    """A new, open action's column values, its reference allocated."""
    refuse_implausible_due(action.due)
    regulation, key_question = action.regulation, action.key_question
    source = key_question_source or (KeyQuestionSource.USER if key_question else KeyQuestionSource.NONE)
    return {
        "reference": next_reference(session, location, year, action.kind),
        "location_id": location.id,
        "inspection_id": inspection_id,
        "report_id": report_id,
        "kind": action.kind.value,
        "origin": action.origin.value,
        "text": action.text,
        "text_key": text_key(action.text, regulation.number if regulation else None, action.service),
        "section": action.section,
        "regulated_activity": action.regulated_activity,
        "reg_number": regulation.number if regulation else None,
        "reg_paragraphs": regulation.paragraphs if regulation else None,
        "reg_statute": regulation.statute.value if regulation and regulation.statute else None,
        "reg_title": regulation.title if regulation else None,
        "key_question": key_question.value if key_question else None,
        "key_question_source": source.value,
        "service": action.service,
        "original_due": action.due,
        "due": action.due,
        "status": ActionStatus.OPEN.value,
        "priority": (priority or default_priority(action.kind, action.origin)).value,
        "created_at": now,
        "created_by": ctx.actor,
        "updated_at": now,
        "updated_by": ctx.actor,
        "version": 1,
    }


def _created(
    ctx: ServiceContext, action_id: int, reference: str, text: str, at: dt.datetime | None = None
) -> dict[str, Any]:
    return audit.entry(
        ctx,
        entity="action",
        entity_id=action_id,
        action_id=action_id,
        operation="create",
        new=f"{reference}: {text}",
        at=at,
    )


def _changed(
    ctx: ServiceContext, action_id: int, field: str, old: Any, new: Any, at: dt.datetime
) -> dict[str, Any]:
    return audit.entry(
        ctx,
        entity="action",
        entity_id=action_id,
        action_id=action_id,
        operation="update",
        field=field,
        old=old,
        new=new,
        at=at,
    )
