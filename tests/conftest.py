"""Shared fixtures. Qt runs offscreen; every test gets its own database file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

pytest_plugins = ["tests.support.cqc_fixtures", "tests.support.team_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def no_real_keyring_or_cqc(monkeypatch: pytest.MonkeyPatch):
    """Every test gets an in-memory keyring, no CQC key from the environment, and an API address that is
    closed, so nothing can reach the real keyring or the real CQC servers by accident."""
    import keyring.core

    from tests.support.keyrings import MemoryKeyring

    monkeypatch.delenv("CANDOUR_CQC_KEY", raising=False)
    monkeypatch.setenv("CANDOUR_CQC_API", "http://127.0.0.1:9/public/v1")
    memory = MemoryKeyring()
    # What keyring.set_keyring sets; patched so it is put back without ever probing the OS keyring.
    monkeypatch.setattr(keyring.core, "_keyring_backend", memory)
    return memory


@pytest.fixture(scope="session")
def make_httpserver():
    """pytest-httpserver's server, threaded: a slow answer must not hold up the retry that follows it."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip with a message where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared CQC corpus is not beside this checkout")
    return SHARED


import datetime as dt

from core.domain.parsed import Regulation
from core.domain.vocabulary import Access, ActionKind, ActionOrigin, KeyQuestion, Statute
from core.services.app import Services, open_services
from core.services.context import ServiceContext
from core.store.db import Database


class Clock:
    """A clock tests can set and move."""

    def __init__(self, now: dt.datetime) -> None:
        self.value = now

    def __call__(self) -> dt.datetime:
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 3, 2, 9, 30))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "candour.sqlite3"


@pytest.fixture
def database_target(db_path: Path) -> str:
    """What to give --db or open_services: the server's URL where CANDOUR_TEST_DATABASE_URL names one."""
    return os.environ.get("CANDOUR_TEST_DATABASE_URL") or str(db_path)


@pytest.fixture
def sqlite_file(db_path: Path) -> Path:
    """The test's SQLite file, for a test about the file itself; on a server run the test skips, saying
    why."""
    if os.environ.get("CANDOUR_TEST_DATABASE_URL"):
        pytest.skip(
            "this test is about the SQLite file itself (copied, opened with sqlite3 or restored); "
            "a server database is backed up and inspected with the server's own tools"
        )
    return db_path


def fresh_database(db_path: Path) -> Database:
    """The test's SQLite file, or, where CANDOUR_TEST_DATABASE_URL names a server, that database emptied."""
    url = os.environ.get("CANDOUR_TEST_DATABASE_URL")
    if not url:
        return Database(db_path)
    db = Database(url)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    return db


@pytest.fixture
def services(db_path: Path, clock: Clock) -> Services:
    built = open_services(ctx=ServiceContext(db=fresh_database(db_path), actor="tester", clock=clock))
    yield built
    built.close()


@pytest.fixture
def register(services: Services) -> dict:
    """A small register: two locations, three people, four actions."""
    sid = services.locations.add("Sidcup PET-CT Centre", provider="Meridian Imaging Ltd", postcode="DA14 6LT")
    ken = services.locations.add("Kenton MRI Unit", provider="Meridian Imaging Ltd", postcode="HA3 8AA")
    priya = services.people.add("Priya Shah", role="Registered manager")
    tom = services.people.add("Tom Hughes", role="Head of governance", access=Access.GOVERNANCE_LEAD)
    sam = services.people.add("Sam Reid")
    reg12 = Regulation(
        number="12", paragraphs="(2)(b)", statute=Statute.RA_2014, title="Safe care and treatment"
    )
    must = services.edits.create(
        sid.id,
        ActionKind.MUST,
        "The provider must ensure medicines are stored safely.",
        origin=ActionOrigin.MUST_LIST,
        regulation=reg12,
        key_question=KeyQuestion.SAFE,
        owner_id=priya.id,
        due=dt.date(2026, 4, 30),
    )
    should = services.edits.create(
        sid.id,
        ActionKind.SHOULD,
        "The provider should review staff appraisals.",
        origin=ActionOrigin.SHOULD_LIST,
        key_question=KeyQuestion.WELL_LED,
        owner_id=priya.id,
        due=dt.date(2026, 3, 10),
    )
    late = services.edits.create(
        ken.id, ActionKind.SHOULD, "Audit hand hygiene monthly.", owner_id=tom.id, due=dt.date(2026, 2, 1)
    )
    unowned = services.edits.create(ken.id, ActionKind.MUST, "Ensure safeguarding training is completed.")
    return {
        "sid": sid,
        "ken": ken,
        "priya": priya,
        "tom": tom,
        "sam": sam,
        "must": must,
        "should": should,
        "late": late,
        "unowned": unowned,
    }
