"""Regulation citations: "Regulation 12 (2)(b)", "Regulation 12 HSCA (RA) Regulations 2014 Safe care and
treatment", "breach of regulation 17 (Good governance) of the Health and Social Care Act 2008 (Regulated
Activities) Regulations 2014", "Regulation 18 CQC (Registration) Regulations 2009 Notification of other
incidents". The title is always derived from (statute, number), never taken from the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.domain.parsed import Regulation
from core.domain.regulations import regulation_title, statute_for_year
from core.domain.vocabulary import Statute

_CITATION_RE = re.compile(
    r"\b[Rr]egulation\s+(\d{1,2}[A-Za-z]?)\b((?:\s*\(\s*(?:\d{1,2}|[a-z]{1,2}|[ivx]{1,5})\s*\))*)"
)
# What may follow the number before the act is named: a bracketed title, "of the", commas.
_ACT_WINDOW = 160
_REGISTRATION_RE = re.compile(
    r"Registration\)?\s+Regulations\s+2009|\bRegistration\s+Regulations\b", re.IGNORECASE
)
_RA_2014_RE = re.compile(
    r"(?:HSCA|Health and Social Care Act)\s*(?:2008)?\s*\(?\s*(?:RA|Regulated Activities)\s*\)?"
    r"\s*Regulations\s*2014",
    re.IGNORECASE,
)
_RA_2010_RE = re.compile(
    r"(?:HSCA|Health and Social Care Act)\s*(?:2008)?\s*\(?\s*(?:RA|Regulated Activities)\s*\)?"
    r"\s*Regulations\s*2010",
    re.IGNORECASE,
)
_NEXT_CITATION_RE = re.compile(r"\b[Rr]egulation\s+\d")


@dataclass(frozen=True)
class Citation:
    number: str
    paragraphs: str | None
    statute: Statute | None
    start: int
    end: int


def find_citations(text: str) -> list[Citation]:
    """Every "Regulation N…" in the text with its paragraphs and, where named, its statute."""
    citations = []
    for match in _CITATION_RE.finditer(text):
        number = match.group(1).upper()
        if not _plausible_number(number):
            continue
        paragraphs = re.sub(r"\s+", "", match.group(2)) or None
        citations.append(
            Citation(number, paragraphs, _statute_after(text, match.end()), match.start(), match.end())
        )
    return citations


def _plausible_number(number: str) -> bool:
    digits = re.match(r"\d+", number)
    return (
        digits is not None and 1 <= int(digits.group(0)) <= 30 and (number.isdigit() or number.endswith("A"))
    )


def _statute_after(text: str, position: int) -> Statute | None:
    window = text[position : position + _ACT_WINDOW]
    following = _NEXT_CITATION_RE.search(window)
    if following:
        window = window[: following.start()]
    hits = [
        (m.start(), statute)
        for pattern, statute in (
            (_RA_2014_RE, Statute.RA_2014),
            (_RA_2010_RE, Statute.RA_2010),
            (_REGISTRATION_RE, Statute.REGISTRATION_2009),
        )
        for m in [pattern.search(window)]
        if m
    ]
    return min(hits)[1] if hits else None


def make_regulation(
    number: str, paragraphs: str | None, statute: Statute | None, year: int | None
) -> Regulation:
    """A Regulation with the statute from the citation (else from the report's year) and its canonical
    title."""
    statute = statute or statute_for_year(year)
    return Regulation(
        number=number, paragraphs=paragraphs, statute=statute, title=regulation_title(statute, number)
    )


def regulation_in(text: str, year: int | None, *, last: bool = True) -> Regulation | None:
    """The regulation an action cites (its trailing tag by default), or None."""
    citations = find_citations(text)
    if not citations:
        return None
    chosen = citations[-1] if last else citations[0]
    statute = chosen.statute or next(
        (c.statute for c in citations if c.statute and c.number == chosen.number), None
    )
    return make_regulation(chosen.number, chosen.paragraphs, statute, year)


def notice_regulation(table_text: str, body_text: str, year: int | None) -> Regulation | None:
    """A notice's regulation: number and statute from the table, paragraphs from the body's reference."""
    table = find_citations(table_text)
    body = find_citations(body_text)
    if not table and not body:
        return None
    head = table[0] if table else body[0]
    same = [c for c in body if c.number == head.number]
    paragraphs = head.paragraphs or next((c.paragraphs for c in reversed(same) if c.paragraphs), None)
    statute = head.statute or next((c.statute for c in same if c.statute), None)
    return make_regulation(head.number, paragraphs, statute, year)
