"""The desktop's action register with 100,000 actions, offscreen: the table model behind a real QTableView,
timed until the first screen of rows is painted. Baseline: the same queries (total, first page of ids, those
rows) by hand through raw sqlite3. Goal: each step under 100 ms."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_after, median_time, print_table
from core.domain.actions import ActionFilter
from core.services.app import open_services
from desktop.register.model import ActionTableModel, Col

GOAL = 0.100
FIRST_PAGE = """SELECT a.*, l.name, p.name FROM action a JOIN location l ON l.id = a.location_id
LEFT JOIN person p ON p.id = a.owner_id WHERE a.id IN ({ids})"""


def run(path: Path | None = None) -> list[Row]:
    path = path or cached_database()
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
        ids = [r[0] for r in raw.execute(f"SELECT a.id FROM action a JOIN location l ON l.id = a.location_id "
                                          f"WHERE {where} ORDER BY {order} LIMIT 200", params)]
        raw.execute(FIRST_PAGE.format(ids=",".join(map(str, ids)))).fetchall()

    def reset() -> None:
        model.filter = ActionFilter()
        model.sort(Col.DUE, Qt.SortOrder.AscendingOrder)

    def type_one_character() -> None:
        model.set_filter(ActionFilter(text="s"))

    def sort_by_location() -> None:
        model.sort(Col.LOCATION, Qt.SortOrder.DescendingOrder)

    rows = [
        Row("desktop register: set the data (100k rows, sorted by due)", median_time(painted(model.reload), runs=7),
            median_time(lambda: raw_ids("1", "a.due IS NULL, a.due, a.id"), runs=7), "raw sqlite3", GOAL),
        Row("desktop register: sort by location", median_after(reset, lambda _: painted(sort_by_location)()),
            median_time(lambda: raw_ids("1", "l.name DESC, a.reference DESC, a.id DESC"), runs=7), "raw sqlite3", GOAL),
        Row("desktop register: filter as the user types 's'", median_after(reset, lambda _: painted(type_one_character)()),
            median_time(lambda: raw_ids("(a.text LIKE '%s%' OR a.reference LIKE '%s%')",
                                        "a.due IS NULL, a.due, a.id"), runs=7), "raw sqlite3", GOAL),
    ]
    view.close()
    raw.close()
    services.close()
    return rows


if __name__ == "__main__":
    print_table(run())
