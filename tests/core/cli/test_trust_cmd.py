"""Through the command line: who you are, no silent new databases, all-or-nothing updates, the lock on a
verified action, and `candour audit verify`."""

import sqlite3

from core.cli.main import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_user_must_name_an_existing_person(cli, monkeypatch, capsys, database_target):
    code, _, err = cli("actions", user="Nobody")
    assert (
        code == 2 and err.startswith("candour: There is no person called Nobody in ") and err.count("\n") == 1
    )
    monkeypatch.setenv("CANDOUR_USER", "Somebody Else")
    code, _, err = run(capsys, "--db", database_target, "actions")
    assert code == 2 and "There is no person called Somebody Else" in err
    monkeypatch.setenv("CANDOUR_USER", "Tom Hughes")
    assert run(capsys, "--db", database_target, "actions")[0] == 0


def test_commands_on_a_missing_or_empty_database_say_so_and_create_nothing(tmp_path, capsys):
    typo = tmp_path / "candur.sqlite3"
    for args in (["actions"], ["plan", "-o", str(tmp_path / "plan.pdf")], ["people"], ["audit", "verify"]):
        code, _out, err = run(capsys, "--db", str(typo), *args)
        assert code == 2 and err == (
            f"candour: There is no database at {typo}; check the path, or create one "
            "there with 'candour init'.\n"
        ), args
    assert not typo.exists() and not (tmp_path / "plan.pdf").exists()
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    code, _, err = run(capsys, "--db", str(empty), "actions")
    assert code == 2 and "is an empty file, not a Candour database" in err and empty.stat().st_size == 0


def test_init_creates_a_database_once(tmp_path, capsys):
    target = tmp_path / "new" / "candour.sqlite3"
    code, out, _ = run(capsys, "init", str(target), "--lead", "Tom Hughes")
    assert (
        code == 0 and "Created a new Candour database" in out and "Tom Hughes as its governance lead" in out
    )
    code, out, _ = run(capsys, "--db", str(target), "--user", "Tom Hughes", "actions")
    assert code == 0 and out == "No actions match.\n"
    code, _, err = run(capsys, "init", str(target))
    assert code == 2 and "already exists" in err


def test_a_multi_field_update_is_all_or_nothing(cli, register):
    ref = register["must"].summary.reference
    _, before, _ = cli("history", ref, "--json")
    code, out, err = cli(
        "update",
        ref,
        "--owner",
        "Tom Hughes",
        "--due",
        "2026-09-30",
        "--reason",
        "Later",
        "--note",
        "Started",
        "--status",
        "completed",
    )
    assert code == 2 and "MUST action needs evidence" in err and out == ""
    _, after, _ = cli("history", ref, "--json")
    assert after == before
    _, shown, _ = cli("show", ref)
    assert "Owner:      Priya Shah" in shown and "2026-09-30" not in shown


def test_a_verified_action_cannot_be_changed_from_the_command_line(cli, register, tmp_path):
    ref = register["must"].summary.reference
    proof = tmp_path / "log.pdf"
    proof.write_bytes(b"%PDF-1.4")
    assert (
        cli(
            "update",
            ref,
            "--evidence",
            str(proof),
            "--description",
            "Fridge log",
            "--status",
            "completed",
            user="Priya Shah",
        )[0]
        == 0
    )
    assert cli("update", ref, "--status", "verified", "--reason", "Seen on site")[0] == 0
    code, _, err = cli("update", ref, "--owner", "Sam Reid")
    assert code == 2 and err == f"candour: {ref} is verified; reopen it before changing its owner.\n"
    code, _, err = cli("update", ref, "--due", "2027-01-01", "--reason", "x")
    assert code == 2 and "is verified; reopen it before changing its due date" in err
    code, _, err = cli("update", ref, "--status", "in_progress", "--reason", "Repeat finding")
    assert code == 2 and "only a governance lead can reopen it" in err
    code, out, _ = cli(
        "update", ref, "--status", "in_progress", "--reason", "Repeat finding", user="Tom Hughes"
    )
    assert code == 0 and "now In progress" in out


def test_audit_verify_names_a_row_edited_with_sqlite(cli, register, sqlite_file):
    code, out, _ = cli("audit", "verify")
    assert code == 0 and out.startswith("The history is intact")
    with sqlite3.connect(sqlite_file) as raw:
        row = raw.execute("SELECT id FROM audit WHERE field IS NULL ORDER BY id LIMIT 1 OFFSET 3").fetchone()[
            0
        ]
        raw.execute("UPDATE audit SET new_value = 'nothing to see' WHERE id = ?", (row,))
    code, out, _ = cli("audit", "verify")
    assert code == 1 and out.startswith(f"History entry {row} (") and "changed outside Candour" in out


def test_people_roles_in_candour(cli, register):
    code, out, _ = cli("people", "add", "Vera Viewer", "--access", "viewer")
    assert code == 0 and "Added Vera Viewer (viewer)" in out
    code, _, err = cli("people", "access", "Vera Viewer", "governance_lead")  # Sam is not a lead
    assert code == 2 and "Only a governance lead" in err
    code, out, _ = cli("people", "access", "Vera Viewer", "action_owner", user="Tom Hughes")
    assert code == 0 and "now action owner" in out


def test_changes_need_to_know_who_you_are_once_the_database_has_people(
    cli, register, database_target, capsys, monkeypatch
):
    monkeypatch.delenv("CANDOUR_USER", raising=False)
    ref = register["should"].summary.reference
    code, _, err = run(capsys, "--db", database_target, "update", ref, "--note", "Anonymous")
    assert code == 2 and err.startswith(
        "candour: 'candour update' changes the database, so it needs to know who"
    )
    assert run(capsys, "--db", database_target, "show", ref)[0] == 0  # reading needs no name
    code, _, _ = cli("update", ref, "--note", "Signed")
    assert code == 0
    _, shown, _ = cli("show", ref)
    assert "Sam Reid: Signed" in shown and "Anonymous" not in shown
