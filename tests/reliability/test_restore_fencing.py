"""Restore that cannot lose work: it fences off other writers before its safety copy, waits a bounded time
(saying so), reads its source read-only, refuses damaged sources and backups, and clears killed runs'
files."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from core.domain.errors import DatabaseError
from core.services import backup
from core.services.app import open_services
from core.services.backup import back_up, restore_database


@pytest.fixture
def live(tmp_path: Path) -> Path:
    path = tmp_path / "live.sqlite3"
    services = open_services(path, create=True)
    services.people.add("Before Backup")
    services.close()
    return path


@pytest.fixture
def saved(live: Path, tmp_path: Path) -> Path:
    services = open_services(live, create=True)
    try:
        return back_up(services.ctx.db, tmp_path / "saved.sqlite3")
    finally:
        services.close()


def names(path: Path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {name for (name,) in raw.execute("SELECT name FROM person")}


def test_work_committed_while_a_restore_waits_is_in_the_safety_copy(live, saved):
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program is mid-way through writing
    writer.execute("INSERT INTO person (name, active) VALUES ('Imported During Restore', 1)")
    heard: list[str] = []
    result: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: result.update(done=restore_database(live, saved, waiting=heard.append))
    )
    worker.start()
    time.sleep(1.0)
    writer.execute("COMMIT")
    writer.close()
    worker.join(60)
    assert not worker.is_alive()
    _label, safety = result["done"]
    assert "Imported During Restore" in names(safety)
    assert names(live) == {"Before Backup"}
    assert heard == [f"Waiting for other programs to finish writing to {live}…"]


def test_a_restore_gives_up_after_a_bounded_wait_in_one_sentence(live, saved, monkeypatch):
    monkeypatch.setattr(backup, "RESTORE_WAIT_S", 1.0)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO person (name, active) VALUES ('Still Writing', 1)")
    outcome: dict[str, BaseException] = {}

    def attempt() -> None:
        try:
            restore_database(live, saved)
        except DatabaseError as error:
            outcome["error"] = error

    worker = threading.Thread(target=attempt)
    worker.start()
    worker.join(30)
    writer.execute("COMMIT")
    writer.close()
    assert not worker.is_alive()
    assert str(outcome["error"]) == (
        f"{live} was not restored: another program kept writing to it for 1 seconds; "
        "close Candour everywhere else and try again."
    )
    assert "Still Writing" in names(live)


def test_a_restore_leaves_its_source_exactly_as_it_was(live, saved):
    with sqlite3.connect(saved) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")  # as a backup from an older Candour may be
    before = saved.read_bytes()
    saved.chmod(0o444)
    restore_database(live, saved)
    assert saved.read_bytes() == before
    assert not list(saved.parent.glob("saved.sqlite3-*")), "no -wal or -shm beside the source"


def corrupt(path: Path) -> None:
    """Point an index at the wrong column: the file opens, but SQLite's integrity check fails."""
    services = open_services(path)
    for n in range(50):
        services.locations.add(f"Location {n}", postcode=f"AB{n} 1CD")
    services.close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_location_name ON location (postcode)' "
            "WHERE name = 'ix_location_name'"
        )
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] != "ok"


def test_a_damaged_database_is_not_backed_up_as_if_it_were_sound(live, tmp_path):
    corrupt(live)
    services = open_services(live, create=True)
    try:
        with pytest.raises(
            DatabaseError,
            match=r"live\.sqlite3 is damaged \(SQLite's integrity check failed\), "
            r"so it was not backed up",
        ):
            back_up(services.ctx.db, tmp_path / "copy.sqlite3")
    finally:
        services.close()
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_backup_clears_what_killed_runs_left_behind(live, tmp_path):
    target = tmp_path / "nightly.sqlite3"
    leftover = tmp_path / ".nightly.sqlite3.1a2b3c4d.partial"
    leftover.write_bytes(b"half a backup")
    an_hour_ago = time.time() - 3600
    os.utime(leftover, (an_hour_ago, an_hour_ago))
    services = open_services(live, create=True)
    try:
        back_up(services.ctx.db, target)
    finally:
        services.close()
    assert target.exists()
    assert not leftover.exists()
