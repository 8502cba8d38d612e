"""SQLAlchemy records: the database schema. Private to core.services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ProviderRecord(Base):
    __tablename__ = "provider"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)


class LocationRecord(Base):
    __tablename__ = "location"
    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    address: Mapped[str | None] = mapped_column(String(500))
    postcode: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(40))
    cqc_location_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    provider: Mapped[ProviderRecord | None] = relationship()


class ReportRecord(Base):
    __tablename__ = "report"
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    parsed: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    imported_by: Mapped[str] = mapped_column(String(120))


class InspectionRecord(Base):
    __tablename__ = "inspection"
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id"))
    key_date: Mapped[dt.date | None] = mapped_column(Date)
    visit_dates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    assessment_date: Mapped[dt.date | None] = mapped_column(Date)
    published: Mapped[dt.date | None] = mapped_column(Date)
    kind: Mapped[str | None] = mapped_column(String(200))
    overall_rating: Mapped[str | None] = mapped_column(String(40))
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    service_ratings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class InspectionReportRecord(Base):
    """Which documents describe an inspection (a later report can repeat an earlier inspection)."""

    __tablename__ = "inspection_report"
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), primary_key=True)


class PersonRecord(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    access: Mapped[str | None] = mapped_column(String(20))  # governance_lead | action_owner | viewer
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    left_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    login: Mapped[str | None] = mapped_column(
        String(63), unique=True, index=True
    )  # their PostgreSQL login, in team mode


class PersonLocationRecord(Base):
    """A location a person belongs to: on a server, an action owner changes only actions there."""

    __tablename__ = "person_location"
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), primary_key=True)


class ActionRecord(Base):
    __tablename__ = "action"
    __table_args__ = (
        Index("ix_action_status_due", "status", "due"),
        Index("ix_action_location_status_due", "location_id", "status", "due"),
        Index("ix_action_owner_status", "owner_id", "status"),
        # Covering indexes for the dashboard's GROUP BYs and the overdue trend (see benchmarks/).
        Index("ix_action_key_question_status_due", "key_question", "status", "due"),
        Index("ix_action_dashboard", "status", "kind", "due", "owner_id", "verified_at"),
        Index("ix_action_trend", "due", "status", "created_at", "completed_at", "verified_at"),
        # The register sorted by location or owner: SQLite walks these instead of sorting 100k rows.
        Index("ix_action_location_reference", "location_id", "reference"),
        Index("ix_action_owner_reference", "owner_id", "reference"),
        Index("ix_action_location_counts", "location_id", "status", "kind", "due"),  # the locations list
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspection.id"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id"))
    kind: Mapped[str] = mapped_column(String(8))
    origin: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(String(64), index=True)
    section: Mapped[str | None] = mapped_column(String(300))
    regulated_activity: Mapped[str | None] = mapped_column(String(300))
    reg_number: Mapped[str | None] = mapped_column(String(8))
    reg_paragraphs: Mapped[str | None] = mapped_column(String(80))
    reg_statute: Mapped[str | None] = mapped_column(String(80))
    reg_title: Mapped[str | None] = mapped_column(String(200))
    key_question: Mapped[str | None] = mapped_column(String(16))
    key_question_source: Mapped[str | None] = mapped_column(String(12))
    service: Mapped[str | None] = mapped_column(String(300))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    original_due: Mapped[dt.date | None] = mapped_column(Date)
    due: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(12))
    success_measure: Mapped[str | None] = mapped_column(Text)
    not_applicable_reason: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    completed_by: Mapped[str | None] = mapped_column(String(120))
    # Person ids, kept without a foreign key so adding them does not rebuild the action table.
    completed_by_id: Mapped[int | None] = mapped_column(Integer)
    completed_owner_id: Mapped[int | None] = mapped_column(Integer)
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    verifier_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    verification_note: Mapped[str | None] = mapped_column(Text)
    verifier_name: Mapped[str | None] = mapped_column(String(200))  # as the verifier was called then
    note_count: Mapped[int] = mapped_column(Integer, default=0)
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    updated_by: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str | None] = mapped_column(String(24))  # OtherSource, for actions no report contains
    # The steps' progress, kept with the action so the register and the workflow rules need no join.
    step_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    steps_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_step_due: Mapped[dt.date | None] = mapped_column(Date)

    location: Mapped[LocationRecord] = relationship()
    owner: Mapped[PersonRecord | None] = relationship(foreign_keys=[owner_id])
    verifier: Mapped[PersonRecord | None] = relationship(foreign_keys=[verifier_id])

    __mapper_args__ = {"version_id_col": version}


class StepRecord(Base):
    """One step of the provider's plan under an action."""

    __tablename__ = "step"
    __table_args__ = (Index("ix_step_action_position", "action_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    due: Mapped[dt.date | None] = mapped_column(Date)
    monitoring: Mapped[str | None] = mapped_column(Text)
    success_measure: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    done_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(120))

    owner: Mapped[PersonRecord | None] = relationship()


class DeletionRecord(Base):
    """An action or report deleted on purpose: what it was, why, and by whom (the history stays)."""

    __tablename__ = "deletion"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))  # "action" | "report"
    entity_id: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(500))  # the reference or the report's file name
    reason: Mapped[str] = mapped_column(Text)
    work_recorded: Mapped[str | None] = mapped_column(Text)  # set when deleted despite recorded work
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    deleted_by: Mapped[str] = mapped_column(String(120))
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class PackSnapshotRecord(Base):
    """The figures of a board pack as printed, so the next pack shows the movement since it."""

    __tablename__ = "pack_snapshot"
    id: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(200), index=True)
    meeting: Mapped[dt.date] = mapped_column(Date)
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    printed_by: Mapped[str] = mapped_column(String(120))
    location_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # kind -> rag -> number
    states: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # action id -> [status, rag]


class DueChangeRecord(Base):
    __tablename__ = "due_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    old_due: Mapped[dt.date | None] = mapped_column(Date)
    new_due: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class NoteRecord(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text)


class BlobRecord(Base):
    """Evidence file contents, stored once per SHA-256 inside the database."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class EvidenceRecord(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    original_name: Mapped[str | None] = mapped_column(String(300))
    sha256: Mapped[str | None] = mapped_column(ForeignKey("blob.sha256"))
    size: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditRecord(Base):
    """Append-only history of every change: actions, notes, evidence, people, locations, settings, restores.

    Each row is sealed with a hash of its content and of the row before it (core/store/audit_chain.py).
    """

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(120))
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(Integer)
    action_id: Mapped[int | None] = mapped_column(Integer, index=True)
    operation: Mapped[str] = mapped_column(String(8))
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    at_utc: Mapped[str | None] = mapped_column(String(32))  # ISO 8601 with its +00:00 offset
    hash: Mapped[str | None] = mapped_column(String(64))


class SettingRecord(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CqcLocationRecord(Base):
    """A CQC location as its last sync saw it: details (unknown fields kept), current ratings and their
    dates."""

    __tablename__ = "cqc_location"
    id: Mapped[int] = mapped_column(primary_key=True)
    cqc_id: Mapped[str] = mapped_column(String(40), unique=True)
    cqc_provider_id: Mapped[str | None] = mapped_column(String(40), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rated_on: Mapped[dt.date | None] = mapped_column(Date)
    last_inspection: Mapped[dt.date | None] = mapped_column(Date)
    last_report: Mapped[dt.date | None] = mapped_column(Date)
    unpublished: Mapped[bool] = mapped_column(Boolean, default=False)
    complete: Mapped[bool] = mapped_column(
        Boolean, default=False
    )  # every report imported: skip until it changes
    synced_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CqcReportRecord(Base):
    """A report CQC lists for a location, keyed on its linkId, and what importing it did."""

    __tablename__ = "cqc_report"
    link_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    cqc_location_id: Mapped[int] = mapped_column(ForeignKey("cqc_location.id"), index=True)
    report_date: Mapped[dt.date | None] = mapped_column(Date)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("report.id"))
    status: Mapped[str] = mapped_column(String(12))  # imported | unchanged | refused
    message: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CqcSyncStateRecord(Base):
    """Per sync scope (a provider, or a set of locations): up to when CQC's change list has been read
    (UTC)."""

    __tablename__ = "cqc_sync_state"
    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    changes_until: Mapped[dt.datetime] = mapped_column(DateTime)
    synced_at: Mapped[dt.datetime] = mapped_column(DateTime)
