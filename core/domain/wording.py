"""Dates, due dates and filters in words, as printed documents and messages show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from core.domain.actions import ActionFilter, ActionSummary
from core.domain.vocabulary import ActionKind, ActionStatus, KeyQuestion


def format_date(value: dt.date | None, empty: str = "—") -> str:
    """e.g. '2 Mar 2026' (no leading zero, on every platform)."""
    return f"{value.day} {value:%b %Y}" if value else empty


def format_datetime(value: dt.datetime | None, empty: str = "—") -> str:
    """e.g. '2 Mar 2026 09:30'."""
    return f"{format_date(value)} {value:%H:%M}" if value else empty


def signed_days(days: int) -> str:
    """e.g. '+30 d', '−7 d' (a true minus sign)."""
    return f"+{days} d" if days >= 0 else f"−{-days} d"


def due_with_slippage(action: ActionSummary, empty: str = "No date") -> str:
    """e.g. '30 Apr 2026 (was 31 Mar 2026, +30 d)'; just the date when it never moved."""
    text = format_date(action.due, empty)
    slipped = action.slipped_days
    if slipped is not None:
        text += f" (was {format_date(action.original_due)}, {signed_days(slipped)})"
    return text


def either(words: Sequence[str], conjunction: str = "or") -> str:
    """'a', 'a or b', 'a, b or c' (or with 'and')."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def describe_filter(
    flt: ActionFilter,
    locations: Mapping[int, str],
    people: Mapping[int, str],
    inspections: Mapping[int, str] | None = None,
) -> str:
    """The filter in words, e.g. 'Open or in progress MUST actions at Harrowfield PET-CT Centre, due by
    31 Mar 2026'. Names come from the mappings (id -> name); 'All actions' when nothing is filtered."""
    if flt.is_empty:
        return "All actions"
    head = ""
    if flt.statuses:
        head = either([s.label.lower() for s in ActionStatus if s in flt.statuses]) + " "
    if flt.kinds:
        head += either([k.label for k in ActionKind if k in flt.kinds]) + " "
    head += "actions"
    if flt.location_ids:
        head += " at " + either(sorted(locations.get(i, f"location {i}") for i in flt.location_ids))
    parts = [head[0].upper() + head[1:]]
    if flt.inspection_id is not None:
        parts.append(
            "from the inspection of "
            + (inspections or {}).get(flt.inspection_id, f"inspection {flt.inspection_id}")
        )
    if flt.origins:
        parts.append("from " + either(sorted(o.label.lower() for o in flt.origins)))
    owners = sorted(people.get(i, f"person {i}") for i in flt.owner_ids) + (["no one"] if flt.unowned else [])
    if owners:
        parts.append("owned by " + either(owners))
    if flt.key_questions:
        parts.append("key question " + either([k.label for k in KeyQuestion if k in flt.key_questions]))
    if flt.overdue:
        parts.append("overdue")
    if flt.due_within_days is not None:
        parts.append(f"due within {flt.due_within_days} days")
    parts.extend(_due_range(flt.due_from, flt.due_to))
    if flt.text.strip():
        parts.append(f"matching “{flt.text.strip()}”")
    return ", ".join(parts)


def _due_range(start: dt.date | None, end: dt.date | None) -> list[str]:
    if start and end:
        return [f"due {format_date(start)} to {format_date(end)}"]
    if end:
        return [f"due by {format_date(end)}"]
    if start:
        return [f"due from {format_date(start)}"]
    return []
