"""A deletion made on purpose, as the GUI and the CLI see it."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class Deletion(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    entity: str  # "action" | "report"
    entity_id: int
    label: str  # the action's reference or the report's file name
    reason: str
    work_recorded: str | None  # what had been done, when deleted despite it
    deleted_by: str
    deleted_at: dt.datetime
