"""The server enforces the roles: logins are people, and raw SQL cannot do what the role may not."""

import pytest
from sqlalchemy.engine import make_url

from core.domain.errors import DatabaseError, RuleViolation
from core.domain.vocabulary import Access

# The driver comes with the postgres extra, which scripts/ci_postgres.sh installs for the server run.
psycopg = pytest.importorskip("psycopg", reason="team mode's tests need a PostgreSQL server and its driver")


def raw(team, login: str) -> "psycopg.Connection":
    url = make_url(team.url(login))
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        dbname=url.database,
        user=url.username,
        password=url.password,
        autocommit=True,
    )


def test_a_login_signs_in_as_its_person(team, staffed):
    services = team.open_as(staffed["priya"])
    try:
        assert services.identity is not None
        assert (services.identity.name, services.identity.access) == ("Priya Shah", Access.ACTION_OWNER)
        assert services.actor == "Priya Shah"
    finally:
        services.close()


def test_a_name_cannot_be_claimed_on_a_server(team, staffed):
    with pytest.raises(DatabaseError, match="who is Priya Shah; on a server you cannot act as Tom Hughes"):
        team.open_as(staffed["priya"], user="Tom Hughes")


def test_a_login_with_no_person_is_one_sentence(team, staffed):
    stranger = f"{staffed['priya']}_x"
    team.logins.append(stranger)
    with team.admin.ctx.db.engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {stranger} LOGIN PASSWORD 'pw-{stranger}'")
    with pytest.raises(DatabaseError, match=f"The login {stranger} is not a person in Candour"):
        team.open_as(stranger)


def test_raw_sql_as_an_action_owner_cannot_change_someone_elses_action(team, staffed):
    with raw(team, staffed["priya"]) as connection:
        changed = connection.execute(
            "UPDATE action SET text = 'rewritten' WHERE id = %s", (staffed["theirs"].id,)
        )
        assert changed.rowcount == 0
        at_other_location = connection.execute(
            "UPDATE action SET text = 'rewritten' WHERE id = %s", (staffed["elsewhere"].id,)
        )
        assert at_other_location.rowcount == 0
        own = connection.execute(
            "UPDATE action SET success_measure = 'fridge log' WHERE id = %s", (staffed["mine"].id,)
        )
        assert own.rowcount == 1
    assert team.admin.actions.get(staffed["theirs"].id).summary.text == "Train staff in safeguarding."
    assert team.admin.actions.get(staffed["elsewhere"].id).summary.text == "Audit hand hygiene."


def test_raw_sql_as_an_action_owner_cannot_verify_their_own_action(team, staffed):
    with (
        raw(team, staffed["priya"]) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"),
    ):
        connection.execute(
            "UPDATE action SET verified_at = now(), status = 'verified', "
            "verifier_id = candour_person_id() WHERE id = %s",
            (staffed["mine"].id,),
        )
    assert team.admin.actions.get(staffed["mine"].id).verified_at is None


def test_raw_sql_cannot_rewrite_the_history_even_as_a_lead(team, staffed):
    with raw(team, staffed["lead"]) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("DELETE FROM audit")
        assert connection.execute("UPDATE audit SET hash = 'x'").rowcount == 0  # sealed rows are out of reach


def test_raw_sql_as_a_viewer_changes_nothing(team, staffed):
    with raw(team, staffed["viewer"]) as connection:
        assert connection.execute("SELECT count(*) FROM action").fetchone()[0] == 3
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO note (action_id, author, created_at, text) VALUES (%s, 'Vic', now(), 'hi')",
                (staffed["mine"].id,),
            )


def test_an_action_owner_works_on_their_own_actions_through_candour(team, staffed):
    services = team.open_as(staffed["priya"])
    try:
        note = services.edits.add_note(staffed["mine"].id, "Fridge thermometer replaced.")
        assert note is not None
        before = services.actions.get(staffed["theirs"].id)
        with pytest.raises(
            RuleViolation,
            match=r"^Priya Shah may change only the actions they own at the "
            "locations they belong to, so not ",
        ):
            services.edits.add_note(staffed["theirs"].id, "Not mine to write.")
        with pytest.raises(RuleViolation, match="may change only the actions they own"):
            services.edits.add_note(staffed["elsewhere"].id, "Mine, but not at my location.")
        assert services.actions.get(staffed["theirs"].id).summary.version == before.summary.version
    finally:
        services.close()
    assert [n.text for n in team.admin.actions.get(staffed["mine"].id).notes] == [
        "Fridge thermometer replaced."
    ]


def test_a_lead_changes_anyones_action(team, staffed):
    services = team.open_as(staffed["lead"])
    try:
        services.edits.add_note(staffed["theirs"].id, "Checked by the governance lead.")
    finally:
        services.close()
    assert len(team.admin.actions.get(staffed["theirs"].id).notes) == 1
