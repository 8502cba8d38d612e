"""Importing reports: each file is one transaction; a re-import never touches what users entered."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain.errors import CandourError, ReportImportError
from core.domain.imports import ImportOutcome, ImportStatus, LoadedReport
from core.domain.parsed import ParsedAction, ParsedInspection, ParsedLocation, ParsedReport
from core.domain.vocabulary import ActionKind
from core.domain.wording import format_date
from core.services.context import ServiceContext
from core.services.locations import provider_record
from core.services.new_actions import insert_imported_actions
from core.services.references import location_code, lock_allocation, text_key
from core.store.orm import (
    ActionRecord,
    InspectionRecord,
    InspectionReportRecord,
    LocationRecord,
    ReportRecord,
)

ProgressFn = Callable[[int, int, str], None]


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- reading files (no database) -----------------------------------------------------------------

    # The importing package (PDF libraries) loads on first use, keeping start-up fast.

    @staticmethod
    def expand(paths: Iterable[Path]) -> list[Path]:
        from core.importing import find_report_files

        return find_report_files(paths)

    @staticmethod
    def load(path: Path) -> LoadedReport:
        from core.importing import load_file

        return load_file(path)

    @staticmethod
    def load_text(text: str, source: str = "pasted text") -> LoadedReport:
        from core.importing import load_text

        return load_text(text, source)

    def superseded(self, report: ParsedReport) -> dict[int, str]:
        """Inspections of `report` (by index) that a later inspection of the same location supersedes, each
        with the reason; the later one may be in the report itself or already in Candour."""
        with self._ctx.db.reading() as session:
            location = _existing_location(session, report.location)
            known = _latest_inspection(session, location.id) if location is not None else None
        return superseded_inspections(report.inspections, known)

    def location_archived(self, report: ParsedReport) -> bool:
        """Whether the report's location is archived (on the page, or in Candour)."""
        if report.location.archived:
            return True
        with self._ctx.db.reading() as session:
            location = _existing_location(session, report.location)
            return bool(location is not None and location.archived)

    def previously_imported(self, sha256: str) -> str | None:
        """When this document was imported before, a sentence saying so."""
        with self._ctx.db.reading() as session:
            return _already_imported(session, sha256)

    # -- writing ---------------------------------------------------------------------------------------

    def import_paths(
        self, paths: Sequence[Path], progress: ProgressFn | None = None, cancel: threading.Event | None = None
    ) -> list[ImportOutcome]:
        """Import files and folders; one bad file is reported and does not stop the others."""
        try:
            files = self.expand(paths)
        except ReportImportError as error:
            return [
                ImportOutcome(
                    source=str(paths[0]) if paths else "", status=ImportStatus.REFUSED, message=str(error)
                )
            ]
        outcomes = []
        for done, path in enumerate(files):
            if cancel is not None and cancel.is_set():
                break
            if progress:
                progress(done, len(files), path.name)
            try:
                outcomes.append(self.commit(self.load(path)))
            except CandourError as error:
                outcomes.append(
                    ImportOutcome(source=path.name, status=ImportStatus.REFUSED, message=str(error))
                )
        if progress:
            progress(len(outcomes), len(files), "")
        return outcomes

    def commit(self, loaded: LoadedReport, report: ParsedReport | None = None) -> ImportOutcome:
        """Write a loaded report; `report` is the user's corrected version from the preview, if any."""
        parsed = report or loaded.report
        if not parsed.location.name:
            raise ReportImportError(
                f"{loaded.source} does not name the location it is about, so it cannot be filed."
            )
        with self._ctx.db.writing() as session:
            # Checked inside the write transaction: writers are serialised, so two processes importing the
            # same file at once cannot both file it.
            previous = _already_imported(session, loaded.sha256)
            if previous:
                return ImportOutcome(source=loaded.source, status=ImportStatus.UNCHANGED, message=previous)
            location = self._location(session, parsed.location)
            record = ReportRecord(
                location_id=location.id,
                file_name=loaded.source,
                sha256=loaded.sha256,
                format=loaded.format.value,
                text=loaded.text,
                parsed=loaded.report.to_json_dict(),
                imported_at=self._ctx.now(),
                imported_by=self._ctx.actor,
            )
            session.add(record)
            session.flush()
            counts = {ActionKind.MUST: 0, ActionKind.SHOULD: 0}
            present = 0
            superseded = superseded_inspections(parsed.inspections, _latest_inspection(session, location.id))
            for number, item in enumerate(parsed.inspections):
                inspection = self._inspection(session, location, record, item)
                for added in self._actions(
                    session, location, inspection, record, item, superseded.get(number)
                ):
                    if added is None:
                        present += 1
                    else:
                        counts[added] += 1
            return ImportOutcome(
                source=loaded.source,
                status=ImportStatus.IMPORTED,
                report_id=record.id,
                location_id=location.id,
                location_name=location.name,
                inspections=[describe(i) for i in parsed.inspections],
                new_must=counts[ActionKind.MUST],
                new_should=counts[ActionKind.SHOULD],
                already_present=present,
                checks=[check for item in parsed.inspections for check in item.checks],
            )

    # -- steps -----------------------------------------------------------------------------------------

    def _location(self, session: Session, parsed: ParsedLocation) -> LocationRecord:
        name = " ".join((parsed.name or "").split())
        lock_allocation(session)  # a second import of the same new location waits, then finds it
        match = _existing_location(session, parsed)
        if match is None:
            match = LocationRecord(
                name=name, code=location_code(session, name), created_at=self._ctx.now(), archived=False
            )
            session.add(match)
        match.address = match.address or parsed.address
        match.postcode = match.postcode or parsed.postcode
        match.phone = match.phone or parsed.phone
        match.archived = match.archived or parsed.archived
        if parsed.provider and match.provider_id is None:
            match.provider_id = provider_record(session, parsed.provider).id
        session.flush()
        return match

    @staticmethod
    def _inspection(
        session: Session, location: LocationRecord, report: ReportRecord, parsed: ParsedInspection
    ) -> InspectionRecord:
        """The matching inspection (same location and key date), filled in where it lacked facts; or a new
        one."""
        key_date = parsed.key_date
        record = (
            session.scalar(
                select(InspectionRecord).where(
                    InspectionRecord.location_id == location.id, InspectionRecord.key_date == key_date
                )
            )
            if key_date
            else None
        )
        dumped = parsed.model_dump(mode="json")
        if record is None:
            record = InspectionRecord(
                location_id=location.id,
                report_id=report.id,
                key_date=key_date,
                visit_dates=dumped["inspection_dates"],
                assessment_date=parsed.assessment_date,
                published=parsed.published,
                kind=parsed.kind,
                overall_rating=parsed.overall_rating,
                ratings=dumped["ratings"],
                service_ratings=dumped["service_ratings"],
                scores=dumped["scores"],
            )
            session.add(record)
        else:
            record.visit_dates = record.visit_dates or dumped["inspection_dates"]
            record.assessment_date = record.assessment_date or parsed.assessment_date
            record.published = record.published or parsed.published
            record.kind = record.kind or parsed.kind
            record.overall_rating = record.overall_rating or parsed.overall_rating
            record.ratings = {**dumped["ratings"], **(record.ratings or {})}
            record.service_ratings = {**dumped["service_ratings"], **(record.service_ratings or {})}
            record.scores = {**dumped["scores"], **(record.scores or {})}
        session.flush()
        session.add(InspectionReportRecord(inspection_id=record.id, report_id=report.id))
        return record

    def _actions(
        self,
        session: Session,
        location: LocationRecord,
        inspection: InspectionRecord,
        report: ReportRecord,
        parsed: ParsedInspection,
        superseded: str | None,
    ) -> list[ActionKind | None]:
        """Add the actions this inspection does not have yet; None marks one already present."""
        existing = set(
            session.scalars(
                select(ActionRecord.text_key).where(
                    ActionRecord.location_id == location.id, ActionRecord.inspection_id == inspection.id
                )
            )
        )
        year = (inspection.key_date or self._ctx.today()).year
        added: list[ActionKind | None] = []
        new: list[ParsedAction] = []
        for action in parsed.actions:
            key = text_key(
                action.text, action.regulation.number if action.regulation else None, action.service
            )
            if key in existing:
                added.append(None)
                continue
            existing.add(key)
            new.append(action)
            added.append(action.kind)
        insert_imported_actions(
            session,
            self._ctx,
            new,
            location=location,
            year=year,
            inspection_id=inspection.id,
            report_id=report.id,
            closed_reason=f"Closed as superseded: {superseded}." if superseded else None,
        )
        return added


def superseded_inspections(inspections: Sequence[ParsedInspection], known: dt.date | None) -> dict[int, str]:
    """Index → why, for each inspection older than the latest one of its location (in the report or known)."""
    dates = [i.key_date for i in inspections if i.key_date] + ([known] if known else [])
    latest = max(dates, default=None)
    return {
        number: f"the inspection of {_day(i.key_date)} was superseded by the inspection of {_day(latest)}"
        for number, i in enumerate(inspections)
        if i.key_date and latest and i.key_date < latest
    }


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _existing_location(session: Session, parsed: ParsedLocation) -> LocationRecord | None:
    """The location already in Candour with this name (and postcode, where both have one)."""
    name = " ".join((parsed.name or "").split())
    if not name:
        return None
    candidates = session.scalars(
        select(LocationRecord).where(func.lower(LocationRecord.name) == name.lower())
    ).all()
    postcode = _postcode(parsed.postcode)
    match = next((c for c in candidates if postcode and _postcode(c.postcode) == postcode), None)
    return match or next((c for c in candidates if not postcode or not c.postcode), None)


def _latest_inspection(session: Session, location_id: int) -> dt.date | None:
    return session.scalar(
        select(func.max(InspectionRecord.key_date)).where(InspectionRecord.location_id == location_id)
    )


def describe(inspection: ParsedInspection) -> str:
    if inspection.inspection_dates:
        return ", ".join(format_date(d) for d in inspection.inspection_dates)
    date = inspection.assessment_date or inspection.published
    what = inspection.kind or "assessment"
    return f"{what} {format_date(date)}" if date else what


def _postcode(value: str | None) -> str:
    return "".join((value or "").split()).upper()


def _already_imported(session: Session, sha256: str) -> str | None:
    record = session.scalar(select(ReportRecord).where(ReportRecord.sha256 == sha256))
    if record is None:
        return None
    return (
        f"{record.file_name} was already imported on {format_date(record.imported_at)} "
        f"by {record.imported_by}; nothing changed."
    )
