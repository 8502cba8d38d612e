"""Records -> domain models. The only place that knows both shapes."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel

from core.domain.actions import ActionSummary, DueChange, Evidence, HistoryEntry, Note, RegisterRow
from core.domain.brag import brag
from core.domain.parsed import QuestionScore, Regulation
from core.domain.registry import InspectionSummary, Person
from core.domain.steps import Step
from core.domain.vocabulary import (
    Access,
    ActionKind,
    ActionOrigin,
    ActionStatus,
    KeyQuestion,
    KeyQuestionSource,
    OtherSource,
    Priority,
    ReportFormat,
    Statute,
    StepStatus,
)
from core.domain.workflow import WorkflowState, is_overdue
from core.services.action_query import SUMMARY_COLUMNS, SummaryRow
from core.store.orm import (
    ActionRecord,
    AuditRecord,
    DueChangeRecord,
    EvidenceRecord,
    InspectionRecord,
    NoteRecord,
    PersonRecord,
    StepRecord,
)


def regulation_of(record: ActionRecord) -> Regulation | None:
    return _regulation(record.reg_number, record.reg_paragraphs, record.reg_statute, record.reg_title)


# Stored value -> member, by dictionary: calling the enum class costs more than the rest of a row.
_STATUS: dict[str, ActionStatus] = {member.value: member for member in ActionStatus}
_KIND: dict[str, ActionKind] = {member.value: member for member in ActionKind}
_ORIGIN: dict[str, ActionOrigin] = {member.value: member for member in ActionOrigin}
_QUESTION: dict[str, KeyQuestion] = {member.value: member for member in KeyQuestion}
_PRIORITY: dict[str, Priority] = {member.value: member for member in Priority}
_STATUTE: dict[str, Statute] = {member.value: member for member in Statute}
_SOURCE: dict[str, OtherSource] = {member.value: member for member in OtherSource}
_QUESTION_SOURCE: dict[str, KeyQuestionSource] = {member.value: member for member in KeyQuestionSource}


def _regulation(
    number: str | None, paragraphs: str | None, statute: str | None, title: str | None
) -> Regulation | None:
    if not number:
        return None
    return trusted(
        Regulation,
        {
            "number": number,
            "paragraphs": paragraphs,
            "statute": _STATUTE[statute] if statute else None,
            "title": title,
        },
    )


def summary_of_row(row: SummaryRow, today: dt.date, amber_days: int) -> ActionSummary:
    """A summary of a row of SUMMARIES_BY_ID, its values already of their types (read from typed columns)."""
    status, kind, due = _STATUS[row.status], _KIND[row.kind], row.due
    colour = brag(
        status=status, kind=kind, owner_id=row.owner_id, due=due, today=today, amber_days=amber_days
    )
    return trusted(
        ActionSummary,
        {
            "id": row.id,
            "reference": row.reference,
            "location_id": row.location_id,
            "location_name": row.location_name,
            "inspection_id": row.inspection_id,
            "inspection_date": row.inspection_date,
            "kind": kind,
            "origin": _ORIGIN[row.origin],
            "text": row.text,
            "key_question": _QUESTION[row.key_question] if row.key_question else None,
            "service": row.service,
            "regulation": _regulation(row.reg_number, row.reg_paragraphs, row.reg_statute, row.reg_title),
            "owner_id": row.owner_id,
            "owner_name": row.owner_name,
            "original_due": row.original_due,
            "due": due,
            "status": status,
            "priority": _PRIORITY[row.priority],
            "rag": colour.rag,
            "rag_reason": colour.reason,
            "overdue": is_overdue(status, due, today),
            "evidence_count": row.evidence_count,
            "note_count": row.note_count,
            "updated_at": row.updated_at,
            "updated_by": row.updated_by,
            "version": row.version,
            "source": _SOURCE[row.source] if row.source else None,
            "step_count": row.step_count or 0,
            "steps_done": row.steps_done or 0,
            "next_step_due": row.next_step_due,
            "key_question_source": _QUESTION_SOURCE[row.key_question_source]
            if row.key_question_source
            else None,
        },
    )


def register_row(row: SummaryRow, *, today: dt.date, amber_days: int) -> RegisterRow:
    """A row of SUMMARIES_BY_ID as export values (no model validation: the columns are typed)."""
    status, kind = _STATUS[row.status], _KIND[row.kind]
    colour = brag(
        status=status, kind=kind, owner_id=row.owner_id, due=row.due, today=today, amber_days=amber_days
    )
    return RegisterRow(
        row.id,
        row.reference,
        row.location_name,
        kind,
        _ORIGIN[row.origin],
        row.text,
        _QUESTION[row.key_question] if row.key_question else None,
        row.service,
        _regulation(row.reg_number, row.reg_paragraphs, row.reg_statute, row.reg_title),
        row.owner_name,
        row.original_due,
        row.due,
        status,
        colour.rag,
        colour.reason,
        _PRIORITY[row.priority],
        row.note_count,
        row.evidence_count,
        row.updated_at,
        row.updated_by,
    )


def workflow_state(record: ActionRecord) -> WorkflowState:
    return WorkflowState(
        kind=ActionKind(record.kind),
        status=ActionStatus(record.status),
        owner_id=record.owner_id,
        note_count=record.note_count,
        evidence_count=record.evidence_count,
        reference=record.reference,
        completed_by_id=record.completed_by_id,
        completed_owner_id=record.completed_owner_id,
        open_steps=(record.step_count or 0) - (record.steps_done or 0),
    )


def action_summary(
    record: ActionRecord,
    location_name: str,
    owner_name: str | None,
    inspection_date: dt.date | None,
    *,
    today: dt.date,
    amber_days: int,
) -> ActionSummary:
    """A summary of an action record, through the same row a register page reads."""
    values = [
        *(getattr(record, name) for name in SUMMARY_COLUMNS),
        location_name,
        owner_name,
        inspection_date,
    ]
    return summary_of_row(SummaryRow._make(values), today, amber_days)


M = TypeVar("M", bound=BaseModel)
_FIELDS: dict[type[BaseModel], frozenset[str]] = {}


def trusted(model: type[M], values: dict[str, Any]) -> M:
    """The model holding these values, every field given and already of its type (converted here from typed
    columns of our own database), so nothing is validated. It sets what pydantic's model_construct sets;
    model_construct itself spends 15 µs a summary on defaults that are all given here (1 µs this way), and
    the register builds summaries by the page and exports by the hundred thousand."""
    fields = _FIELDS.get(model)
    if fields is None:
        fields = _FIELDS[model] = frozenset(model.model_fields)
    instance = model.__new__(model)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", set(fields))  # a set of its own: model_copy adds to it
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


_set = object.__setattr__


def step(record: StepRecord, owner_name: str | None) -> Step:
    return Step(
        id=record.id,
        action_id=record.action_id,
        number=record.position,
        text=record.text,
        owner_id=record.owner_id,
        owner_name=owner_name,
        due=record.due,
        monitoring=record.monitoring,
        success_measure=record.success_measure,
        status=StepStatus(record.status),
        evidence=record.evidence,
        done_at=record.done_at,
        done_by=record.done_by,
        updated_at=record.updated_at,
        updated_by=record.updated_by,
    )


def note(record: NoteRecord) -> Note:
    return Note(
        id=record.id,
        action_id=record.action_id,
        author=record.author,
        created_at=record.created_at,
        text=record.text,
    )


def evidence(record: EvidenceRecord) -> Evidence:
    return Evidence(
        id=record.id,
        action_id=record.action_id,
        is_link=record.url is not None,
        original_name=record.original_name,
        url=record.url,
        sha256=record.sha256,
        size=record.size,
        description=record.description,
        added_by=record.added_by,
        added_at=record.added_at,
    )


def due_change(record: DueChangeRecord) -> DueChange:
    return DueChange(
        id=record.id,
        action_id=record.action_id,
        old_due=record.old_due,
        new_due=record.new_due,
        reason=record.reason,
        changed_by=record.changed_by,
        changed_at=record.changed_at,
    )


def history_entry(record: AuditRecord) -> HistoryEntry:
    return HistoryEntry(
        id=record.id,
        at=record.at,
        actor=record.actor,
        entity=record.entity,
        entity_id=record.entity_id,
        operation=record.operation,
        field=record.field,
        old_value=record.old_value,
        new_value=record.new_value,
        at_utc=record.at_utc,
    )


def person(record: PersonRecord, open_actions: int = 0) -> Person:
    return Person(
        id=record.id,
        name=record.name,
        email=record.email,
        role=record.role,
        access=Access(record.access or Access.ACTION_OWNER.value),
        active=record.active,
        left_at=record.left_at,
        open_actions=open_actions,
        login=record.login,
    )


def _dates(values: list[Any] | None) -> list[dt.date]:
    return [dt.date.fromisoformat(v) for v in values or []]


def inspection_summary(
    record: InspectionRecord, action_count: int, report_ids: list[int]
) -> InspectionSummary:
    return InspectionSummary(
        id=record.id,
        location_id=record.location_id,
        key_date=record.key_date,
        inspection_dates=_dates(record.visit_dates),
        assessment_date=record.assessment_date,
        published=record.published,
        kind=record.kind,
        overall_rating=record.overall_rating,
        ratings={KeyQuestion(k): v for k, v in (record.ratings or {}).items()},
        service_ratings=record.service_ratings or {},
        scores={KeyQuestion(k): QuestionScore.model_validate(v) for k, v in (record.scores or {}).items()},
        action_count=action_count,
        report_ids=report_ids,
    )


def report_format(value: str) -> ReportFormat:
    return ReportFormat(value)
