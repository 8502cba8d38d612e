"""A database that cannot vanish underneath: a deleted or replaced file refuses the next save in one
sentence, saves survive a power cut (synchronous=FULL, fsync of file and folder), a full disk says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event, text

from core.domain.errors import DatabaseError
from core.files import write_bytes
from core.services.app import open_services


def sidecars(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def test_a_save_into_a_deleted_database_is_refused(tmp_path):
    path = tmp_path / "c.sqlite3"
    services = open_services(path, create=True)
    try:
        services.people.add("Saved First")
        for file in sidecars(path):
            file.unlink(missing_ok=True)
        with pytest.raises(
            DatabaseError,
            match=r"c\.sqlite3 was deleted while Candour had it open, so this "
            r"change was not saved",
        ):
            services.people.add("Would Be Lost")
    finally:
        services.close()


def test_a_save_into_a_replaced_database_is_refused(tmp_path):
    path = tmp_path / "c.sqlite3"
    other = tmp_path / "other.sqlite3"
    open_services(other, create=True).close()
    services = open_services(path, create=True)
    try:
        services.people.add("Saved First")
        shutil.copy(other, tmp_path / "incoming.sqlite3")
        (tmp_path / "incoming.sqlite3").replace(path)
        with pytest.raises(
            DatabaseError, match=r"c\.sqlite3 was replaced by another file while Candour had it open"
        ):
            services.people.add("Would Be Lost")
    finally:
        services.close()


def test_saves_are_flushed_to_the_disk_before_they_are_reported(tmp_path):
    services = open_services(tmp_path / "c.sqlite3", create=True)
    try:
        with services.ctx.db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        services.close()


def test_each_connection_keeps_64_mib_of_pages_so_the_dashboards_scans_stay_in_memory(tmp_path):
    services = open_services(tmp_path / "c.sqlite3", create=True)
    try:
        with services.ctx.db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA cache_size")).scalar() == -65_536  # KiB, not pages
    finally:
        services.close()


def test_an_all_or_nothing_file_write_syncs_the_file_and_its_folder(tmp_path, monkeypatch):
    synced: list[tuple[str, bool]] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        link = Path(f"/proc/self/fd/{descriptor}")
        synced.append((str(link.readlink()), link.is_dir()))
        real_fsync(descriptor)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name what was synced")
    monkeypatch.setattr(os, "fsync", fsync)
    target = tmp_path / "plan.pdf"
    write_bytes(target, b"%PDF-1.7 content")
    assert any(name.endswith(".partial") and not is_dir for name, is_dir in synced), synced
    assert (str(tmp_path), True) in synced, synced


def test_a_full_disk_says_the_disk_is_full(tmp_path):
    path = tmp_path / "c.sqlite3"
    services = open_services(path, create=True)
    try:
        engine = services.ctx.db.engine
        engine.dispose()
        event.listen(engine, "connect", lambda raw, _r: raw.execute("PRAGMA max_page_count = 60"))
        with pytest.raises(DatabaseError) as refused:
            for n in range(2000):
                services.people.add(f"Person {n} " + "x" * 180)  # within the column, on either engine
        assert (
            str(refused.value)
            == f"{path} could not be saved: the disk is full; free some space and try again."
        )
    finally:
        services.close()
