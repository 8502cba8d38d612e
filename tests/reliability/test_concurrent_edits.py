"""Two processes editing the same action from the same version: exactly one wins, nothing is lost."""

import os
import subprocess
import sys

from core.services.app import open_services
from tests.conftest import fresh_database


def candour(db, *args: str) -> subprocess.Popen:
    env = dict(os.environ, CANDOUR_USER=args[0])
    return subprocess.Popen(
        [sys.executable, "-m", "core.cli.main", "--db", str(db), *args[1:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_two_processes_update_from_the_same_version(database_target, services, register):
    for name in ("alice", "bob"):
        services.people.add(name)
    ref = register["must"].summary.reference
    version = str(register["must"].version)
    first = candour(
        database_target,
        "alice",
        "update",
        ref,
        "--priority",
        "low",
        "--note",
        "Alice's note",
        "--version",
        version,
    )
    second = candour(
        database_target,
        "bob",
        "update",
        ref,
        "--priority",
        "critical",
        "--note",
        "Bob's note",
        "--version",
        version,
    )
    results = [(p.wait(timeout=60), *p.communicate()) for p in (first, second)]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    loser_err = next(err for code, _, err in results if code == 2)
    assert "was changed by" in loser_err and "reload" in loser_err
    services = open_services(database_target)
    try:
        detail = services.actions.find(ref)
        winner = "alice" if detail.summary.priority.value == "low" else "bob"
        assert detail.summary.updated_by == winner
        assert [n.author for n in detail.notes] == [winner]  # the loser changed nothing at all
        assert detail.summary.priority.value == {"alice": "low", "bob": "critical"}[winner]
    finally:
        services.close()


def test_two_processes_importing_the_same_reports_at_once(database_target, db_path, tmp_path):
    """SQLite's busy handling (a server's allocation lock) serialises the writers: both finish, and every
    report is filed exactly once."""
    from core.domain.actions import ActionFilter
    from core.paths import resource_path

    samples = resource_path("samples")
    expected = sorted(p.name for p in samples.glob("*.txt"))
    fresh_database(db_path).dispose()
    made = open_services(database_target, create=True)  # both processes open an existing, migrated database
    for name in ("alice", "bob"):
        made.people.add(name)
    made.close()
    runs = [candour(database_target, user, "import", str(samples)) for user in ("alice", "bob")]
    results = [(p.wait(timeout=120), *p.communicate()) for p in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    services = open_services(database_target)
    try:
        reports = services.locations.reports()
        assert sorted(r.file_name for r in reports) == expected
        assert len({r.location_id for r in reports}) == len(services.locations.list())
        rows = services.actions.page(ActionFilter(), limit=10_000).rows
        assert len({(r.location_id, r.text) for r in rows}) == len(rows), "no action filed twice"
    finally:
        services.close()
    alone = open_services(tmp_path / "one-process.sqlite3", create=True)
    try:
        alone.imports.import_paths([samples])
        assert len(rows) == alone.actions.count(ActionFilter())
    finally:
        alone.close()
