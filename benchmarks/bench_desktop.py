"""The desktop's action register at 10k, 100k and 1M actions, offscreen: the table model behind a real
QTableView, timed until the first screen of rows is painted. Baseline: the same queries (total, first page of
ids, those rows) by hand through raw sqlite3 (for typing: the LIKE scan the register used before FTS5).
Goals: setting the data and sorting under 100 ms; each keystroke typed in the search under 50 ms."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from benchmarks.generate import register_of, sizes
from benchmarks.harness import Row, median_after, median_time, print_table
from core.domain.actions import ActionFilter
from core.services.app import open_services
from desktop.register.model import ActionTableModel, Col

GOAL = 0.100
KEYSTROKE_GOAL = 0.050
TYPED = "insulin"
FIRST_PAGE = """SELECT a.*, l.name, p.name FROM action a JOIN location l ON l.id = a.location_id
LEFT JOIN person p ON p.id = a.owner_id WHERE a.id IN ({ids})"""


def run() -> list[Row]:
    rows: list[Row] = []
    for size in sizes():
        rows += run_size(register_of(size), size)
    return rows


def run_size(path: Path, size: int) -> list[Row]:
    app = QApplication.instance() or QApplication([])
    services = open_services(path)
    raw = sqlite3.connect(path)
    model = ActionTableModel(services.actions)
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.show()

    def painted(step: Callable[[], None]) -> Callable[[], None]:
        def timed() -> None:
            step()
            view.viewport().repaint()  # synchronous: the rows the user sees are fetched and drawn
            app.processEvents()

        return timed

    def raw_ids(where: str, order: str, *params: object) -> None:
        """What the model does, by hand: the total, the first page's ids, then those rows."""
        raw.execute(f"SELECT count(*) FROM action a WHERE {where}", params).fetchone()
        ids = [
            r[0]
            for r in raw.execute(
                f"SELECT a.id FROM action a JOIN location l ON l.id = a.location_id "
                f"WHERE {where} ORDER BY {order} LIMIT 200",
                params,
            )
        ]
        raw.execute(FIRST_PAGE.format(ids=",".join(map(str, ids)))).fetchall()

    def reset() -> None:
        model.filter = ActionFilter()
        model.sort(Col.DUE, Qt.SortOrder.AscendingOrder)

    def type_the_word() -> None:
        """Each keystroke of 'insulin' re-queries (the filter bar waits for a pause; this does not)."""
        for n in range(1, len(TYPED) + 1):
            painted(partial(model.set_filter, ActionFilter(text=TYPED[:n])))()

    def raw_typing() -> None:
        for n in range(1, len(TYPED) + 1):
            word = TYPED[:n]
            raw_ids(f"(a.text LIKE '%{word}%' OR a.reference LIKE '%{word}%')", "a.due IS NULL, a.due, a.id")

    def sort_by_location() -> None:
        model.sort(Col.LOCATION, Qt.SortOrder.DescendingOrder)

    at = f"({size:,} actions)"
    keys = len(TYPED)
    rows = [
        Row(
            f"desktop register: set the data, sorted by due {at}",
            median_time(painted(model.reload), runs=7),
            median_time(lambda: raw_ids("1", "a.due IS NULL, a.due, a.id"), runs=7),
            "raw sqlite3",
            GOAL,
        ),
        Row(
            f"desktop register: sort by location {at}",
            median_after(reset, lambda _: painted(sort_by_location)()),
            median_time(lambda: raw_ids("1", "l.name DESC, a.reference DESC, a.id DESC"), runs=7),
            "raw sqlite3",
            GOAL,
        ),
        Row(
            f"desktop register: per keystroke typing '{TYPED}' {at}",
            median_after(reset, lambda _: type_the_word(), runs=5) / keys,
            median_time(raw_typing, runs=3) / keys,
            "LIKE scan per keystroke (before FTS5)",
            KEYSTROKE_GOAL,
        ),
    ]
    view.close()
    raw.close()
    services.close()
    return rows


if __name__ == "__main__":
    print_table(run())
