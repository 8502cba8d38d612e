"""Undo scoped to what it undoes, and evidence opened and erased safely."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest

from core.cli.main import main
from core.domain.errors import RuleViolation
from core.files import private_temp_folder
from desktop.editor.manager import EditorManager
from tests.desktop.conftest import FakeDialogs


@pytest.fixture
def editors(qtbot, services, register):
    dialogs = FakeDialogs()
    built = EditorManager(services, dialogs, neighbour=lambda _id, _step: None)
    yield built, dialogs
    built.close_all()


def test_an_undo_never_deletes_a_note_on_another_action(qtbot, editors, services, register, sqlite_file):
    manager, _dialogs = editors
    editor = manager.open(register["must"].id)
    qtbot.addWidget(editor)
    editor.ctl.add_note("My note on the MUST action.")
    mine = services.actions.get(register["must"].id).notes[0].id
    with sqlite3.connect(
        sqlite_file
    ) as raw:  # a restore brings back a copy without it, and the id is free again
        raw.execute("DELETE FROM note WHERE id = ?", (mine,))
    theirs = services.edits.add_note(register["should"].id, "Someone else's note on another action.")
    assert theirs.id == mine
    editor.ctl.stack.undo()
    assert [n.text for n in services.actions.get(register["should"].id).notes] == [
        "Someone else's note on another action."
    ]


def test_an_undo_never_removes_evidence_of_another_action(qtbot, editors, services, register, sqlite_file):
    manager, _dialogs = editors
    editor = manager.open(register["must"].id)
    qtbot.addWidget(editor)
    editor.ctl.add_link("https://example.org/mine")
    mine = services.actions.get(register["must"].id).evidence[0].id
    with sqlite3.connect(sqlite_file) as raw:
        raw.execute("DELETE FROM evidence WHERE id = ?", (mine,))
    theirs = services.evidence.add_link(register["should"].id, "https://example.org/theirs")
    assert theirs.id == mine
    editor.ctl.stack.undo()
    assert [e.url for e in services.actions.get(register["should"].id).evidence] == [
        "https://example.org/theirs"
    ]


def test_evidence_opens_from_a_private_folder_never_a_shared_one(
    qtbot, editors, services, register, tmp_path
):
    manager, _dialogs = editors
    trap = tmp_path / "autostart"
    trap.mkdir()
    shared = Path(tempfile.gettempdir()) / "candour-evidence"
    planted = not shared.exists()
    if planted:
        shared.symlink_to(trap, target_is_directory=True)  # someone else's symlink in the shared folder
    try:
        proof = tmp_path / "minutes.txt"
        proof.write_text("minutes", encoding="utf-8")
        editor = manager.open(register["must"].id)
        qtbot.addWidget(editor)
        editor.ctl.attach_files([proof])
        opened = []
        editor.ctl.open_url = lambda url: opened.append(Path(url.toLocalFile())) or True
        assert editor.ctl.open_evidence(services.actions.get(register["must"].id).evidence[0].id)
    finally:
        if planted:
            shared.unlink()
    assert list(trap.iterdir()) == []
    assert opened[0].parent == private_temp_folder()
    assert opened[0].read_text(encoding="utf-8") == "minutes"
    if os.name == "posix":
        assert private_temp_folder().stat().st_mode & 0o777 == 0o700


def test_a_program_is_opened_only_after_a_warning(qtbot, editors, services, register, tmp_path):
    manager, dialogs = editors
    script = tmp_path / "setup.bat"
    script.write_text("@echo off", encoding="utf-8")
    editor = manager.open(register["must"].id)
    qtbot.addWidget(editor)
    editor.ctl.attach_files([script])
    opened = []
    editor.ctl.open_url = lambda url: opened.append(url) or True
    dialogs.answer(False)
    assert not editor.ctl.open_evidence(services.actions.get(register["must"].id).evidence[0].id)
    assert opened == []
    assert any(
        kind == "confirm" and "setup.bat is a program or script" in text for kind, _t, text in dialogs.shown
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("file://fileserver/share/minutes.pdf", "points to a file on another computer"),
        ("file:////fileserver/share/minutes.pdf", "points to a file on another computer"),
        ("file:///C:/Users/me/Downloads/invoice.exe", "points to a program or script"),
        ("file:///home/me/run%2Esh", "points to a program or script"),
    ],
)
def test_unsafe_file_links_are_refused(services, register, url, words):
    with pytest.raises(RuleViolation, match=words):
        services.evidence.add_link(register["must"].id, url)


def test_a_local_document_link_is_accepted(services, register):
    assert services.evidence.add_link(register["must"].id, "file:///C:/Policies/audit.pdf").url


def blobs(db_path: Path) -> int:
    with sqlite3.connect(db_path) as raw:
        return raw.execute("SELECT count(*) FROM blob").fetchone()[0]


def test_removing_evidence_erases_its_content_when_nothing_else_uses_it(
    services, register, tmp_path, sqlite_file
):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"a photograph of a person")
    first = services.evidence.attach_file(register["must"].id, photo)
    second = services.evidence.attach_file(register["should"].id, photo)
    services.evidence.remove(first.id)
    assert blobs(sqlite_file) == 1, "still used by the other item"
    services.evidence.remove(second.id)
    assert blobs(sqlite_file) == 0


def test_evidence_purge_erases_content_no_item_uses(services, register, sqlite_file, capsys):
    with sqlite3.connect(sqlite_file) as raw:  # left behind by an older Candour's removals
        raw.execute(
            "INSERT INTO blob (sha256, size, content) VALUES ('ab' || hex(randomblob(31)), 3, x'010203')"
        )
    assert blobs(sqlite_file) == 1
    assert main(["--db", str(sqlite_file), "evidence", "purge"]) == 0
    assert capsys.readouterr().out == "Erased 1 stored file that no evidence item uses.\n"
    assert blobs(sqlite_file) == 0
