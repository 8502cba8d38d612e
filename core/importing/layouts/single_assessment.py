"""Single assessment framework (November 2023 onwards) reports and pages: "Report from <date> assessment",
"Date of assessment", key-question scores "scored 56 (out of 100)" and quality statements "Score: N"
(scores optional), breaches stated in prose, requirement notices and enforcement as regulatory action."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.actions import list_actions, recommendations
from core.importing.dates import parse_date
from core.importing.layouts.base import Document
from core.importing.layouts.web_page import is_web_page
from core.importing.location import cover_location, header_overall, web_location
from core.importing.notices import notice_actions
from core.importing.report_parts import finish, finished_actions, report_year, web_ratings
from core.importing.saf import report_from, saf_scores

_MARKERS_RE = re.compile(
    r"^(?:Date of assessment\b|Report from .+ assessment$|.*\(out of 100\)|.*\bScore:\s*[1-4]$"
    r"|Quality statements?\b)",
    re.IGNORECASE,
)


class SingleAssessmentFramework:
    name = "single assessment framework"

    def matches(self, document: Document) -> float:
        if report_from(document.units):
            return 0.97
        hits = sum(
            1 for unit in document.units[:400] if len(unit.flat) < 200 and _MARKERS_RE.match(unit.flat)
        )
        return 0.75 if hits >= 2 else 0.0

    def location(self, document: Document) -> ParsedLocation:
        return web_location(document.units) if is_web_page(document) else cover_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        units = document.units
        overall, published, ratings, services = web_ratings(units)
        assessed = parse_date((report_from(units) or "")[:160])
        year = report_year([], assessed or published)
        drafts = list_actions(units, year) + notice_actions(units, year) + recommendations(units)
        inspection = ParsedInspection(
            assessment_date=assessed,
            published=published,
            kind="assessment",
            overall_rating=overall or header_overall(units),
            ratings=ratings,
            service_ratings=services,
            scores=saf_scores(units),
            actions=finished_actions(drafts, units),
        )
        return [finish(inspection, units, self.name)]
