"""Every benchmark, each in its own process (so one's imports and caches cannot flatter another), printed as
one table and written as JSON. Never fails on time: it measures.

    python -m benchmarks [--only NAME ...] [--json PATH]      (make bench / python3 scripts/dev.py bench)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from benchmarks.harness import Row, print_table

HERE = Path(__file__).resolve().parent
BENCHES = {
    "parse": "importing: the 40-page PDF and a folder of 50 reports",
    "services": "the register and dashboard through the service layer",
    "desktop": "the register's table model offscreen",
    "reports": "printed action plans of 1,000 and 10,000 actions",
    "board": "the board pack for 100,000 actions and the CQC plan with 1,000 steps",
    "export": "CSV and Excel export of the register",
    "startup": "cold start and peak memory of the app",
    "limits": "the bounded PDF reader (5,000 pages, a 1 GB page) and importing 100,000 actions",
    "server": "team mode on the local PostgreSQL server (100,000 actions) beside SQLite",
}
CHILD = """
import json, sys
from benchmarks.bench_{name} import run
json.dump([row.as_dict() for row in run()], sys.stdout)
"""
LIBRARIES = ["PySide6", "SQLAlchemy", "pydantic", "reportlab", "pypdfium2", "openpyxl"]


def run_bench(name: str) -> list[Row]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(name=name)],
        cwd=HERE.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"  {name}: failed ({last})", file=sys.stderr)
        return []
    if result.stderr.strip():  # what a benchmark says about itself, e.g. why it gave no figures
        print(result.stderr.rstrip(), file=sys.stderr)
    fields = {"figure", "median_s", "baseline_s", "baseline", "goal_s", "unit", "note"}
    return [Row(**{k: v for k, v in row.items() if k in fields}) for row in json.loads(result.stdout)]


def machine() -> dict[str, object]:
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "date": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "libraries": versions,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="run just these benchmarks")
    parser.add_argument(
        "--json", type=Path, default=HERE / "results" / "latest.json", help="where to write JSON"
    )
    args = parser.parse_args(argv)
    from benchmarks.generate import cached_database, register_of, sizes

    for size in sizes():
        print(f"Preparing the register of {size:,} actions (cached under benchmarks/.cache) ...", flush=True)
        register_of(size)
    cached_database()  # the export and printing benchmarks use the 100,000-action register
    rows: list[Row] = []
    for name in args.only or BENCHES:
        start = time.perf_counter()
        print(f"- {name}: {BENCHES[name]} ...", flush=True)
        rows += run_bench(name)
        print(f"  done in {time.perf_counter() - start:.0f} s", flush=True)
    print()
    print_table(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"machine": machine(), "rows": [r.as_dict() for r in rows]}, indent=2), encoding="utf-8"
    )
    print(f"\nWritten to {args.json}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
