"""Locations, inspections, reports and people as the GUI and documents see them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from core.domain.parsed import QuestionScore
from core.domain.vocabulary import Access, KeyQuestion, ReportFormat
from core.domain.wording import format_date


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Person(_Frozen):
    id: int
    name: str
    email: str | None
    role: str | None  # job title
    active: bool
    left_at: dt.datetime | None
    access: Access = Access.ACTION_OWNER  # what they may do in Candour
    open_actions: int = 0
    login: str | None = None  # their own server login, in team mode


class InspectionSummary(_Frozen):
    id: int
    location_id: int
    key_date: dt.date | None
    inspection_dates: list[dt.date]
    assessment_date: dt.date | None
    published: dt.date | None
    kind: str | None
    overall_rating: str | None
    ratings: dict[KeyQuestion, str]
    service_ratings: dict[str, dict[str, str]]
    scores: dict[KeyQuestion, QuestionScore]
    action_count: int
    report_ids: list[int] = Field(default_factory=list)

    def describe_dates(self) -> str:
        if self.inspection_dates:
            return ", ".join(format_date(d) for d in self.inspection_dates)
        date = self.assessment_date or self.published or self.key_date
        return format_date(date, "date unknown")


class LocationSummary(_Frozen):
    id: int
    code: str
    name: str
    provider: str | None
    address: str | None
    postcode: str | None
    phone: str | None
    cqc_location_id: str | None
    archived: bool
    overall_rating: str | None
    ratings: dict[KeyQuestion, str]
    last_inspection: dt.date | None
    open_must: int
    open_should: int
    overdue: int


class LocationDetail(_Frozen):
    location: LocationSummary
    inspections: list[InspectionSummary]  # newest first


class ReportSummary(_Frozen):
    id: int
    file_name: str
    sha256: str
    format: ReportFormat
    location_id: int | None
    location_name: str | None
    imported_at: dt.datetime
    imported_by: str
    inspection_count: int
    action_count: int
    text_length: int


class CountByStatus(_Frozen):
    label: str
    key: str | int | None
    open: int = 0
    in_progress: int = 0
    completed: int = 0
    verified: int = 0
    not_applicable: int = 0
    overdue: int = 0

    @property
    def live(self) -> int:
        return self.open + self.in_progress


class Dashboard(_Frozen):
    today: dt.date
    open_must: int
    open_should: int
    overdue: int
    due_soon: int
    awaiting_verification: int
    verified_this_month: int
    unowned_must: int
    total: int
    by_location: list[CountByStatus]
    by_key_question: list[CountByStatus]
    overdue_trend: list[tuple[dt.date, int]]  # month ends, oldest first


class OrgSettings(_Frozen):
    provider_name: str = ""
    amber_days: int = 14
    default_due_days_must: int = 28
    default_due_days_should: int = 90
