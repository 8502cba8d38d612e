"""Actions as the GUI, the CLI and the PDFs see them: frozen pydantic models, never ORM objects."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from core.domain.brag import Brag, BragReason
from core.domain.parsed import Regulation
from core.domain.steps import Step
from core.domain.vocabulary import (
    ActionKind,
    ActionOrigin,
    ActionStatus,
    KeyQuestion,
    KeyQuestionSource,
    OtherSource,
    Priority,
    Rag,
)
from core.domain.workflow import Transition, is_locked


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class ActionSummary(_Frozen):
    """One row of the action register."""

    id: int
    reference: str
    location_id: int
    location_name: str
    inspection_id: int | None
    inspection_date: dt.date | None
    kind: ActionKind
    origin: ActionOrigin
    text: str
    key_question: KeyQuestion | None
    service: str | None
    regulation: Regulation | None
    owner_id: int | None
    owner_name: str | None
    original_due: dt.date | None
    due: dt.date | None
    status: ActionStatus
    priority: Priority
    rag: Rag
    rag_reason: BragReason
    overdue: bool
    evidence_count: int
    note_count: int
    updated_at: dt.datetime
    updated_by: str
    version: int
    source: OtherSource | None = None  # for actions no report contains
    step_count: int = 0
    steps_done: int = 0
    next_step_due: dt.date | None = None  # the earliest due date of the steps not yet done
    key_question_source: KeyQuestionSource | None = None  # None: imported before sources were recorded

    @property
    def rag_label(self) -> str:
        """'Red (no owner)': the BRAG colour and the row of the truth table that gave it."""
        return Brag(self.rag, self.rag_reason).label

    @property
    def slipped_days(self) -> int | None:
        """Days the current due date lies after the original one (None when not moved)."""
        if self.original_due and self.due and self.due != self.original_due:
            return (self.due - self.original_due).days
        return None


class RegisterRow(NamedTuple):
    """The register's columns for an export: what ActionSummary shows, as a plain tuple (building a
    validated model for each of 100,000 rows would cost more than writing the file)."""

    id: int
    reference: str
    location_name: str
    kind: ActionKind
    origin: ActionOrigin
    text: str
    key_question: KeyQuestion | None
    service: str | None
    regulation: Regulation | None
    owner_name: str | None
    original_due: dt.date | None
    due: dt.date | None
    status: ActionStatus
    rag: Rag
    rag_reason: BragReason
    priority: Priority
    note_count: int
    evidence_count: int
    updated_at: dt.datetime
    updated_by: str

    @property
    def rag_label(self) -> str:
        return Brag(self.rag, self.rag_reason).label


class Note(_Frozen):
    id: int
    action_id: int
    author: str
    created_at: dt.datetime
    text: str


class Evidence(_Frozen):
    id: int
    action_id: int
    is_link: bool
    original_name: str | None
    url: str | None
    sha256: str | None
    size: int | None
    description: str | None
    added_by: str
    added_at: dt.datetime

    @property
    def title(self) -> str:
        return self.original_name or self.url or f"evidence {self.id}"


class DueChange(_Frozen):
    id: int
    action_id: int
    old_due: dt.date | None
    new_due: dt.date | None
    reason: str
    changed_by: str
    changed_at: dt.datetime


class HistoryEntry(_Frozen):
    id: int
    at: dt.datetime
    actor: str
    entity: str  # "action" | "note" | "evidence" | "person" | "location" | "setting" | "database"
    entity_id: int
    operation: str  # "create" | "update" | "delete"
    field: str | None
    old_value: str | None
    new_value: str | None
    at_utc: str | None = None  # the same instant in UTC, with its offset


class ActionSource(_Frozen):
    """Where an action came from: the report document and the inspection."""

    report_id: int | None
    report_file: str | None
    inspection_dates: list[dt.date] = Field(default_factory=list)
    inspection_kind: str | None = None
    section: str | None = None
    regulated_activity: str | None = None


class ActionDetail(_Frozen):
    """Everything the action editor shows."""

    summary: ActionSummary
    success_measure: str | None
    not_applicable_reason: str | None
    completed_at: dt.datetime | None
    completed_by: str | None
    completed_by_id: int | None = None
    completed_owner_id: int | None = None
    verified_at: dt.datetime | None
    verifier_id: int | None
    verifier_name: str | None
    verification_note: str | None
    created_at: dt.datetime
    created_by: str
    source: ActionSource
    notes: list[Note]
    evidence: list[Evidence]
    due_changes: list[DueChange]
    transitions: dict[Transition, str | None]  # legal now -> refusal sentence or None
    steps: list[Step] = Field(default_factory=list)  # the provider's plan, in order

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def locked(self) -> bool:
        """Verified: its content cannot change until a governance lead reopens it."""
        return is_locked(self.summary.status)

    @property
    def version(self) -> int:
        return self.summary.version


class SortKey(StrEnum):
    REFERENCE = "reference"
    LOCATION = "location"
    KIND = "kind"
    TEXT = "text"
    KEY_QUESTION = "key_question"
    REGULATION = "regulation"
    OWNER = "owner"
    DUE = "due"
    STATUS = "status"
    RAG = "rag"
    PRIORITY = "priority"
    UPDATED = "updated"
    NEXT_STEP = "next_step"  # the next step's due date


class ActionFilter(_Frozen):
    """What the register shows. Empty collections mean 'any'."""

    text: str = ""
    location_ids: frozenset[int] = frozenset()
    inspection_id: int | None = None
    kinds: frozenset[ActionKind] = frozenset()
    statuses: frozenset[ActionStatus] = frozenset()
    origins: frozenset[ActionOrigin] = frozenset()
    owner_ids: frozenset[int] = frozenset()
    unowned: bool = False
    key_questions: frozenset[KeyQuestion] = frozenset()
    overdue: bool = False
    due_within_days: int | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return self == ActionFilter()


class ActionPage(_Frozen):
    total: int
    offset: int
    rows: list[ActionSummary]


class BulkResult(_Frozen):
    changed: list[str]  # references
    refused: dict[str, str]  # reference -> sentence
    unchanged: list[str] = Field(default_factory=list)  # references that already were as asked

    def describe(self) -> str:
        if not self.changed and not self.refused:
            count = len(self.unchanged)
            return (
                f"Nothing changed: the {count} selected action{'s' if count != 1 else ''} already "
                f"{'were' if count != 1 else 'was'} like that."
            )
        text = f"{len(self.changed)} action(s) changed"
        if self.unchanged:
            text += f", {len(self.unchanged)} already like that"
        if self.refused:
            text += f", {len(self.refused)} refused"
        return text + "."


class ActionChanges(BaseModel):
    """Field edits to one action. Only the fields explicitly given are applied."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str | None = None
    owner_id: int | None = None
    due: dt.date | None = None
    due_reason: str | None = None  # required when an existing due date moves
    priority: Priority | None = None
    success_measure: str | None = None
    key_question: KeyQuestion | None = None
    service: str | None = None

    @property
    def edited(self) -> set[str]:
        return set(self.model_fields_set) - {"due_reason"}
