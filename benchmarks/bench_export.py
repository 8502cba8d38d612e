"""Exporting the action register to CSV and Excel at 10,000 and 100,000 actions, against the bare writers.

Like for like: the CSV baseline reads the same rows with raw sqlite3 (the same joins) and writes them with
the bare csv module; the Excel baseline writes the rows, already in memory, with openpyxl's write-only mode
and plain values (no styles, no neutralising). The growth ratio (time per row at 100k over time per row at
10k) shows whether the export is linear. Exports run off the GUI thread with progress and a Cancel button.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from openpyxl import Workbook

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_time, print_table
from core.domain.actions import ActionFilter, SortKey
from core.reports.export import HEADERS, row_values
from core.services.app import open_services
from core.services.saving import export_register

GOALS = {(".csv", 10_000): 1.0, (".xlsx", 10_000): 3.0, (".csv", 100_000): 12.0, (".xlsx", 100_000): 35.0}
RAW_ROWS = """SELECT a.*, l.name, p.name,
(SELECT n.text FROM note n WHERE n.action_id = a.id ORDER BY n.created_at DESC, n.id DESC LIMIT 1)
FROM action a JOIN location l ON l.id = a.location_id LEFT JOIN person p ON p.id = a.owner_id
WHERE a.id IN ({ids})"""


def run(path: Path | None = None) -> list[Row]:
    services = open_services(path or cached_database())
    all_ids = services.actions.ids(ActionFilter(), SortKey.DUE)
    rows: list[Row] = []
    per_row: dict[str, list[float]] = {".csv": [], ".xlsx": []}
    raw = sqlite3.connect(path or cached_database())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for count in (10_000, 100_000):
            ids = all_ids[:count]
            summaries = services.actions.summaries(ids)
            notes = services.actions.latest_notes(ids)
            plain = [row_values(s, notes.get(s.id)) for s in summaries]
            bare_csv = partial(_raw_csv, raw, ids)
            for suffix, goal, baseline in (
                (".csv", GOALS[".csv", count], lambda _p, t, b=bare_csv: b(t)),
                (".xlsx", GOALS[".xlsx", count], _bare_xlsx),
            ):
                target = out / f"register{suffix}"

                def export(t: Path = target, i: list[int] = ids) -> None:
                    export_register(
                        services.actions,
                        i,
                        t,
                        filter_text="All actions",
                        exported_at=dt.datetime(2026, 3, 2, 9, 30),
                    )

                runs = 3 if count <= 10_000 else 1
                took = median_time(export, runs=runs, warmup=0)
                per_row[suffix].append(took / count)
                growth = (
                    f"; growth {per_row[suffix][-1] / per_row[suffix][0]:.2f}x per row vs 10k"
                    if count > 10_000
                    else ""
                )
                rows.append(
                    Row(
                        f"export {count:,} actions to {suffix[1:]} (read + write)",
                        took,
                        median_time(partial(baseline, plain, target), runs=runs, warmup=0),
                        "raw sqlite3 read + bare csv writer"
                        if suffix == ".csv"
                        else "bare xlsx writer, rows in memory",
                        goal,
                        note=f"{target.stat().st_size / 1e6:.1f} MB{growth}",
                    )
                )
    raw.close()
    services.close()
    return rows


def _raw_csv(raw: sqlite3.Connection, ids: list[int], target: Path) -> None:
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for start in range(0, len(ids), 500):
            chunk = ",".join(map(str, ids[start : start + 500]))
            writer.writerows(raw.execute(RAW_ROWS.format(ids=chunk)))


def _bare_xlsx(rows: Sequence[Sequence[object]], target: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(target)


if __name__ == "__main__":
    print_table(run())
