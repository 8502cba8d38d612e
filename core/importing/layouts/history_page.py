"""The cqc.org.uk "All inspections" history page: reverse-chronological entries, each a date line, a
"During a/an …" line and the first paragraphs of that report's summary."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.domain.vocabulary import canonical_rating
from core.importing.dates import visit_dates
from core.importing.history import HISTORY_HEADING_RE, history_entries
from core.importing.layouts.base import Document
from core.importing.layouts.web_page import is_web_page
from core.importing.location import web_location
from core.importing.report_parts import finish, finished_actions, page_drafts, report_year

_RATED_OVERALL_RE = re.compile(
    r"\bWe\s+rated\s+(?:it|this\s+\w+|the\s+\w+|[\w\s]{0,40}?)\s+as\s+(outstanding|good|requires\s+improvement|inadequate)"
    r"(?:\s+overall|\s+because)",
    re.IGNORECASE,
)


class HistoryPage:
    name = "cqc.org.uk all inspections page"

    def matches(self, document: Document) -> float:
        if not is_web_page(document) or not any(
            HISTORY_HEADING_RE.match(u.flat) for u in document.units[:40]
        ):
            return 0.0
        return 1.0 if history_entries(document.units) else 0.0

    def location(self, document: Document) -> ParsedLocation:
        return web_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        inspections = []
        for entry in history_entries(document.units):
            dates = visit_dates(entry.date_text)
            body = " ".join(u.flat for u in entry.units)
            rated = _RATED_OVERALL_RE.search(body)
            drafts = page_drafts(entry.units, report_year(dates, None), sections=False)
            inspection = ParsedInspection(
                inspection_dates=dates if entry.visited else [],
                assessment_date=None if entry.visited else (dates[-1] if dates else None),
                kind=entry.kind,
                overall_rating=canonical_rating(" ".join(rated.group(1).split())) if rated else None,
                actions=finished_actions(drafts, entry.units),
            )
            inspections.append(finish(inspection, entry.units, self.name, summary_page=True))
        return inspections
