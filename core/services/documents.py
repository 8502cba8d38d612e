"""The printed documents: gathers each one's data into a document model and renders it to PDF bytes.

Generation time and author come from the service context, so a fixed clock gives the same document.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager

from core.domain.actions import ActionFilter, ActionSummary, SortKey
from core.domain.documents import ActionPlanOptions, CoverSheet, CqcPlanOptions, MeetingPackOptions
from core.domain.errors import NotFound, RuleViolation
from core.domain.parsed import Regulation
from core.domain.registry import InspectionSummary, LocationSummary
from core.domain.regulations import regulation_title
from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion, Statute
from core.domain.wording import describe_filter, either, format_date
from core.reports.models import (
    ActionGroup,
    ActionLine,
    ActionPlanDocument,
    Breach,
    Counts,
    CqcPlanDocument,
    Heading,
    InspectionSection,
    LocationSection,
    MeetingPackDocument,
)
from core.services.actions import ActionQueries
from core.services.board_pack import BoardPackGatherer
from core.services.board_queries import BoardQueries
from core.services.context import ServiceContext
from core.services.document_queries import DocumentQueries
from core.services.locations import LocationService
from core.services.people import PeopleService
from core.services.ratings import ratings_row
from core.services.settings import SettingsService
from core.services.steps import StepService

ProgressFn = Callable[[int, int], None]
PROGRESS_STEPS = 1000
GATHERING_SHARE = 0.2  # of the progress bar; laying out the pages takes the rest
FETCH_CHUNK = 1000
_STATUTE_ORDER = {statute: n for n, statute in enumerate(Statute)}


class DocumentService:
    def __init__(self, ctx: ServiceContext, queries: ActionQueries, settings: SettingsService) -> None:
        self.ctx = ctx
        self.actions = queries
        self.settings = settings
        self.locations = LocationService(ctx)
        self._people = PeopleService(ctx)
        self.queries = DocumentQueries(ctx)
        self._steps = StepService(ctx, queries)
        self._board_pack = BoardPackGatherer(self, BoardQueries(ctx, settings))

    # -- the three documents ----------------------------------------------------------------------------

    def action_plan(self, options: ActionPlanOptions, progress: ProgressFn | None = None) -> bytes:
        from core.reports.action_plan import render_action_plan

        gather, layout = _phases(progress)
        with _collector_paused():
            return render_action_plan(self.action_plan_document(options, gather), layout)

    def meeting_pack(
        self, options: MeetingPackOptions, progress: ProgressFn | None = None, *, keep_snapshot: bool = False
    ) -> bytes:
        """The board pack. With keep_snapshot (when it is printed for the meeting, not merely looked at)
        its figures are kept, so the next pack of the series shows the movement since this one, and its
        cover sheet is remembered for the series."""
        from core.reports.meeting_pack import render_meeting_pack

        gather, layout = _phases(progress)
        document, scan = self._board_pack.gather_with_states(options, gather)
        pdf = render_meeting_pack(document, layout)
        if keep_snapshot:
            self._board_pack.keep_snapshot(document, options, scan)
        return pdf

    def pack_cover(self, series: str) -> CoverSheet | None:
        """The cover sheet last printed for the meeting series, if any."""
        return self.settings.pack_cover(series)

    def pack_series(self) -> list[str]:
        return self.settings.pack_series()

    def last_pack_meeting(self, series: str) -> dt.date | None:
        """The meeting of the last pack printed for the series, if any."""
        last = self._board_pack.last_snapshot(series)
        return last.meeting if last else None

    def cqc_plan(self, options: CqcPlanOptions, progress: ProgressFn | None = None) -> bytes:
        from core.reports.cqc_plan import render_cqc_plan

        gather, layout = _phases(progress)
        return render_cqc_plan(self.cqc_plan_document(options, gather), layout)

    def cqc_plan_docx(self, options: CqcPlanOptions) -> bytes:
        """The same plan as a Word document, for pasting into CQC's portal."""
        from core.reports.cqc_plan_docx import render_cqc_plan_docx

        return render_cqc_plan_docx(self.cqc_plan_document(options))

    def cqc_plan_gaps(self, options: CqcPlanOptions) -> list[str]:
        """References of the plan's open or in-progress MUST actions that have no steps planned yet, in
        reference order."""
        location = self.location(options.location_id)
        inspection = self._plan_inspection(location, options.inspection_id)
        flt = ActionFilter(
            location_ids=frozenset({location.id}),
            inspection_id=inspection.id,
            kinds=frozenset({ActionKind.MUST}),
        )
        return [
            a.reference
            for a in self.actions.summaries(self.actions.ids(flt, SortKey.REFERENCE))
            if a.step_count == 0 and a.status.is_live
        ]

    def describe_filter(self, flt: ActionFilter) -> str:
        """The filter in words, e.g. 'Open or in progress MUST actions at Harrowfield PET-CT Centre'."""
        locations = {loc.id: loc.name for loc in self.locations.list_of(flt.location_ids)}
        people = {p.id: p.name for p in self._people.list()} if flt.owner_ids else {}
        inspections: dict[int, str] = {}
        if flt.inspection_id is not None:
            location_id = self.queries.location_of_inspection(flt.inspection_id)
            if location_id is not None:
                inspections = {i.id: i.describe_dates() for i in self.locations.inspections(location_id)}
        return describe_filter(flt, locations, people, inspections)

    def cqc_plan_inspections(self, location_id: int) -> list[InspectionSummary]:
        """The location's inspections that left MUST actions, newest first (what a CQC plan can answer)."""
        self.location(location_id)
        wanted = self.queries.must_inspections(location_id)
        return [i for i in self.locations.inspections(location_id) if i.id in wanted]

    # -- gathering ----------------------------------------------------------------------------------------

    def action_plan_document(
        self, options: ActionPlanOptions, progress: ProgressFn | None = None
    ) -> ActionPlanDocument:
        flt = options.filter
        locations = self._locations(flt.location_ids)
        # Any order will do: the plan orders its actions itself. By location is the cheapest to read.
        ids = self.actions.ids(flt, SortKey.LOCATION)
        lines = self.lines(ids, progress, evidence="verified", steps=True)
        shown = {line.action.location_id for line in lines} | (set(flt.location_ids) if lines else set())
        if others := shown - locations.keys():
            locations |= self._locations(others)
        present = sorted(shown, key=lambda i: locations[i].name.casefold())
        inspections = self.locations.inspections_of(present)
        by_location: dict[int, list[ActionLine]] = defaultdict(list)
        for line in lines:
            by_location[line.action.location_id].append(line)
        sections = tuple(_location_section(locations[i], inspections[i], by_location[i]) for i in present)
        summary = tuple(_counts(locations[i].name, by_location[i]) for i in present)
        if len(present) > 1:
            summary += (_counts("All locations", lines),)
        chosen = sorted((locations[i].name for i in flt.location_ids), key=str.casefold)
        title = options.title or _plan_title(chosen)
        described = self.describe_filter(flt)
        everywhere = f"All locations ({len(present)} with actions shown)" if present else "All locations"
        facts = (
            ("Locations", either(chosen, "and") if chosen else everywhere),
            ("Showing", f"{described}: {_actions(len(lines))}"),
            ("Status as at", format_date(self.ctx.today())),
        )
        heading = self.heading(title, f"Action plan: {described}", [locations[i] for i in present], facts)
        return ActionPlanDocument(heading=heading, summary=summary, locations=sections)

    def meeting_pack_document(
        self, options: MeetingPackOptions, progress: ProgressFn | None = None
    ) -> MeetingPackDocument:
        return self._board_pack.gather(options, progress)

    def cqc_plan_document(
        self, options: CqcPlanOptions, progress: ProgressFn | None = None
    ) -> CqcPlanDocument:
        location = self.location(options.location_id)
        inspection = self._plan_inspection(location, options.inspection_id)
        flt = ActionFilter(
            location_ids=frozenset({location.id}),
            inspection_id=inspection.id,
            kinds=frozenset({ActionKind.MUST}),
        )
        lines = self.lines(self.actions.ids(flt, SortKey.DUE), progress, evidence=True, steps=True)
        breaches = _breaches(line for line in lines if line.action.regulation is not None)
        uncited = tuple(line for line in lines if line.action.regulation is None)
        inspected = inspection.describe_dates() + (f" ({inspection.kind})" if inspection.kind else "")
        numbers = [b.regulation.number for b in breaches]
        cited = (
            f"Regulation{'s' if len(numbers) > 1 else ''} {either(numbers, 'and')}"
            if numbers
            else "None cited"
        )
        where = ", ".join(p for p in (location.name, location.address, location.postcode) if p)
        facts = (
            ("Location", where),
            *((("CQC location ID", location.cqc_location_id),) if location.cqc_location_id else ()),
            ("Inspection", inspected),
            ("Regulations not met", cited),
            ("Status as at", format_date(self.ctx.today())),
        )
        heading = self.heading(
            f"Action plan for CQC: {location.name}", "Provider action plan for CQC", [location], facts
        )
        return CqcPlanDocument(
            heading=heading, location=location.name, inspection=inspected, breaches=breaches, uncited=uncited
        )

    # -- helpers ------------------------------------------------------------------------------------------

    def location(self, location_id: int) -> LocationSummary:
        return self.locations.get(location_id).location

    def _locations(self, location_ids: Collection[int]) -> dict[int, LocationSummary]:
        """The locations by id, read at once; NotFound names the first that no longer exists."""
        found = {loc.id: loc for loc in self.locations.list_of(location_ids)} if location_ids else {}
        if missing := sorted(set(location_ids) - found.keys()):
            raise NotFound(f"Location {missing[0]} no longer exists.")
        return found

    def _plan_inspection(self, location: LocationSummary, inspection_id: int | None) -> InspectionSummary:
        answerable = self.cqc_plan_inspections(location.id)
        if inspection_id is None:
            if not answerable:
                raise RuleViolation(f"{location.name} has no requirement or warning notices to answer.")
            return answerable[0]
        for inspection in answerable:
            if inspection.id == inspection_id:
                return inspection
        for inspection in self.locations.inspections(location.id):
            if inspection.id == inspection_id:
                raise RuleViolation(
                    f"The inspection of {inspection.describe_dates()} at {location.name} "
                    "left no requirement or warning notices to answer."
                )
        raise NotFound(f"Inspection {inspection_id} is not one of {location.name}'s inspections.")

    def lines(
        self,
        ids: Sequence[int],
        progress: ProgressFn | None = None,
        *,
        evidence: bool | str = False,
        steps: bool = False,
    ) -> list[ActionLine]:
        """The actions with their latest note, tracking details, (when asked) their steps, and (when asked:
        True for all, "verified" for verified actions only) their evidence with who added it and when."""
        summaries: list[ActionSummary] = []
        for start in range(0, len(ids), FETCH_CHUNK):
            summaries.extend(self.actions.summaries(ids[start : start + FETCH_CHUNK]))
            if progress is not None:
                progress(min(start + FETCH_CHUNK, len(ids)), len(ids))
        notes = self.actions.latest_notes(ids)
        tracking = self.queries.tracking(ids)
        if evidence == "verified":
            titles = self.queries.evidence_titles(
                [s.id for s in summaries if s.status is ActionStatus.VERIFIED]
            )
        else:
            titles = self.queries.evidence_titles(ids) if evidence else {}
        planned = self._steps.of_actions(ids) if steps else {}
        lines = []
        for summary in summaries:
            track = tracking[summary.id]
            lines.append(
                ActionLine(
                    action=summary,
                    latest_note=notes.get(summary.id),
                    evidence=tuple(titles.get(summary.id, ())),
                    success_measure=track.success_measure,
                    completed_at=track.completed_at,
                    completed_by=track.completed_by,
                    verified_at=track.verified_at,
                    verified_by=track.verified_by,
                    verification_note=track.verification_note,
                    regulated_activity=track.regulated_activity,
                    steps=tuple(planned.get(summary.id, ())),
                )
            )
        return lines

    def heading(
        self, title: str, subject: str, locations: Sequence[LocationSummary], facts: Sequence[tuple[str, str]]
    ) -> Heading:
        provider = self.settings.get().provider_name.strip()
        if not provider:
            providers = sorted({loc.provider for loc in locations if loc.provider})
            more = f" and {len(providers) - 3} more" if len(providers) > 3 else ""
            provider = "; ".join(providers[:3]) + more
        return Heading(
            title=title,
            subject=subject,
            provider=provider,
            generated_at=self.ctx.now(),
            generated_by=self.ctx.actor if self.ctx.identity else f"{self.ctx.actor} (not signed in)",
            facts=tuple(facts),
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a long document is made. Otherwise it scans the tens of
    thousands of objects the document holds again and again as they grow (a sixth of the time of a
    10,000-action plan), while the cyclic garbage a document leaves is small; the collector takes it after.
    (The previous state is restored, so a caller that paused it keeps it paused.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- progress ------------------------------------------------------------------------------------------------


def _phases(progress: ProgressFn | None) -> tuple[ProgressFn | None, ProgressFn | None]:
    """Two progress callbacks, gathering then laying out, reporting on one 0..PROGRESS_STEPS scale."""
    if progress is None:
        return None, None
    split = int(PROGRESS_STEPS * GATHERING_SHARE)

    def gather(done: int, total: int) -> None:
        progress(split * done // max(total, 1), PROGRESS_STEPS)

    def layout(done: int, total: int) -> None:
        progress(split + (PROGRESS_STEPS - split) * done // max(total, 1), PROGRESS_STEPS)

    progress(0, PROGRESS_STEPS)
    return gather, layout


# -- grouping and counting (pure) ----------------------------------------------------------------------------

_KIND_ORDER = {ActionKind.MUST: 0, ActionKind.SHOULD: 1}
_QUESTION_ORDER = {k: n for n, k in enumerate(KeyQuestion)}


def _action_order(line: ActionLine) -> tuple[object, ...]:
    """MUST before SHOULD, then by due date (undated last), then reference."""
    a = line.action
    return _KIND_ORDER[a.kind], a.due is None, a.due or dt.date.min, a.reference


def _location_section(
    location: LocationSummary, inspections: list[InspectionSummary], lines: list[ActionLine]
) -> LocationSection:
    by_inspection: dict[int | None, list[ActionLine]] = defaultdict(list)
    for line in lines:
        by_inspection[line.action.inspection_id].append(line)
    sections = [
        InspectionSection(_inspection_title(i), _key_question_groups(by_inspection[i.id]))
        for i in inspections
        if i.id in by_inspection
    ]
    if None in by_inspection:
        unlinked = _key_question_groups(by_inspection[None])
        sections.append(InspectionSection("Actions not from an inspection", unlinked))
    details = ", ".join(p for p in (location.provider, location.address, location.postcode) if p)
    return LocationSection(
        name=location.name,
        details=details,
        ratings=ratings_row(location, inspections),
        inspections=tuple(_inspection_words(i) for i in inspections),
        sections=tuple(sections),
    )


def _key_question_groups(lines: list[ActionLine]) -> tuple[ActionGroup, ...]:
    by_question: dict[KeyQuestion | None, list[ActionLine]] = defaultdict(list)
    for line in lines:
        by_question[line.action.key_question].append(line)
    order = sorted(by_question, key=lambda k: _QUESTION_ORDER.get(k, len(_QUESTION_ORDER)) if k else 99)
    return tuple(
        ActionGroup(
            k.label if k else "Key question not stated", tuple(sorted(by_question[k], key=_action_order))
        )
        for k in order
    )


def _inspection_title(inspection: InspectionSummary) -> str:
    title = f"Inspection of {inspection.describe_dates()}"
    if inspection.kind:
        title += f" ({inspection.kind})"
    if inspection.overall_rating:
        title += f", rated {inspection.overall_rating}"
    return title


def _inspection_words(inspection: InspectionSummary) -> str:
    words = inspection.describe_dates()
    details = [d for d in (inspection.kind, inspection.overall_rating) if d]
    return f"{words} ({', '.join(details)})" if details else words


def _counts(label: str, lines: Sequence[ActionLine]) -> Counts:
    return Counts(
        label=label,
        by_status=Counter(line.action.status for line in lines),
        by_rag=Counter(line.action.rag for line in lines),
        overdue=sum(1 for line in lines if line.action.overdue),
        total=len(lines),
    )


def _regulation_key(regulation: Regulation) -> tuple[object, ...]:
    number = regulation.number.upper()
    digits = "".join(ch for ch in number if ch.isdigit())
    statute = _STATUTE_ORDER.get(regulation.statute, len(_STATUTE_ORDER)) if regulation.statute else 99
    return statute, int(digits or 0), number


def _breaches(lines: Iterable[ActionLine]) -> tuple[Breach, ...]:
    """The cited actions grouped by regulation, in regulation order."""
    grouped: dict[tuple[object, ...], list[ActionLine]] = defaultdict(list)
    for line in lines:
        assert line.action.regulation is not None
        grouped[_regulation_key(line.action.regulation)].append(line)
    return tuple(_breach(grouped[key]) for key in sorted(grouped))


def _breach(group: list[ActionLine]) -> Breach:
    """One regulation: the notices say how it was not met; every action says what is being done."""
    cited = [line.action.regulation for line in group if line.action.regulation]
    first = cited[0]
    title = regulation_title(first.statute, first.number) or next((r.title for r in cited if r.title), None)
    notices = [line for line in group if line.action.origin.is_notice]
    others = [line for line in group if not line.action.origin.is_notice]
    activities = dict.fromkeys(
        part.strip() for line in group for part in (line.regulated_activity or "").split(";") if part.strip()
    )
    return Breach(
        regulation=Regulation(number=first.number.upper(), statute=first.statute, title=title),
        activities=tuple(activities),
        findings=tuple(sorted(notices, key=lambda n: n.action.reference)),
        actions=(*sorted(notices, key=_action_order), *sorted(others, key=_action_order)),
    )


def _plan_title(chosen: list[str]) -> str:
    if not chosen:
        return "Action plan: all locations"
    if len(chosen) > 3:
        return f"Action plan: {len(chosen)} locations"
    return f"Action plan: {either(chosen, 'and')}"


def _actions(n: int) -> str:
    return "1 action" if n == 1 else f"{n:,} actions"
