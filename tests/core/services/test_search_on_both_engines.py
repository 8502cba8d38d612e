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


AWKWARD = [
    "Zoë's café-bar reopened; naïve staff trained.",
    "Dose e.g. 1.5mg twice daily (see SID-2026-M01/annex).",
    "Email user@example.com or visit www.example.org/help now.",
    "Check file C:\\Care\\plans_2026\\v2.docx and snake_case_names.",
    "Straße, Ærø and Øresund: Łódź visitors' ﬁre drill.",
    "Reg 12(2)(b) and 17(1); 3rd-floor Ward 7B; 24/7 cover.",
    "ΩΜΈΓΑ unit Привет Клиника and 東京 clinic.",
    "don't can't won't O'Brien — hyphen-ated—dashes…ellipsis",
]
QUERIES = [
    "zoe",
    "Zoë's",
    "cafe-bar",
    "cafe bar",
    "naive",
    "e.g",
    "1.5",
    "1 5mg",
    "5mg",
    "SID-2026",
    "2026-M01/annex",
    "user@example",
    "example.com",
    "www",
    "org/help",
    "C:\\Care",
    "plans_2026",
    "v2.docx",
    "snake",
    "case_names",
    "strasse",
    "straße",
    "aero",
    "ærø",
    "oresund",
    "øresund",
    "lodz",
    "łódź",
    "fire",
    "ﬁre",
    "12(2)",
    "2(b)",
    "17(1",
    "3rd-floor",
    "7b",
    "24/7",
    "omega",
    "ωμεγα",
    "ωμέγα",
    "μεγ",
    "привет",
    "клиника",
    "東京",
    "obrien",
    "o'brien",
    "don't",
    "hyphen-ated",
    "dashes",
    "ated dashes",
    "ellipsis",
    "'",
    "-",
    "1",
]


def test_awkward_text_is_found_alike_by_sqlite_and_the_server(services, tmp_path, clock, server_url):
    """Punctuation, accents, other scripts, numbers and look-alikes of e-mail addresses and paths: the
    server's index finds exactly what SQLite's FTS5 index finds (run on a server; SQLite is the reference)."""
    from core.domain.vocabulary import ActionKind
    from core.services.app import open_services
    from core.services.context import ServiceContext
    from core.store.db import Database

    local = open_services(
        ctx=ServiceContext(db=Database(tmp_path / "ref.sqlite3"), actor="tester", clock=clock)
    )
    try:
        for engine in (local, services):
            location = engine.locations.add("Ward Œuvre-Ñandú")
            for text in AWKWARD:
                engine.edits.create(location.id, ActionKind.SHOULD, text)
        differ = {}
        for words in QUERIES:
            on_sqlite = {a.text for a in local.actions.page(ActionFilter(text=words), limit=50).rows}
            on_server = {a.text for a in services.actions.page(ActionFilter(text=words), limit=50).rows}
            if on_sqlite != on_server:
                differ[words] = (sorted(on_sqlite), sorted(on_server))
        assert differ == {}
    finally:
        local.close()
