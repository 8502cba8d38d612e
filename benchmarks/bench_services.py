"""The action register through the service layer at 100,000 actions, against hand-written SQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_time, print_table
from core.domain.actions import ActionFilter, SortKey
from core.domain.vocabulary import ActionStatus
from core.services.app import open_services

LIVE = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
# The same strategy as the service, by hand: ids from the index, then the rows for those ids.
RAW_IDS = "SELECT a.id FROM action a WHERE {where} ORDER BY a.due IS NULL, a.due, a.id LIMIT 200"
RAW_ROWS = """SELECT a.*, l.name, p.name, i.key_date FROM action a JOIN location l ON l.id = a.location_id
LEFT JOIN person p ON p.id = a.owner_id LEFT JOIN inspection i ON i.id = a.inspection_id WHERE a.id IN ({ids})"""


def run(path: Path | None = None) -> list[Row]:
    path = path or cached_database()
    services = open_services(path)
    raw = sqlite3.connect(path)
    today = dt.date.today().isoformat()

    def raw_page(where: str, *params: object) -> None:
        raw.execute(f"SELECT count(*) FROM action a WHERE {where}", params).fetchone()
        ids = [row[0] for row in raw.execute(RAW_IDS.format(where=where), params)]
        raw.execute(RAW_ROWS.format(ids=",".join(map(str, ids)))).fetchall()

    cases = [
        ("register: first page of open actions by due date", ActionFilter(statuses=LIVE),
         lambda: raw_page("a.status IN ('open','in_progress')"), 0.020),
        ("register: free-text filter 'insulin'", ActionFilter(text="insulin"),
         lambda: raw_page("(a.text LIKE '%insulin%' OR a.reference LIKE '%insulin%')"), 0.150),
        ("register: location + status + overdue", ActionFilter(location_ids=frozenset({17}), statuses=LIVE,
                                                               overdue=True),
         lambda: raw_page("a.location_id = 17 AND a.status IN ('open','in_progress') AND a.due < ?", today), 0.020),
    ]
    rows = []
    for figure, flt, baseline, goal in cases:
        rows.append(Row(figure, median_time(lambda f=flt: services.actions.page(f, SortKey.DUE), runs=15),
                        median_time(baseline, runs=15), "raw sqlite3", goal))
    rows.append(Row("register: all 100k ids sorted by due (desktop model)",
                    median_time(lambda: services.actions.ids(ActionFilter(), SortKey.DUE), runs=7),
                    median_time(lambda: raw.execute("SELECT id FROM action ORDER BY due IS NULL, due, id").fetchall(),
                                runs=7), "raw sqlite3", 0.200))
    rows.append(Row("dashboard counts (tiles, by location, by key question)",
                    median_time(lambda: services.dashboard.counts(with_trend=False), runs=7),
                    median_time(lambda: _raw_dashboard(raw, today), runs=7), "raw sqlite3", 0.050))
    rows.append(Row("dashboard counts with the overdue-over-time series", median_time(services.dashboard.counts, runs=7),
                    median_time(lambda: _raw_dashboard(raw, today), runs=7), "raw sqlite3 (no trend)", 0.100))
    raw.close()
    services.close()
    return rows


def _raw_dashboard(raw: sqlite3.Connection, today: str) -> None:
    raw.execute("""SELECT status, kind, count(*), sum(due < ?), sum(owner_id IS NULL), sum(verified_at >= ?)
        FROM action GROUP BY status, kind""", (today, today[:8] + "01")).fetchall()
    raw.execute("SELECT location_id, status, count(*), sum(due < ?) FROM action GROUP BY location_id, status",
                (today,)).fetchall()
    raw.execute("SELECT key_question, status, count(*), sum(due < ?) FROM action GROUP BY key_question, status",
                (today,)).fetchall()


if __name__ == "__main__":
    print_table(run())
