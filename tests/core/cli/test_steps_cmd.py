"""`candour step add|update|done|list|move|remove`."""

import json


def test_step_add_update_done_and_list(cli, register):
    ref = register["must"].summary.reference
    code, out, err = cli(
        "step",
        "add",
        ref,
        "Buy a lockable fridge",
        "--owner",
        "Priya Shah",
        "--due",
        "2026-04-01",
        "--monitoring",
        "Weekly huddle",
        "--measure",
        "Fridge in use",
    )
    assert (code, out.strip(), err) == (0, f"{ref}: step 1 added.", "")
    assert cli("step", "add", ref, "Train staff")[0] == 0
    code, out, _ = cli("step", "update", ref, "2", "--owner", "Tom Hughes", "--due", "2026-03-20")
    assert code == 0 and "step 2 updated (due, owner_id)" in out
    code, out, _ = cli("step", "done", ref, "2", "--evidence", "Training register")
    assert code == 0 and out.strip() == f"{ref}: step 2 done; 1 of 2 steps done."
    code, out, _ = cli("step", "list", ref, "--json")
    steps = json.loads(out)
    assert [(s["number"], s["status"], s["owner_name"]) for s in steps] == [
        (1, "open", "Priya Shah"),
        (2, "done", "Tom Hughes"),
    ]
    assert steps[1]["evidence"] == "Training register"
    code, out, _ = cli("show", ref)
    assert "Steps (1 of 2 steps done):" in out and "1. [Not started] Buy a lockable fridge, Priya Shah" in out


def test_step_move_and_remove(cli, register):
    ref = register["must"].summary.reference
    for text in ("A", "B", "C"):
        cli("step", "add", ref, text)
    assert cli("step", "move", ref, "3", "--to", "1")[0] == 0
    assert cli("step", "remove", ref, "2", "--reason", "Planned twice")[0] == 0
    code, out, _ = cli("step", "list", ref)
    assert code == 0 and [line.split()[-1] for line in out.splitlines()[1:3]] == ["C", "B"]


def test_step_errors_are_one_sentence_with_exit_2(cli, register):
    ref = register["must"].summary.reference
    code, out, err = cli("step", "done", ref, "4")
    assert (code, out) == (2, "") and err.strip() == f"candour: {ref} has no step 4 (it has no steps yet)."
    code, _, err = cli("step", "add", "NOPE-1", "Anything")
    assert code == 2 and err.strip() == "candour: No action has the reference NOPE-1."
    cli("step", "add", ref, "A")
    code, _, err = cli("step", "update", ref, "1")
    assert code == 2 and "Nothing to change" in err
    code, _, err = cli("step", "add", ref, "B", "--owner", "Nobody Known")
    assert code == 2 and err.startswith("candour: ") and "Traceback" not in err
    code, out, _ = cli("step", "list", ref)
    assert "1 of" not in out and "0 of 1 step done" in out
