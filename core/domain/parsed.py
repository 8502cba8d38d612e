"""The interchange format of an extracted CQC report (what `candour parse --json` prints).

Other tools read this format: keep field names stable. Unknown values are None, never guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.domain.vocabulary import (
    ActionKind,
    ActionOrigin,
    KeyQuestion,
    KeyQuestionSource,
    ReportFormat,
    Statute,
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Regulation(_Frozen):
    number: str
    paragraphs: str | None = None  # e.g. "(2)(a)(b)"
    statute: Statute | None = None
    title: str | None = None

    def cite(self) -> str:
        """Short human citation, e.g. 'Regulation 12(2)(a) Safe care and treatment'."""
        head = f"Regulation {self.number}{self.paragraphs or ''}"
        return f"{head} {self.title}" if self.title else head


class ParsedAction(_Frozen):
    kind: ActionKind
    origin: ActionOrigin
    text: str
    regulation: Regulation | None = None
    key_question: KeyQuestion | None = None
    key_question_source: KeyQuestionSource = KeyQuestionSource.NONE
    service: str | None = None
    due: dt.date | None = None
    # Beyond the minimum: where in the report the action came from, and for notices the
    # regulated activity named in the table.
    section: str | None = None
    regulated_activity: str | None = None


class QuestionScore(_Frozen):
    percent: int | None = None
    quality_statements: dict[str, int] = Field(default_factory=dict)


class ParsedInspection(_Frozen):
    inspection_dates: list[dt.date] = Field(default_factory=list)
    assessment_date: dt.date | None = None
    published: dt.date | None = None
    kind: str | None = None  # e.g. "routine inspection", "data review", "assessment"
    overall_rating: str | None = None
    ratings: dict[KeyQuestion, str] = Field(default_factory=dict)
    service_ratings: dict[str, dict[str, str]] = Field(default_factory=dict)
    scores: dict[KeyQuestion, QuestionScore] = Field(default_factory=dict)
    actions: list[ParsedAction] = Field(default_factory=list)
    # Which report layout read it (a wrong guess is visible), and the self-check's warnings: where the
    # report's own words promise actions that were not found.
    layout: str | None = None
    checks: list[str] = Field(default_factory=list)

    @property
    def key_date(self) -> dt.date | None:
        """The date that identifies this inspection: last visit, else assessment, else publication."""
        if self.inspection_dates:
            return max(self.inspection_dates)
        return self.assessment_date or self.published


class ParsedLocation(_Frozen):
    name: str | None = None
    provider: str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    archived: bool = False


class ParsedReport(_Frozen):
    source: str
    format: ReportFormat
    location: ParsedLocation
    inspections: list[ParsedInspection] = Field(default_factory=list)  # newest first

    def to_json_dict(self) -> dict[str, Any]:
        """The published interchange shape (ISO dates, enum values)."""
        return self.model_dump(mode="json")

    @property
    def action_count(self) -> int:
        return sum(len(i.actions) for i in self.inspections)
