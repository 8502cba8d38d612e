"""Dates as CQC writes them: "15th and 28th January 2019", "30 November and 1 December 2022, 3 and 4 May
2023", "5, 6 and 7 July 2016", "Monday 4 March 2019", "10/06/2022"."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# At most 16 days in one list: a bounded repetition keeps every match attempt short, so a long run of
# numbers with no month after them ("1, 1, 1, …") costs linear time rather than quadratic.
MAX_DAYS = 16
_DAY_LIST = rf"{_DAY}(?:\s{{0,3}}(?:,|&|\band\b|-|–|to)\s{{0,3}}{_DAY}){{0,{MAX_DAYS - 1}}}"
_GROUP_RE = re.compile(rf"\b({_DAY_LIST})\s+({_MONTH})\b\.?(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_NUMERIC_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DAY_NUMBER_RE = re.compile(r"\d{1,2}")
DATE_ONLY_RE = re.compile(
    rf"^\s*(?:(?:Inspection carried out on|Date of (?:inspection visit|inspection|visit)s?:?)\s+)?"
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?"
    rf"{_DAY_LIST}\s+{_MONTH}(?:,?\s+\d{{4}})?(?:\s*(?:,|and|&)\s*{_DAY_LIST}\s+{_MONTH}(?:,?\s+\d{{4}})?)*\s*$",
    re.IGNORECASE,
)


def parse_dates(text: str) -> list[dt.date]:
    """Every date named in `text`, in order of appearance; a month without a year takes the next year."""
    found: list[tuple[int, dt.date]] = []
    pending: list[tuple[int, list[int], int]] = []
    for match in _GROUP_RE.finditer(text):
        days = [int(d) for d in _DAY_NUMBER_RE.findall(match.group(1))]
        month = MONTHS[match.group(2).lower().rstrip(".")]
        if match.group(3) is None:
            pending.append((match.start(), days, month))
            continue
        year = int(match.group(3))
        for start, pending_days, pending_month in pending:
            found.extend((start, d) for d in _make(pending_days, pending_month, year))
        pending = []
        found.extend((match.start(), d) for d in _make(days, month, year))
    for match in _NUMERIC_RE.finditer(text):
        found.extend(
            (match.start(), d) for d in _make([int(match.group(1))], int(match.group(2)), int(match.group(3)))
        )
    found.sort(key=lambda item: item[0])
    return [d for _, d in found]


def parse_date(text: str) -> dt.date | None:
    dates = parse_dates(text)
    return dates[0] if dates else None


def visit_dates(text: str) -> list[dt.date]:
    """Distinct dates, ascending (the order inspection_dates are kept in)."""
    return sorted(set(parse_dates(text)))


def _make(days: list[int], month: int, year: int) -> list[dt.date]:
    dates = []
    for day in days:
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates
