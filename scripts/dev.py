#!/usr/bin/env python3
"""One entry point for a fresh clone: set up .venv, then run Candour, the tests, the gates or the benchmarks.

    python3 scripts/dev.py app      # set up and launch Candour on its default database
    python3 scripts/dev.py test     # set up and run the whole test suite
    python3 scripts/dev.py gates    # set up and run the gates (lint, format, types, imports, portability)
    python3 scripts/dev.py bench    # set up and run the benchmarks
    python3 scripts/dev.py bundle   # set up and build the one-folder app in dist/Candour (PyInstaller)
    python3 scripts/dev.py lock     # re-resolve requirements.lock (every platform) after changing pyproject

Every install takes its versions from requirements.lock, so two set-ups a month apart get the same ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
DEV = "[test,dev,postgres]"  # one environment for tests, gates (mypy reads psycopg), bench, bundle
STAMP = VENV / ".candour-installed"
# Shared libraries Qt's offscreen and xcb platforms need on a bare Debian/Ubuntu.
APT_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxcb-util1",
    "libcups2",
    "libgssapi-krb5-2",
    "poppler-utils",
]


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _installed() -> tuple[str, set[str]]:
    """(pyproject hash, extras) of the last install into .venv; ("", set()) when there was none."""
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
        return str(stamp["pyproject"]), set(stamp["extras"])
    except (OSError, ValueError, KeyError, TypeError):
        return "", set()


def ensure_venv(extras: str) -> Path:
    """Create .venv and install Candour with these extras (e.g. "[test]"), unless that is already done.

    An install with more extras serves one with fewer: "app" after "test" installs nothing, and "test"
    after "app" adds only the test extras. pip's own output shows the progress.
    """
    fresh = not venv_python().exists()
    if fresh:
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    project = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    wanted = {e.strip() for e in extras.strip("[]").split(",") if e.strip()}
    done_for, done_extras = _installed()
    if done_for == project and wanted <= done_extras:
        return venv_python()
    extras_now = wanted | (done_extras if done_for == project else set())
    spec = f"{ROOT}[{','.join(sorted(extras_now))}]" if extras_now else str(ROOT)
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check"]
    if fresh:
        subprocess.run([*pip, "-q", "--upgrade", "pip"], check=True)
    print(
        f"Installing Candour{'[' + ','.join(sorted(extras_now)) + ']' if extras_now else ''} into .venv "
        "(about a minute the first time; pip lists each package as it goes) ...",
        flush=True,
    )
    # The versions come from requirements.lock: two installs a month apart get the same libraries.
    subprocess.run([*pip, "--progress-bar", "on", "-c", str(LOCK), "-e", spec], check=True)
    STAMP.write_text(json.dumps({"pyproject": project, "extras": sorted(extras_now)}), encoding="utf-8")
    return venv_python()


def ensure_system_libraries() -> None:
    """Install Qt's system libraries with apt where we are root on Debian and they are missing."""
    if os.name == "nt" or sys.platform == "darwin" or not shutil.which("apt-get") or not shutil.which("dpkg"):
        return
    missing = [
        p for p in APT_PACKAGES if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        print(f"Qt may need these system packages: sudo apt-get install {' '.join(missing)}")
        return
    print(f"Installing system packages: {' '.join(missing)}", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], env=env, check=False)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "app"
    rest = argv[1:]
    if command == "app":
        ensure_system_libraries()
        python = ensure_venv("")
        return subprocess.call([str(python), "-m", "desktop.main", *rest], cwd=ROOT)
    if command == "test":
        ensure_system_libraries()
        python = ensure_venv(DEV)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if command == "gates":
        python = ensure_venv(DEV)
        return subprocess.call([str(python), str(ROOT / "scripts" / "gates.py"), *rest], cwd=ROOT)
    if command == "bundle":
        ensure_system_libraries()
        python = ensure_venv(DEV)
        return subprocess.call([str(python), str(ROOT / "scripts" / "bundle.py"), *rest], cwd=ROOT)
    if command == "lock":
        python = ensure_venv(DEV)
        return subprocess.call(
            [
                str(python),
                "-m",
                "uv",
                "pip",
                "compile",
                "pyproject.toml",
                "--universal",
                "--python-version",
                "3.11",
                "--all-extras",
                "-o",
                LOCK.name,
                *rest,
            ],
            cwd=ROOT,
        )
    if command == "bench":
        ensure_system_libraries()
        python = ensure_venv(DEV)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return subprocess.call([str(python), "-m", "benchmarks", *rest], cwd=ROOT, env=env)
    print(__doc__)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        print(
            f"Set-up failed: {' '.join(map(str, error.cmd))} exited with status {error.returncode}.",
            file=sys.stderr,
        )
        sys.exit(1)
