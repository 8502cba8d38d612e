"""Team mode needs a real PostgreSQL server whose test login may create roles (scripts/ci_postgres.sh); the
`team` and `server_url` fixtures are in tests/support/team_fixtures.py."""

import datetime as dt

import pytest

from core.domain.vocabulary import Access, ActionKind


@pytest.fixture
def staffed(team):
    admin = team.admin
    hol = admin.locations.add("Holmwood Grange")
    ash = admin.locations.add("Ashworth Hospital")
    lead = team.add("Tom Hughes", Access.GOVERNANCE_LEAD)
    priya = team.add("Priya Shah", Access.ACTION_OWNER, ["Holmwood Grange"])
    sam = team.add("Sam Reid", Access.ACTION_OWNER, ["Ashworth Hospital"])
    viewer = team.add("Vic Lane", Access.VIEWER)
    people = {p.name: p for p in admin.people.list()}
    mine = admin.edits.create(
        hol.id,
        ActionKind.MUST,
        "Store medicines safely.",
        owner_id=people["Priya Shah"].id,
        due=dt.date(2026, 4, 30),
    )
    theirs = admin.edits.create(
        ash.id, ActionKind.MUST, "Train staff in safeguarding.", owner_id=people["Sam Reid"].id
    )
    # Priya owns an action at a location she does not belong to: the server lets her change it nowhere.
    elsewhere = admin.edits.create(
        ash.id, ActionKind.SHOULD, "Audit hand hygiene.", owner_id=people["Priya Shah"].id
    )
    return {
        "lead": lead,
        "priya": priya,
        "sam": sam,
        "viewer": viewer,
        "mine": mine,
        "theirs": theirs,
        "elsewhere": elsewhere,
    }
