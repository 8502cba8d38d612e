"""The server's search index as a team uses it: every login's changes are indexed (the index's functions run
as its owner), every role may search, and a look-alike of the index's functions or triggers is refused."""

import pytest

from core.domain.actions import ActionFilter
from core.domain.errors import DatabaseError
from core.services.app import open_services

pytest.importorskip("psycopg", reason="the server's search index needs a PostgreSQL server and its driver")


def found(services, words: str) -> set[int]:
    return {s.id for s in services.actions.page(ActionFilter(text=words)).rows}


def test_an_owners_note_is_indexed_and_a_viewer_finds_it(team, staffed):
    priya = team.open_as(staffed["priya"])
    try:
        priya.edits.add_note(staffed["mine"].id, "Fridge thermometer replaced.")
    finally:
        priya.close()
    viewer = team.open_as(staffed["viewer"])
    try:
        assert found(viewer, "thermometer") == {staffed["mine"].id}
        assert found(viewer, "safeguarding") == {staffed["theirs"].id}
    finally:
        viewer.close()


def test_a_look_alike_search_function_is_refused(team, staffed):
    """The triggers' functions are accepted only with the bodies Candour gave them: one rewritten to change
    the history on every note would run as the schema's owner, so the database is refused."""
    with team.admin.ctx.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION candour_search_note() RETURNS trigger LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = public AS $$ BEGIN UPDATE audit SET actor = 'nobody'; "
            "RETURN NULL; END $$"
        )
    with pytest.raises(DatabaseError, match="function 'candour_search_note'"):
        open_services(team.base_url)


def test_a_trigger_calling_a_search_function_elsewhere_is_refused(team, staffed):
    with team.admin.ctx.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TRIGGER action_search_person AFTER DELETE ON audit "
            "FOR EACH ROW EXECUTE FUNCTION action_search_person()"
        )
    with pytest.raises(DatabaseError, match="trigger 'action_search_person'"):
        open_services(team.base_url)


def test_megabytes_of_notes_are_saved_and_their_start_is_found(team, staffed):
    """A tsvector holds at most 1 MB: notes with more distinct words than that are still saved, and indexed
    on their first characters instead of being refused."""
    words = " ".join(f"w{n:07d}" for n in range(150_000))  # 1.35 MB of distinct words
    team.admin.edits.add_note(staffed["mine"].id, "Thermometer log pasted: " + words)
    assert found(team.admin, "thermometer") == {staffed["mine"].id}
    assert team.admin.actions.get(staffed["mine"].id).notes[-1].text.endswith("w0149999")


def test_the_index_takes_each_change_at_once(team, staffed):
    """No pending list for searches to read again until a vacuum (migration 0006_search_index_direct)."""
    with team.admin.ctx.db.engine.connect() as connection:
        options = connection.exec_driver_sql(
            "SELECT reloptions FROM pg_class WHERE relname = 'ix_action_search_document'"
        ).scalar_one()
    assert options == ["fastupdate=off"]
    team.admin.edits.add_note(staffed["mine"].id, "Thermometer recalibrated.")
    assert found(team.admin, "recalibrated") == {staffed["mine"].id}
