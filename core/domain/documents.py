"""What the user asks for when printing: the options of each printed document."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from core.domain.actions import ActionFilter
from core.domain.vocabulary import KeyQuestion

DEFAULT_SERIES = "Board"


class _Options(BaseModel):
    model_config = ConfigDict(frozen=True)


class ActionPlanOptions(_Options):
    """An action plan for the locations and actions the filter selects (no locations: the whole provider)."""

    filter: ActionFilter = ActionFilter()
    title: str | None = None  # default: "Action plan" and the location names


class Purpose(StrEnum):
    INFORMATION = "information"
    DISCUSSION = "discussion"
    DECISION = "decision"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Assurance(StrEnum):
    LIMITED = "limited"
    MODERATE = "moderate"
    REASONABLE = "reasonable"
    SUBSTANTIAL = "substantial"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class CoverSheet(_Options):
    """The board paper's cover sheet, as NHS boards expect it; remembered per meeting series."""

    meeting_name: str = ""  # e.g. "Quality and Safety Committee"
    agenda_item: str = ""
    author: str = ""
    lead_director: str = ""
    purpose: Purpose = Purpose.INFORMATION
    assurance: Assurance | None = None
    key_questions: tuple[KeyQuestion, ...] = ()
    strategic_risks: str = ""
    previously_considered: str = ""
    recommendation: str = ""


class MeetingPackOptions(_Options):
    """A board (meeting) pack for the meeting on `meeting`, covering what changed since `since`."""

    meeting: dt.date
    since: dt.date | None = None  # default: the last pack's meeting in the series, else 28 days before
    next_meeting: dt.date | None = None  # default: 28 days after the meeting
    location_ids: frozenset[int] = frozenset()  # empty = every location
    series: str = DEFAULT_SERIES  # the meeting series: its cover sheet and its last pack
    cover: CoverSheet | None = None  # default: the series' remembered cover sheet


class CqcPlanOptions(_Options):
    """The provider's action plan for CQC after requirement or warning notices at one location."""

    location_id: int
    inspection_id: int | None = None  # default: the latest inspection with MUST-type actions


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
