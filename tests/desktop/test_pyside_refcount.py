"""PySide6 6.12.0 on CPython 3.11 corrupts None's refcount and aborts; pyproject.toml's pin prevents it."""

import os
import subprocess
import sys


def test_installed_pyside_does_not_leak_none_references(shared_dir):
    checker = shared_dir / "tools" / "check_pyside_none_refcount.py"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(checker)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "None refcount change" in result.stdout
