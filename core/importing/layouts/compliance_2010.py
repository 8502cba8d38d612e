"""2010–2014 "Review of compliance" and essential-standards "Inspection Report" documents: no ratings; each
standard "Met this standard" / "Action needed" / "Enforcement action taken"; actions under "Compliance
actions", "Improvement actions" and "Enforcement action we have taken"; citations of the 2010 regulations."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.layouts.base import Document
from core.importing.location import cover_location
from core.importing.report_parts import document_inspection

_STRONG_RE = re.compile(r"Review of compliance|We are the regulator:? Our job is to check|Our current overall judgement"
                        r"|essential standards of quality and safety", re.IGNORECASE)
_WEAK_RE = re.compile(r"Met this standard|Action needed|Compliance actions|Our judgement", re.IGNORECASE)
_RATINGS_RE = re.compile(r"Overall rating for this|Is the service safe|Are services safe", re.IGNORECASE)


class Compliance2010:
    name = "2010-2013 review of compliance / inspection report"

    def matches(self, document: Document) -> float:
        if _RATINGS_RE.search(document.head):
            return 0.0
        if _STRONG_RE.search(document.head):
            return 0.95
        return 0.6 if _WEAK_RE.search(document.text) else 0.0

    def location(self, document: Document) -> ParsedLocation:
        return cover_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        return [document_inspection(document.units, self.name, ratings=False)]
