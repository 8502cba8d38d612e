"""Stable human references: a location code (SID) and action references (SID-2022-M01)."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import func, select, text
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
    words = [w for w in re.findall(r"[A-Za-z0-9]+", name) if w.casefold() not in _SKIP] or ["LOC"]
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
    prefix = f"{location.code}-{year}-{'M' if kind is ActionKind.MUST else 'S'}"
    lock_allocation(session)
    existing = session.scalar(select(func.count()).where(ActionRecord.reference.like(f"{prefix}%"))) or 0
    n = existing + 1
    while session.scalar(select(ActionRecord.id).where(ActionRecord.reference == f"{prefix}{n:02d}")):
        n += 1
    return f"{prefix}{n:02d}"


def text_key(text: str, regulation: str | None, service: str | None) -> str:
    """Identity of an action for de-duplication: wording, regulation and service, ignoring case and punctuation."""
    words = " ".join(re.findall(r"[a-z0-9]+", text.casefold()))
    return hashlib.sha256(f"{words}|{regulation or ''}|{(service or '').casefold()}".encode()).hexdigest()
