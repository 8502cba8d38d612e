"""The whole database as JSON: report interchange shapes plus the tracking fields."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from core import __version__
from core.services import mapping
from core.services.context import ServiceContext
from core.store.orm import (
    ActionRecord,
    DueChangeRecord,
    EvidenceRecord,
    InspectionRecord,
    LocationRecord,
    NoteRecord,
    PersonRecord,
    ProviderRecord,
    ReportRecord,
)


def export_database(ctx: ServiceContext) -> dict[str, Any]:
    with ctx.db.reading() as session:
        people = {p.id: p for p in session.scalars(select(PersonRecord))}
        providers = dict(session.execute(select(ProviderRecord.id, ProviderRecord.name)).all())
        notes = _grouped(session.scalars(select(NoteRecord).order_by(NoteRecord.created_at)), mapping.note)
        evidence = _grouped(
            session.scalars(select(EvidenceRecord).order_by(EvidenceRecord.id)), mapping.evidence
        )
        slips = _grouped(
            session.scalars(select(DueChangeRecord).order_by(DueChangeRecord.changed_at)), mapping.due_change
        )
        by_inspection: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        by_location_loose: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for action in session.scalars(select(ActionRecord).order_by(ActionRecord.reference)):
            item = _action(action, people, notes, evidence, slips)
            if action.inspection_id is None:
                by_location_loose[action.location_id].append(item)
            else:
                by_inspection[action.inspection_id].append(item)
        inspections: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for record in session.scalars(select(InspectionRecord).order_by(InspectionRecord.key_date.desc())):
            inspections[record.location_id].append(_inspection(record, by_inspection[record.id]))
        locations = [
            {
                "name": loc.name,
                "code": loc.code,
                "provider": _provider(providers, loc.provider_id),
                "address": loc.address,
                "postcode": loc.postcode,
                "phone": loc.phone,
                "cqc_location_id": loc.cqc_location_id,
                "archived": loc.archived,
                "inspections": inspections[loc.id],
                "actions": by_location_loose[loc.id],
            }
            for loc in session.scalars(select(LocationRecord).order_by(LocationRecord.name))
        ]
        reports = [
            {
                "source": r.file_name,
                "sha256": r.sha256,
                "format": r.format,
                "imported_at": r.imported_at.isoformat(),
                "imported_by": r.imported_by,
            }
            for r in session.scalars(select(ReportRecord).order_by(ReportRecord.imported_at))
        ]
    return {
        "candour_version": __version__,
        "exported_at": ctx.now().isoformat(),
        "exported_by": ctx.actor,
        "people": [
            mapping.person(p).model_dump(mode="json", exclude={"open_actions"}) for p in people.values()
        ],
        "locations": locations,
        "reports": reports,
    }


def _grouped(records: Any, convert: Any) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        grouped[record.action_id].append(convert(record).model_dump(mode="json", exclude={"action_id"}))
    return grouped


def _inspection(record: InspectionRecord, actions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "inspection_dates": record.visit_dates or [],
        "assessment_date": record.assessment_date.isoformat() if record.assessment_date else None,
        "published": record.published.isoformat() if record.published else None,
        "kind": record.kind,
        "overall_rating": record.overall_rating,
        "ratings": record.ratings or {},
        "service_ratings": record.service_ratings or {},
        "scores": record.scores or {},
        "actions": actions,
    }


def _action(
    a: ActionRecord,
    people: dict[int, PersonRecord],
    notes: dict[int, list[dict[str, Any]]],
    evidence: dict[int, list[dict[str, Any]]],
    slips: dict[int, list[dict[str, Any]]],
) -> dict[str, Any]:
    regulation = mapping.regulation_of(a)

    def name(person_id: int | None) -> str | None:
        return people[person_id].name if person_id in people else None

    return {
        "reference": a.reference,
        "kind": a.kind,
        "origin": a.origin,
        "text": a.text,
        "regulation": regulation.model_dump(mode="json") if regulation else None,
        "key_question": a.key_question,
        "service": a.service,
        "due": a.due.isoformat() if a.due else None,
        "section": a.section,
        "regulated_activity": a.regulated_activity,
        "original_due": a.original_due.isoformat() if a.original_due else None,
        "status": a.status,
        "priority": a.priority,
        "owner": name(a.owner_id),
        "success_measure": a.success_measure,
        "not_applicable_reason": a.not_applicable_reason,
        "completed_at": a.completed_at.isoformat() if a.completed_at else None,
        "completed_by": a.completed_by,
        "verified_at": a.verified_at.isoformat() if a.verified_at else None,
        "verified_by": name(a.verifier_id),
        "created_at": a.created_at.isoformat(),
        "created_by": a.created_by,
        "updated_at": a.updated_at.isoformat(),
        "updated_by": a.updated_by,
        "version": a.version,
        "notes": notes.get(a.id, []),
        "evidence": evidence.get(a.id, []),
        "due_changes": slips.get(a.id, []),
    }


def _provider(names: dict[int, str], provider_id: int | None) -> str | None:
    return names.get(provider_id) if provider_id is not None else None
