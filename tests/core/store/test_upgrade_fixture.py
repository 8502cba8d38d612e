"""A database made by the first released schema upgrades with every row intact, after a backup."""

import shutil
import sqlite3
from pathlib import Path

from core.services.app import open_services
from core.store.migrate import head_revision

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "databases" / "rev_0001.sqlite3"
TABLES = ["provider", "location", "person", "action", "due_change", "note", "blob", "evidence", "audit"]


def rows(path: Path, like: Path | None = None) -> dict[str, list[tuple]]:
    """Every row of the first schema's tables; with `like`, only the columns that file's tables have
    (later schemas add columns)."""
    with sqlite3.connect(like or path) as raw:
        columns = {t: ", ".join(r[1] for r in raw.execute(f"PRAGMA table_info({t})")) for t in TABLES}
    with sqlite3.connect(path) as raw:
        return {t: raw.execute(f"SELECT {columns[t]} FROM {t} ORDER BY 1").fetchall() for t in TABLES}


def test_first_schema_upgrades_with_every_row_intact(tmp_path):
    db = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, db)
    before = rows(db)
    assert before["action"] and before["audit"] and before["blob"]
    services = open_services(db)
    try:
        assert services.backup_written is not None and services.backup_written.exists()
        assert rows(services.backup_written) == before
        with sqlite3.connect(db) as raw:
            assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert rows(db, like=FIXTURE) == before
        assert detail_history_is_sealed(db)
        detail = services.actions.find("SID-2026-M01")
        assert detail.summary.status.value == "verified"
        assert detail.verifier_name == "Tom Hughes"  # kept as it was called when it was verified
        assert detail.summary.original_due.isoformat() == "2026-03-31"
        assert [c.reason for c in detail.due_changes] == ["Supplier delay"]
        assert services.evidence.content(detail.evidence[0].id)[1] == "All readings 2-8°C\n".encode()
        assert "Chloé’s team" in services.actions.find("SID-2026-S01").summary.text
    finally:
        services.close()


def detail_history_is_sealed(path: Path) -> bool:
    """The upgrade gave every old history entry its UTC time and sealed it into the chain."""
    with sqlite3.connect(path) as raw:
        return (
            raw.execute(
                "SELECT count(*) FROM audit WHERE hash IS NULL OR at_utc NOT LIKE '%+00:00'"
            ).fetchone()[0]
            == 0
        )
