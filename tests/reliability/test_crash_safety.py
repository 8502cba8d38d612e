"""An import killed at a random moment leaves a sound database holding only whole reports."""

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.paths import resource_path
from core.services.app import open_services
from core.services.references import text_key

REPEATS = 20


@pytest.fixture
def report_folder(tmp_path: Path) -> Path:
    """Every sample three times over, each copy a distinct document (a different trailing line)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for copy in range(3):
        for sample in sorted(resource_path("samples").glob("*.txt")):
            text = sample.read_text(encoding="utf-8") + f"\nCopy {copy}\n"
            (folder / f"{copy}-{sample.name}").write_text(text, encoding="utf-8")
    return folder


def start_import(db: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "core.cli.main", "--db", str(db), "import", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )


def assert_only_whole_reports(db: Path) -> int:
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        reports = raw.execute("SELECT id, location_id, parsed FROM report").fetchall()
        for report_id, location_id, parsed in reports:
            inspections = json.loads(parsed)["inspections"]
            linked = raw.execute(
                "SELECT count(*) FROM inspection_report WHERE report_id = ?", (report_id,)
            ).fetchone()[0]
            assert linked == len(inspections)
            keys = {
                row[0]
                for row in raw.execute("SELECT text_key FROM action WHERE location_id = ?", (location_id,))
            }
            for inspection in inspections:
                for action in inspection["actions"]:
                    number = action["regulation"]["number"] if action["regulation"] else None
                    assert text_key(action["text"], number, action["service"]) in keys
        orphans = raw.execute(
            "SELECT count(*) FROM action WHERE report_id IS NOT NULL AND report_id NOT IN "
            "(SELECT id FROM report)"
        ).fetchone()[0]
        assert orphans == 0
        return len(reports)


def test_killed_imports_leave_whole_reports_and_a_reimport_completes(tmp_path, report_folder):
    rng = random.Random(20261123)
    db = tmp_path / "crash.sqlite3"
    open_services(db, create=True).close()  # imports go into an existing database
    files = len(list(report_folder.iterdir()))
    for _ in range(REPEATS):
        process = start_import(db, report_folder)
        time.sleep(rng.uniform(0.05, 2.5))
        process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up
        process.wait(timeout=30)
        assert_only_whole_reports(db)
    finished = start_import(db, report_folder)
    assert finished.wait(timeout=300) == 0
    assert assert_only_whole_reports(db) == files
