"""The "All inspections" page: reverse-chronological entries, each a date line then "During a/an …"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.importing.blocks import Unit
from core.importing.dates import DATE_ONLY_RE

_DURING_RE = re.compile(r"^(?:During|Following)\s+(?:an?\s+|the\s+|our\s+)?(.+?)\.?$", re.IGNORECASE)
HISTORY_HEADING_RE = re.compile(
    r"^(?:All\s+inspections|Reports|Inspection\s+history|Our\s+reports)$", re.IGNORECASE
)
# A data review is CQC looking at the data it holds, not a visit: its date is kept as the
# assessment date and inspection_dates stays empty, so key_date still identifies the entry.
_NO_VISIT_RE = re.compile(
    r"review\s+of\s+(?:our|the)\s+data|data\s+review|review\s+of\s+(?:the\s+)?information", re.IGNORECASE
)


@dataclass
class HistoryEntry:
    date_text: str
    kind: str | None
    units: list[Unit]

    @property
    def visited(self) -> bool:
        return not (self.kind and _NO_VISIT_RE.search(self.kind))


def history_entries(units: list[Unit]) -> list[HistoryEntry]:
    start = next((i for i, u in enumerate(units[:40]) if HISTORY_HEADING_RE.match(u.flat)), None)
    if start is None:
        return []
    starts = [i for i in range(start + 1, len(units)) if _is_entry_start(units, i)]
    entries = []
    for position, begin in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(units)
        during = _DURING_RE.match(units[begin + 1].flat) if begin + 1 < end else None
        kind = " ".join(during.group(1).split()).lower() if during else None
        body_start = begin + 2 if during else begin + 1
        entries.append(HistoryEntry(units[begin].flat, kind, units[body_start:end]))
    return entries


def _is_entry_start(units: list[Unit], index: int) -> bool:
    unit = units[index]
    if unit.bullet or unit.row or not DATE_ONLY_RE.match(unit.flat):
        return False
    following = units[index + 1].flat if index + 1 < len(units) else ""
    return bool(_DURING_RE.match(following)) or unit.flat.lower().startswith("inspection carried out")
