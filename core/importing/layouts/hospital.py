"""2014–2023 hospital, independent health and primary medical services reports ("Are services safe?"):
ratings, core-service grids, GP population groups, "Action the hospital/provider/practice MUST / SHOULD take
to improve" lists (grouped by core service), "The areas where the provider must make improvements are:"."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.layouts.base import Document
from core.importing.location import cover_location
from core.importing.report_parts import document_inspection

_QUESTION_RE = re.compile(
    r"\bAre\s+(?:services|[\w ,’'()&-]{1,60}?services?|[\w ,’'()&-]{1,60}?)\s+safe\s*\?", re.IGNORECASE
)
_MARKERS_RE = re.compile(
    r"Quality\s+Report|Action\s+the\s+(?:hospital|provider|location|practice|service)\s+MUST"
    r"|The\s+areas?\s+where\s+the\s+provider\s+must|Population\s+group",
    re.IGNORECASE,
)


class HospitalAndIndependentHealth:
    name = "2014-2023 hospital and independent health"

    def matches(self, document: Document) -> float:
        question = bool(_QUESTION_RE.search(document.text))
        markers = bool(_MARKERS_RE.search(document.text))
        return 0.8 if question and markers else 0.65 if question or markers else 0.0

    def location(self, document: Document) -> ParsedLocation:
        return cover_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        return [document_inspection(document.units, self.name, services=True, populations=True)]
