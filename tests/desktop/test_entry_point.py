"""The `candour` entry point (desktop.main): the window with no command, the command line otherwise."""

import subprocess
import sys

import pytest

from desktop import main as entry


def test_a_command_goes_to_the_command_line_and_never_opens_the_window(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(entry, "open_window", lambda db, user: pytest.fail("the window opened"))
    db = str(tmp_path / "x.sqlite3")
    assert entry.main(["init", db, "--lead", "Ann Lee"]) == 0
    assert entry.main(["--db", db, "people"]) == 0
    out, err = capsys.readouterr()
    assert "Ann Lee" in out and "Traceback" not in err


def test_no_command_opens_the_window_with_the_database_and_user_given(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(entry, "open_window", lambda db, user: opened.append((db, user)) or 0)
    db = str(tmp_path / "x.sqlite3")
    assert entry.main(["--db", db, "--user", "ann"]) == 0
    assert opened == [(db, "ann")]


def test_the_command_line_alone_asks_for_a_command(capsys):
    assert entry.run_command([]) == 2
    assert "choose a command" in capsys.readouterr().err


def test_console_script_without_display_says_so(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.main", "--db", str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("candour: no graphical display is available")
    assert "Traceback" not in result.stderr


def test_commands_do_not_load_qt(tmp_path):
    """`candour actions` starts as fast as the command line alone: Qt is loaded only for the window."""
    code = (
        "import sys; from desktop.main import main; "
        "status = main(['init', sys.argv[1]]) or main(['--db', sys.argv[1], 'people']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was loaded'; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.sqlite3")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
