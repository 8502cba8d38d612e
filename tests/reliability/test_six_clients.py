"""Six clients at once, as a server sees a team: every race ends in one sentence or succeeds, never a
traceback.

Runs on SQLite, and on PostgreSQL where CANDOUR_TEST_DATABASE_URL names a server (scripts/ci_postgres.sh).
"""

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from core.domain.actions import ActionChanges
from core.domain.errors import CandourError
from core.domain.vocabulary import ActionKind, Priority
from core.services.app import Services, open_services
from core.services.context import ServiceContext
from core.services.history import verify_history
from core.store.db import Database
from core.store.migrate import SCHEMA_HEAD, current_revision
from tests.conftest import fresh_database

CLIENTS = 6


def target(db_path: Path) -> str:
    return os.environ.get("CANDOUR_TEST_DATABASE_URL") or str(db_path)


def client(db_path: Path, person_id: int) -> Services:
    services = open_services(ctx=ServiceContext(db=Database(target(db_path)), actor=f"client {person_id}"))
    services.sign_in(person_id)
    return services


def run_clients(work: Callable[[int], list[str]]) -> list[str]:
    """Every client's outcomes; an exception that is not one of Candour's sentences fails the test."""
    with ThreadPoolExecutor(CLIENTS) as pool:
        return [outcome for outcomes in pool.map(work, range(CLIENTS)) for outcome in outcomes]


def test_six_clients_noting_linking_and_updating_the_same_actions(db_path, services, register):
    people = [services.people.add(f"Client {n}").id for n in range(CLIENTS)]
    actions = [register["must"].id, register["should"].id, register["unowned"].id]

    def work(n: int) -> list[str]:
        mine = client(db_path, people[n])
        outcomes = []
        try:
            for round_ in range(10):
                action_id = actions[(n + round_) % len(actions)]
                try:
                    if round_ % 3 == 0:
                        mine.edits.add_note(action_id, f"note {n}-{round_}")
                        outcomes.append("note")
                    elif round_ % 3 == 1:
                        mine.evidence.add_link(action_id, f"https://example.org/{n}/{round_}")
                        outcomes.append("link")
                    else:
                        version = mine.actions.get(action_id).version
                        priority = Priority.HIGH if n % 2 else Priority.LOW
                        mine.edits.update(action_id, version, ActionChanges(priority=priority))
                        outcomes.append("update")
                except CandourError as error:
                    outcomes.append(f"refused: {error}")
        finally:
            mine.close()
        return outcomes

    outcomes = run_clients(work)
    refusals = [o for o in outcomes if o.startswith("refused")]
    assert all("\n" not in o and ("changed" in o or "try again" in o) for o in refusals), refusals
    notes = sum(len(services.actions.get(a).notes) for a in actions)
    links = sum(len(services.actions.get(a).evidence) for a in actions)
    assert notes == outcomes.count("note")
    assert links == outcomes.count("link")
    assert outcomes.count("note") + outcomes.count("link") + outcomes.count("update") + len(refusals) == 60
    assert verify_history(services.ctx).intact


def test_six_clients_adding_actions_at_one_location_get_distinct_references(db_path, services, register):
    people = [services.people.add(f"Client {n}").id for n in range(CLIENTS)]
    location = register["sid"].id

    def work(n: int) -> list[str]:
        mine = client(db_path, people[n])
        try:
            return [
                mine.edits.create(
                    location, ActionKind.MUST, f"Action {n}-{i} from client {n}."
                ).summary.reference
                for i in range(5)
            ]
        finally:
            mine.close()

    references = run_clients(work)
    assert len(references) == len(set(references)) == CLIENTS * 5


def test_six_clients_opening_an_empty_server_database_at_once(tmp_path):
    url = os.environ.get("CANDOUR_TEST_DATABASE_URL")
    if not url:
        pytest.skip(
            "an empty SQLite file is made by 'candour init' alone, never by clients opening it at once; "
            "this race is a server's (set CANDOUR_TEST_DATABASE_URL)"
        )
    fresh_database(tmp_path / "unused.sqlite3").dispose()

    def work(_n: int) -> list[str]:
        services = open_services(url, create=True)
        services.close()
        return ["opened"]

    assert run_clients(work) == ["opened"] * CLIENTS
    db = Database(url)
    try:
        assert current_revision(db) == SCHEMA_HEAD
    finally:
        db.dispose()
