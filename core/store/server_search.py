"""Full-text search on a PostgreSQL server: the same words found as SQLite's FTS5 index finds
(core.store.search), with PostgreSQL's own text search and no extension.

Each action has one row in `action_search`: a tsvector of its text, reference, location name, owner,
regulation and progress notes, kept current by triggers, under a GIN index. The words are made as FTS5's
unicode61 tokenizer makes them (`remove_diacritics 2`): lower case, accents removed, split at anything that is
not a letter or digit. Fields are joined with a separator lexeme no query can contain, so a phrase never runs
from one field into the next (FTS5 phrases stay within a column). The triggers' functions run as the schema's
owner, so a note added by an action owner re-indexes the action although that login may not write the index.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from core.store.search import SEARCH_TABLE  # one name for the search index on either engine

_SEPARATOR = "'|:1'::tsvector"  # a lexeme between fields; queries hold only letters and digits

# Accents come off Latin letters only, as FTS5's `remove_diacritics` takes them off (a Greek tonos stays):
# decomposed, the marks after a Latin letter dropped, composed again.
_WORDS = r"""
CREATE FUNCTION candour_search_words(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(
                     normalize(regexp_replace(lower(normalize(coalesce(value, ''), NFD)),
                                              '([a-z])[\u0300-\u036f]+', '\1', 'g'), NFC),
                     '[^[:alnum:]]+', ' ', 'g') $$
"""
_FIELDS = (
    "a.text",
    "a.reference",
    "l.name",
    "p.name",
    "CASE WHEN a.reg_number IS NULL THEN '' "
    "ELSE concat('Reg ', a.reg_number, a.reg_paragraphs, ' ', a.reg_title) END",
    "(SELECT string_agg(n.text, ' ' ORDER BY n.id) FROM note n WHERE n.action_id = a.id)",
)
# A tsvector holds at most 1 MB: an action whose fields hold more distinct words than that (megabytes of
# pasted notes) is indexed on the first TRIM_TO characters of each field rather than refused.
TRIM_TO = 50_000


def _source(trim: bool = False) -> str:
    """SELECT action id, search document for each action (fields cut to TRIM_TO characters if `trim`)."""
    fields = (f"left({field}, {TRIM_TO})" if trim else field for field in _FIELDS)
    document = f" || {_SEPARATOR} || ".join(
        f"to_tsvector('simple', candour_search_words({field}))" for field in fields
    )
    return (
        f"SELECT a.id, {document} FROM action a JOIN location l ON l.id = a.location_id "
        "LEFT JOIN person p ON p.id = a.owner_id"
    )


_UPSERT = (
    f"INSERT INTO {SEARCH_TABLE} (action_id, document) {{source}} WHERE a.id = ANY(targets) "
    "ON CONFLICT (action_id) DO UPDATE SET document = excluded.document;"
)
_REFRESH = f"""
CREATE FUNCTION candour_search_refresh(targets integer[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    AS $$ BEGIN {_UPSERT.format(source=_source())}
          EXCEPTION WHEN program_limit_exceeded THEN {_UPSERT.format(source=_source(trim=True))}
          END $$
"""
# (trigger, table, event, the ids of the actions to re-index): deleting an action deletes its row (cascade).
_TRIGGERS = [
    (
        "action_search_action",
        "action",
        "INSERT OR UPDATE OF text, reference, location_id, owner_id, reg_number, reg_paragraphs, reg_title",
        "ARRAY[NEW.id]",
    ),
    (
        "action_search_location",
        "location",
        "UPDATE OF name",
        "ARRAY(SELECT id FROM action WHERE location_id = NEW.id)",
    ),
    (
        "action_search_person",
        "person",
        "UPDATE OF name",
        "ARRAY(SELECT id FROM action WHERE owner_id = NEW.id)",
    ),
    ("action_search_note", "note", "INSERT OR UPDATE OF text, action_id", "ARRAY[NEW.action_id]"),
    ("action_search_note_gone", "note", "DELETE OR UPDATE OF action_id", "ARRAY[OLD.action_id]"),
]


def _trigger_function(name: str, targets: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path = public AS $$ BEGIN PERFORM candour_search_refresh({targets}); RETURN NULL; END $$"
    )


def _functions() -> dict[str, str]:
    """function name -> the CREATE statement Candour issues for it."""
    found = {"candour_search_words": _WORDS, "candour_search_refresh": _REFRESH}
    found.update({name: _trigger_function(name, targets) for name, _table, _event, targets in _TRIGGERS})
    return found


def _body(statement: str) -> str:
    """The part of a CREATE FUNCTION between its $$ quotes, as PostgreSQL keeps it (pg_proc.prosrc)."""
    return " ".join(statement.split("$$")[1].split())


def definition_digest() -> str:
    """A short digest of the index's functions and triggers as this Candour makes them."""
    text = "\n".join([*_functions().values(), *(" ".join(t) for t in _TRIGGERS)])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def create_server_search(execute: Any) -> None:
    """The index table, its functions and triggers, filled from the existing actions. `execute` runs SQL as
    written (the driver's own execute: ':1' in the separator is not a bound parameter)."""
    execute(
        f"CREATE TABLE {SEARCH_TABLE} (action_id integer PRIMARY KEY "
        "REFERENCES action (id) ON DELETE CASCADE, document tsvector NOT NULL)"
    )
    for statement in _functions().values():
        execute(statement)
    _create_triggers(execute)
    rebuild_server_search(execute)
    execute(f"CREATE INDEX ix_{SEARCH_TABLE}_document ON {SEARCH_TABLE} USING gin (document)")
    execute("REVOKE EXECUTE ON FUNCTION candour_search_refresh(integer[]) FROM PUBLIC")  # the triggers' own
    # Readers of a team database search too (team init grants on every table; this covers an upgrade).
    execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'candour_viewer') THEN "
        f"GRANT SELECT ON {SEARCH_TABLE} TO candour_lead, candour_owner, candour_viewer; END IF; END $$"
    )


def drop_server_search(execute: Any) -> None:
    _drop_triggers(execute)
    execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    for name in reversed(list(_functions())):
        execute(f"DROP FUNCTION IF EXISTS {name}")


def rebuild_server_search(execute: Any) -> None:
    """Index every action in one statement (after a bulk load with the triggers off)."""
    execute(f"TRUNCATE {SEARCH_TABLE}")
    execute("SELECT candour_search_refresh(ARRAY(SELECT id FROM action))")


def _create_triggers(execute: Any) -> None:
    for name, table, event, _targets in _TRIGGERS:
        execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")


def _drop_triggers(execute: Any) -> None:
    for name, table, _event, _targets in _TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")


# What the foreign-object check reads: each trigger with its table and function, and each function's body
# (as text: the union would otherwise cut every column to the 63 bytes of a name).
OWN_OBJECTS_QUERY = """
SELECT 'trigger', t.tgname::text, c.relname::text, p.proname::text FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
  WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
UNION ALL
SELECT 'function', p.proname::text, NULL, p.prosrc FROM pg_proc p
  WHERE p.pronamespace = current_schema()::regnamespace AND starts_with(p.proname, 'candour_search_')
"""


def foreign_server_objects(rows: list[tuple[str, str, str | None, str]]) -> list[tuple[str, str]]:
    """(kind, name) of the triggers and search functions in OWN_OBJECTS_QUERY's rows that are not the search
    index's exactly as Candour made it (a look-alike under one of these names could rewrite the history)."""
    expected_triggers = {name: table for name, table, _event, _targets in _TRIGGERS}
    bodies = {name: _body(statement) for name, statement in _functions().items()}
    foreign = []
    for kind, name, table, detail in rows:
        if kind == "trigger":
            if expected_triggers.get(name) != table or detail != name:
                foreign.append(("trigger", name))
        elif bodies.get(name) != " ".join(detail.split()):
            foreign.append(("function", name))
    return foreign


def tsquery(text: str) -> str | None:
    """The user's words as a tsquery with FTS5's meaning (core.store.search.match_query): each word a phrase
    of its tokens, the last a prefix, all required. 'Zoë KEN-2026' -> "'zoe':* & 'ken' <-> '2026':*"."""
    phrases = []
    for word in text.split():
        tokens = [_plain(token) for token in re.findall(r"[^\W_]+", word)]
        tokens = [token for token in tokens if token]
        if tokens:
            phrases.append(" <-> ".join(f"'{token}'" for token in tokens) + ":*")
    return " & ".join(f"({phrase})" for phrase in phrases) or None


def _plain(token: str) -> str:
    """Lower case without the accents of Latin letters, as candour_search_words makes the indexed words."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub(r"\1", decomposed))


_LATIN_MARKS = re.compile("([a-z])[\u0300-\u036f]+")
