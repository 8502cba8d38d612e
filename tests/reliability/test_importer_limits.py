"""The importer within limits: a PDF is read in a child process with a memory allowance and a time limit,
only regular files are read, and a folder that cannot be read is reported, never skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli.main import main
from core.domain.errors import ReportImportError
from core.importing import load_file, sandbox
from core.importing.pdf_text import pdf_to_text
from core.paths import resource_path
from core.services.app import open_services
from tests.reliability.test_bad_input import text_pdf
from tests.support.hostile_pdf import expanding_pdf, many_pages_pdf

SAMPLE = resource_path("samples") / "asc-inadequate-care-home-2022.txt"
ROOT = Path(__file__).resolve().parents[2]


def candour(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command line in its own process, so a hang or an abort fails the test instead of the run."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from core.cli.main import main; sys.exit(main())", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def test_a_page_that_expands_past_the_allowance_is_refused_in_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "MEMORY_LIMIT", 128 * 1024 * 1024)
    pdf = expanding_pdf(tmp_path / "bomb.pdf", expanded_mb=400)
    assert pdf.stat().st_size < 1024 * 1024
    with pytest.raises(
        ReportImportError, match=r"bomb\.pdf was not imported: this PDF would need more than 128 MB"
    ):
        load_file(pdf)


def test_a_pdf_that_reads_for_too_long_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT_S", 0.2)
    pdf = many_pages_pdf(tmp_path / "slow.pdf", 3000, SAMPLE.read_text(encoding="utf-8").splitlines()[:60])
    with pytest.raises(ReportImportError, match=r"slow\.pdf was not imported: reading it took longer than"):
        load_file(pdf)


def test_the_reader_still_reads_an_ordinary_pdf(tmp_path):
    data = text_pdf(tmp_path / "fine.pdf", SAMPLE.read_text(encoding="utf-8").splitlines()).read_bytes()
    text = sandbox.pdf_to_text_bounded(data, "fine.pdf")
    assert "Inspection report" in text or "inspection" in text.lower()
    assert text == pdf_to_text(data, "fine.pdf")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
@pytest.mark.parametrize("command", ["parse", "import"])
def test_a_named_pipe_called_report_pdf_is_refused_not_waited_on(tmp_path, command):
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    open_services(tmp_path / "c.sqlite3", create=True).close()
    done = candour("--db", str(tmp_path / "c.sqlite3"), command, str(fifo))
    assert done.returncode != 0
    assert "report.pdf is not a regular file (it is a named pipe)" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="/dev/zero is a POSIX device")
def test_a_device_is_refused_in_one_sentence(tmp_path):
    done = candour("parse", "/dev/zero")
    assert done.returncode == 2
    assert done.stderr.strip() == "candour: zero is not a regular file (it is a device), so it was not read."


def test_a_folder_with_an_unreadable_sub_folder_says_so(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "report.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    locked = str(folder / "locked")
    real_scandir = os.scandir

    def scandir(path="."):  # chmod 000 does not stop root, so the refusal is made here
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    open_services(tmp_path / "c.sqlite3", create=True).close()
    monkeypatch.setattr(os, "scandir", scandir)
    code = main(["--db", str(tmp_path / "c.sqlite3"), "import", str(folder)])
    err = capsys.readouterr().err
    assert code != 0
    assert f"{locked} could not be read (permission denied)" in err
