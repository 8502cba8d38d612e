"""Cold start of the whole app, as a process, to a shown main window on the large register (offscreen), and
the peak resident memory of that process with the register open. Baseline: a minimal PySide6 window process.
Goal: under 1.5 s."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import cached_database
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
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        if status != 0:
            raise RuntimeError(f"{' '.join(command)} exited with status {status}")
        peaks.append(usage.ru_maxrss / 1024)  # kilobytes on Linux
    times.sort()
    peaks.sort()
    return times[len(times) // 2], peaks[len(peaks) // 2]


def run(path: Path | None = None, runs: int = 5) -> list[Row]:
    path = path or cached_database()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CANDOUR_EXIT_WHEN_SHOWN="1")
    app_time, app_peak = _timed_process([sys.executable, "-m", "core.cli.main", "--db", str(path), "--user", "Owner 001"], env, runs)
    base_time, base_peak = _timed_process([sys.executable, "-c", MINIMAL_WINDOW], env, runs)
    return [
        Row("cold start to a shown main window (100k actions)", app_time, base_time, "minimal PySide6 window", 1.5),
        Row("peak memory with the register open (100k actions)", app_peak, base_peak, "minimal PySide6 window",
            unit="MB"),
    ]


if __name__ == "__main__":
    print_table(run())
