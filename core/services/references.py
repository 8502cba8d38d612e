"""Stable human references: a location code (SID) and action references (SID-2022-M01)."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core.domain.vocabulary import ActionKind
from core.store.orm import ActionRecord, LocationRecord

_SKIP = {"the", "a", "an", "of", "and", "at", "st", "dr"}
_ALLOCATION_LOCK = 0x43616E72  # PostgreSQL advisory lock id: one allocator of codes and references at a time


def lock_allocation(session: Session) -> None:
    """On a server, hold the allocation lock to the end of the transaction, so two clients importing at once
    never pick the same code or reference (SQLite's writers already queue on BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ALLOCATION_LOCK})


def location_code(session: Session, name: str) -> str:
    """Three letters from the name (Sidcup PET-CT Centre -> SID), made unique among locations."""
    words: list[str] = [w for w in re.findall(r"[A-Za-z0-9]+", name) if w.casefold() not in _SKIP] or ["LOC"]
    candidates = [words[0][:3].upper()]
    if len(words) > 1:
        candidates.append("".join(w[0] for w in words[:3]).upper())
    base = candidates[0]
    lock_allocation(session)
    taken = set(session.scalars(select(LocationRecord.code)))
    for candidate in candidates:
        if len(candidate) >= 2 and candidate not in taken:
            return candidate
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


def next_reference(session: Session, location: LocationRecord, year: int, kind: ActionKind) -> str:
    """The next free reference for this location, year and kind: one past the highest number in use.

    The highest number is looked up once per transaction (an index range scan of that prefix) and then
    counted on in the session, so importing N actions costs N steps, not N scans of the table.
    """
    prefix = f"{location.code}-{year}-{'M' if kind is ActionKind.MUST else 'S'}"
    issued: dict[str, int] = session.info.setdefault("candour_last_reference", {})
    if prefix not in issued:
        lock_allocation(session)  # held to commit, so the number counted on here stays ours
        issued[prefix] = _highest_number(session, prefix)
    issued[prefix] += 1
    return f"{prefix}{issued[prefix]:02d}"


def _highest_number(session: Session, prefix: str) -> int:
    in_range = (ActionRecord.reference >= prefix) & (ActionRecord.reference < prefix + "~")  # '~' sorts last
    numbers = (
        reference[len(prefix) :]
        for reference in session.scalars(select(ActionRecord.reference).where(in_range))
    )
    return max((int(n) for n in numbers if n.isdigit()), default=0)


def text_key(text: str, regulation: str | None, service: str | None) -> str:
    """Identity of an action for de-duplication: wording, regulation and service, less case and
    punctuation."""
    words = " ".join(re.findall(r"[a-z0-9]+", text.casefold()))
    return hashlib.sha256(f"{words}|{regulation or ''}|{(service or '').casefold()}".encode()).hexdigest()
