"""The same limits on every engine: PostgreSQL refuses a value longer than its column, SQLite would keep it.

Checked before each flush, so both engines refuse it alike, in one sentence naming the field, and the
transaction writes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from core.domain.errors import RuleViolation


def check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    for record in (*session.new, *session.dirty):
        mapper = inspect(record).mapper
        for column in mapper.columns:
            limit = column.type.length if isinstance(column.type, String) else None
            if limit is None:
                continue
            value = getattr(record, mapper.get_property_by_column(column).key, None)
            if isinstance(value, str) and len(value) > limit:
                what = f"{column.table.name.replace('_', ' ')} {column.name.replace('_', ' ')}"
                raise RuleViolation(
                    f"The {what} is too long: {len(value)} characters, at most {limit}; "
                    f"it begins '{value[:40]}'."
                )


def install() -> None:
    if not event.contains(Session, "before_flush", check_lengths):
        event.listen(Session, "before_flush", check_lengths)
