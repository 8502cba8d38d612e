"""The model tester as this suite uses it (pytest-qt's qtmodeltester) fails a test whose model signals a
change wrongly after the first check: here a planted dataChanged with invalid indexes."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PLANTED = textwrap.dedent("""
    from PySide6.QtCore import QModelIndex

    from core.domain.parsed import ParsedLocation, ParsedReport
    from core.domain.vocabulary import ReportFormat
    from desktop.importing.action_model import PreviewActionModel


    def test_planted_invalid_data_changed(qtmodeltester):
        report = ParsedReport(source="x.txt", format=ReportFormat.TEXT, location=ParsedLocation(name="X"))
        model = PreviewActionModel(report)
        qtmodeltester.check(model)
        model.dataChanged.emit(QModelIndex(), QModelIndex())
""")


def test_a_planted_data_changed_with_invalid_indexes_fails_the_test(tmp_path):
    test_file = tmp_path / "test_planted.py"
    test_file.write_text(PLANTED, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(ROOT),
            "-c",
            str(ROOT / "pyproject.toml"),
            str(test_file),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout
    assert "topLeft.isValid()" in result.stdout
