"""The self-check: what the report's own words say to expect, compared with what was extracted.

A silent miss is the one failure a user cannot see, so every mismatch becomes a sentence the import
preview shows before it can be confirmed, `candour parse --json` lists under `checks` and `candour import`
prints. Each check reads a bounded sentence, never an open-ended window.
"""

from __future__ import annotations

import re

from core.domain.parsed import ParsedAction
from core.domain.vocabulary import ActionKind, ActionOrigin
from core.importing.blocks import Unit
from core.importing.regulations import find_citations

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_COUNT = r"(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_BREACH_SENTENCE_RE = re.compile(r"\bbreach(?:es|ed)?\s+(?:of|in\s+relation\s+to)\b", re.IGNORECASE)
_BREACH_COUNT_RE = re.compile(
    rf"\b(?:identified|found)\s+{_COUNT}\s+(?:continued\s+)?breach(?:es)?\b", re.IGNORECASE
)
_NOTICE_COUNT_RE = re.compile(
    rf"\b(?:issued|served)\s+(?:the\s+provider\s+with\s+)?{_COUNT}\s+requirement\s+notices?\b", re.IGNORECASE
)
_REQUIREMENT_RE = re.compile(
    r"\brequirement\s+notices?\b|\bYou\s+can\s+see\s+what\s+action\s+we\s+(?:have\s+)?told", re.IGNORECASE
)
_WARNING_RE = re.compile(
    r"\b(?:served|issued)\s+(?:a\s+|two\s+|\d\s+)?(?:section\s+29A?\s+)?warning\s+notices?\b", re.IGNORECASE
)
_RECOMMEND_RE = re.compile(r"\bWe\s+(?:have\s+)?made\s+(?:a\s+|\w+\s+)?recommendations?\b", re.IGNORECASE)
# Every check below needs one of these words; case-sensitive alternatives let the engine scan for them fast.
_MENTIONS_RE = re.compile(r"[Bb]reach|[Nn]otice|[Rr]ecommend|told")
_MAX_SENTENCE = 600  # longer "sentences" are not prose (tables flattened, hostile input): skipped

_NOTICES = (ActionOrigin.REQUIREMENT_NOTICE, ActionOrigin.WARNING_NOTICE, ActionOrigin.ENFORCEMENT)


def self_check(units: list[Unit], actions: list[ParsedAction], *, summary_page: bool = False) -> list[str]:
    """Sentences naming each place where the report promises more actions than were found."""
    sentences = [
        s
        for unit in units
        if not unit.row and _MENTIONS_RE.search(unit.flat)
        for s in re.split(r"(?<=[.!?])\s+", unit.flat)
        if len(s) <= _MAX_SENTENCE
    ]
    must = [a for a in actions if a.kind is ActionKind.MUST]
    where = (
        "this page is a summary, so the full list is in the report document"
        if summary_page
        else "check the report's {place}"
    )
    checks: list[str] = []
    cited = _breached_regulations(sentences)
    found = {a.regulation.number for a in must if a.regulation}
    missing = sorted(cited - found, key=_number_order)
    if missing and (found or len(cited) > len(must)):
        checks.append(
            f"The report cites breaches of {_regulations(cited)} but {_count(len(must), 'MUST action')} "
            f"{'was' if len(must) <= 1 else 'were'} found{_for(found)}; "
            + where.format(place="requirement notices")
            + "."
        )
    stated = max(
        (_number(m.group(1)) for s in sentences for m in [_BREACH_COUNT_RE.search(s)] if m), default=0
    )
    if stated > len(must):
        checks.append(
            f"The report says it found {_count(stated, 'breach')} but only "
            f"{_count(len(must), 'MUST action')} {'was' if len(must) <= 1 else 'were'} found; "
            + where.format(place="requirement notices and enforcement actions")
            + "."
        )
    notices = [a for a in actions if a.origin is ActionOrigin.REQUIREMENT_NOTICE]
    issued = max(
        (_number(m.group(1)) for s in sentences for m in [_NOTICE_COUNT_RE.search(s)] if m), default=0
    )
    if issued > len(notices):
        checks.append(
            f"The report says {_count(issued, 'requirement notice')} {'was' if issued == 1 else 'were'} "
            f"issued but {_count(len(notices), 'requirement notice') if notices else 'none'} "
            f"{'was' if len(notices) <= 1 else 'were'} found; "
            + where.format(place="requirement notices")
            + "."
        )
    elif not must and any(_REQUIREMENT_RE.search(s) for s in sentences):
        checks.append(
            "The report mentions requirement notices or actions the provider was told to take, but no "
            "MUST action was found; " + where.format(place="requirement notices") + "."
        )
    if any(_WARNING_RE.search(s) for s in sentences) and not any(a.origin in _NOTICES[1:] for a in actions):
        checks.append(
            "The report says a warning notice was served, but no warning notice was found; "
            + where.format(place="enforcement actions")
            + "."
        )
    if any(_RECOMMEND_RE.search(s) for s in sentences) and not any(
        a.origin is ActionOrigin.RECOMMENDATION for a in actions
    ):
        checks.append(
            "The report says it made a recommendation, but no recommendation was found; "
            + where.format(place="key-question sections")
            + "."
        )
    return checks


def _breached_regulations(sentences: list[str]) -> set[str]:
    numbers: set[str] = set()
    for sentence in sentences:
        if _BREACH_SENTENCE_RE.search(sentence):
            numbers.update(c.number for c in find_citations(sentence))
    return numbers


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 0)


def _number_order(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group(0)) if digits else 0, number)


def _regulations(numbers: set[str]) -> str:
    ordered = sorted(numbers, key=_number_order)
    if len(ordered) == 1:
        return f"regulation {ordered[0]}"
    return "regulations " + ", ".join(ordered[:-1]) + " and " + ordered[-1]


def _for(found: set[str]) -> str:
    return f" (for {_regulations(found)})" if found else ""


def _count(n: int, noun: str) -> str:
    if n == 0:
        return f"no {noun}"
    plural = noun + ("es" if noun.endswith("ch") else "s")
    return f"{'one' if n == 1 else n} {noun if n == 1 else plural}"
