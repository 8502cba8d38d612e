"""The provider's own plan under an action: its steps, as the GUI, the CLI and the PDFs see them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from core.domain.vocabulary import StepStatus


class Step(BaseModel):
    """One thing the provider will do to put an action right."""

    model_config = ConfigDict(frozen=True)

    id: int
    action_id: int
    number: int  # 1-based position under the action
    text: str  # what we will do
    owner_id: int | None
    owner_name: str | None
    due: dt.date | None
    monitoring: str | None  # how progress will be monitored
    success_measure: str | None  # how we will know it is put right
    status: StepStatus
    evidence: str | None
    done_at: dt.datetime | None
    done_by: str | None
    updated_at: dt.datetime
    updated_by: str

    @property
    def is_done(self) -> bool:
        return self.status is StepStatus.DONE


class StepChanges(BaseModel):
    """Field edits to one step. Only the fields explicitly given are applied."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str | None = None
    owner_id: int | None = None
    due: dt.date | None = None
    monitoring: str | None = None
    success_measure: str | None = None
    status: StepStatus | None = None
    evidence: str | None = None

    @property
    def edited(self) -> set[str]:
        return set(self.model_fields_set)


def steps_progress(step_count: int, steps_done: int) -> str:
    """e.g. '2 of 5 steps done', '' when the action has no steps."""
    if not step_count:
        return ""
    return f"{steps_done} of {step_count} step{'s' if step_count != 1 else ''} done"
