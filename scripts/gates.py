#!/usr/bin/env python3
"""The gates that keep the house in order; each one failing fails the build (run by .ci/run).

    python3 scripts/dev.py gates          # set up .venv, then run every gate
    .venv/bin/python scripts/gates.py     # the same, in an existing .venv
    .venv/bin/python scripts/gates.py ruff mypy   # only the gates named

ruff (lint rules and formatting), mypy (strict on core, a lighter level on desktop: see pyproject.toml),
the import contracts of the layering (import-linter, [tool.importlinter] in pyproject.toml) and the
portability check (scripts/check_portability.py). Each gate runs to the end, so one run lists every finding.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ["core", "desktop", "tests", "benchmarks", "scripts"]
PYTHON = sys.executable
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
)

GATES: dict[str, list[str]] = {
    "ruff": [PYTHON, "-m", "ruff", "check", *CODE],
    "ruff-format": [PYTHON, "-m", "ruff", "format", "--check", *CODE],
    "mypy": [PYTHON, "-m", "mypy"],  # files and strictness: [tool.mypy] in pyproject.toml
    "imports": [PYTHON, "-c", LINT_IMPORTS, "--no-cache"],
    "portability": [PYTHON, str(ROOT / "scripts" / "check_portability.py")],
}


def run_gates(names: Sequence[str]) -> list[str]:
    """Run the named gates in order; returns the names of those that failed."""
    failed = []
    for name in names:
        print(f"== gate: {name}", flush=True)
        start = time.perf_counter()
        status = subprocess.call(GATES[name], cwd=ROOT)
        print(
            f"== gate: {name} {'passed' if status == 0 else 'FAILED'} ({time.perf_counter() - start:.1f} s)",
            flush=True,
        )
        if status != 0:
            failed.append(name)
    return failed


def main(argv: Sequence[str]) -> int:
    unknown = [name for name in argv if name not in GATES]
    if unknown:
        print(
            f"gates: no gate called {', '.join(unknown)}; the gates are {', '.join(GATES)}.", file=sys.stderr
        )
        return 2
    failed = run_gates(list(argv) or list(GATES))
    if failed:
        print(f"gates: {len(failed)} failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("gates: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
