"""What each printed document shows, gathered by core.services.documents: plain data, no database.

The renderers in this package turn these into PDF bytes; everything is already chosen, grouped and
ordered, so a renderer only lays out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.domain.actions import ActionSummary
from core.domain.documents import CoverSheet
from core.domain.parsed import Regulation
from core.domain.registry import ReportSummary
from core.domain.steps import Step
from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion, Rag


@dataclass(frozen=True)
class Heading:
    """The block at the top of page 1, and the document's metadata."""

    title: str
    subject: str
    provider: str
    generated_at: dt.datetime
    generated_by: str
    facts: tuple[tuple[str, str], ...] = ()  # (label, value) lines under the title


@dataclass(frozen=True)
class ActionLine:
    """One action and what a document prints beside it."""

    action: ActionSummary
    latest_note: str | None = None
    evidence: tuple[str, ...] = ()  # titles of the evidence items
    success_measure: str | None = None
    completed_at: dt.datetime | None = None
    completed_by: str | None = None
    verified_at: dt.datetime | None = None
    verified_by: str | None = None
    verification_note: str | None = None
    regulated_activity: str | None = None
    steps: tuple[Step, ...] = ()  # the provider's plan under the action, in order


@dataclass(frozen=True)
class RatingsRow:
    """A location's latest ratings and the inspection they come from."""

    location: str
    overall: str | None
    ratings: Mapping[KeyQuestion, str]
    rated_on: str  # the inspection's dates in words, or "" when never rated


@dataclass(frozen=True)
class Counts:
    """How many actions are in each status and RAG (one summary row)."""

    label: str
    by_status: Mapping[ActionStatus, int]
    by_rag: Mapping[Rag, int]
    overdue: int
    total: int


@dataclass(frozen=True)
class ActionGroup:
    """Actions under one key question, MUST before SHOULD."""

    title: str
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class InspectionSection:
    title: str  # e.g. "Inspection of 14 Sep 2021 (routine inspection), rated Requires improvement"
    groups: tuple[ActionGroup, ...]

    @property
    def action_count(self) -> int:
        return sum(len(g.actions) for g in self.groups)


@dataclass(frozen=True)
class LocationSection:
    name: str
    details: str  # provider, address
    ratings: RatingsRow
    inspections: tuple[str, ...]  # every inspection on record, newest first, in words
    sections: tuple[InspectionSection, ...]


@dataclass(frozen=True)
class ActionPlanDocument:
    heading: Heading
    summary: tuple[Counts, ...]  # one row per location, then the total
    locations: tuple[LocationSection, ...]

    @property
    def action_count(self) -> int:
        return sum(s.action_count for loc in self.locations for s in loc.sections)


@dataclass(frozen=True)
class DueMove:
    """A due date that moved, and why."""

    action: ActionSummary
    old_due: dt.date | None
    new_due: dt.date | None
    reason: str
    changed_by: str
    changed_at: dt.datetime


@dataclass(frozen=True)
class Shown:
    """The first items of a long list, MUST first, and how many there are in all."""

    items: tuple[Any, ...]
    total: int

    @property
    def left_out(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class LastPack:
    """The pack printed before this one in the same meeting series."""

    meeting: dt.date
    printed_at: dt.datetime
    printed_by: str


@dataclass(frozen=True)
class Movement:
    """One kind's counts by BRAG now and at the last pack (None when this is the first pack)."""

    kind: ActionKind
    now: Mapping[Rag, int]
    before: Mapping[Rag, int] | None


@dataclass(frozen=True)
class StateChanges:
    """How individual actions moved since the last pack."""

    verified: int  # turned blue
    turned_red: int
    new: int  # not in the last pack
    gone: int  # in the last pack, deleted since


@dataclass(frozen=True)
class ExceptionLine:
    """An overdue or off-track action, why, and what is being done about it."""

    line: ActionLine
    reason: str
    mitigation: str


@dataclass(frozen=True)
class MatrixRow:
    """A location's live actions per key question: (MUST, all); None is 'not stated'."""

    location: str
    cells: Mapping[KeyQuestion | None, tuple[int, int]]


@dataclass(frozen=True)
class DeliveryRow:
    """Actions whose original due date has come and how many were completed by it."""

    label: str
    due: int
    on_time: int

    @property
    def percent(self) -> float | None:
        return 100 * self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class MeetingPackDocument:
    heading: Heading
    meeting: dt.date
    since: dt.date
    next_meeting: dt.date
    as_at: dt.date  # the day overdue and "due before the next meeting" are judged on
    series: str
    cover: CoverSheet
    last_pack: LastPack | None
    movement: tuple[Movement, ...]  # MUST then SHOULD
    changes: StateChanges | None
    exceptions: Shown  # of ExceptionLine
    closure: Shown  # of ActionLine: completed, awaiting verification
    matrix: tuple[MatrixRow, ...]
    enforcement: Shown  # of ActionLine: warning notices and other enforcement
    delivery: tuple[DeliveryRow, ...]  # per location, then all locations
    due_soon: Shown
    verified: Shown
    due_moves: Shown  # of DueMove
    reports: tuple[ReportSummary, ...]
    ratings: tuple[RatingsRow, ...]


@dataclass(frozen=True)
class Breach:
    """One regulation breached: how it was not met, and what the provider is doing about it."""

    regulation: Regulation
    activities: tuple[str, ...]
    findings: tuple[ActionLine, ...]  # the notices' texts: how the regulation was not being met
    actions: tuple[ActionLine, ...]  # what the provider is doing, notices first


@dataclass(frozen=True)
class CqcPlanDocument:
    heading: Heading
    location: str
    inspection: str  # e.g. "9 Aug 2022, 10 Aug 2022 (routine inspection)"
    breaches: tuple[Breach, ...]
    uncited: tuple[ActionLine, ...] = field(default=())  # MUST actions the report gave no regulation for

    @property
    def unplanned(self) -> tuple[str, ...]:
        """References of the open or in-progress actions with no steps planned yet (the plan's gaps), in
        print order."""
        lines = [*(a for b in self.breaches for a in b.actions), *self.uncited]
        return tuple(line.action.reference for line in lines if not line.steps and line.action.status.is_live)
