import sqlite3

import pytest

from core.cli.main import main
from core.domain.errors import DatabaseError
from core.services.backup import back_up, restore


@pytest.fixture(autouse=True)
def file_only(sqlite_file):
    """Backup and restore copy the SQLite file; on a server they say to use pg_dump (tested in
    tests/core/team)."""


def dump(path) -> list[str]:
    with sqlite3.connect(path) as raw:
        return list(raw.iterdump())


def test_backup_while_open_then_restore_round_trips(services, register, db_path, tmp_path):
    before = dump(db_path)
    copy = back_up(services.ctx.db, tmp_path / "copy.sqlite3")
    assert dump(copy) == before
    services.people.add("Someone New")
    assert dump(db_path) != before
    safety = restore(services.ctx.db, copy)
    after = dump(db_path)
    added = [line for line in after if line not in before]
    assert set(before) <= set(after) and len(added) == 1 and "'restore'" in added[0]  # the restore is history
    assert safety is not None and "Someone New" in "\n".join(dump(safety))


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(
    services, register, db_path, tmp_path
):
    before = dump(db_path)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseError, match=r"junk\.sqlite3 is not a Candour backup"):
        restore(services.ctx.db, junk)
    assert dump(db_path) == before


def test_backup_and_restore_commands(services, register, db_path, tmp_path, capsys):
    target = tmp_path / "b.sqlite3"
    assert main(["--db", str(db_path), "backup", "-o", str(target)]) == 0
    assert main(["--db", str(db_path), "--user", "Tom Hughes", "people", "add", "Late Addition"]) == 0
    assert main(["--db", str(db_path), "restore", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "previous content is kept" in out
    assert all("Late Addition" not in line for line in dump(db_path))
    assert main(["--db", str(db_path), "backup", "-o", str(db_path)]) == 2


def test_restore_from_a_backup_whose_name_has_hash_question_and_percent_signs(
    services, register, db_path, tmp_path
):
    """The backup check opens the file by URI: '#', '?' and '%' in its name must not cut the name short (the
    check then read, and created, a file called 'Backup ')."""
    before = dump(db_path)
    folder = tmp_path / "saved"  # not "backups": restore keeps its safety copy there
    folder.mkdir()
    copy = back_up(services.ctx.db, folder / "Backup #2 ?100%.sqlite3")
    services.people.add("Someone New")
    restore(services.ctx.db, copy)
    after = dump(db_path)
    assert set(before) <= set(after) and "Someone New" not in "\n".join(after)
    assert not (folder / "Backup ").exists()
    assert {p.name for p in folder.iterdir()} <= {
        "Backup #2 ?100%.sqlite3",
        "Backup #2 ?100%.sqlite3-wal",
        "Backup #2 ?100%.sqlite3-shm",
    }
