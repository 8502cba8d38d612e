"""`candour add`, `delete`, `delete-report` and `deletions`."""

import json

import pytest


def test_add_an_action_from_another_source(cli, register):
    code, out, err = cli(
        "add",
        "Replace the lead aprons found cracked",
        "--location",
        "Sidcup",
        "--source",
        "irmer",
        "--key-question",
        "safe",
        "--kind",
        "must",
        "--regulation",
        "12(2)(e)",
        "--owner",
        "Tom Hughes",
        "--due",
        "2026-05-01",
    )
    assert (code, err) == (0, "") and out.endswith("added at Sidcup PET-CT Centre (IR(ME)R).\n")
    reference = out.split(":")[0]
    code, out, _ = cli("show", reference, "--json")
    shown = json.loads(out)["summary"]
    assert (shown["source"], shown["key_question"], shown["regulation"]["number"], shown["owner_name"]) == (
        "irmer",
        "safe",
        "12",
        "Tom Hughes",
    )
    assert shown["regulation"]["title"] == "Safe care and treatment"


def test_add_refuses_a_missing_key_question_or_a_bad_regulation(cli, register, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli("add", "Something", "--location", "Sidcup", "--source", "audit")
    assert stopped.value.code == 2 and "--key-question" in capsys.readouterr().err
    code, out, err = cli(
        "add",
        "Something",
        "--location",
        "Sidcup",
        "--source",
        "audit",
        "--key-question",
        "safe",
        "--regulation",
        "twelve",
    )
    assert (code, out) == (
        2,
        "",
    ) and err == "candour: 'twelve' is not a regulation; write its number, e.g. 12 or 17(2)(a).\n"


def test_delete_needs_confirming_once_work_is_recorded_and_is_listed(cli, register):
    ref = register["must"].summary.reference
    cli("update", ref, "--note", "Fridge ordered")
    code, _, err = cli("delete", ref, "--reason", "Duplicate")
    assert code == 2 and err == "candour: Only a governance lead can delete an action; Sam Reid is not one.\n"
    code, out, err = cli("delete", ref, "--reason", "Duplicate", user="Tom Hughes")
    assert (code, out) == (2, "") and err == (
        f"candour: {ref} has work recorded against it (1 progress note); confirm to delete it anyway.\n"
    )
    code, out, _ = cli("delete", ref, "--reason", "Duplicate", "--confirm", user="Tom Hughes")
    assert code == 0 and out == f"{ref}: deleted; the reason is kept in its history.\n"
    assert cli("show", ref)[0] == 2
    code, out, _ = cli("deletions")
    assert f"action {ref}: Duplicate (despite: 1 progress note)" in out


def test_delete_report_by_file_name(cli, register):
    assert cli("demo")[0] == 0
    code, out, _ = cli(
        "delete-report",
        "gp-practice-2018.txt",
        "--reason",
        "Imported for the wrong provider",
        "--confirm",
        user="Tom Hughes",
    )
    assert code == 0 and out.startswith("gp-practice-2018.txt: deleted")
    code, _, err = cli("delete-report", "gp-practice-2018.txt", "--reason", "again", user="Tom Hughes")
    assert code == 2 and "No imported report is called 'gp-practice-2018.txt'" in err
    code, out, _ = cli("actions", "--location", "Fennick Road Surgery")
    assert "No actions match." in out
