"""NHS trust reports: "Are services at this trust safe?" / "Overall rating for this trust", the Chief
Inspector's letter ("Importantly, the trust must:"), core-service ratings and MUST/SHOULD lists per core
service, s29A warning notices."""

from __future__ import annotations

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.layouts.base import Document
from core.importing.location import cover_location
from core.importing.report_parts import document_inspection

_MARKERS = (
    "are services at this trust",
    "overall rating for this trust",
    "action the trust must",
    "the trust must:",
    "nhs trust",
    "nhs foundation trust",
)


class NhsTrust:
    name = "NHS trust"

    def matches(self, document: Document) -> float:
        found = [marker for marker in _MARKERS if marker in document.words]
        return 0.9 if len(found) >= 2 else 0.5 if found else 0.0

    def location(self, document: Document) -> ParsedLocation:
        return cover_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        return [document_inspection(document.units, self.name, services=True)]
