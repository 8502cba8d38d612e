"""Dental practice reports (not rated): each key question "No action", "Requirements notice" or
"Enforcement action"; "We identified regulations the provider was not complying with. They must: …" and
"… They should: …"; requirement notices at the end."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.layouts.base import Document
from core.importing.location import cover_location
from core.importing.report_parts import document_inspection

_DENTAL_RE = re.compile(r"\bdent(?:al|ist|istry)\b", re.IGNORECASE)
_VERDICT_RE = re.compile(
    r"\b(?:No\s+action|Requirements?\s+notice|Enforcement\s+action)\s*[✔✓✗✘]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


class Dental:
    name = "dental"

    def matches(self, document: Document) -> float:
        if not _DENTAL_RE.search(document.head):
            return 0.0
        return 0.95 if _VERDICT_RE.search(document.text[:200_000]) else 0.3

    def location(self, document: Document) -> ParsedLocation:
        return cover_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        return [document_inspection(document.units, self.name, ratings=False)]
