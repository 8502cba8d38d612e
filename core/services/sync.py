"""Sync with CQC: fetch each location's record and the reports Candour lacks, then record what importing did.

Two steps, so the app can show the import preview between them:
  fetch()  network and download folder only; reads the database, never writes it;
  apply()  after the downloads were imported (through the normal importer), records each location's details,
           current ratings and the reports seen, and how far CQC's change list has been read.
A second sync reads CQC's change list and refetches only the locations that changed or are not complete.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.cqc.errors import CqcBadAnswer, CqcCancelled, CqcError, CqcKeyRefused, CqcNotFound, CqcUnavailable
from core.cqc.models import Location, ReportRef, report_key
from core.cqc.plan import Download, FetchedLocation, SyncPlan, SyncRequest, SyncSummary
from core.domain.imports import ImportOutcome, ImportStatus
from core.domain.wording import format_date
from core.services import audit
from core.services.context import ServiceContext
from core.services.imports import ImportService, ProgressFn
from core.store.orm import CqcLocationRecord, CqcReportRecord, CqcSyncStateRecord, LocationRecord

if TYPE_CHECKING:  # httpx loads only when a sync is asked for
    from core.cqc.client import CqcClient

_ASKING = "Asking CQC"
_CHECKING = "Checking location"
HAD = ("imported", "unchanged")  # report statuses that need no further download
_UNSAFE = re.compile(r"[^\w\- ()]+")


class SyncService:
    def __init__(self, ctx: ServiceContext, imports: ImportService) -> None:
        self._ctx = ctx
        self._imports = imports

    # -- step 1: fetch (no database writes) --------------------------------------------------------------

    def fetch(
        self, client: CqcClient, request: SyncRequest, download_dir: Path, progress: ProgressFn | None = None
    ) -> SyncPlan:
        """Ask CQC what changed and download the reports Candour lacks. Fatal problems (key refused, unknown
        provider, CQC unreachable before anything was fetched) raise; later ones stop the plan early.

        progress(done, total, message) gets status lines while asking (see is_location_result) and, as each
        location is done, one line saying what it brought ('Larkspur House: 1 new report downloaded')."""
        report = progress or (lambda _done, _total, _message: None)
        checked_at = self._ctx.now_utc().replace(tzinfo=None)  # CQC's change list speaks UTC
        complete, had, since = self._known(request)
        ids = _location_ids(client, request, report)
        changed = _changed_since(client, since, checked_at, report)
        _make_folder(download_dir)
        wanted = [i for i in ids if changed is None or i in changed or not complete.get(i, False)]
        locations: list[FetchedLocation] = []
        stopped, cancelled = None, False
        for number, location_id in enumerate(wanted):
            report(number, len(wanted), f"{_CHECKING} {number + 1} of {len(wanted)} ({location_id})…")
            try:
                fetched = self._fetch_location(client, location_id, had, download_dir)
            except CqcCancelled:
                cancelled = True
                break
            except (CqcUnavailable, CqcKeyRefused) as error:
                stopped = str(error)
                break
            except CqcNotFound:
                fetched = FetchedLocation(
                    cqc_id=location_id,
                    problem=(
                        f"CQC no longer has location {location_id} (it may have closed or re-registered), "
                        "so it was skipped."
                    ),
                )
            except CqcError as error:
                fetched = FetchedLocation(cqc_id=location_id, problem=str(error))
            locations.append(fetched)
            report(number + 1, len(wanted), _progress_line(fetched))
        return SyncPlan(
            request=request,
            checked_at=checked_at,
            locations=locations,
            unchanged=[i for i in ids if i not in wanted],
            stopped=stopped,
            cancelled=cancelled,
        )

    def _fetch_location(
        self, client: CqcClient, location_id: str, had: set[str], download_dir: Path
    ) -> FetchedLocation:
        record = client.location(location_id)
        downloads = []
        for ref in _wanted_reports(record):
            if ref.key in had:
                continue
            name = _file_stem(record, ref)
            try:
                document = client.report(ref.link_id)
            except (CqcUnavailable, CqcKeyRefused, CqcCancelled):
                raise
            except CqcError as error:  # this report only: the location's other reports still come
                downloads.append(
                    Download(link_id=ref.key, report_date=ref.report_date, name=name, error=str(error))
                )
                continue
            path = download_dir / f"{name}{document.suffix}"
            try:
                path.write_bytes(document.content)
            except OSError as error:
                downloads.append(
                    Download(
                        link_id=ref.key,
                        report_date=ref.report_date,
                        name=path.name,
                        error=(
                            f"{path.name} could not be saved in {download_dir} "
                            f"({error.strerror or 'access denied'})."
                        ),
                    )
                )
                continue
            downloads.append(
                Download(link_id=ref.key, report_date=ref.report_date, name=path.name, path=path)
            )
        return FetchedLocation(cqc_id=location_id, record=record, downloads=downloads)

    def _known(self, request: SyncRequest) -> tuple[dict[str, bool], set[str], dt.datetime | None]:
        """(location id → complete, linkIds already had, change list read up to) from earlier syncs."""
        with self._ctx.db.reading() as session:
            complete = dict(
                session.execute(select(CqcLocationRecord.cqc_id, CqcLocationRecord.complete)).all()
            )
            had = set(session.scalars(select(CqcReportRecord.link_id).where(CqcReportRecord.status.in_(HAD))))
            since = session.scalar(
                select(CqcSyncStateRecord.changes_until).where(CqcSyncStateRecord.scope == request.scope)
            )
        return complete, had, since

    # -- the command line's way: import every download at once ----------------------------------------------

    def import_downloads(
        self, plan: SyncPlan, progress: ProgressFn | None = None, cancel: threading.Event | None = None
    ) -> list[ImportOutcome]:
        """Import the downloaded reports through the normal importer, one transaction per file."""
        files = plan.files
        return self._imports.import_paths(files, progress, cancel) if files else []

    # -- step 2: record -------------------------------------------------------------------------------------

    def apply(self, plan: SyncPlan, outcomes: Sequence[ImportOutcome]) -> SyncSummary:
        """Record what the sync found and what importing its downloads did, in one transaction."""
        by_name = {o.source: o for o in outcomes}
        tally = _Tally()
        now = self._ctx.now()
        with self._ctx.db.writing() as session:
            for fetched in plan.locations:
                if fetched.record is None:
                    tally.problems.append(fetched.problem or f"Location {fetched.cqc_id} could not be read.")
                else:
                    self._record_location(session, fetched.record, fetched.downloads, by_name, now, tally)
            if plan.finished:  # otherwise the next sync reads the same change list again
                state = session.get(CqcSyncStateRecord, plan.request.scope)
                if state is None:
                    state = CqcSyncStateRecord(scope=plan.request.scope)
                    session.add(state)
                state.changes_until, state.synced_at = plan.checked_at, now
        return SyncSummary(
            locations=tally.lines,
            imported=tally.counts["imported"],
            unchanged=tally.counts["unchanged"],
            refused=tally.counts["refused"],
            unchanged_locations=len(plan.unchanged),
            notes=tally.notes,
            problems=tally.problems,
            stopped=plan.stopped,
            cancelled=plan.cancelled,
        )

    def _record_location(
        self,
        session: Session,
        record: Location,
        downloads: list[Download],
        by_name: dict[str, ImportOutcome],
        now: dt.datetime,
        tally: _Tally,
    ) -> None:
        """One location: its details and ratings (noting changes), its reports' fate, its link to
        Candour's."""
        row = self._location_row(session, record, now)
        tally.notes.extend(_rating_changes(record, row.ratings or {}))
        _fill(row, record)
        statuses = []
        for download in downloads:
            status, message, report_id, location_id = _result(download, by_name.get(download.name))
            tally.counts[status if status in tally.counts else "refused"] += 1
            if status not in HAD:
                tally.problems.append(message or f"{download.name} was not imported.")
            statuses.append(status)
            self._report_row(session, row, download, status, message, report_id, now)
            row.location_id = row.location_id or location_id
        self._link(session, row, record)
        row.complete = all(s in HAD for s in statuses)
        unpublished = _unpublished_note(record)
        row.unpublished = unpublished is not None
        if unpublished:
            tally.notes.append(unpublished)
        tally.lines.append(_location_line(record, statuses.count("imported")))

    @staticmethod
    def _location_row(session: Session, record: Location, now: dt.datetime) -> CqcLocationRecord:
        row = session.scalar(select(CqcLocationRecord).where(CqcLocationRecord.cqc_id == record.location_id))
        if row is None:
            row = CqcLocationRecord(
                cqc_id=record.location_id,
                name=record.name or record.location_id,
                details={},
                ratings={},
                unpublished=False,
                complete=False,
                synced_at=now,
            )
            session.add(row)
        row.synced_at = now
        return row

    @staticmethod
    def _report_row(
        session: Session,
        row: CqcLocationRecord,
        download: Download,
        status: str,
        message: str | None,
        report_id: int | None,
        now: dt.datetime,
    ) -> None:
        session.flush()
        report = session.get(CqcReportRecord, download.link_id)
        if report is None:
            report = CqcReportRecord(link_id=download.link_id, cqc_location_id=row.id)
            session.add(report)
        report.report_date, report.status, report.message, report.seen_at = (
            download.report_date,
            status,
            message,
            now,
        )
        report.report_id = report_id or report.report_id

    def _link(self, session: Session, row: CqcLocationRecord, record: Location) -> None:
        """Tie the CQC location to Candour's: by CQC id, by the location its reports were filed under, or by
        name and postcode; the Candour location learns its CQC id when it has none."""
        location = session.scalar(
            select(LocationRecord).where(LocationRecord.cqc_location_id == record.location_id)
        )
        if location is None and row.location_id is not None:
            location = session.get(LocationRecord, row.location_id)
        if location is None and record.name:
            postcode = "".join((record.postcode or "").split()).upper()
            candidates = session.scalars(
                select(LocationRecord).where(func.lower(LocationRecord.name) == record.name.strip().lower())
            ).all()
            location = next(
                (c for c in candidates if "".join((c.postcode or "").split()).upper() == postcode), None
            )
        if location is None:
            return
        row.location_id = location.id
        if location.cqc_location_id is None:
            location.cqc_location_id = record.location_id
            audit.record(
                session,
                self._ctx,
                entity="location",
                entity_id=location.id,
                action_id=None,
                operation="update",
                field="cqc_location_id",
                new=record.location_id,
            )


# -- helpers -----------------------------------------------------------------------------------------------


@dataclass
class _Tally:
    """What applying a plan found, gathered location by location."""

    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"imported": 0, "unchanged": 0, "refused": 0})


def _location_ids(client: CqcClient, request: SyncRequest, report: ProgressFn) -> list[str]:
    """The provider's locations (as CQC lists them today) followed by any location ids given."""
    if not request.provider_id:
        return list(request.location_ids)
    report(0, 0, f"{_ASKING} for provider {request.provider_id}…")
    try:
        provider = client.provider(request.provider_id)
    except CqcNotFound:
        raise CqcNotFound(
            f"CQC has no provider with the id {request.provider_id}; check the id on the "
            "provider's CQC page (it looks like 1-101234567)."
        ) from None
    return list(dict.fromkeys([*provider.location_ids, *request.location_ids]))


def _changed_since(
    client: CqcClient, since: dt.datetime | None, until: dt.datetime, report: ProgressFn
) -> set[str] | None:
    """Location ids CQC changed since the last sync; None when every location must be checked."""
    if since is None:
        return None
    report(0, 0, f"{_ASKING} which locations changed since the last sync…")
    try:
        return set(client.changed_locations(since, until))
    except (CqcNotFound, CqcBadAnswer):
        return None  # no usable change list (a mirror may not offer one): check every location


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CqcError(
            f"The folder {folder} for reports downloaded from CQC could not be created "
            f"({error.strerror or 'access denied'})."
        ) from None


def _wanted_reports(record: Location) -> list[ReportRef]:
    """The location's own reports, once each by linkId (provider-wide reports are filed by their
    locations)."""
    seen: dict[str, ReportRef] = {}
    for ref in record.reports:
        if (ref.report_type or "").strip().lower() != "provider" and ref.link_id.strip():
            seen.setdefault(ref.key, ref)
    return list(seen.values())


def _file_stem(record: Location, ref: ReportRef) -> str:
    name = _UNSAFE.sub(" ", record.name or record.location_id)
    name = " ".join(name.split())[:80]
    when = ref.report_date.isoformat() if ref.report_date else "undated"
    return f"{name} {when} (CQC {report_key(ref.link_id)[:8]})"


def _ratings(record: Location) -> dict[str, dict[str, str | None]]:
    overall = record.current_ratings.overall if record.current_ratings else None
    if overall is None:
        return {}
    found = {
        "Overall": {
            "rating": overall.rating,
            "date": _iso(overall.report_date),
            "link_id": overall.report_link_id,
        }
    }
    for rating in overall.key_question_ratings:
        if rating.name:
            found[rating.name] = {
                "rating": rating.rating,
                "date": _iso(rating.report_date or overall.report_date),
                "link_id": rating.report_link_id,
            }
    return found


def _fill(row: CqcLocationRecord, record: Location) -> None:
    row.name = record.name or row.name
    row.cqc_provider_id = record.provider_id
    row.details = record.model_dump(mode="json", by_alias=True)
    row.ratings = _ratings(record)
    overall = record.current_ratings.overall if record.current_ratings else None
    row.rated_on = (overall.report_date if overall else None) or (
        record.current_ratings.report_date if record.current_ratings else None
    )
    row.last_inspection = record.last_inspection.date if record.last_inspection else None
    row.last_report = record.last_report.publication_date if record.last_report else None


def _rating_changes(record: Location, before: dict[str, dict[str, str | None]]) -> list[str]:
    notes = []
    for name, now in _ratings(record).items():
        old = (before.get(name) or {}).get("rating")
        if old and now.get("rating") and old != now["rating"]:
            published = now.get("date")
            when = format_date(dt.date.fromisoformat(published)) if published else "date not given"
            what = "overall rating" if name == "Overall" else f"rating for {name}"
            notes.append(
                f"{record.name}: the {what} changed from {old} to {now['rating']} (published {when})."
            )
    return notes


def _unpublished_note(record: Location) -> str | None:
    """An inspection newer than every published report means CQC has inspected and not yet published."""
    visited = record.last_inspection.date if record.last_inspection else None
    reported = [r.first_visit_date or r.report_date for r in _wanted_reports(record)]
    newest = max((d for d in reported if d), default=None)
    if record.unpublished_reports or (visited and (newest is None or visited > newest)):
        when = f" on {format_date(visited)}" if visited else ""
        return f"{record.name}: an inspection has happened{when}; the report is not published yet."
    return None


def _result(
    download: Download, outcome: ImportOutcome | None
) -> tuple[str, str | None, int | None, int | None]:
    """(status, message, report id, Candour location id) of one download after importing."""
    if download.error:
        return "failed", download.error, None, None
    if outcome is None:
        return (
            "pending",
            f"{download.name} was downloaded but not imported yet; the next sync offers it again.",
            None,
            None,
        )
    if outcome.status is ImportStatus.IMPORTED:
        return "imported", None, outcome.report_id, outcome.location_id
    if outcome.status is ImportStatus.UNCHANGED:
        return "unchanged", outcome.message, None, None
    return "refused", outcome.message, None, None


def _location_line(record: Location, imported: int) -> str:
    overall = record.current_ratings.overall if record.current_ratings else None
    rating = (
        f"rated {overall.rating} (published {format_date(overall.report_date)})"
        if overall and overall.rating
        else "not rated yet"
    )
    reports = f"{imported} new {'report' if imported == 1 else 'reports'}" if imported else "no new reports"
    return f"{record.name} ({record.location_id}): {rating}; {reports}."


def is_location_result(message: str) -> bool:
    """True for a progress line that reports a finished location (not a status line while asking)."""
    return bool(message) and not message.startswith((_ASKING, _CHECKING))


def _progress_line(fetched: FetchedLocation) -> str:
    if fetched.problem:
        return f"{fetched.name}: {fetched.problem}"
    count = len([d for d in fetched.downloads if d.path])
    if not count:
        return f"{fetched.name}: no new reports"
    return f"{fetched.name}: {count} new {'report' if count == 1 else 'reports'} downloaded"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
