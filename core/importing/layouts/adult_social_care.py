"""2014–2023 adult social care reports ("Is the service safe?"): cover ratings, one section per key question
("Our findings", inline "This was a breach of regulation …"), "We recommend …" recommendations, "Action we
have told the provider to take" requirement notices and "Enforcement actions" warning notices."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.layouts.base import Document
from core.importing.location import cover_location
from core.importing.report_parts import document_inspection

_QUESTIONS = tuple(
    f"is the service {word}" for word in ("safe", "effective", "caring", "responsive", "well-led", "well led")
)
_SERVICE_RE = re.compile(r"Overall\s+rating\s+for\s+this\s+service", re.IGNORECASE)


class AdultSocialCare:
    name = "2014-2023 adult social care"

    def matches(self, document: Document) -> float:
        if not any(question in document.words for question in _QUESTIONS):
            return 0.0
        return 0.85 if _SERVICE_RE.search(document.head) else 0.7

    def location(self, document: Document) -> ParsedLocation:
        return cover_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        return [document_inspection(document.units, self.name)]
