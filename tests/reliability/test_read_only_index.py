"""A leftover -shm file the user may not write (another user's, or marked read-only) does not keep a
writable database read-only: with nobody else using the database it is removed and the save goes through;
with someone else using it, the file is left alone and the refusal names it.

The user who may not write the -shm is played by a second process: as root (who may write any file) it
runs as the user 'nobody' (setpriv), and otherwise as the same user with the file made read-only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from core.services.app import open_services

ROOT = Path(__file__).resolve().parents[2]
AS_ROOT = os.geteuid() == 0 if sys.platform != "win32" else False
NOBODY = 65534
SAVE = """
import sys
from pathlib import Path
from core.domain.errors import CandourError
from core.services.app import open_services
services = open_services(Path(sys.argv[1]))
try:
    services.people.add(sys.argv[2])
    print("saved")
except CandourError as error:
    print(error)
finally:
    services.close()
"""

HOLD = """
import sqlite3, sys
holder = sqlite3.connect(sys.argv[1])
holder.execute("SELECT count(*) FROM person").fetchone()
print("open", flush=True)
sys.stdin.readline()
holder.close()
"""


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder the second process's user may write (pytest's own folder is private to this user)."""
    if AS_ROOT and not shutil.which("setpriv"):
        pytest.skip("as root the other user is played with setpriv, which this machine lacks")
    made = Path(tempfile.mkdtemp(prefix="candour-shm-"))
    yield made
    shutil.rmtree(made, ignore_errors=True)


def database_with_leftover_index(folder: Path) -> Path:
    """A database someone else last used, their -shm file left behind, not writable by the user."""
    path = folder / "c.sqlite3"
    services = open_services(path, create=True)
    services.people.add("Ann Able")
    services.close()
    with closing(sqlite3.connect(path)) as other:  # another user's session, its index kept as it was
        other.execute("SELECT count(*) FROM person").fetchone()
        shutil.copy(path.with_name("c.sqlite3-shm"), folder / "left-behind")
    shutil.move(folder / "left-behind", path.with_name("c.sqlite3-shm"))
    if sys.platform != "win32" and AS_ROOT:
        for item in (folder, path):
            os.chown(item, NOBODY, NOBODY)  # the index stays root's, readable but not writable by nobody
    else:
        path.with_name("c.sqlite3-shm").chmod(0o444)
    return path


def as_the_user(script: str, *args: str) -> list[str]:
    """The command that runs a Python script as the user who may not write the -shm file."""
    become = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if AS_ROOT else []
    return [*become, sys.executable, "-c", script, *args]


def save_as_the_user(path: Path, name: str) -> str:
    done = subprocess.run(
        as_the_user(SAVE, str(path), name),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout.strip()


def people(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as reader:
        return [name for (name,) in reader.execute("SELECT name FROM person ORDER BY name")]


def test_a_leftover_index_the_user_may_not_write_does_not_make_the_database_read_only(folder):
    path = database_with_leftover_index(folder)
    assert save_as_the_user(path, "Ben Bold") == "saved"
    assert people(path) == ["Ann Able", "Ben Bold"]


def test_an_index_in_use_by_another_program_is_left_alone_and_named(folder):
    path = database_with_leftover_index(folder)
    # another program has the database open (as a user who may not write the -shm file either: root's
    # SQLite would hand the file to the database's owner)
    with subprocess.Popen(
        as_the_user(HOLD, str(path)), cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "open"
        said = save_as_the_user(path, "Ben Bold")
        assert path.with_name("c.sqlite3-shm").exists()
        holder.stdin.write("done\n")
        holder.stdin.flush()
    assert said == (
        f"{path} cannot be saved: its c.sqlite3-shm file may not be written by you and another program "
        "has the database open; close Candour everywhere else, then try again."
    )
    assert people(path) == ["Ann Able"]
