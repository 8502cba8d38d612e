"""The importer within limits (issue 11): reading a 5,000-page PDF and a page that expands to 1 GB in the
bounded reader (a child process watched for memory and time), and importing 1,000, 10,000 and 100,000
actions, whose time per action must stay flat (a reference is counted on, not found by scanning the table).

Peak memory is the reading process's own (the child's, measured in a separate process here: the bounded
reader's children belong to the fork server). Run alone: python -m benchmarks.bench_limits
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Row
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


def _bounded(path: Path) -> tuple[float, str]:
    data = path.read_bytes()
    start = time.perf_counter()
    try:
        pdf_to_text_bounded(data, path.name)
        outcome = "read"
    except Exception as error:  # noqa: BLE001 - the outcome is what is measured
        outcome = str(error)
    return time.perf_counter() - start, outcome


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
    bounded_s, outcome = _bounded(pages)
    rows = [
        Row(
            f"{PAGES:,}-page PDF read in the bounded reader",
            bounded_s,
            plain_s,
            "read directly",
            note=f"{outcome}; direct peak {plain_peak:.0f} MB",
        )
    ]
    bomb = expanding_pdf(folder / "bomb.pdf", EXPANDED_MB)
    bounded_s, outcome = _bounded(bomb)
    rows.append(
        Row(
            f"{bomb.stat().st_size / 1e6:.1f} MB PDF whose page expands to {EXPANDED_MB:,} MB: refused",
            bounded_s,
            note=f"{outcome} (allowance {MEMORY_LIMIT // 2**20} MB; the child is stopped there)",
        )
    )
    return rows


def _import_rows(folder: Path) -> list[Row]:
    from core.services.app import open_services
    from tests.support.big_report import loaded_report

    rows = []
    for count in ACTION_COUNTS:
        services = open_services(folder / f"import-{count}.sqlite3", create=True)
        try:
            loaded = loaded_report(count)
            start = time.perf_counter()
            services.imports.commit(loaded)
            seconds = time.perf_counter() - start
        finally:
            services.close()
        rows.append(
            Row(
                f"import {count:,} actions: time per action",
                seconds / count * 1000,
                unit="ms",
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
