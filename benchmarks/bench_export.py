"""Exporting the action register to CSV and Excel at 10,000 and 100,000 actions, against the bare writers.

The baselines write the same rows, already in memory, with the csv module and with openpyxl's write-only
mode using plain values (no styles, no neutralising). The export also reads the actions: at 100k that
read (ActionQueries.summaries) alone takes about 6 s here, most of the CSV figure. Exports run off the
GUI thread with progress and a Cancel button, so the goals are for a user waiting on a progress bar.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from openpyxl import Workbook

from benchmarks.generate import cached_database
from benchmarks.harness import Row, median_time, print_table
from core.domain.actions import ActionFilter, SortKey
from core.reports.export import HEADERS, row_values
from core.services.app import open_services
from core.services.saving import export_register

GOALS = {(".csv", 10_000): 1.0, (".xlsx", 10_000): 3.0, (".csv", 100_000): 12.0, (".xlsx", 100_000): 35.0}


def run(path: Path | None = None) -> list[Row]:
    services = open_services(path or cached_database())
    all_ids = services.actions.ids(ActionFilter(), SortKey.DUE)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for count in (10_000, 100_000):
            ids = all_ids[:count]
            summaries = services.actions.summaries(ids)
            notes = services.actions.latest_notes(ids)
            plain = [row_values(s, notes.get(s.id)) for s in summaries]
            for suffix, goal, baseline in ((".csv", GOALS[".csv", count], _bare_csv),
                                           (".xlsx", GOALS[".xlsx", count], _bare_xlsx)):
                target = out / f"register{suffix}"

                def export(t: Path = target, i: list[int] = ids) -> None:
                    export_register(services.actions, i, t, filter_text="All actions",
                                    exported_at=dt.datetime(2026, 3, 2, 9, 30))

                runs = 3 if count <= 10_000 else 1
                rows.append(Row(f"export {count:,} actions to {suffix[1:]} (read + write)",
                                median_time(export, runs=runs, warmup=0),
                                median_time(lambda t=target, p=plain, b=baseline: b(p, t), runs=runs, warmup=0),
                                f"bare {suffix[1:]} writer, rows in memory", goal,
                                note=f"{target.stat().st_size / 1e6:.1f} MB"))
    services.close()
    return rows


def _bare_csv(rows: list[list[object]], target: Path) -> None:
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)


def _bare_xlsx(rows: list[list[object]], target: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(target)


if __name__ == "__main__":
    print_table(run())
