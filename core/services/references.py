"""Stable human references: a location code (SID) and action references (SID-2022-M01)."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.domain.vocabulary import ActionKind
from core.store.orm import ActionRecord, LocationRecord

_SKIP = {"the", "a", "an", "of", "and", "at", "st", "dr"}


def location_code(session: Session, name: str) -> str:
    """Three letters from the name (Sidcup PET-CT Centre -> SID), made unique among locations."""
    words: list[str] = [w for w in re.findall(r"[A-Za-z0-9]+", name) if w.casefold() not in _SKIP] or ["LOC"]
    candidates = [words[0][:3].upper()]
    if len(words) > 1:
        candidates.append("".join(w[0] for w in words[:3]).upper())
    base = candidates[0]
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
    existing = session.scalar(select(func.count()).where(ActionRecord.reference.like(f"{prefix}%"))) or 0
    n = existing + 1
    while session.scalar(select(ActionRecord.id).where(ActionRecord.reference == f"{prefix}{n:02d}")):
        n += 1
    return f"{prefix}{n:02d}"


def text_key(text: str, regulation: str | None, service: str | None) -> str:
    """Identity of an action for de-duplication: wording, regulation and service, less case and
    punctuation."""
    words = " ".join(re.findall(r"[a-z0-9]+", text.casefold()))
    return hashlib.sha256(f"{words}|{regulation or ''}|{(service or '').casefold()}".encode()).hexdigest()
