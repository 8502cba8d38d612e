"""The same limits on every engine: PostgreSQL refuses a value longer than its column, SQLite would keep it.

Checked before each flush, so both engines refuse it alike, in one sentence naming the field, and the
transaction writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Column, String, event, inspect
from sqlalchemy.orm import Mapper, Session

from core.domain.errors import RuleViolation


def check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    for record in (*session.new, *session.dirty):
        mapper = inspect(record).mapper
        for key, column, limit in _limited(mapper):
            _refuse_longer(column, limit, getattr(record, key, None))


def refuse_long_values(model: type, rows: Iterable[Mapping[str, Any]]) -> None:
    """The same check for rows inserted in bulk (attribute name -> value), which are never flushed."""
    limited = _limited(inspect(model))
    for row in rows:
        for key, column, limit in limited:
            _refuse_longer(column, limit, row.get(key))


@cache
def _limited(mapper: Mapper[Any]) -> tuple[tuple[str, Column[Any], int], ...]:
    """(attribute, column, length) of each of a mapped class's columns that has a length."""
    return tuple(
        (mapper.get_property_by_column(column).key, column, column.type.length)
        for column in mapper.columns
        if isinstance(column.type, String) and column.type.length is not None
    )


def _refuse_longer(column: Column[Any], limit: int, value: Any) -> None:
    if isinstance(value, str) and len(value) > limit:
        what = f"{column.table.name.replace('_', ' ')} {column.name.replace('_', ' ')}"
        raise RuleViolation(
            f"The {what} is too long: {len(value)} characters, at most {limit}; it begins '{value[:40]}'."
        )


def install() -> None:
    if not event.contains(Session, "before_flush", check_lengths):
        event.listen(Session, "before_flush", check_lengths)
