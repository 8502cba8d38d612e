"""A database file replaced while its old -wal remained: detected before SQLite opens it (SQLite would apply
the old log's pages to the new file), said in one sentence naming the log, and nothing changed; a file
with its own log (after a crash) opens with every committed change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.cli.main import main
from core.domain.errors import DatabaseError
from core.services.app import open_services


def log_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def crashed_copy(path: Path, names: list[str], into: Path) -> tuple[Path, Path]:
    """(database file, its -wal) as a crash would leave them: people added and committed, the log not yet
    copied into the file (a copy of both taken while Candour had them open)."""
    services = open_services(path, create=True)
    try:
        for name in names:
            services.people.add(name)
        into.mkdir()
        shutil.copy(path, into / path.name)
        shutil.copy(log_of(path), into / log_of(path).name)
    finally:
        services.close()
    return into / path.name, into / log_of(path).name


def saved(path: Path, names: list[str], *, create: bool = False) -> None:
    """People added and Candour closed (which copies the log into the file and empties it)."""
    services = open_services(path, create=create)
    for name in names:
        services.people.add(name)
    services.close()


def another_database_over(database: Path) -> None:
    other = database.with_name("other.sqlite3")
    saved(other, ["Zed Other"], create=True)
    shutil.copy(other, database)


def test_a_database_with_its_own_log_opens_with_every_committed_change(tmp_path):
    database, log = crashed_copy(tmp_path / "c.sqlite3", ["Ann Able", "Ben Bold"], tmp_path / "crash")
    assert log.stat().st_size > 0
    services = open_services(database)
    try:
        assert [p.name for p in services.people.list()] == ["Ann Able", "Ben Bold"]
    finally:
        services.close()


def refused(database: Path, log: Path) -> None:
    before = (database.read_bytes(), log.read_bytes())
    with pytest.raises(DatabaseError) as caught:
        open_services(database)
    assert str(caught.value) == (
        f"{log} does not belong to {database.name}: the database file was replaced while this log of its "
        f"earlier content remained, so Candour did not open it; move {log.name} (and {database.name}-shm, "
        "if there is one) out of the folder, keeping them, and open the database again."
    )
    assert (database.read_bytes(), log.read_bytes()) == before


def test_another_database_copied_over_one_whose_log_remained_is_refused(tmp_path):
    database, log = crashed_copy(tmp_path / "c.sqlite3", ["Ann Able"], tmp_path / "crash")
    another_database_over(database)
    refused(database, log)


def test_an_older_copy_of_the_same_database_put_back_beside_its_newer_log_is_refused(tmp_path):
    path = tmp_path / "c.sqlite3"
    saved(path, ["Ann Able"], create=True)
    older = tmp_path / "older.sqlite3"
    shutil.copy(path, older)
    saved(path, ["Ben Bold"])  # the log that follows starts from a later state than the copy's
    database, log = crashed_copy(path, ["Cat Cole"], tmp_path / "crash")
    shutil.copy(older, database)  # a backup restored by copying it over the file, the log left behind
    refused(database, log)


def test_the_command_line_says_it_in_one_sentence(tmp_path, capsys):
    database, log = crashed_copy(tmp_path / "c.sqlite3", ["Ann Able"], tmp_path / "crash")
    another_database_over(database)
    assert main(["--db", str(database), "people"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"candour: {log} does not belong to {database.name}")
    assert "Traceback" not in err


def test_a_copy_taken_just_before_the_log_began_opens_with_the_logs_changes(tmp_path):
    path = tmp_path / "c.sqlite3"
    saved(path, ["Ann Able"], create=True)
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(path, copy)
    database, _log = crashed_copy(path, ["Ben Bold"], tmp_path / "crash")
    shutil.copy(copy, database)  # the same bytes the log was written on top of: the pair is consistent
    services = open_services(database)
    try:
        assert [p.name for p in services.people.list()] == ["Ann Able", "Ben Bold"]
    finally:
        services.close()
