"""Cold start of the whole app, as a process, to a shown main window on registers of 10k, 100k and 1M actions
(offscreen), and the peak resident memory of that process. Baseline: a minimal PySide6 window process.
Goals: under 1.0 s at 100k, under 2.0 s at 1M. "Shown" is the window shown after one event-loop pass, with
the view the user had last (the register by default on a fresh settings file: the dashboard)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import register_of, sizes
from benchmarks.harness import Row, print_table

ROOT = Path(__file__).resolve().parent.parent
MINIMAL_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _timed_process(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """(median seconds, median peak RSS in MB) of a command run `runs` times, each in a fresh process."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if os.name == "nt":  # Windows has no wait4: the time is measured, the peak memory is not
            status, peak = process.wait(), float("nan")
        else:
            _pid, status, usage = os.wait4(process.pid, 0)
            peak = usage.ru_maxrss / 1024  # kilobytes on Linux
        times.append(time.perf_counter() - start)
        if status != 0:
            raise RuntimeError(f"{' '.join(command)} exited with status {status}")
        peaks.append(peak)
    times.sort()
    peaks.sort()
    return times[len(times) // 2], peaks[len(peaks) // 2]


GOALS = {10_000: 1.0, 100_000: 1.0, 1_000_000: 2.0}


def run(runs: int = 5) -> list[Row]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CANDOUR_EXIT_WHEN_SHOWN="1")
    base_time, base_peak = _timed_process([sys.executable, "-c", MINIMAL_WINDOW], env, runs)
    rows: list[Row] = []
    first: float | None = None
    for size in sizes():
        path = register_of(size)
        app_time, app_peak = _timed_process(
            [sys.executable, "-m", "desktop.main", "--db", str(path), "--user", "Owner 001"], env, runs
        )
        first = first or app_time
        rows += [
            Row(
                f"cold start to a shown main window ({size:,} actions)",
                app_time,
                base_time,
                "minimal PySide6 window",
                GOALS.get(size),
                note=f"{app_time / first:.2f}x the smallest register",
            ),
            Row(
                f"peak memory with the window open ({size:,} actions)",
                app_peak,
                base_peak,
                "minimal PySide6 window",
                unit="MB",
            ),
        ]
    return rows


if __name__ == "__main__":
    print_table(run())
