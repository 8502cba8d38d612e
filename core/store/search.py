"""Full-text search over the register (SQLite FTS5): an external-content index over a view of each action's
text, reference, location name, owner, regulation and progress notes, kept current by triggers.

PostgreSQL has no FTS5: there the register falls back to LIKE/ILIKE (see core.services.action_query).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SEARCH_TABLE = "action_search"
SOURCE_VIEW = "action_search_source"
_COLUMNS = "text, reference, location, owner, regulation, notes"
# FTS5 keeps its index in shadow tables named after the virtual table; none of them is an ORM table.
_SHADOW = re.compile(rf"^{SEARCH_TABLE}(_(data|idx|docsize|config|content))?$")

_SOURCE = f"""
CREATE VIEW {SOURCE_VIEW} AS
SELECT a.id AS id, a.location_id AS location_id, a.owner_id AS owner_id,
       a.text AS text, a.reference AS reference, l.name AS location, p.name AS owner,
       trim(coalesce('Reg ' || a.reg_number || coalesce(a.reg_paragraphs, ''), '') || ' '
            || coalesce(a.reg_title, '')) AS regulation,
       (SELECT group_concat(n.text, ' ') FROM note n WHERE n.action_id = a.id) AS notes
FROM action a JOIN location l ON l.id = a.location_id LEFT JOIN person p ON p.id = a.owner_id
"""
_TABLE = (
    f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5({_COLUMNS}, content='{SOURCE_VIEW}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
)


def _remove(where: str) -> str:
    """Take rows out of the index with the values they were indexed with (read before the change)."""
    return (
        f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, {_COLUMNS}) "
        f"SELECT 'delete', id, {_COLUMNS} FROM {SOURCE_VIEW} WHERE {where};"
    )


def _add(where: str) -> str:
    return (
        f"INSERT INTO {SEARCH_TABLE}(rowid, {_COLUMNS}) "
        f"SELECT id, {_COLUMNS} FROM {SOURCE_VIEW} WHERE {where};"
    )


_ACTION_FIELDS = "text, reference, location_id, owner_id, reg_number, reg_paragraphs, reg_title"
# (name, timing and event, body): every change to what the view shows re-indexes the actions it touches.
_TRIGGERS = [
    ("action_search_action_insert", "AFTER INSERT ON action", _add("id = new.id")),
    ("action_search_action_delete", "BEFORE DELETE ON action", _remove("id = old.id")),
    ("action_search_action_before", f"BEFORE UPDATE OF {_ACTION_FIELDS} ON action", _remove("id = old.id")),
    ("action_search_action_after", f"AFTER UPDATE OF {_ACTION_FIELDS} ON action", _add("id = new.id")),
    ("action_search_location_before", "BEFORE UPDATE OF name ON location", _remove("location_id = old.id")),
    ("action_search_location_after", "AFTER UPDATE OF name ON location", _add("location_id = new.id")),
    ("action_search_person_before", "BEFORE UPDATE OF name ON person", _remove("owner_id = old.id")),
    ("action_search_person_after", "AFTER UPDATE OF name ON person", _add("owner_id = new.id")),
    ("action_search_note_insert_before", "BEFORE INSERT ON note", _remove("id = new.action_id")),
    ("action_search_note_insert_after", "AFTER INSERT ON note", _add("id = new.action_id")),
    ("action_search_note_update_before", "BEFORE UPDATE OF text ON note", _remove("id = old.action_id")),
    ("action_search_note_update_after", "AFTER UPDATE OF text ON note", _add("id = new.action_id")),
    ("action_search_note_delete_before", "BEFORE DELETE ON note", _remove("id = old.action_id")),
    ("action_search_note_delete_after", "AFTER DELETE ON note", _add("id = old.action_id")),
]


def _statements() -> dict[str, str]:
    """name -> the CREATE statement Candour issues for it (SQLite keeps that text in sqlite_master)."""
    found = {SOURCE_VIEW: _SOURCE, SEARCH_TABLE: _TABLE}
    found.update({name: f"CREATE TRIGGER {name} {when} BEGIN {body} END" for name, when, body in _TRIGGERS})
    return found


def is_own_object(kind: str, name: str, sql: str | None) -> bool:
    """Whether a view, trigger or table is the search index's, exactly as Candour made it (a look-alike with
    other SQL, e.g. a trigger rewriting history under one of these names, is not)."""
    if kind == "table" and is_search_table(name) and name != SEARCH_TABLE:
        return True  # FTS5's shadow tables, made by SQLite itself
    expected = _statements().get(name)
    return expected is not None and " ".join((sql or "").split()) == " ".join(expected.split())


def is_search_table(name: str | None) -> bool:
    """True for the index's own tables (the ORM does not describe them; migrations made them)."""
    return bool(name and _SHADOW.match(name))


def create_search(execute: Any) -> None:
    """Create the view, the index (filled from the existing actions) and its triggers. `execute` runs SQL."""
    execute(_SOURCE)
    execute(_TABLE)
    execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES('rebuild')")
    _create_triggers(execute)


def drop_search(execute: Any) -> None:
    _drop_triggers(execute)
    execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    execute(f"DROP VIEW IF EXISTS {SOURCE_VIEW}")


def _create_triggers(execute: Any) -> None:
    for name, when, body in _TRIGGERS:
        execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def _drop_triggers(execute: Any) -> None:
    for name, _when, _body in _TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")


@contextmanager
def bulk_loading(execute: Any) -> Iterator[None]:
    """Load many rows without per-row indexing, then rebuild the index once (benchmark data, migrations)."""
    _drop_triggers(execute)
    try:
        yield
    finally:
        execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES('rebuild')")
        _create_triggers(execute)


def match_query(text: str) -> str | None:
    """The user's words as an FTS5 query: each word a prefix phrase of its tokens, all required.
    'Sidcup med' -> '"sidcup"* AND "med"*'; 'KEN-2026' -> '"KEN 2026"*' (the reference's tokens in order)."""
    phrases = []
    for word in text.split():
        tokens = re.findall(r"[^\W_]+", word)
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"*')
    return " AND ".join(phrases) or None


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's include_name hook: autogenerate leaves the search index's tables alone."""
    return not (type_ == "table" and is_search_table(name))
