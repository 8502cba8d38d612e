"""`candour parse --json` shows each inspection's layout and checks and each action's key-question source;
`candour import` prints the checks; `candour update --key-question` sets the key question."""

from __future__ import annotations

import json
from pathlib import Path

from core.domain.vocabulary import KeyQuestion, KeyQuestionSource
from tests.support.cut_report import CUT_REPORT


def test_parse_json_shows_layout_checks_and_key_question_source(cli, tmp_path: Path) -> None:
    report = tmp_path / "ashdown.txt"
    report.write_text(CUT_REPORT, encoding="utf-8")
    code, out, _ = cli("parse", str(report), "--json")
    assert code == 0
    (inspection,) = json.loads(out)["inspections"]
    assert inspection["layout"] == "2014-2023 adult social care"
    assert inspection["checks"] == [
        (
            "The report cites breaches of regulations 12 and 17 but one MUST action was found "
            "(for regulation 12); "
            "check the report's requirement notices."
        )
    ]
    (action,) = inspection["actions"]
    assert (action["key_question"], action["key_question_source"]) == ("safe", "regulation")


def test_import_prints_the_checks(cli, tmp_path: Path) -> None:
    report = tmp_path / "ashdown.txt"
    report.write_text(CUT_REPORT, encoding="utf-8")
    code, out, _ = cli("import", str(report))
    assert code == 0
    assert "Check: The report cites breaches of regulations 12 and 17" in out


def test_update_sets_and_clears_the_key_question(cli, register, services) -> None:
    reference = register["late"].summary.reference
    code, out, _ = cli("update", reference, "--key-question", "caring")
    assert code == 0 and "updated key_question" in out
    summary = services.actions.find(reference).summary
    assert (summary.key_question, summary.key_question_source) == (KeyQuestion.CARING, KeyQuestionSource.USER)
    assert cli("update", reference, "--key-question", "none")[0] == 0
    summary = services.actions.find(reference).summary
    assert (summary.key_question, summary.key_question_source) == (None, KeyQuestionSource.NONE)
    history = cli("history", reference)[1]
    assert "caring" in history
