"""The location block: a report cover (provider, name, address, Tel:) or a web page header."""

from __future__ import annotations

import re

from core.domain.parsed import ParsedLocation
from core.importing.blocks import Unit
from core.importing.dates import DATE_ONLY_RE

POSTCODE_RE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b")
_PHONE_RE = re.compile(r"(?:Tel(?:ephone)?\.?:?\s*)?(\(?\+?\d[\d\s()]{6,}\d)")
_TITLE_RE = re.compile(r"^(?:Inspection [Rr]eport|Quality [Rr]eport|Review of compliance|Location report)$")
_COVER_END_RE = re.compile(
    r"^(?:Ratings$|This report describes|Overall rating|We are the regulator|Overall summary"
    r"|Summary of findings"
    r"|We inspected|Why we|Our current overall)",
    re.IGNORECASE,
)
_SECTION_START_RE = re.compile(
    r"^(?:Is the service|Are services|Our findings|Action we have|Summary|Background)\b", re.IGNORECASE
)
# A cover's date box may be read before the end of the address beside it: its lines are skipped.
_COVER_DATES_RE = re.compile(
    r"^(?:Dates? of (?:inspection|publication|visit|assessment)s?\b.*|Inspected:.*)$", re.IGNORECASE
)
_WEB_RE = re.compile(r"^(?:https?://|www\.)\S+$|^Website:", re.IGNORECASE)
_OVERALL_LINE_RE = re.compile(r"^Overall:\s*(.*?)\s*(?:read more about inspection ratings)?$", re.IGNORECASE)
_ARCHIVED_RE = re.compile(r"^Archived:\s*", re.IGNORECASE)


def cover_location(units: list[Unit]) -> ParsedLocation:
    """Location from a report cover: provider and name above the title line, address below it."""
    title = next((i for i, u in enumerate(units[:40]) if _TITLE_RE.match(u.flat)), None)
    if title is None:
        return ParsedLocation()
    names = [u.flat for u in units[max(0, title - 2) : title] if not u.bullet and not u.row]
    name = names[-1] if names else None
    provider = names[-2] if len(names) > 1 else None
    cover: list[str] = []
    for unit in units[title + 1 : title + 15]:
        if _COVER_END_RE.match(unit.flat) or _not_address(unit.flat):
            break
        # The address and the date box may sit side by side, read as the cells of one line.
        for cell in unit.cells if unit.row else [unit.flat]:
            if not _COVER_DATES_RE.match(cell) and not DATE_ONLY_RE.match(cell):
                cover.append(cell)
    archived = bool(name and _ARCHIVED_RE.match(name))
    if name:
        name = _ARCHIVED_RE.sub("", name)
    address, postcode, phone = split_address(cover)
    return ParsedLocation(
        name=name, provider=provider, address=address, postcode=postcode, phone=phone, archived=archived
    )


def _not_address(text: str) -> bool:
    """Prose, a heading or a question: where a cover without the usual end markers stops being an address."""
    return len(text) > 120 or text.endswith((".", "?")) or bool(_SECTION_START_RE.match(text))


def split_address(pieces: list[str]) -> tuple[str | None, str | None, str | None]:
    """Address (without postcode, phone and website), postcode and phone from the cover's lines."""
    address: list[str] = []
    postcode: str | None = None
    phone: str | None = None
    for piece in pieces:
        piece = re.sub(r"\s*\b(?:https?://|www\.)\S+", "", piece).strip()
        if not piece or piece.lower().startswith("website"):
            continue
        if re.match(r"^(?:Tel|Telephone|Phone)\b", piece, re.IGNORECASE):
            phone = phone or _phone(piece)
            continue
        match = POSTCODE_RE.search(piece) if postcode is None else None
        if match:
            postcode = f"{match.group(1)} {match.group(2)}"
            before = piece[: match.start()].strip().rstrip(",").strip()
            after = piece[match.end() :].strip()
            if before:
                address.append(before)
            if after:
                phone = phone or _phone(after)
            continue
        if postcode is None:
            address.append(piece.rstrip(","))
    return (", ".join(address) or None), postcode, phone


def _phone(text: str) -> str | None:
    match = _PHONE_RE.search(text)
    return " ".join(match.group(1).split()) if match else None


def web_location(units: list[Unit]) -> ParsedLocation:
    """Location from a cqc.org.uk page header: breadcrumb, name, "Overall: …", address, "Provided and run
    by:"."""
    overall = next((i for i, u in enumerate(units[:30]) if _OVERALL_LINE_RE.match(u.flat)), None)
    provided = next(
        (i for i, u in enumerate(units[:40]) if u.flat.lower().startswith("provided and run by")), None
    )
    if overall is not None and overall > 0:
        name_index = overall - 1
    else:
        name_index = next((i for i, u in enumerate(units[:10]) if not u.bullet), 0)
    name = units[name_index].flat if units else None
    archived = bool(name and _ARCHIVED_RE.match(name))
    if name:
        name = _ARCHIVED_RE.sub("", name).strip() or None
    provider = None
    if provided is not None:
        inline = re.sub(r"^Provided and run by:?\s*", "", units[provided].flat, flags=re.IGNORECASE)
        provider = inline or (units[provided + 1].flat if provided + 1 < len(units) else None)
    start = (overall if overall is not None else name_index) + 1
    end = provided if provided is not None and provided > start else start + 2
    address, postcode, phone = split_address(
        [u.flat for u in units[start:end] if not _OVERALL_LINE_RE.match(u.flat)]
    )
    return ParsedLocation(
        name=name, provider=provider, address=address, postcode=postcode, phone=phone, archived=archived
    )


def header_overall(units: list[Unit]) -> str | None:
    """The "Overall: Good read more about inspection ratings" line of a web page."""
    from core.importing.ratings import rating_of

    for unit in units[:30]:
        match = _OVERALL_LINE_RE.match(unit.flat)
        if match:
            return rating_of(match.group(1))
    return None
