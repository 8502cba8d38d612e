"""The cqc.org.uk location summary page: header (name, "Overall: …", address, "Provided and run by:"),
"Latest inspection summary", rating blocks each with "Updated <date>", and the summary's failings
("However, we found areas of practice that the service needed to improve:") as findings."""

from __future__ import annotations

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.layouts.base import Document
from core.importing.layouts.web_page import is_web_page
from core.importing.location import header_overall, web_location
from core.importing.report_parts import (
    finish,
    finished_actions,
    page_drafts,
    prose_visit_dates,
    report_year,
    web_ratings,
)


class LocationSummaryPage:
    name = "cqc.org.uk location summary page"

    def matches(self, document: Document) -> float:
        return 0.96 if is_web_page(document) else 0.0

    def location(self, document: Document) -> ParsedLocation:
        return web_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        units = document.units
        overall, published, ratings, services = web_ratings(units)
        visits = prose_visit_dates(units)
        drafts = page_drafts(units, report_year(visits, published), sections=True)
        inspection = ParsedInspection(
            inspection_dates=visits,
            published=published,
            overall_rating=overall or header_overall(units),
            ratings=ratings,
            service_ratings=services,
            actions=finished_actions(drafts, units),
        )
        return [finish(inspection, units, self.name, summary_page=True)]
