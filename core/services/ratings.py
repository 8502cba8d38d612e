"""A location's latest ratings as the printed documents show them."""

from __future__ import annotations

from core.domain.registry import InspectionSummary, LocationSummary
from core.reports.models import RatingsRow


def ratings_row(location: LocationSummary, inspections: list[InspectionSummary]) -> RatingsRow:
    """The ratings of the newest rated inspection (inspections come newest first)."""
    rated = next((i for i in inspections if i.overall_rating), None)
    if rated is None:
        return RatingsRow(location=location.name, overall=None, ratings={}, rated_on="")
    return RatingsRow(
        location=location.name,
        overall=rated.overall_rating,
        ratings=dict(rated.ratings),
        rated_on=rated.describe_dates(),
    )
