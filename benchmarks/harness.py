"""Timing helpers shared by the benchmarks: medians of several runs, rows with a same-run baseline.

CANDOUR_BENCH_CLOCK=cpu times with the process's CPU time instead of the wall clock: on a machine shared
with other work the wall clock counts their time too, while CPU time counts only this process's work (for
the in-process figures; start-up is always timed by the wall clock).
"""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

CPU_CLOCK = os.environ.get("CANDOUR_BENCH_CLOCK") == "cpu"
clock = time.process_time if CPU_CLOCK else time.perf_counter


@dataclass
class Row:
    figure: str
    median_s: float
    baseline_s: float | None = None
    baseline: str = ""
    goal_s: float | None = None
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline_s and self.baseline_s > 0:
            return self.median_s / self.baseline_s
        return None

    @property
    def passed(self) -> bool | None:
        return None if self.goal_s is None else self.median_s <= self.goal_s

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ratio": self.ratio, "passed": self.passed}


def median_time(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> float:
    """Median wall time of fn over `runs` calls, after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        gc.collect()
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def median_after(prepare: Callable[[], Any], step: Callable[[Any], object], runs: int = 7) -> float:
    """Median wall time of step(prepare()), each run starting from what an untimed prepare() returns."""
    times = []
    for n in range(runs + 1):  # the first run warms up
        state = prepare()
        gc.collect()
        start = clock()
        step(state)
        if n:
            times.append(clock() - start)
    return statistics.median(times)


def format_value(seconds: float | None, unit: str) -> str:
    if seconds is None:
        return "—"
    if unit == "MB":
        return f"{seconds:.0f} MB"
    if unit != "s":
        return f"{seconds:.1f} {unit}"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_table(rows: list[Row]) -> None:
    if CPU_CLOCK:
        print("(in-process figures are CPU time: CANDOUR_BENCH_CLOCK=cpu)")
    headers = ["figure", "median", "baseline", "ratio", "goal", "result"]
    table = [
        [
            r.figure,
            format_value(r.median_s, r.unit),
            f"{format_value(r.baseline_s, r.unit)} {r.baseline}".strip() if r.baseline_s is not None else "—",
            f"{r.ratio:.2f}x" if r.ratio is not None else "—",
            f"< {format_value(r.goal_s, r.unit)}" if r.goal_s is not None else "—",
            {True: "pass", False: "MISS", None: "—"}[r.passed],
        ]
        for r in rows
    ]
    widths = [max([len(h), *(len(row[i]) for row in table)]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
