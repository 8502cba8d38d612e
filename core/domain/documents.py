"""What the user asks for when printing: the options of each printed document."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from core.domain.actions import ActionFilter


class _Options(BaseModel):
    model_config = ConfigDict(frozen=True)


class ActionPlanOptions(_Options):
    """An action plan for the locations and actions the filter selects (no locations: the whole provider)."""

    filter: ActionFilter = ActionFilter()
    title: str | None = None  # default: "Action plan" and the location names


class MeetingPackOptions(_Options):
    """A governance meeting pack for the meeting on `meeting`, covering what changed since `since`."""

    meeting: dt.date
    since: dt.date | None = None  # default: 28 days before the meeting
    next_meeting: dt.date | None = None  # default: 28 days after the meeting
    location_ids: frozenset[int] = frozenset()  # empty = every location


class CqcPlanOptions(_Options):
    """The provider's action plan for CQC after requirement or warning notices at one location."""

    location_id: int
    inspection_id: int | None = None  # default: the latest inspection with MUST-type actions


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
