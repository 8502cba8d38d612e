"""Ratings: the cover table, web-page rating blocks, core-service grids and GP population groups."""

from __future__ import annotations

import re

from core.domain.vocabulary import RATINGS, KeyQuestion, canonical_rating
from core.importing.blocks import Unit

RATING_PATTERN = "|".join(
    sorted((re.escape(r).replace(r"\ ", r"\s+") for r in RATINGS), key=len, reverse=True)
)
RATING_RE = re.compile(rf"\b(?:{RATING_PATTERN})\b", re.IGNORECASE)
_RATING_ONLY_RE = re.compile(rf"^\s*({RATING_PATTERN})\s*$", re.IGNORECASE)

_QUESTION = (
    r"(?:Is\s+the\s+service|Are\s+services(?:\s+at\s+this\s+(?:trust|hospital|location|service|practice|provider))?"
    r"|Is\s+it|Are\s+the\s+services)"
)
_KQ_WORD = r"(safe|effective|caring|responsive(?:\s+to\s+people['’]s\s+needs)?|well[\s-]*led)"
KQ_QUESTION_RE = re.compile(rf"^{_QUESTION}\s+{_KQ_WORD}\s*\??$", re.IGNORECASE)
_KQ_RATING_RE = re.compile(
    rf"^{_QUESTION}\s+{_KQ_WORD}\s*\??\s*[–—-]?\s*({RATING_PATTERN})\s*$", re.IGNORECASE
)
_OVERALL_RE = re.compile(
    rf"^Overall\s+rating\s+for\s+this\s+(?:service|location|hospital|trust|practice|provider|core\s+service)\s*[–—-]?\s*"
    rf"({RATING_PATTERN})?\s*$",
    re.IGNORECASE,
)
_KQ_LABELS = {
    "safe": KeyQuestion.SAFE,
    "effective": KeyQuestion.EFFECTIVE,
    "caring": KeyQuestion.CARING,
    "responsive": KeyQuestion.RESPONSIVE,
    "well-led": KeyQuestion.WELL_LED,
    "wellled": KeyQuestion.WELL_LED,
    "well led": KeyQuestion.WELL_LED,
}
_GRID_HEADER_RE = re.compile(
    r"^(?:Service\s+|Rating\s+)?Safe\s+Effective\s+Caring\s+Responsive\s+Well[\s-]*led(\s+Overall)?$",
    re.IGNORECASE,
)
_POPULATION_RE = re.compile(
    r"^(Older people|People with long[\s-]term conditions|Families, children and young people"
    r"|Working age people\b.*?|People whose circumstances.*?|People experiencing poor mental health.*?)"
    rf"\s*[–—-]?\s*({RATING_PATTERN})?\s*$",
    re.IGNORECASE,
)


def key_question(word: str) -> KeyQuestion | None:
    """'Safe', 'well led', 'Responsive to people's needs' → the key question."""
    folded = " ".join(word.lower().replace("-", " ").split())
    folded = folded.split(" to ")[0]
    return _KQ_LABELS.get(folded)


def rating_of(text: str) -> str | None:
    """The rating when the whole text is one, spelled as CQC spells it."""
    match = _RATING_ONLY_RE.match(text)
    return canonical_rating(match.group(1)) if match else None


def cover_ratings(units: list[Unit]) -> tuple[str | None, dict[KeyQuestion, str]]:
    """The first "Overall rating for this …" and "Is the service/Are services … ?" ratings in the document."""
    overall: str | None = None
    ratings: dict[KeyQuestion, str] = {}
    for index, unit in enumerate(units):
        flat = unit.flat
        following = units[index + 1].flat if index + 1 < len(units) else ""
        match = _OVERALL_RE.match(flat)
        if match and overall is None:
            overall = canonical_rating(match.group(1)) if match.group(1) else rating_of(following)
            continue
        match = _KQ_RATING_RE.match(flat)
        if match:
            question = key_question(match.group(1))
            if question and question not in ratings:
                ratings[question] = canonical_rating(match.group(2)) or ""
            continue
        match = KQ_QUESTION_RE.match(flat)
        if match and rating_of(following):
            question = key_question(match.group(1))
            if question and question not in ratings:
                ratings[question] = rating_of(following) or ""
    return overall, {k: v for k, v in ratings.items() if v}


def service_grid(units: list[Unit]) -> dict[str, dict[str, str]]:
    """Core-service rows of the "Our ratings for this location" grid (its Overall row is the location)."""
    for index, unit in enumerate(units):
        match = _GRID_HEADER_RE.match(unit.flat)
        if match:
            columns = ["safe", "effective", "caring", "responsive", "well-led"] + (
                ["overall"] if match.group(1) else []
            )
            stream = " ".join(u.flat for u in units[index + 1 : index + 200])
            rows = _grid_rows(stream, columns)
            if rows:
                return rows
    return {}


def _grid_rows(stream: str, columns: list[str]) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    position = 0
    while True:
        ratings: list[str] = []
        name = ""
        for match in RATING_RE.finditer(stream, position):
            between = stream[position : match.start()].strip()
            if not ratings:
                name = between
            elif between:
                break
            ratings.append(canonical_rating(match.group(0)) or "")
            position = match.end()
            if len(ratings) == len(columns):
                break
        if len(ratings) != len(columns) or not _plausible_service(name):
            return rows
        if name.lower() != "overall":
            rows[name] = dict(zip(columns, ratings, strict=True))


def _plausible_service(name: str) -> bool:
    return 2 <= len(name) <= 120 and not re.search(r"[.:;?]$", name) and name[:1].isupper()


def judgement_services(units: list[Unit]) -> dict[str, dict[str, str]]:
    """'Our judgements about each of the main services': service name then its rating (overall only)."""
    rows: dict[str, dict[str, str]] = {}
    for index, unit in enumerate(units):
        if not unit.flat.lower().startswith("our judgements about each of the main services"):
            continue
        for name_unit, rating_unit in zip(
            units[index + 1 : index + 80], units[index + 2 : index + 81], strict=False
        ):
            rating = rating_of(rating_unit.flat)
            if (
                rating
                and _plausible_service(name_unit.flat)
                and not rating_of(name_unit.flat)
                and not name_unit.row
                and "summary of" not in name_unit.flat.lower()
            ):
                rows[name_unit.flat] = {"overall": rating}
        break
    return rows


def population_groups(units: list[Unit]) -> dict[str, dict[str, str]]:
    """GP population group ratings, as {group: {"overall": rating}}."""
    groups: dict[str, dict[str, str]] = {}
    for index, unit in enumerate(units):
        match = _POPULATION_RE.match(unit.flat)
        if not match:
            continue
        rating = canonical_rating(match.group(2)) if match.group(2) else None
        if rating is None and index + 1 < len(units):
            rating = rating_of(units[index + 1].flat)
        name = match.group(1).strip()
        if rating and name not in groups:
            groups[name] = {"overall": rating}
    return groups
