"""Gathers the board (meeting) pack: cover sheet, movement since the last pack printed, exceptions,
actions proposed for closure, the site by key question matrix, enforcement, delivery by the original due
date, then what falls due, was verified, moved or was imported. MUST before SHOULD in every list; long
lists show their first LIST_LIMIT items and say how many more there are."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from core.domain.actions import ActionFilter
from core.domain.documents import DEFAULT_SERIES, CoverSheet, MeetingPackOptions
from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionKind, ActionOrigin, ActionStatus, KeyQuestion, Rag
from core.domain.wording import either, format_date
from core.reports.models import (
    ActionLine,
    DeliveryRow,
    DueMove,
    ExceptionLine,
    LastPack,
    MatrixRow,
    MeetingPackDocument,
    Movement,
    Shown,
    StateChanges,
)
from core.services.board_queries import RAG_BY_RANK, BoardQueries, Scan, Snapshot
from core.services.ratings import ratings_row

if TYPE_CHECKING:
    from core.services.documents import DocumentService, ProgressFn

MEETING_INTERVAL = dt.timedelta(days=28)
RANK_OF = {rag: rank for rank, rag in RAG_BY_RANK.items()}
LIST_LIMIT = 60  # rows per list: a board reads exceptions, not a register
LIVE = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
ENFORCEMENT = frozenset({ActionOrigin.WARNING_NOTICE, ActionOrigin.ENFORCEMENT})


class BoardPackGatherer:
    def __init__(self, documents: DocumentService, queries: BoardQueries) -> None:
        self._docs = documents
        self._board = queries
        self._ctx = documents.ctx

    def gather(self, options: MeetingPackOptions, progress: ProgressFn | None = None) -> MeetingPackDocument:
        return self.gather_with_states(options, progress)[0]

    def gather_with_states(
        self, options: MeetingPackOptions, progress: ProgressFn | None = None
    ) -> tuple[MeetingPackDocument, Scan]:
        """The pack, and the pass over the actions it counted (what its snapshot keeps)."""
        meeting, series = options.meeting, options.series.strip() or DEFAULT_SERIES
        scope = frozenset(options.location_ids)
        chosen = [self._docs.location(i) for i in sorted(scope)]
        last = self._board.last_snapshot(series)
        since = options.since or (
            last.meeting if last and last.meeting < meeting else meeting - MEETING_INTERVAL
        )
        next_meeting = options.next_meeting or meeting + MEETING_INTERVAL
        _check_dates(meeting, since, next_meeting)
        today, start = self._ctx.today(), dt.datetime.combine(since, dt.time())
        step = _Steps(progress, 8)
        scan = self._board.scan(scope)
        rags = scan.rags
        movement, changes = _movement(rags, last)
        step()
        exceptions = self._exceptions(scope, scan.exceptions)
        step()
        closure = self._must_first(
            ActionFilter(location_ids=scope, statuses=frozenset({ActionStatus.COMPLETED})), evidence=True
        )
        enforcement = self._must_first(ActionFilter(location_ids=scope, origins=ENFORCEMENT), evidence=False)
        step()
        due_soon = self._must_first(
            ActionFilter(location_ids=scope, statuses=LIVE, due_from=today, due_to=next_meeting),
            evidence=False,
        )
        verified_ids = self._docs.queries.verified_since(start, scope)
        verified = self._shown(self._board.must_first(verified_ids), evidence=True)
        step()
        moves = self._due_moves(start, scope)
        reports = [
            r
            for r in self._docs.locations.reports()
            if r.imported_at >= start and (not scope or r.location_id in scope)
        ]
        step()
        locations = [
            loc for loc in self._docs.locations.list() if (loc.id in scope if scope else not loc.archived)
        ]
        names = {loc.id: loc.name for loc in locations}
        matrix = self._matrix(scan, names)
        delivery = self._delivery(scan, names)
        inspections = self._docs.locations.inspections_of([loc.id for loc in locations])
        ratings = tuple(ratings_row(loc, inspections[loc.id]) for loc in locations)
        step()
        cover = options.cover or self._docs.settings.pack_cover(series) or CoverSheet(meeting_name=series)
        where = either([loc.name for loc in chosen], "and") if chosen else "All locations"
        facts = (
            ("Meeting", f"{cover.meeting_name or series}, {format_date(meeting)}"),
            ("Changes since", f"{format_date(since)} ({_since_words(last, since)})"),
            ("Next meeting", format_date(next_meeting)),
            ("Locations", where),
            ("Figures as at", format_date(today)),
        )
        heading = self._docs.heading(
            f"Board pack: {cover.meeting_name or series}, {format_date(meeting)}",
            "Board pack: CQC improvement plan progress",
            chosen or locations,
            facts,
        )
        step()
        document = MeetingPackDocument(
            heading=heading,
            meeting=meeting,
            since=since,
            next_meeting=next_meeting,
            as_at=today,
            series=series,
            cover=cover,
            last_pack=LastPack(last.meeting, last.printed_at, last.printed_by) if last else None,
            movement=movement,
            changes=changes,
            exceptions=exceptions,
            closure=closure,
            matrix=matrix,
            enforcement=enforcement,
            delivery=delivery,
            due_soon=due_soon,
            verified=verified,
            due_moves=moves,
            reports=tuple(reports),
            ratings=ratings,
        )
        return document, scan

    def last_snapshot(self, series: str) -> Snapshot | None:
        return self._board.last_snapshot(series.strip() or DEFAULT_SERIES)

    def keep_snapshot(self, document: MeetingPackDocument, options: MeetingPackOptions, scan: Scan) -> None:
        """Record the pack as printed (its figures and every action's BRAG) and remember its cover sheet."""
        self._board.keep_snapshot(document.series, document.meeting, frozenset(options.location_ids), scan)
        self._docs.settings.save_pack_cover(document.series, document.cover)

    # -- lists ------------------------------------------------------------------------------------------

    def _must_first(self, flt: ActionFilter, *, evidence: bool) -> Shown:
        """The first LIST_LIMIT actions the filter selects, MUST first then by due date, and the total."""
        ids, total = self._board.first_ids(flt, LIST_LIMIT)
        return Shown(tuple(self._docs.lines(ids, evidence=evidence, steps=True)), total)

    def _shown(self, ids: Sequence[int], *, evidence: bool) -> Shown:
        lines = self._docs.lines(ids[:LIST_LIMIT], evidence=evidence, steps=True)
        return Shown(tuple(lines), len(ids))

    def _due_moves(self, start: dt.datetime, scope: frozenset[int]) -> Shown:
        changes, total = self._board.due_moves(start, scope, LIST_LIMIT)
        actions = {a.id: a for a in self._docs.actions.summaries(sorted({c.action_id for c in changes}))}
        moves = tuple(
            DueMove(
                action=actions[c.action_id],
                old_due=c.old_due,
                new_due=c.new_due,
                reason=c.reason,
                changed_by=c.changed_by,
                changed_at=c.changed_at,
            )
            for c in changes
            if c.action_id in actions
        )
        return Shown(moves, total)

    def _exceptions(self, scope: frozenset[int], total: int) -> Shown:
        ids = self._board.exception_ids(scope, LIST_LIMIT)
        lines = self._docs.lines(ids)
        reasons = self._board.latest_due_reasons([line.action.id for line in lines])
        today = self._ctx.today()
        items = tuple(
            ExceptionLine(
                line, _reason(line, reasons.get(line.action.id), today), line.latest_note or "None recorded"
            )
            for line in lines
        )
        return Shown(items, total)

    def _matrix(self, scan: Scan, names: dict[int, str]) -> tuple[MatrixRow, ...]:
        rows = [
            MatrixRow(
                names.get(i) or self._docs.location(i).name,
                {KeyQuestion(q) if q else None: cell for q, cell in cells.items()},
            )
            for i, cells in scan.matrix.items()
        ]
        return tuple(sorted(rows, key=lambda r: r.location.casefold()))

    def _delivery(self, scan: Scan, names: dict[int, str]) -> tuple[DeliveryRow, ...]:
        rows = sorted(
            (
                DeliveryRow(names.get(i) or self._docs.location(i).name, due, done)
                for i, (due, done) in scan.delivery.items()
            ),
            key=lambda r: r.label.casefold(),
        )
        total = DeliveryRow("All locations", sum(r.due for r in rows), sum(r.on_time for r in rows))
        return (*rows, total)


# -- pure helpers ---------------------------------------------------------------------------------------


def _check_dates(meeting: dt.date, since: dt.date, next_meeting: dt.date) -> None:
    if since > meeting:
        raise RuleViolation(
            f"The last meeting ({format_date(since)}) must be before this meeting ({format_date(meeting)})."
        )
    if next_meeting <= meeting:
        raise RuleViolation(
            f"The next meeting ({format_date(next_meeting)}) must be after this meeting "
            f"({format_date(meeting)})."
        )


def _since_words(last: Snapshot | None, since: dt.date) -> str:
    if last is not None and last.meeting == since:
        return f"the last pack, printed {format_date(last.printed_at.date())}"
    return "the last meeting"


def _movement(
    rags: dict[int, tuple[str, int]], last: Snapshot | None
) -> tuple[tuple[Movement, ...], StateChanges | None]:
    counted = Counter(rags.values())
    now = {
        k: {RAG_BY_RANK[rank]: n for (kind, rank), n in counted.items() if kind == k.value}
        for k in ActionKind
    }
    movement = tuple(Movement(k, now[k], dict(last.counts.get(k, {})) if last else None) for k in ActionKind)
    if last is None:
        return movement, None
    before = last.rags
    blue, red = RANK_OF[Rag.BLUE], RANK_OF[Rag.RED]
    changes = StateChanges(
        verified=sum(
            1 for i, (_, r) in rags.items() if r == blue and before.get(i, Rag.BLUE) is not Rag.BLUE
        ),
        turned_red=sum(1 for i, (_, r) in rags.items() if r == red and before.get(i, Rag.RED) is not Rag.RED),
        new=sum(1 for i in rags if i not in before),
        gone=sum(1 for i in before if i not in rags),
    )
    return movement, changes


def _reason(line: ActionLine, moved: str | None, today: dt.date) -> str:
    action = line.action
    parts = []
    if action.overdue and action.due:
        days = (today - action.due).days
        parts.append(f"Overdue by {days} day{'s' if days != 1 else ''}")
    if action.kind is ActionKind.MUST and action.owner_id is None:
        parts.append("No owner")
    if action.slipped_days and action.slipped_days > 0:
        parts.append("Due date moved")
    text = "; ".join(parts) or "Off track"
    return f"{text}: {moved}" if moved else text


class _Steps:
    """Progress over a fixed number of gathering steps."""

    def __init__(self, progress: Callable[[int, int], None] | None, total: int) -> None:
        self._progress, self._total, self._done = progress, total, 0

    def __call__(self) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self._total)
