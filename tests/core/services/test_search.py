"""Free-text search: the action's text, reference, location, owner, regulation and notes, by word prefix.

The index (SQLite's FTS5, a server's tsvector under GIN) is tested on the engine of the run: SQLite here, and
PostgreSQL again in scripts/ci_postgres.sh. The look-alike trigger test opens an SQLite file of its own."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from core.domain.actions import ActionChanges, ActionFilter, SortKey
from core.domain.vocabulary import ActionKind
from core.services import action_query
from core.services.app import open_services
from core.services.context import ServiceContext
from core.store.db import Database
from core.store.search import match_query
from core.store.server_search import tsquery


def refs(services, text: str) -> set[str]:
    return {s.reference for s in services.actions.page(ActionFilter(text=text)).rows}


def test_a_location_name_finds_that_sites_actions(services, register):
    assert refs(services, "Sidcup") == {
        register["must"].summary.reference,
        register["should"].summary.reference,
    }
    assert refs(services, "kenton audit") == {register["late"].summary.reference}


def test_an_owners_name_finds_their_actions(services, register):
    assert refs(services, "Priya") == {
        register["must"].summary.reference,
        register["should"].summary.reference,
    }


@pytest.fixture
def sqlite_services(tmp_path, clock):
    """An SQLite file of the test's own, whatever engine the run uses."""
    built = open_services(
        ctx=ServiceContext(db=Database(tmp_path / "search.sqlite3"), actor="tester", clock=clock)
    )
    yield built
    built.close()


@pytest.fixture
def site(services):
    location = services.locations.add("Sidcup PET-CT Centre")
    owner = services.people.add("Zoë Brontë")
    first = services.edits.create(
        location.id,
        ActionKind.MUST,
        "Store medicines in the locked fridge.",
        owner_id=owner.id,
        due=dt.date(2026, 4, 1),
    )
    second = services.edits.create(
        location.id, ActionKind.SHOULD, "Review appraisals.", due=dt.date(2026, 5, 1)
    )
    return {"location": location, "owner": owner, "first": first, "second": second}


def test_prefixes_diacritics_and_notes_are_searched(services, site):
    first = site["first"].summary.reference
    assert refs(services, "medic") == {first}
    assert refs(services, "zoe bronte") == {first}  # diacritics removed on both sides
    assert refs(services, "thermometer") == set()
    services.edits.add_note(site["first"].id, "Thermometer bought and checked daily.")
    assert refs(services, "thermometer") == {first}  # a new note is indexed by the triggers


def test_the_index_follows_edits_and_renames(services, site):
    second = site["second"]
    services.edits.update(second.id, second.version, ActionChanges(text="Review supervision records."))
    assert refs(services, "appraisals") == set()
    assert refs(services, "supervision") == {second.summary.reference}
    with services.ctx.db.writing() as session:  # the triggers index a renamed location's actions again
        session.execute(text("UPDATE location SET name = 'Orpington Clinic'"))
    assert refs(services, "sidcup") == set()
    assert len(refs(services, "orpington")) == 2


def test_a_phrase_stays_within_one_field_and_renamed_owners_and_removed_notes_follow(services, site):
    first = site["first"]
    reference = first.summary.reference
    assert refs(services, "locked-fridge") == {reference}  # a phrase: its words in order in one field
    code = reference.split("-")[0]
    assert refs(services, "fridge-" + code) == set()  # not from the text into the reference
    with services.ctx.db.writing() as session:
        session.execute(text("UPDATE person SET name = 'Zoë Quinn'"))
    assert refs(services, "bronte") == set()
    assert refs(services, "QUINN") == {reference}
    services.edits.add_note(first.id, "Thermometer bought.")
    with services.ctx.db.writing() as session:
        session.execute(text("DELETE FROM note"))
    assert refs(services, "thermometer") == set()


def test_many_matches_walk_the_sort_order_and_agree_with_few(services, site, monkeypatch):
    few = [s.reference for s in services.actions.page(ActionFilter(text="sidcup"), SortKey.DUE).rows]
    monkeypatch.setattr(action_query, "MANY_MATCHES", 0)
    monkeypatch.setattr("core.services.actions.MANY_MATCHES", 0)
    many = services.actions.page(ActionFilter(text="sidcup"), SortKey.DUE)
    assert [s.reference for s in many.rows] == few and many.total == 2
    assert few == [site["first"].summary.reference, site["second"].summary.reference]
    ordered = services.actions.ids(ActionFilter(text="sidcup"), SortKey.DUE)
    assert ordered == [site["first"].id, site["second"].id]
    second_page = services.actions.page(ActionFilter(text="sidcup"), SortKey.DUE, offset=1, limit=1)
    assert [s.reference for s in second_page.rows] == few[1:] and second_page.total == 2


def test_match_query_quotes_each_word_as_a_prefix_phrase():
    assert match_query("Sidcup med") == '"Sidcup"* AND "med"*'
    assert match_query("KEN-2026") == '"KEN 2026"*'
    assert match_query('say "AND" OR') == '"say"* AND "AND"* AND "OR"*'
    assert match_query("%_ --") is None


def test_tsquery_has_the_meaning_of_the_fts5_query():
    assert tsquery("Sidcup med") == "('sidcup':*) & ('med':*)"
    assert tsquery("KEN-2026") == "('ken' <-> '2026':*)"
    assert tsquery("Zoë BRONTË's") == "('zoe':*) & ('bronte' <-> 's':*)"
    assert tsquery("%_ --") is None


def test_a_look_alike_search_trigger_is_refused(sqlite_services, tmp_path):
    """The index's triggers are accepted only as Candour wrote them: one rewritten under the same name could
    change the history, so the database is refused."""
    import sqlite3

    from core.domain.errors import DatabaseError

    path = sqlite_services.ctx.db.path
    sqlite_services.close()
    with sqlite3.connect(path) as raw:
        raw.execute("DROP TRIGGER action_search_note_insert_after")
        raw.execute(
            "CREATE TRIGGER action_search_note_insert_after AFTER INSERT ON note "
            "BEGIN UPDATE audit SET actor = 'nobody'; END"
        )
    with pytest.raises(DatabaseError, match="action_search_note_insert_after"):
        open_services(path)
