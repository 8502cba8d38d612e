"""Single assessment framework pages: key-question scores "82 (out of 100)", quality statements "Score: N"."""

from __future__ import annotations

import re
from typing import Any

from core.domain.parsed import QuestionScore
from core.domain.vocabulary import KeyQuestion
from core.importing.blocks import Unit
from core.importing.ratings import key_question
from core.importing.web_blocks import rating_blocks

_REPORT_FROM_RE = re.compile(r"^Report\s+from\s+(.+?)\s+assessment$", re.IGNORECASE)
_PERCENT_RE = re.compile(r"\bscored\s+(\d{1,3})\s*\(\s*out\s+of\s+100\s*\)", re.IGNORECASE)
_SCORE_RE = re.compile(r"^(?:(.{3,120}?)\s+)?Score:?\s*([1-4])$", re.IGNORECASE)


def report_from(units: list[Unit]) -> str | None:
    """The date text of a "Report from <date> assessment" heading."""
    for unit in units[:60]:
        match = _REPORT_FROM_RE.match(unit.flat)
        if match:
            return match.group(1)
    return None


def saf_scores(units: list[Unit]) -> dict[KeyQuestion, QuestionScore]:
    """Percent and quality-statement scores under each key-question block."""
    starts = {b.index: key_question(b.name) for b in rating_blocks(units) if key_question(b.name)}
    scores: dict[KeyQuestion, dict[str, Any]] = {}
    current: KeyQuestion | None = None
    for index, unit in enumerate(units):
        if index in starts:
            current = starts[index]
            continue
        if current is None:
            continue
        percent = _PERCENT_RE.search(unit.flat)
        if percent and 0 <= int(percent.group(1)) <= 100:
            scores.setdefault(current, {"percent": None, "quality_statements": {}})["percent"] = int(
                percent.group(1)
            )
            continue
        match = _SCORE_RE.match(unit.flat)
        if match:
            name = match.group(1) or (units[index - 1].flat if index > 0 else "")
            if name and not name.endswith("."):
                scores.setdefault(current, {"percent": None, "quality_statements": {}})["quality_statements"][
                    name
                ] = int(match.group(2))
    return {question: QuestionScore(**value) for question, value in scores.items()}
