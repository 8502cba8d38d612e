"""The history misses nothing and is sealed: people, locations, settings and restores are in it, each
entry is in UTC with its offset, and an entry edited outside Candour is found by the chain check.

Tests taking the `sqlite_file` fixture are about the SQLite file itself; on the PostgreSQL run
(scripts/ci_postgres.sh) they skip, saying why."""

import shutil
import sqlite3

import pytest
from sqlalchemy import text

from core.domain.errors import DatabaseError
from core.services.app import open_services
from core.services.backup import back_up, restore
from core.services.history import verify_history
from core.store.migrate import upgrade_to_head


def entries(services, entity):
    with services.ctx.db.engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                text(
                    "SELECT operation, field, old_value, new_value, actor FROM audit "
                    "WHERE entity = :entity ORDER BY id"
                ),
                {"entity": entity},
            )
        ]


def tamper(services, statement: str, **params) -> None:
    """Change the history behind Candour's back, as someone with an SQL tool could."""
    with services.ctx.db.engine.begin() as connection:
        connection.execute(text(statement), params)


def audit_ids(services) -> list[int]:
    with services.ctx.db.engine.connect() as connection:
        return list(connection.execute(text("SELECT id FROM audit ORDER BY id")).scalars())


def test_people_locations_and_settings_changes_are_history(services, register):
    helen = services.people.add("Helen Marsh")
    services.people.update(helen.id, name="Helen Marsh-Jones")
    services.people.leave(helen.id)
    services.locations.set_archived(register["ken"].id, True)
    services.settings.save(services.settings.get().model_copy(update={"amber_days": 21}))
    people = entries(services, "person")
    assert ("update", "name", "Helen Marsh", "Helen Marsh-Jones", "tester") in people
    assert ("create", None, None, "Helen Marsh (action owner)", "tester") in people
    assert ("leave", None, "Helen Marsh-Jones", None, "tester") in people
    assert entries(services, "location") == [("archive", None, None, "Kenton MRI Unit", "tester")]
    assert entries(services, "setting") == [("update", "amber_days", "14", "21", "tester")]


def test_entries_are_stored_in_utc_with_their_offset(services, register):
    with services.ctx.db.engine.connect() as connection:
        stamps = list(connection.execute(text("SELECT at_utc FROM audit ORDER BY id")).scalars())
    assert stamps and all(s.endswith("+00:00") for s in stamps)
    assert services.actions.history(register["must"].id)[0].at_utc.endswith("+00:00")


def test_chain_is_intact_and_an_edited_row_is_named(services, register):
    check = verify_history(services.ctx)
    assert check.intact and check.entries > 4
    target = audit_ids(services)[2]
    tamper(services, "UPDATE audit SET actor = 'someone else' WHERE id = :id", id=target)
    broken = verify_history(services.ctx)
    assert not broken.intact and broken.broken.id == target
    assert broken.sentence.startswith(f"History entry {target} (")


def test_a_deleted_row_breaks_the_chain_at_the_next_one(services, register):
    ids = audit_ids(services)
    tamper(services, "DELETE FROM audit WHERE id = :id", id=ids[1])
    assert verify_history(services.ctx).broken.id == ids[2]


def test_a_backup_carries_the_chain_and_a_restore_is_recorded(
    services, register, sqlite_file, db_path, tmp_path
):
    copy = back_up(services.ctx.db, tmp_path / "copy.sqlite3")
    restore(services.ctx.db, copy, actor="Tom Hughes")
    assert entries(services, "database") == [("restore", None, None, "copy.sqlite3", "Tom Hughes")]
    assert verify_history(services.ctx).intact


def test_a_foreign_view_in_any_database_is_refused(services, register):
    tamper(services, "CREATE VIEW overdue_list AS SELECT id FROM action")
    with pytest.raises(DatabaseError, match="is not a Candour database: it holds a view 'overdue_list'"):
        upgrade_to_head(services.ctx.db)


@pytest.mark.parametrize(
    "foreign",
    [
        "CREATE TRIGGER sneaky AFTER UPDATE ON action BEGIN DELETE FROM audit; END",
        "CREATE VIEW overdue AS SELECT * FROM action",
        "CREATE TABLE invoices (id INTEGER)",
    ],
)
def test_sqlite_file_with_foreign_schema_objects_is_refused_to_open_and_restore(
    services, register, sqlite_file, db_path, tmp_path, foreign
):
    services.close()
    raw = sqlite3.connect(db_path)
    raw.execute(foreign)
    raw.close()  # the last connection to close folds the WAL into the file, so the copy below holds it
    with pytest.raises(DatabaseError, match=r"is not a Candour database: it holds a (trigger|view|table)"):
        open_services(db_path)
    backup = tmp_path / "other.sqlite3"
    shutil.copy(db_path, backup)
    clean = tmp_path / "clean.sqlite3"
    target = open_services(clean, create=True)
    try:
        with pytest.raises(DatabaseError, match=r"other\.sqlite3 is not a Candour database"):
            restore(target.ctx.db, backup)
    finally:
        target.close()


def test_missing_and_empty_files_are_not_made_into_databases(tmp_path):
    missing = tmp_path / "typo.sqlite3"
    with pytest.raises(DatabaseError, match=f"There is no database at {missing}"):
        open_services(missing)
    assert not missing.exists()
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    with pytest.raises(DatabaseError, match="is an empty file, not a Candour database"):
        open_services(empty)
    assert empty.stat().st_size == 0
    made = open_services(missing, create=True)
    made.close()
    assert missing.stat().st_size > 0


def test_sqlite_file_alone_holds_the_last_change_after_closing(
    services, register, sqlite_file, db_path, tmp_path
):
    services.people.add("Last Change Person")
    services.close()
    assert (
        not (db_path.parent / (db_path.name + "-wal")).exists()
        or (db_path.parent / (db_path.name + "-wal")).stat().st_size == 0
    )
    bare = tmp_path / "emailed.sqlite3"
    shutil.copyfile(db_path, bare)  # only the .sqlite3 file, as people copy it
    with sqlite3.connect(bare) as raw:
        assert raw.execute("SELECT name FROM person WHERE name = 'Last Change Person'").fetchone()


def test_sqlite_file_alone_holds_everything_after_a_checkpoint_while_open(
    services, register, sqlite_file, db_path, tmp_path
):
    services.people.add("Idle Pause Person")
    before = tmp_path / "before.sqlite3"
    shutil.copyfile(db_path, before)  # while Candour holds the database open, the change is in the -wal file
    assert not holds_person(before, "Idle Pause Person")
    assert services.ctx.db.checkpoint()
    after = tmp_path / "after.sqlite3"
    shutil.copyfile(db_path, after)
    assert holds_person(after, "Idle Pause Person")


def holds_person(path, name) -> bool:
    raw = sqlite3.connect(path)
    try:
        return raw.execute("SELECT 1 FROM person WHERE name = ?", (name,)).fetchone() is not None
    except sqlite3.OperationalError:  # not even the tables reached the file
        return False
    finally:
        raw.close()
