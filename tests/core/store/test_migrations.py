import hashlib
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from core.domain.errors import DatabaseError
from core.services.app import open_services
from core.store.db import Database
from core.store.migrate import current_revision, head_revision, upgrade_to_head
from core.store.orm import Base
from core.store.search import include_name


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_the_latest_schema(db_path):
    db = Database(db_path)
    assert upgrade_to_head(db) is None  # nothing to back up in a new file
    assert current_revision(db) == head_revision()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# SQLAlchemy cannot reflect the expression index on (due IS NULL, due), so autogenerate compares it on
# neither side; the next test checks it is there.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_models_match_migrations(db_path):
    db = Database(db_path)
    upgrade_to_head(db)
    with db.engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": include_name}), Base.metadata
        )
    assert diff == []


def test_register_order_index_is_created(db_path):
    upgrade_to_head(Database(db_path))
    with sqlite3.connect(db_path) as raw:
        query = "SELECT sql FROM sqlite_master WHERE name = 'ix_action_due_nulls_last'"
        (sql,) = raw.execute(query).fetchone()
    assert "((due IS NULL), due, id, status)" in sql


def test_foreign_keys_are_enforced(db_path):
    db = Database(db_path)
    upgrade_to_head(db)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_from_a_newer_candour_is_refused_untouched(db_path):
    upgrade_to_head(Database(db_path))
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    before = digest(db_path)
    with pytest.raises(DatabaseError, match="newer version of Candour"):
        open_services(db_path)
    assert digest(db_path) == before


def test_foreign_sqlite_file_is_refused(db_path):
    with sqlite3.connect(db_path) as raw:
        raw.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match="not a Candour database"):
        open_services(db_path)


def test_file_that_is_not_sqlite_is_refused_with_one_sentence(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n" * 200, encoding="utf-8")
    with pytest.raises(DatabaseError) as error:
        open_services(notes)
    assert str(error.value) == f"{notes} is not a Candour database (it is not an SQLite file)."
    assert notes.read_text(encoding="utf-8") == "shopping list\n" * 200


def test_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="is a folder"):
        open_services(tmp_path)


def test_schema_head_constant_is_alembics_head():
    from core.store.migrate import SCHEMA_HEAD, head_revision

    assert SCHEMA_HEAD == head_revision()
