"""The importer within limits (issue 11): reading a 5,000-page PDF and a page that expands to 1 GB in the
bounded reader (a child process watched for memory and time), and importing 1,000, 10,000 and 100,000
actions, whose time per action must stay flat (a reference is counted on, not found by scanning the table).

Peak memory is the reading process's own: read directly, in a process of its own (its maximum resident
size); in the bounded reader, the most the watching parent saw the child use (it looks every 20 ms). The
ratio of each import row is its time per action against that at 1,000 actions: flat is 1.0.
Run alone: python -m benchmarks.bench_limits
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Row
from core.importing import sandbox
from core.importing.sandbox import MEMORY_LIMIT, pdf_to_text_bounded

PAGES = 5_000
EXPANDED_MB = 1_100
ACTION_COUNTS = (1_000, 10_000, 100_000)
ROOT = Path(__file__).resolve().parents[1]

_PEAK = """
import json, resource, sys, time
from pathlib import Path
from core.importing.pdf_text import pdf_to_text
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
pdf_to_text(data, "x.pdf")
print(json.dumps([time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""


def _unbounded(path: Path) -> tuple[float, float]:
    """(seconds, peak MB) of the reader run directly, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    seconds, peak = json.loads(done.stdout)
    return seconds, peak


def _bounded(path: Path) -> tuple[float, str, float]:
    """(seconds, outcome, peak MB of the reading child as the watching parent saw it, every 20 ms)."""
    data = path.read_bytes()
    peak = [0]
    watch = sandbox._resident

    def watched(process: Any) -> int:
        peak[0] = max(peak[0], resident := watch(process))
        return resident

    sandbox._resident = watched
    start = time.perf_counter()
    try:
        pdf_to_text_bounded(data, path.name)
        outcome = "read"
    except Exception as error:  # noqa: BLE001 - the outcome is what is measured
        outcome = str(error)
    finally:
        sandbox._resident = watch
    return time.perf_counter() - start, outcome, peak[0] / 2**20


def _pdf_rows(folder: Path) -> list[Row]:
    from core.paths import resource_path
    from tests.support.hostile_pdf import expanding_pdf, many_pages_pdf

    lines = (
        (resource_path("samples") / "asc-inadequate-care-home-2022.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    pages = many_pages_pdf(folder / "pages.pdf", PAGES, lines[:50])
    plain_s, plain_peak = _unbounded(pages)
    bounded_s, outcome, bounded_peak = _bounded(pages)
    rows = [
        Row(
            f"{PAGES:,}-page PDF read in the bounded reader",
            bounded_s,
            plain_s,
            "read directly",
            note=outcome,
        ),
        Row(
            f"{PAGES:,}-page PDF: peak memory of the bounded reader's process",
            bounded_peak,
            plain_peak,
            "read directly",
            unit="MB",
        ),
    ]
    bomb = expanding_pdf(folder / "bomb.pdf", EXPANDED_MB)
    bounded_s, outcome, bounded_peak = _bounded(bomb)
    rows.append(
        Row(
            f"{bomb.stat().st_size / 1e6:.1f} MB PDF whose page expands to {EXPANDED_MB:,} MB: refused",
            bounded_s,
            note=(
                f"{outcome} (peak {bounded_peak:.0f} MB seen in the reader's process; allowance "
                f"{MEMORY_LIMIT // 2**20} MB, the child is stopped there)"
            ),
        )
    )
    rows.append(Row("the expanding page: peak memory of the reader's process", bounded_peak, unit="MB"))
    return rows


def _import_rows(folder: Path) -> list[Row]:
    from core.services.app import open_services
    from tests.support.big_report import loaded_report

    rows: list[Row] = []
    for count in ACTION_COUNTS:
        services = open_services(folder / f"import-{count}.sqlite3", create=True)
        try:
            loaded = loaded_report(count)
            start = time.perf_counter()
            services.imports.commit(loaded)
            seconds = time.perf_counter() - start
        finally:
            services.close()
        first = rows[0].median_s if rows else None  # the ratio is the growth per action from the first count
        rows.append(
            Row(
                f"import {count:,} actions ({seconds:.1f} s in all): time per action",
                seconds / count * 1e6,
                first,
                f"per action at {ACTION_COUNTS[0]:,}" if first else "",
                unit="µs",
                note=f"{seconds:.1f} s in all, in one write transaction",
            )
        )
    return rows


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        return [*_pdf_rows(folder), *_import_rows(folder)]


if __name__ == "__main__":
    from benchmarks.harness import print_table

    print_table(run())
