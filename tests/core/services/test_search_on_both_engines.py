"""Free-text search finds the same actions on SQLite (FTS5) and on a server (PostgreSQL regular expressions):
the expectations here are the same for both, and CI runs them on both (scripts/ci_postgres.sh)."""

import pytest

from core.domain.actions import ActionFilter


@pytest.fixture
def noted(services, register):
    services.edits.add_note(register["late"].id, "Dispensers refilled on every ward.")
    return register


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("medicines", {"must"}),
        ("MEDIC", {"must"}),  # a word's start, any case
        ("edicines", set()),  # not the middle of a word
        ("Sidcup", {"must", "should"}),  # the location's name
        ("priya", {"must", "should"}),  # the owner's name
        ("Reg 12", {"must"}),  # the regulation
        ("dispensers", {"late"}),  # a progress note
        ("hand hygiene", {"late"}),  # every word required
        ("hand appraisals", set()),
        ("SID-2026-M01", {"must"}),  # a reference, its parts in order
        ("2026-M", {"must", "unowned"}),
        ("safeguarding training", {"unowned"}),
        ("zzz", set()),
    ],
)
def test_search_finds_the_same_actions_on_either_engine(services, noted, words, expected):
    found = {a.id for a in services.actions.page(ActionFilter(text=words), limit=100).rows}
    assert found == {noted[key].id for key in expected}
