"""Every window and dialog fits the screens people have: 1280x720 and 1366x768 at 100 %, and 1920x1080 at
150 % (which Qt lays out as the same 1280x720 logical pixels). Each size runs tests/support/screen_probe.py
in its own process on an offscreen screen of that size, with the sample data loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "main-dashboard",
    "main-actions",
    "main-locations",
    "main-reports",
    "main-people",
    "action-editor",
    "dialog-action-plan",
    "dialog-meeting-pack",
    "dialog-cqc-plan",
    "dialog-person",
    "dialog-date",
    "dialog-shortcuts",
    "pdf-preview",
    "import-preview",
}


def probe(tmp_path: Path, width: int, height: int) -> list[dict]:
    config = tmp_path / "screen.json"
    screen = {
        "name": "laptop",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.screen_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1366, 768)])
def test_every_window_and_dialog_fits_the_screen(tmp_path, width, height):
    results = probe(tmp_path, width, height)
    assert {r["name"] for r in results} == EXPECTED
    for r in results:
        assert r["screen"] == [width, height]
        assert r["width"] <= width and r["height"] <= height, (r["name"], r["width"], r["height"])
        assert r["min_width"] <= width and r["min_height"] <= height, (
            f"{r['name']} needs at least {r['min_width']}x{r['min_height']}"
        )
        assert r["outside"] == [], f"{r['name']}: buttons cut off: {r['outside']}"
    # The main window was at least 1,242 px wide: the filter bar and the people buttons took one row each.
    assert max(r["min_width"] for r in results if r["name"].startswith("main-")) <= 900
