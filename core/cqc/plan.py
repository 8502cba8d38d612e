"""What a sync asks for, what it fetched (before anything is written) and what it did."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from core.cqc.models import Location, cqc_id


class SyncRequest(BaseModel):
    """A provider id, location ids, or both (the provider's locations plus these)."""

    model_config = ConfigDict(frozen=True)

    provider_id: str | None = None
    location_ids: tuple[str, ...] = ()

    @field_validator("provider_id")
    @classmethod
    def _provider(cls, value: str | None) -> str | None:
        return cqc_id(value) or None if value else None

    @field_validator("location_ids")
    @classmethod
    def _locations(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(cqc_id(v) for v in value if v and v.strip()))

    @model_validator(mode="after")
    def _something(self) -> SyncRequest:
        if not self.provider_id and not self.location_ids:
            raise ValueError("Give a CQC provider id or at least one location id to sync.")
        return self

    @property
    def scope(self) -> str:
        """The key the change-list position is kept under."""
        if self.provider_id:
            return f"provider:{self.provider_id}" + (
                "+" + ",".join(sorted(self.location_ids)) if self.location_ids else ""
            )
        return "locations:" + ",".join(sorted(self.location_ids))


class Download(BaseModel):
    """One report CQC lists that Candour does not have yet: downloaded to `path`, or `error` saying why
    not."""

    model_config = ConfigDict(frozen=True)

    link_id: str
    report_date: dt.date | None = None
    name: str
    path: Path | None = None
    error: str | None = None


class FetchedLocation(BaseModel):
    model_config = ConfigDict(frozen=True)

    cqc_id: str
    record: Location | None = None  # None: it could not be fetched (problem says why)
    downloads: list[Download] = []
    problem: str | None = None

    @property
    def name(self) -> str:
        return self.record.name if self.record and self.record.name else self.cqc_id


class SyncPlan(BaseModel):
    """Everything fetched from CQC; nothing is written to the database until it is applied."""

    model_config = ConfigDict(frozen=True)

    request: SyncRequest
    checked_at: dt.datetime  # UTC: the end of the change-list window read
    locations: list[FetchedLocation] = []
    unchanged: list[str] = []  # location ids left alone: complete, and not in CQC's change list
    stopped: str | None = None  # why the fetch stopped early (the network dropped, the key was refused...)
    cancelled: bool = False

    @property
    def downloads(self) -> list[Download]:
        return [d for loc in self.locations for d in loc.downloads]

    @property
    def files(self) -> list[Path]:
        return [d.path for d in self.downloads if d.path is not None]

    @property
    def finished(self) -> bool:
        return self.stopped is None and not self.cancelled


class SyncSummary(BaseModel):
    """What applying a plan did, in sentences."""

    model_config = ConfigDict(frozen=True)

    locations: list[str] = []  # one line per location checked
    imported: int = 0
    unchanged: int = 0
    refused: int = 0
    unchanged_locations: int = 0
    notes: list[str] = []  # rating changes, unpublished reports
    problems: list[str] = []  # one sentence per location or report that failed
    stopped: str | None = None
    cancelled: bool = False

    def headline(self) -> str:
        checked = len(self.locations)
        head = (
            f"{checked} {'location' if checked == 1 else 'locations'} checked with CQC: "
            f"{self.imported} new {'report' if self.imported == 1 else 'reports'} imported"
        )
        if self.unchanged:
            head += f", {self.unchanged} already in Candour"
        if self.refused:
            head += f", {self.refused} not imported"
        if self.unchanged_locations:
            head += f"; {self.unchanged_locations} unchanged since the last sync"
        return head + "."
