"""The command line prints names, notes and file names literally: no control character reaches the terminal,
a line break in a name cannot start a forged line, and a closed pipe ends quietly."""

from __future__ import annotations

import io
from pathlib import Path

from core.cli.main import main
from core.services.app import open_services
from core.services.context import ServiceContext
from core.store.db import Database

ESCAPES = "\x1b[2K\r\x1b]0;owned\x07\x08\x9b31m"
FORGED = "2026-01-01 00:00  admin            action   status: open → verified"


def seed(db: Path) -> str:
    """A database whose people, places, notes and user names hold escape codes; the hostile user is
    signed in for the changes (CANDOUR_USER names a person)."""
    open_services(db, create=True).close()
    services = open_services(ctx=ServiceContext(db=Database(db), actor=f"Mallory{ESCAPES}"))
    try:
        services.people.add(f"Mallory{ESCAPES}")
        services.people.add(f"Trudy{ESCAPES}")
        location = services.locations.add(f"Ward{ESCAPES}")
        owner = services.people.add(f"Eve{ESCAPES}", role=f"Lead{ESCAPES}")
        from core.domain.vocabulary import ActionKind

        action = services.edits.create(location.id, ActionKind.MUST, f"Text{ESCAPES}", owner_id=owner.id)
        services.edits.add_note(action.id, f"Note{ESCAPES}")
        services.people.add(f"Zed\n{FORGED}")
        return action.summary.reference
    finally:
        services.close()


def assert_clean(text: str) -> None:
    assert not any(c in text for c in "\x1b\r\x07\x08\x9b"), repr(text)


def test_every_listing_prints_without_control_characters(tmp_path, capsys, monkeypatch):
    db = tmp_path / "c.sqlite3"
    reference = seed(db)
    monkeypatch.setenv("CANDOUR_USER", f"Trudy{ESCAPES}")
    for command in (
        ["people"],
        ["actions"],
        ["show", reference],
        ["history", reference],
        ["update", reference, "--note", f"More{ESCAPES}"],
        ["people", "add", f"New{ESCAPES}"],
        ["show", f"NOPE{ESCAPES}"],
    ):
        main(["--db", str(db), *command])
        out, err = capsys.readouterr()
        assert_clean(out)
        assert_clean(err)
        assert not any(line.startswith(FORGED) for line in out.splitlines()), out


def test_a_file_name_with_escape_codes_is_printed_literally(tmp_path, capsys):
    hostile = tmp_path / f"report{ESCAPES.replace('/', '')}.txt"
    hostile.write_text("hello", encoding="utf-8")
    open_services(tmp_path / "c.sqlite3", create=True).close()
    code = main(["--db", str(tmp_path / "c.sqlite3"), "import", str(hostile)])
    out, err = capsys.readouterr()
    assert code != 0
    assert "report" in err
    assert_clean(out + err)


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly_without_a_traceback(tmp_path, capsys, monkeypatch):
    db = tmp_path / "c.sqlite3"
    reference = seed(db)
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    code = main(["--db", str(db), "show", reference])
    err = capsys.readouterr().err
    assert code == 0  # `candour show REF | head`: the reader had all it wanted
    assert err == ""
