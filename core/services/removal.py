"""Deleting an action, or a whole report imported by mistake, with a reason.

The action's history stays (audit records are never deleted) and gains the deletion and its reason; a
deletion record keeps what was deleted. Once work has been recorded (progress notes, evidence, steps,
a status past open) the deletion is refused unless the caller confirms it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from core.domain.actions import HistoryEntry
from core.domain.errors import NotFound, RuleViolation
from core.domain.removal import Deletion
from core.domain.vocabulary import Access, ActionStatus
from core.services import audit, mapping
from core.services.context import ServiceContext
from core.store.orm import (
    ActionRecord,
    AuditRecord,
    DeletionRecord,
    DueChangeRecord,
    EvidenceRecord,
    InspectionRecord,
    InspectionReportRecord,
    NoteRecord,
    ReportRecord,
    StepRecord,
)


def work_recorded(record: ActionRecord) -> list[str]:
    """What has been done on the action, in words (empty when nothing has)."""
    work = []
    for count, one, many in (
        (record.note_count, "progress note", "progress notes"),
        (record.evidence_count, "evidence item", "evidence items"),
        (record.step_count, "step", "steps"),
    ):
        if count:
            work.append(f"{count} {one if count == 1 else many}")
    if record.status != ActionStatus.OPEN.value:
        work.append(f"status {ActionStatus(record.status).label.lower()}")
    return work


class RemovalService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def delete_action(self, action_id: int, reason: str, *, confirmed: bool = False) -> Deletion:
        self._require_lead("an action")
        reason = _reason(reason)
        with self._ctx.db.writing() as session:
            record = session.get(ActionRecord, action_id)
            if record is None:
                raise NotFound(f"Action {action_id} no longer exists.")
            work = work_recorded(record)
            if work and not confirmed:
                raise RuleViolation(
                    f"{record.reference} has work recorded against it ({', '.join(work)}); "
                    "confirm to delete it anyway."
                )
            deletion = self._record(
                session, "action", record.id, record.reference, reason, work, {"action": _content(record)}
            )
            self._remove_action(session, record, reason)
            return deletion

    def delete_report(self, report_id: int, reason: str, *, confirmed: bool = False) -> Deletion:
        """Delete a report, the actions it brought in and the inspections only it describes."""
        self._require_lead("a report")
        reason = _reason(reason)
        with self._ctx.db.writing() as session:
            report = session.get(ReportRecord, report_id)
            if report is None:
                raise NotFound(f"Report {report_id} no longer exists.")
            actions = list(
                session.scalars(
                    select(ActionRecord)
                    .where(ActionRecord.report_id == report_id)
                    .order_by(ActionRecord.reference)
                )
            )
            worked = [f"{a.reference} ({', '.join(w)})" for a in actions if (w := work_recorded(a))]
            if worked and not confirmed:
                raise RuleViolation(
                    f"{report.file_name} brought in actions with work recorded against them: "
                    f"{'; '.join(worked)}; confirm to delete it anyway."
                )
            deletion = self._record(
                session,
                "report",
                report.id,
                report.file_name,
                reason,
                worked,
                {"actions": [_content(a) for a in actions], "sha256": report.sha256},
            )
            for action in actions:
                self._remove_action(session, action, f"{reason} (report {report.file_name} deleted)")
            self._remove_report(session, report)
            return deletion

    def history(self, action_id: int) -> list[HistoryEntry]:
        """The full history of a deleted action (by its old id), its deletion and reason last."""
        with self._ctx.db.reading() as session:
            query = (
                select(AuditRecord)
                .where(AuditRecord.action_id == action_id)
                .order_by(AuditRecord.at, AuditRecord.id)
            )
            entries = [mapping.history_entry(r) for r in session.scalars(query)]
        if not entries or entries[-1].operation != "delete":
            raise NotFound(f"Action {action_id} has not been deleted.")
        return entries

    def deletions(self) -> list[Deletion]:
        """Every deletion, newest first."""
        with self._ctx.db.reading() as session:
            records = session.scalars(
                select(DeletionRecord).order_by(DeletionRecord.deleted_at.desc(), DeletionRecord.id.desc())
            )
            return [_deletion(r) for r in records]

    # -- plumbing -----------------------------------------------------------------------------------

    def _require_lead(self, what: str) -> None:
        identity = self._ctx.identity
        if identity is None:
            raise RuleViolation(
                f"Deleting {what} needs a signed-in governance lead (--user NAME on the command line)."
            )
        if identity.access is not Access.GOVERNANCE_LEAD:
            raise RuleViolation(f"Only a governance lead can delete {what}; {identity.name} is not one.")

    def _record(
        self,
        session: Session,
        entity: str,
        entity_id: int,
        label: str,
        reason: str,
        work: list[str],
        content: dict[str, Any],
    ) -> Deletion:
        record = DeletionRecord(
            entity=entity,
            entity_id=entity_id,
            label=label,
            reason=reason,
            work_recorded="; ".join(work) or None,
            content=content,
            deleted_by=self._ctx.actor,
            deleted_at=self._ctx.now(),
        )
        session.add(record)
        session.flush()
        return _deletion(record)

    def _remove_action(self, session: Session, record: ActionRecord, reason: str) -> None:
        audit.record(
            session,
            self._ctx,
            entity="action",
            entity_id=record.id,
            action_id=record.id,
            operation="delete",
            field="reason",
            old=f"{record.reference}: {record.text}",
            new=reason,
        )
        for child in (NoteRecord, EvidenceRecord, DueChangeRecord, StepRecord):
            session.execute(delete(child).where(child.action_id == record.id))
        session.delete(record)
        session.flush()

    @staticmethod
    def _remove_report(session: Session, report: ReportRecord) -> None:
        linked = list(
            session.scalars(
                select(InspectionReportRecord.inspection_id).where(
                    InspectionReportRecord.report_id == report.id
                )
            )
        )
        session.execute(delete(InspectionReportRecord).where(InspectionReportRecord.report_id == report.id))
        for inspection_id in linked:
            others = (
                session.scalar(
                    select(func.count())
                    .select_from(InspectionReportRecord)
                    .where(InspectionReportRecord.inspection_id == inspection_id)
                )
                or 0
            )
            used = (
                session.scalar(
                    select(func.count())
                    .select_from(ActionRecord)
                    .where(ActionRecord.inspection_id == inspection_id)
                )
                or 0
            )
            if not others and not used:
                session.execute(delete(InspectionRecord).where(InspectionRecord.id == inspection_id))
        session.execute(
            update(InspectionRecord).where(InspectionRecord.report_id == report.id).values(report_id=None)
        )
        session.execute(
            update(ActionRecord).where(ActionRecord.report_id == report.id).values(report_id=None)
        )
        session.delete(report)
        session.flush()


def _reason(reason: str) -> str:
    if not reason.strip():
        raise RuleViolation("Deleting needs a reason, kept in the history.")
    return reason.strip()


def _content(record: ActionRecord) -> dict[str, Any]:
    return {
        "reference": record.reference,
        "kind": record.kind,
        "origin": record.origin,
        "text": record.text,
        "status": record.status,
        "location_id": record.location_id,
        "due": record.due.isoformat() if record.due else None,
    }


def _deletion(record: DeletionRecord) -> Deletion:
    return Deletion(
        id=record.id,
        entity=record.entity,
        entity_id=record.entity_id,
        label=record.label,
        reason=record.reason,
        work_recorded=record.work_recorded,
        deleted_by=record.deleted_by,
        deleted_at=record.deleted_at,
    )
