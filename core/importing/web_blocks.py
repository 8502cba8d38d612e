"""Rating blocks of cqc.org.uk pages: a name, its rating, then "Updated <date>"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.importing.blocks import Unit
from core.importing.dates import parse_date
from core.importing.ratings import rating_of

_UPDATED_RE = re.compile(r"^Updated\s+(.+)$", re.IGNORECASE)
OVERALL_NAMES = ("overall inspection", "overview", "overall", "overall summary & rating", "overall summary")


@dataclass(frozen=True)
class RatingBlock:
    index: int
    name: str
    rating: str | None
    updated: dt.date | None

    @property
    def is_overall(self) -> bool:
        return self.name.lower() in OVERALL_NAMES


def rating_blocks(units: list[Unit]) -> list[RatingBlock]:
    """Every "<name> / <rating> / Updated <date>" (or "<name> / Updated <date>") group on the page."""
    blocks = []
    for index, unit in enumerate(units):
        match = _UPDATED_RE.match(unit.flat)
        if not match or index == 0:
            continue
        updated = parse_date(match.group(1))
        rating = rating_of(units[index - 1].flat)
        name_index = index - 2 if rating else index - 1
        if name_index < 0:
            continue
        name = units[name_index].flat
        if rating_of(name) or len(name) > 120:
            continue
        blocks.append(RatingBlock(name_index, name, rating, updated))
    return blocks
