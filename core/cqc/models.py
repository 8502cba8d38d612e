"""The CQC API's records, read leniently: unknown fields are kept (extra="allow"), odd dates become None.

Field names follow the API (camelCase aliases); only the fields Candour uses are declared.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def cqc_id(value: str) -> str:
    """Provider and location ids are upper case at CQC ("rgn90" is "RGN90"); spaces are dropped."""
    return "".join(str(value).split()).upper()


def report_key(link_id: str) -> str:
    """Reports are keyed on linkId alone (a reportUri may carry a "?timestamp" suffix); case never matters."""
    return str(link_id).strip().lower()


def _lenient_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _upper_id(value: Any) -> Any:
    return cqc_id(value) if isinstance(value, str) else value


def _upper_ids(value: Any) -> Any:
    return (
        [cqc_id(v) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else value
    )


LenientDate = Annotated[dt.date | None, BeforeValidator(_lenient_date)]
UpperId = Annotated[str, BeforeValidator(_upper_id)]


class CqcRecord(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class Rating(CqcRecord):
    name: str | None = None
    rating: str | None = None
    report_date: LenientDate = Field(None, alias="reportDate")
    report_link_id: str | None = Field(None, alias="reportLinkId")


class OverallRating(CqcRecord):
    rating: str | None = None
    report_date: LenientDate = Field(None, alias="reportDate")
    report_link_id: str | None = Field(None, alias="reportLinkId")
    key_question_ratings: list[Rating] = Field(default_factory=list, alias="keyQuestionRatings")


class CurrentRatings(CqcRecord):
    overall: OverallRating | None = None
    report_date: LenientDate = Field(None, alias="reportDate")


class ReportRef(CqcRecord):
    link_id: str = Field(alias="linkId")
    report_date: LenientDate = Field(None, alias="reportDate")
    report_uri: str | None = Field(None, alias="reportUri")
    first_visit_date: LenientDate = Field(None, alias="firstVisitDate")
    report_type: str | None = Field(None, alias="reportType")

    @property
    def key(self) -> str:
        return report_key(self.link_id)


class DatedEvent(CqcRecord):
    date: LenientDate = None
    publication_date: LenientDate = Field(None, alias="publicationDate")


class Location(CqcRecord):
    location_id: UpperId = Field(alias="locationId")
    provider_id: UpperId | None = Field(None, alias="providerId")
    name: str = ""
    registration_status: str | None = Field(None, alias="registrationStatus")
    address_line1: str | None = Field(None, alias="postalAddressLine1")
    address_line2: str | None = Field(None, alias="postalAddressLine2")
    town: str | None = Field(None, alias="postalAddressTownCity")
    county: str | None = Field(None, alias="postalAddressCounty")
    postcode: str | None = Field(None, alias="postalCode")
    phone: str | None = Field(None, alias="mainPhoneNumber")
    last_inspection: DatedEvent | None = Field(None, alias="lastInspection")
    last_report: DatedEvent | None = Field(None, alias="lastReport")
    current_ratings: CurrentRatings | None = Field(None, alias="currentRatings")
    reports: list[ReportRef] = Field(default_factory=list)
    unpublished_reports: list[dict[str, Any]] = Field(default_factory=list, alias="unpublishedReports")

    @property
    def address(self) -> str | None:
        parts = [p for p in (self.address_line1, self.address_line2, self.town, self.county) if p]
        return ", ".join(parts) or None


class Provider(CqcRecord):
    provider_id: UpperId = Field(alias="providerId")
    name: str = ""
    location_ids: Annotated[list[str], BeforeValidator(_upper_ids)] = Field(
        default_factory=list, alias="locationIds"
    )


class ReportDocument(BaseModel):
    """A downloaded report: the bytes and whether they are the PDF or the text version."""

    model_config = ConfigDict(frozen=True)

    link_id: str
    content: bytes
    suffix: str  # ".pdf" or ".txt"
