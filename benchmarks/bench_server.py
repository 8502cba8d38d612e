"""Team mode on a PostgreSQL server with 100,000 actions, each figure beside the same one on SQLite (the
same register, copied onto the server by benchmarks.server_register): the register's first page, free-text
search, dashboard counts, and one action update seen by a second client (the notify round trip).

Without a reachable server it prints one line saying why and gives no figures.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_after, median_time, print_table
from benchmarks.server_register import server_copy, server_url, unreachable
from core.domain.actions import ActionChanges, ActionFilter, SortKey
from core.domain.vocabulary import ActionStatus
from core.services.app import Services, open_services
from core.store.change_feed import ChangeFeed
from core.store.db import Database

LIVE = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
SIZE = 100_000
ROUND_TRIP_GOAL = 0.200  # the goal for the notify round trip
_POLL_S = 0.0005  # how often the second client looks for a change while the round trip is timed


def run() -> list[Row]:
    url = server_url()
    why = unreachable(url)
    if why:
        print(f"  server: skipped, {why}", file=sys.stderr)
        return []
    source = cached_database()
    copy = server_copy(source, url)
    if isinstance(copy, str):
        print(f"  server: skipped, {copy}", file=sys.stderr)
        return []
    copy.dispose()
    local = open_services(source)
    server = open_services(url)
    at = f"({SIZE:,} actions)"
    try:
        rows = [
            _pair(
                f"server: first page of open actions by due date {at}",
                partial(_page, ActionFilter(statuses=LIVE)),
                server,
                local,
                3,
            ),
            _pair(
                f"server: free-text search 'insulin' {at}",
                partial(_page, ActionFilter(text="insulin")),
                server,
                local,
                3,
            ),
            _pair(
                f"server: search a location name 'harrowfield' {at}",
                partial(_page, ActionFilter(text="harrowfield")),
                server,
                local,
                3,
            ),
            _pair(
                f"server: dashboard counts (tiles, by location, by key question) {at}",
                lambda services: services.dashboard.counts(with_trend=False),
                server,
                local,
                None,
            ),
        ]
        rows.append(
            Row(
                f"server: one action update seen by a second client (NOTIFY) {at}",
                _round_trip(server, Database(url)),
                _round_trip(local, Database(source)),
                "SQLite (data_version, polled without pause)",
                ROUND_TRIP_GOAL,
            )
        )
    finally:
        server.close()
        local.close()
    return rows


def _page(flt: ActionFilter, services: Services) -> None:
    services.actions.page(flt, SortKey.DUE)


def _pair(
    figure: str,
    step: Callable[[Services], object],
    server: Services,
    local: Services,
    goal_ratio: float | None,
) -> Row:
    baseline = median_time(lambda: step(local), runs=9)
    return Row(
        figure,
        median_time(lambda: step(server), runs=9),
        baseline,
        "SQLite, same register",
        goal_ratio * baseline if goal_ratio else None,
        note=f"goal: within {goal_ratio:g}x of SQLite" if goal_ratio else "",
    )


def _round_trip(services: Services, second: Database) -> float:
    """From the start of one client's save to the second client holding the notice of it."""
    feed = ChangeFeed(second)
    action = services.actions.page(ActionFilter(statuses=LIVE), SortKey.DUE, limit=1).rows[0]
    texts = iter(f"Check the fridge temperature, round {n}." for n in range(100))

    def prepare() -> int:
        while feed.poll() is not None:  # nothing left over from the previous round
            pass
        return services.actions.get(action.id).version

    def step(version: int) -> None:
        services.edits.update(action.id, version, ActionChanges(text=next(texts)))
        while True:
            changes = feed.poll()
            if changes is not None and action.id in changes.actions:
                return
            time.sleep(_POLL_S)

    try:
        time.sleep(0.2)  # the listener is connected
        return median_after(prepare, step, runs=9)
    finally:
        feed.close()


if __name__ == "__main__":
    print_table(run())
