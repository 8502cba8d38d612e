"""The register's filter in words, for the status bar and the line above the table."""

from __future__ import annotations

from collections.abc import Mapping

from core.domain.actions import ActionFilter
from core.domain.vocabulary import ActionStatus
from desktop.widgets.date_button import format_date


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def describe_filter(flt: ActionFilter, locations: Mapping[int, str], people: Mapping[int, str]) -> str:
    """e.g. 'MUST actions at Sidcup, open or in progress, owned by Priya Shah, matching “insulin”'."""
    if flt.is_empty:
        return "All actions"
    kinds = "/".join(sorted(k.label for k in flt.kinds)) if flt.kinds else ""
    parts = [f"{kinds} actions" if kinds else "Actions"]
    if flt.location_ids:
        parts[0] += " at " + _either(sorted(locations.get(i, f"location {i}") for i in flt.location_ids))
    if flt.inspection_id is not None:
        parts.append("from one inspection")
    if flt.statuses:
        parts.append(_either([s.label.lower() for s in ActionStatus if s in flt.statuses]))
    if flt.origins:
        parts.append("from " + _either(sorted(o.label.lower() for o in flt.origins)))
    owners = sorted(people.get(i, f"person {i}") for i in flt.owner_ids) + (["no one"] if flt.unowned else [])
    if owners:
        parts.append("owned by " + _either(owners))
    if flt.key_questions:
        parts.append("key question " + _either(sorted(k.label for k in flt.key_questions)))
    if flt.overdue:
        parts.append("overdue")
    if flt.due_within_days is not None:
        parts.append(f"due within {flt.due_within_days} days")
    if flt.due_from or flt.due_to:
        parts.append(f"due {format_date(flt.due_from, '…')} to {format_date(flt.due_to, '…')}")
    if flt.text.strip():
        parts.append(f"matching “{flt.text.strip()}”")
    return ", ".join(parts)
