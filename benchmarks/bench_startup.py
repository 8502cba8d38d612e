"""Cold start of the whole app, as a process, to a shown main window on registers of 10k, 100k and 1M actions
(offscreen), and the peak resident memory of that process. Baseline: a minimal PySide6 window process, timed
the same way. Goals: under 1.0 s at 100k, under 2.0 s at 1M.

"Shown" is the window shown after one event-loop pass, with the view the user had last (the dashboard on a
fresh settings file): the child prints the wall-clock moment, and the figure runs from just before the process
is started to that moment. What happens after it (the reads already under way finishing, the WAL
checkpointed on exit) is not start-up, and is reported separately as the whole process's lifetime.

An installed Candour has its bytecode (pip and the bundle compile it); a checkout run with
PYTHONDONTWRITEBYTECODE would compile every module of its own on each start, so one untimed warm-up run per
command writes the bytecode first.
"""

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
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def shown():
    print(f"shown at {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _timed_process(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """Medians over `runs` fresh processes of: seconds to the shown window, seconds to the process's exit,
    and peak RSS in MB."""
    warm = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, env=warm, cwd=ROOT, capture_output=True, check=True)
    shown, lifetimes, peaks = [], [], []
    for _ in range(runs):
        start, started = time.time(), time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        if os.name == "nt":  # Windows has no wait4: the time is measured, the peak memory is not
            status, peak = process.wait(), float("nan")
        else:
            _pid, status, usage = os.wait4(process.pid, 0)
            peak = usage.ru_maxrss / 1024  # kilobytes on Linux
        lifetimes.append(time.perf_counter() - started)
        output = process.stdout.read() if process.stdout else ""
        if status != 0 or "shown at " not in output:
            raise RuntimeError(f"{' '.join(command)} exited with status {status} without showing a window")
        shown.append(float(output.split("shown at ")[-1].split()[0]) - start)
        peaks.append(peak)
    return _median(shown), _median(lifetimes), _median(peaks)


GOALS = {10_000: 1.0, 100_000: 1.0, 1_000_000: 2.0}


def run(runs: int = 5) -> list[Row]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CANDOUR_EXIT_WHEN_SHOWN="1")
    base_shown, base_life, base_peak = _timed_process([sys.executable, "-c", MINIMAL_WINDOW], env, runs)
    rows: list[Row] = []
    first: float | None = None
    for size in sizes():
        path = register_of(size)
        app_shown, app_life, app_peak = _timed_process(
            [sys.executable, "-m", "desktop.main", "--db", str(path), "--user", "Owner 001"], env, runs
        )
        first = first or app_shown
        rows += [
            Row(
                f"cold start to a shown main window ({size:,} actions)",
                app_shown,
                base_shown,
                "minimal PySide6 window",
                GOALS.get(size),
                note=f"{app_shown / first:.2f}x the smallest register",
            ),
            Row(
                f"whole process: start, show, finish the first reads, exit ({size:,} actions)",
                app_life,
                base_life,
                "minimal PySide6 window",
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
