"""Small things that still lose trust: out-of-range numbers and dates, a damaged schema record and
implausible due dates are one sentence each, never a traceback."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from core.cli.main import main
from core.domain.actions import ActionChanges
from core.domain.errors import RuleViolation
from core.domain.vocabulary import ActionKind
from core.services.app import open_services


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "c.sqlite3"
    services = open_services(path, create=True)
    location = services.locations.add("Ward")
    services.edits.create(location.id, ActionKind.MUST, "Keep records", due=dt.date(2026, 5, 1))
    services.close()
    return path


def run(capsys, *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse refuses a bad argument with exit status 2
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_a_huge_due_within_is_refused_in_one_sentence(db, capsys):
    code, err = run(capsys, "--db", str(db), "actions", "--due-within", "99999999")
    assert code == 2
    assert "99999999 days is out of range; give a number from 0 to 36,500." in err


def test_a_meeting_at_the_end_of_time_is_refused_in_one_sentence(db, capsys, tmp_path):
    code, err = run(capsys, "--db", str(db), "pack", "--meeting", "9999-12-31", "-o", str(tmp_path / "p.pdf"))
    assert code == 2
    assert "9999-12-31 is not a plausible date; give one between 2000 and 2100." in err


def test_a_damaged_schema_record_is_one_sentence(db, capsys):
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO alembic_version VALUES ('0001')")
    code, err = run(capsys, "--db", str(db), "actions")
    assert code == 2
    assert err == (
        f"candour: {db} has a damaged schema record (its alembic_version table holds more than one "
        "version), so Candour cannot tell how to open it; restore a backup.\n"
    )


@pytest.mark.parametrize("due", [dt.date(1999, 12, 31), dt.date(2206, 1, 1)])
def test_implausible_due_dates_are_refused(services, register, due):
    action = register["must"]
    with pytest.raises(RuleViolation, match="is not a plausible due date; give one between 2000 and 2100"):
        services.edits.update(action.id, action.version, ActionChanges(due=due, due_reason="Typing slip"))
    with pytest.raises(RuleViolation, match="is not a plausible due date"):
        services.edits.create(action.summary.location_id, ActionKind.SHOULD, "New", due=due)
    assert services.actions.get(action.id).summary.due == action.summary.due


def test_an_implausible_due_date_on_the_command_line_is_one_sentence(db, capsys):
    code, err = run(
        capsys, "--db", str(db), "update", "WAR-2026-M01", "--due", "2206-01-01", "--reason", "slip"
    )
    assert code == 2
    assert "2206-01-01 is not a plausible date" in err
