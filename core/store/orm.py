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
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    left_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


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
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    verifier_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    verification_note: Mapped[str | None] = mapped_column(Text)
    note_count: Mapped[int] = mapped_column(Integer, default=0)
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    updated_by: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, default=1)

    location: Mapped[LocationRecord] = relationship()
    owner: Mapped[PersonRecord | None] = relationship(foreign_keys=[owner_id])
    verifier: Mapped[PersonRecord | None] = relationship(foreign_keys=[verifier_id])

    __mapper_args__ = {"version_id_col": version}


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
    """Append-only history of every change to an action, note or evidence item."""

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


class SettingRecord(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
