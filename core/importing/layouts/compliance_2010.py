"""2010–2014 "Review of compliance" and essential-standards "Inspection Report" documents: no ratings; each
standard "Met this standard" / "Action needed" / "Enforcement action taken"; actions under "Compliance
actions", "Improvement actions" and "Enforcement action we have taken"; citations of the 2010 regulations."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedInspection, ParsedLocation
from core.importing.blocks import Unit
from core.importing.layouts.base import Document
from core.importing.location import cover_location, split_address
from core.importing.report_parts import document_inspection

_STRONG_RE = re.compile(
    r"Review of compliance|We are the regulator:? Our job is to check|Our current overall judgement"
    r"|essential standards of quality and safety",
    re.IGNORECASE,
)
_WEAK_RE = re.compile(r"Met this standard|Action needed|Compliance actions|Our judgement", re.IGNORECASE)
_TITLE_RE = re.compile(r"^(?:Review of compliance|Inspection Report)$", re.IGNORECASE)
_STRAP_RE = re.compile(r"^We are the regulator", re.IGNORECASE)
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
        location = cover_location(document.units)
        return location if location.name else _compliance_location(document.units)

    def parse(self, document: Document) -> list[ParsedInspection]:
        return [document_inspection(document.units, self.name, ratings=False)]


def _compliance_location(units: list[Unit]) -> ParsedLocation:
    """ "Review of compliance" / provider / location, then "Location address:" and the lines after it; or an
    essential-standards "Inspection Report" whose location follows the "We are the regulator" strap-line."""
    title = next((i for i, u in enumerate(units[:20]) if _TITLE_RE.match(u.flat)), None)
    if title is None:
        return ParsedLocation()
    names: list[str] = []
    for unit in units[title + 1 : title + 6]:
        if unit.row or _STRAP_RE.match(unit.flat):
            if names:
                break
            continue
        names.append(unit.flat)
    provider, name = (names[0], names[1]) if len(names) > 1 else (None, names[0] if names else None)
    address: list[str] = []
    for index, unit in enumerate(units[title + 1 : title + 30], start=title + 1):
        if unit.row and unit.cells[0].lower().startswith(("location address", "address")):
            address = unit.cells[1:] + [u.flat for u in _until_row(units[index + 1 : index + 8])]
            break
    if not address and name in [u.flat for u in units[title + 1 : title + 6]]:
        after = next(i for i, u in enumerate(units) if u.flat == name) + 1
        address = [
            cell for unit in units[after : after + 2] for cell in (unit.cells if unit.row else [unit.flat])
        ]
    registered = next(
        (
            u.cells[1]
            for u in units[:120]
            if u.row and len(u.cells) > 1 and u.cells[0].lower().startswith("registered provider")
        ),
        None,
    )
    street, postcode, phone = split_address(address)
    return ParsedLocation(
        name=name, provider=provider or registered, address=street, postcode=postcode, phone=phone
    )


def _until_row(units: list[Unit]) -> list[Unit]:
    taken = []
    for unit in units:
        if unit.row:
            break
        taken.append(unit)
    return taken
