#!/usr/bin/env python3
"""Build Candour as one folder (dist/Candour) with PyInstaller, and smoke-test the built folder.

    python3 scripts/dev.py bundle            # build dist/Candour (for the system it runs on)
    python3 scripts/dev.py bundle --smoke    # build, then run the smoke test on it
    .venv/bin/python scripts/bundle.py --smoke-only   # smoke-test an existing dist/Candour

The smoke test runs the built programs, not the source: the command line reads a report PDF (in its child
process), makes a database with a governance lead, loads the sample data, prints an action plan PDF and writes
a CQC plan as a Word document, then the window opens offscreen on that database, signed in as the lead, and
closes once shown; every step must exit 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "candour.spec"
DIST = ROOT / "dist"
BUNDLE = DIST / "Candour"
EXE = ".exe" if os.name == "nt" else ""


def build() -> float:
    """Build dist/Candour; returns the seconds it took."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _report_pdf(target: Path) -> Path:
    """A sample report drawn as a PDF (with the tests' own drawing code, in this Python, not the bundle)."""
    sample = ROOT / "resources" / "samples" / "gp-practice-2018.txt"
    draw = (
        "import sys; from pathlib import Path; from tests.support.report_pdf import render_report_pdf; "
        "render_report_pdf(Path(sys.argv[1]).read_text(encoding='utf-8'), Path(sys.argv[2]), "
        "title='Fennick Road Surgery Inspection report')"
    )
    subprocess.run([sys.executable, "-c", draw, str(sample), str(target)], cwd=ROOT, check=True)
    return target


def smoke_test(bundle: Path = BUNDLE) -> None:
    """Raises CalledProcessError (or AssertionError) when the built folder does not work."""
    cli, window = bundle / f"candour-cli{EXE}", bundle / f"Candour{EXE}"
    with tempfile.TemporaryDirectory(prefix="candour-smoke-") as scratch:
        folder = Path(scratch)
        # A fresh user: nothing from the developer's environment or data folder may help the bundle along.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOUR_", "PYTHON", "VIRTUAL_ENV"))}
        env.update(
            QT_QPA_PLATFORM="offscreen",
            HOME=str(folder),
            USERPROFILE=str(folder),
            XDG_DATA_HOME=str(folder / "data"),
            LOCALAPPDATA=str(folder / "data"),
        )
        db, plan, lead = folder / "smoke.sqlite3", folder / "plan.pdf", "Smoke Test Lead"
        word = folder / "cqc-plan.docx"  # python-docx reads a template from its package data
        report = _report_pdf(folder / "gp-practice-2018.pdf")  # PDFs are read in a child process
        steps = [
            ("read a report PDF", [str(cli), "parse", str(report)], {}),
            ("make a database", [str(cli), "init", str(db), "--lead", lead], {}),
            ("load the sample data", [str(cli), "--db", str(db), "--user", lead, "demo"], {}),
            (
                "print an action plan",
                [str(cli), "--db", str(db), "--user", lead, "plan", "-o", str(plan)],
                {},
            ),
            (
                "write a CQC plan for Word",
                [
                    str(cli),
                    "--db",
                    str(db),
                    "--user",
                    lead,
                    "cqc-plan",
                    "--location",
                    "Larkspur House",
                    "-o",
                    str(word),
                ],
                {},
            ),
            (
                "open the window",
                [str(window), "--db", str(db), "--user", lead],
                {"CANDOUR_EXIT_WHEN_SHOWN": "1"},
            ),
        ]
        for what, command, extra in steps:
            start = time.perf_counter()
            result = subprocess.run(
                command, env={**env, **extra}, cwd=folder, capture_output=True, text=True, timeout=300
            )
            print(
                f"smoke: {what}: exit {result.returncode} ({time.perf_counter() - start:.1f} s) "
                f"{result.stdout.strip()[:300]}",
                flush=True,
            )
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                raise subprocess.CalledProcessError(result.returncode, command, result.stdout, result.stderr)
        assert plan.read_bytes()[:5] == b"%PDF-", f"{plan} is not a PDF"
        assert word.read_bytes()[:2] == b"PK", f"{word} is not a Word document"
        print(f"smoke: {plan.name} is a PDF of {plan.stat().st_size:,} bytes")


def main(argv: Sequence[str]) -> int:
    if "--smoke-only" not in argv:
        seconds = build()
        print(f"bundle: built {BUNDLE} in {seconds:.0f} s ({folder_size(BUNDLE) / 1e6:.0f} MB)", flush=True)
    if "--smoke" in argv or "--smoke-only" in argv:
        try:
            smoke_test()
        except (subprocess.CalledProcessError, AssertionError, OSError) as error:
            print(f"bundle: the smoke test failed: {error}", file=sys.stderr)
            return 1
        print("bundle: smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
