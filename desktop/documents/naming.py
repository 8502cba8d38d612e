"""File names Candour suggests when saving ('Action plan - Harrowfield PET-CT Centre - 2026-03-02.pdf')."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
MAX_NAMED_LOCATIONS = 2


def safe_file_name(text: str) -> str:
    """Text usable as a file name on Windows, macOS and Linux."""
    return " ".join(_UNSAFE.sub(" ", text).split()).strip(" .") or "Candour"


def subject(location_names: Sequence[str]) -> str:
    """'Harrowfield PET-CT Centre', 'A and B', or 'All locations' / '5 locations' for many."""
    if not location_names:
        return "All locations"
    if len(location_names) <= MAX_NAMED_LOCATIONS:
        return " and ".join(location_names)
    return f"{len(location_names)} locations"


def suggested_name(document: str, location_names: Sequence[str], day: dt.date, suffix: str = ".pdf") -> str:
    return safe_file_name(f"{document} - {subject(location_names)} - {day.isoformat()}") + suffix
