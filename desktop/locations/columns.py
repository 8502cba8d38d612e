"""Column definitions for the locations, inspections and location-actions tables."""

from __future__ import annotations

import datetime as dt

from core.domain.actions import ActionSummary
from core.domain.registry import InspectionSummary, LocationSummary
from core.domain.vocabulary import RATING_RANK, KeyQuestion
from desktop.locations.rating_chips import rating_chip_colour, rating_tip, short_rating
from desktop.locations.row_model import Column
from desktop.theme import kind_colour, rag_colour
from desktop.widgets.date_button import format_date

RATING_WIDTH = 90


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def _rank(rating: str | None) -> int:
    return RATING_RANK.get(rating or "", 0)


def _location_question(question: KeyQuestion) -> Column[LocationSummary]:
    return Column(
        question.label,
        lambda loc: short_rating(loc.ratings.get(question)),
        sort=lambda loc: _rank(loc.ratings.get(question)),
        tip=lambda loc: rating_tip(question.label, loc.ratings.get(question)),
        chip=lambda loc: rating_chip_colour(loc.ratings.get(question)),
    )


def location_columns() -> list[Column[LocationSummary]]:
    return [
        Column(
            "Location",
            lambda loc: loc.name + (" (archived)" if loc.archived else ""),
            tip=lambda loc: ", ".join(p for p in (loc.name, loc.provider, loc.postcode) if p),
        ),
        Column("Code", lambda loc: loc.code),
        Column(
            "Overall",
            lambda loc: short_rating(loc.overall_rating),
            sort=lambda loc: _rank(loc.overall_rating),
            tip=lambda loc: rating_tip("Overall", loc.overall_rating),
            chip=lambda loc: rating_chip_colour(loc.overall_rating),
        ),
        *(_location_question(q) for q in KeyQuestion),
        Column(
            "Last inspection",
            lambda loc: format_date(loc.last_inspection, "never"),
            sort=lambda loc: _iso(loc.last_inspection),
        ),
        Column("Open MUST", lambda loc: str(loc.open_must), sort=lambda loc: loc.open_must, numeric=True),
        Column(
            "Open SHOULD", lambda loc: str(loc.open_should), sort=lambda loc: loc.open_should, numeric=True
        ),
        Column("Overdue", lambda loc: str(loc.overdue), sort=lambda loc: loc.overdue, numeric=True),
    ]


LOCATION_WIDTHS = {0: 260, 1: 60, **dict.fromkeys(range(2, 8), RATING_WIDTH), 8: 110, 9: 84, 10: 96, 11: 70}
LOCATION_CHIPS = tuple(range(2, 8))


def _inspection_question(question: KeyQuestion) -> Column[InspectionSummary]:
    def text(i: InspectionSummary) -> str:
        score = i.scores.get(question)
        suffix = f" ({score.percent})" if score is not None and score.percent is not None else ""
        return short_rating(i.ratings.get(question)) + suffix

    return Column(
        question.label,
        text,
        sort=lambda i: _rank(i.ratings.get(question)),
        tip=lambda i: rating_tip(question.label, i.ratings.get(question), i.scores.get(question)),
        chip=lambda i: rating_chip_colour(i.ratings.get(question)),
    )


def _services_tip(i: InspectionSummary) -> str | None:
    if not i.service_ratings:
        return None
    lines = [
        f"{service}: " + ", ".join(f"{q} {r}" for q, r in ratings.items())
        for service, ratings in i.service_ratings.items()
    ]
    return "Service ratings:\n" + "\n".join(lines)


def inspection_columns() -> list[Column[InspectionSummary]]:
    return [
        Column("Date", lambda i: i.describe_dates(), sort=lambda i: _iso(i.key_date), tip=_services_tip),
        Column("Type", lambda i: i.kind or "Full inspection"),
        Column("Published", lambda i: format_date(i.published, ""), sort=lambda i: _iso(i.published)),
        Column(
            "Overall",
            lambda i: short_rating(i.overall_rating),
            sort=lambda i: _rank(i.overall_rating),
            tip=lambda i: _services_tip(i) or rating_tip("Overall", i.overall_rating),
            chip=lambda i: rating_chip_colour(i.overall_rating),
        ),
        *(_inspection_question(q) for q in KeyQuestion),
        Column("Actions", lambda i: str(i.action_count), sort=lambda i: i.action_count, numeric=True),
    ]


INSPECTION_WIDTHS = {0: 190, 1: 140, 2: 100, **dict.fromkeys(range(3, 9), RATING_WIDTH), 9: 64}
INSPECTION_CHIPS = tuple(range(3, 9))


def action_columns() -> list[Column[ActionSummary]]:
    return [
        Column("Reference", lambda a: a.reference),
        Column("Type", lambda a: a.kind.label, chip=lambda a: kind_colour(a.kind)),
        Column("Action", lambda a: a.text, tip=lambda a: a.text),
        Column("Owner", lambda a: a.owner_name or "Nobody"),
        Column("Due", lambda a: format_date(a.due, ""), sort=lambda a: _iso(a.due)),
        Column(
            "Status",
            lambda a: a.status.label + (" · overdue" if a.overdue else ""),
            sort=lambda a: a.status.value,
            tip=lambda a: a.rag_label,
            chip=lambda a: rag_colour(a.rag),
        ),
    ]


ACTION_WIDTHS = {0: 120, 1: 84, 2: 520, 3: 140, 4: 100}
ACTION_CHIPS = (1,)
ACTION_STATUS = 5  # drawn as a BRAG dot followed by the words
