"""Importing an inspection that a later one of the same location superseded files its actions closed, with
the reason in their history; the preview asks the same service which inspections are superseded."""

from __future__ import annotations

from pathlib import Path

from core.domain.actions import ActionFilter
from core.domain.vocabulary import ActionStatus

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"
HISTORY = SAMPLES / "imaging-wendover-cross-history.txt"


def _by_inspection(services) -> dict[str, list]:
    rows = services.actions.page(ActionFilter(), limit=1000).rows
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row.reference.split("-")[1], []).append(row)
    return grouped


def test_a_history_pages_older_inspection_is_closed_as_superseded(services) -> None:
    loaded = services.imports.load(HISTORY)
    assert services.imports.superseded(loaded.report) == {
        1: "the inspection of 4 December 2019 was superseded by the inspection of 12 January 2023"
    }
    outcome = services.imports.commit(loaded)
    assert outcome.new_should == 6
    grouped = _by_inspection(services)
    assert {row.status for row in grouped["2023"]} == {ActionStatus.OPEN}
    assert {row.status for row in grouped["2019"]} == {ActionStatus.NOT_APPLICABLE}
    closed = grouped["2019"][0]
    history = services.actions.history(closed.id)
    assert any(
        entry.new_value == "Closed as superseded: the inspection of 4 December 2019 was superseded by the "
        "inspection of 12 January 2023."
        for entry in history
    )


def test_an_older_report_imported_after_a_newer_one_is_superseded_by_what_candour_knows(
    services, tmp_path
) -> None:
    text = HISTORY.read_text(encoding="utf-8")
    newer = text[: text.index("3 and 4 December 2019")].rstrip() + "\n"
    older = text[: text.index("12 January 2023")] + text[text.index("3 and 4 December 2019") :]
    (tmp_path / "newer.txt").write_text(newer, encoding="utf-8")
    (tmp_path / "older.txt").write_text(older, encoding="utf-8")
    services.imports.commit(services.imports.load(tmp_path / "newer.txt"))
    older_loaded = services.imports.load(tmp_path / "older.txt")
    assert list(services.imports.superseded(older_loaded.report)) == [0]
    services.imports.commit(older_loaded)
    assert {row.status for row in _by_inspection(services)["2019"]} == {ActionStatus.NOT_APPLICABLE}
