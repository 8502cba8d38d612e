"""Each subcommand, with its error paths: one sentence on stderr, exit status 2, no traceback."""

import json
import sys

import pytest


def test_actions_lists_filters_and_prints_json(cli, register):
    code, out, _ = cli("actions")
    assert code == 0 and "4 of 4 action(s)" in out
    code, out, _ = cli("actions", "--overdue", "--json")  # the CLI runs on the real clock: all are past due
    rows = json.loads(out)
    assert [r["reference"] for r in rows] == [
        register[k].summary.reference for k in ("late", "should", "must")
    ]
    code, out, _ = cli("actions", "--location", "kenton", "--kind", "must", "--owner", "none")
    assert register["unowned"].summary.reference in out and "1–1 of 1" in out


def test_show_and_history(cli, register):
    ref = register["must"].summary.reference
    code, out, _ = cli("show", ref.lower())
    assert code == 0 and ref in out and "Regulation 12(2)(b) Safe care and treatment" in out
    code, out, _ = cli("history", ref, "--json")
    assert json.loads(out)[0]["operation"] == "create"


def test_update_owner_due_note_and_status(cli, register, tmp_path):
    ref = register["must"].summary.reference
    code, _, err = cli("update", ref, "--due", "2026-07-01")
    assert code == 2 and err == f"candour: Moving the due date of {ref} needs a reason.\n"
    code, out, _ = cli(
        "update", ref, "--owner", "tom hughes", "--due", "2026-07-01", "--reason", "Contractor delay"
    )
    assert code == 0
    code, _, err = cli("update", ref, "--note", "Fridges installed", "--status", "completed")
    assert code == 2 and "MUST action needs evidence" in err
    proof = tmp_path / "log.pdf"
    proof.write_bytes(b"%PDF-1.4")
    code, out, _ = cli("update", ref, "--evidence", str(proof), "--status", "completed")
    assert code == 0 and "now Completed (awaiting verification)" in out
    code, _, err = cli("update", ref, "--status", "verified", "--reason", "Seen", user="Tom Hughes")
    assert code == 2 and "Tom Hughes owns" in err
    code, _, err = cli("update", ref, "--status", "verified", "--reason", "Seen")  # Sam completed it
    assert code == 2 and "Sam Reid completed" in err
    code, _, err = cli("update", ref, "--status", "verified", user="Priya Shah")
    assert code == 2 and "needs a note of what was checked" in err
    code, out, _ = cli(
        "update", ref, "--status", "verified", "--reason", "Fridge log seen on site", user="Priya Shah"
    )
    assert code == 0 and "Verified" in out
    code, out, _ = cli("show", ref)
    assert "Verified by Priya Shah" in out and "Fridge log seen on site" in out
    assert "Owner:      Tom Hughes" in out and "originally 2026-04-30" in out and "Contractor delay" in out


def test_update_with_a_stale_version_is_refused(cli, register):
    ref = register["should"].summary.reference
    version = register["should"].version
    assert cli("update", ref, "--priority", "high", "--version", str(version))[0] == 0
    code, _, err = cli("update", ref, "--priority", "low", "--version", str(version))
    assert code == 2 and "was changed by Sam Reid" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "NOPE-1"), "candour: No action has the reference NOPE-1.\n"),
        (("update", "SID-2026-M01"), "candour: Nothing to change"),
        (("update", "SID-2026-M01", "--owner", "Nobody"), "candour: No person is called Nobody"),
        (
            ("update", "SID-2026-M01", "--evidence", "/no/such/file.pdf"),
            "candour: /no/such/file.pdf is not a file",
        ),
        (("actions", "--location", "Atlantis"), "candour: No location is called or coded 'Atlantis'."),
        (("people", "add", "Priya Shah"), "candour: There is already a person called Priya Shah."),
        (
            ("people", "leave", "Priya Shah", "--hand-over-to", "Priya Shah"),
            "candour: Actions cannot be handed over",
        ),
    ],
)
def test_errors_are_one_sentence_and_exit_2(cli, args, message):
    code, _, err = cli(*args)
    assert code == 2
    assert err.startswith(message)
    assert "Traceback" not in err and err.count("\n") == 1


def test_bad_date_is_a_usage_error(cli):
    with pytest.raises(SystemExit) as exit_info:
        cli("update", "SID-2026-M01", "--due", "31/12/2026")
    assert exit_info.value.code == 2


def test_people_add_leave_and_hand_over(cli, register):
    assert cli("people", "add", "Helen Marsh", "--role", "Operations manager")[0] == 0
    code, out, _ = cli("people", "hand-over", "Priya Shah", "Helen Marsh")
    assert code == 0 and "Handed 2 action(s) from Priya Shah to Helen Marsh." in out
    code, out, _ = cli("people", "leave", "Tom Hughes", "--hand-over-to", "Helen Marsh")
    assert "Tom Hughes has left; 1 action(s) handed to Helen Marsh." in out
    code, out, _ = cli("people", "--json")
    people = {p["name"]: p for p in json.loads(out)}
    assert people["Helen Marsh"]["open_actions"] == 3 and not people["Tom Hughes"]["active"]


def test_export_json_has_locations_inspections_and_tracking(cli, register, tmp_path):
    target = tmp_path / "all.json"
    code, _out, _ = cli("export", "--format", "json", "-o", str(target))
    assert code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    by_name = {loc["name"]: loc for loc in data["locations"]}
    actions = by_name["Sidcup PET-CT Centre"]["actions"]
    must = next(a for a in actions if a["reference"] == register["must"].summary.reference)
    assert must["regulation"]["number"] == "12" and must["owner"] == "Priya Shah" and must["status"] == "open"
    assert {p["name"] for p in data["people"]} == {"Priya Shah", "Tom Hughes", "Sam Reid"}


def test_a_reader_that_stops_early_ends_the_listing_quietly(cli, register, monkeypatch):
    """`candour actions | head`: when the pipe closes, the listing stops with status 0 and no traceback."""

    class ClosedPipe:
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            raise OSError("no file descriptor")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code, _out, err = cli("actions")
    assert code == 0 and err == ""
