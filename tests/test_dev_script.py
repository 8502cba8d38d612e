"""scripts/dev.py installs once: the app after the tests (or the tests after the app) reinstalls nothing it
has."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def dev(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "scripts" / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    venv = tmp_path / ".venv"
    python = venv / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    monkeypatch.setattr(module, "VENV", venv)
    monkeypatch.setattr(module, "STAMP", venv / ".candour-installed")
    monkeypatch.setattr(module, "venv_python", lambda: python)
    calls: list[list[str]] = []
    monkeypatch.setattr(module.subprocess, "run", lambda command, check: calls.append(command))
    module.calls = calls
    return module


def installs(calls: list[list[str]]) -> list[str]:
    return [c[-1] for c in calls if "-e" in c]


def test_tests_then_app_installs_once(dev):
    dev.ensure_venv("[test]")
    dev.ensure_venv("")
    dev.ensure_venv("[test]")
    assert installs(dev.calls) == [f"{ROOT}[test]"]
    assert "--progress-bar" in next(c for c in dev.calls if "-e" in c)  # pip shows its progress


def test_app_then_tests_adds_only_the_test_extras_and_then_nothing(dev):
    dev.ensure_venv("")
    dev.ensure_venv("[test]")
    dev.ensure_venv("")
    assert installs(dev.calls) == [str(ROOT), f"{ROOT}[test]"]
    assert json.loads(dev.STAMP.read_text(encoding="utf-8"))["extras"] == ["test"]


def test_a_changed_pyproject_installs_again(dev, monkeypatch):
    dev.ensure_venv("[test]")
    dev.STAMP.write_text(json.dumps({"pyproject": "an older one", "extras": ["test"]}), encoding="utf-8")
    dev.ensure_venv("[test]")
    assert len(installs(dev.calls)) == 2
