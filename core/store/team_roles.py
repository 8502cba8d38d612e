"""Team mode on PostgreSQL: the group roles, their privileges and the row-level security policies.

The server itself refuses what a role may not do, whatever client connects: a governance lead changes
everything; an action owner reads everything and changes only the actions (and their steps, notes,
evidence, due-date changes) they own at locations they belong to, and cannot verify their own; a viewer
only reads (and records the board packs they print). The administrator who runs `candour team init` owns
the tables and is not bound by the policies. Every statement here may be run again (team init is repeatable).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from core.domain.vocabulary import Access

GROUP_ROLES = {
    Access.GOVERNANCE_LEAD: "candour_lead",
    Access.ACTION_OWNER: "candour_owner",
    Access.VIEWER: "candour_viewer",
}
_ALL = "candour_lead, candour_owner, candour_viewer"
# Tables an action owner writes, each with the policy expression that says which rows.
_OWNED_BY_ACTION = ("note", "evidence", "due_change")

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION candour_person_id() RETURNS integer
    LANGUAGE sql STABLE SET search_path = public
    AS $$ SELECT id FROM person WHERE login = current_user $$;
CREATE OR REPLACE FUNCTION candour_may_change(target integer) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = public
    AS $$ SELECT EXISTS (SELECT 1 FROM action a JOIN person_location pl ON pl.location_id = a.location_id
                         WHERE a.id = target AND a.owner_id = candour_person_id()
                           AND pl.person_id = a.owner_id) $$;
CREATE OR REPLACE FUNCTION candour_at_my_location(target integer) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = public
    AS $$ SELECT EXISTS (SELECT 1 FROM person_location WHERE person_id = candour_person_id()
                                                         AND location_id = target) $$;
"""


def create_group_roles(connection: Connection) -> None:
    for role in GROUP_ROLES.values():
        connection.exec_driver_sql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )


def install_policies(connection: Connection) -> None:
    """Privileges and row-level security on the current schema (the administrator must own its tables)."""
    run = connection.exec_driver_sql
    run(f"GRANT USAGE ON SCHEMA public TO {_ALL}")
    run(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {_ALL}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_ALL}")
    run("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO candour_lead")
    run("REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM candour_lead")
    run("REVOKE UPDATE, DELETE ON audit FROM candour_lead")
    run("GRANT INSERT, UPDATE ON action, step, note, evidence, due_change TO candour_owner")
    run("GRANT DELETE ON step, evidence TO candour_owner")
    run("GRANT INSERT ON blob TO candour_owner")
    run(f"GRANT INSERT ON audit, pack_snapshot TO {_ALL}")
    run(
        f"GRANT INSERT, UPDATE ON setting TO {_ALL}"
    )  # only the board pack's cover sheets, by the policy below
    run(f"GRANT UPDATE (hash) ON audit TO {_ALL}")  # sealing the history's hash chain at commit
    run(_FUNCTIONS)
    run(
        f"GRANT EXECUTE ON FUNCTION candour_person_id(), candour_may_change(integer), "
        f"candour_at_my_location(integer) TO {_ALL}"
    )
    for table in ("action", "step", *_OWNED_BY_ACTION, "audit", "setting"):
        _reset_policies(connection, table)
        run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        run(f"CREATE POLICY candour_read ON {table} FOR SELECT TO {_ALL} USING (true)")
        if table != "audit":
            run(
                f"CREATE POLICY candour_lead ON {table} FOR ALL TO candour_lead "
                "USING (true) WITH CHECK (true)"
            )
    mine = "owner_id = candour_person_id() AND candour_at_my_location(location_id)"
    run(
        f"CREATE POLICY candour_owner ON action FOR UPDATE TO candour_owner USING ({mine}) "
        f"WITH CHECK (candour_at_my_location(location_id) "
        f"AND (verified_at IS NULL OR verifier_id IS DISTINCT FROM candour_person_id()))"
    )
    run(
        "CREATE POLICY candour_owner ON step FOR ALL TO candour_owner "
        "USING (candour_may_change(action_id) OR owner_id = candour_person_id()) "
        "WITH CHECK (candour_may_change(action_id) OR owner_id = candour_person_id())"
    )
    for table in _OWNED_BY_ACTION:
        run(
            f"CREATE POLICY candour_owner ON {table} FOR ALL TO candour_owner "
            "USING (candour_may_change(action_id)) WITH CHECK (candour_may_change(action_id))"
        )
    covers = "key = 'pack-covers'"  # what printing a board pack remembers (core/services/settings.py)
    run(f"CREATE POLICY candour_covers ON setting FOR ALL TO {_ALL} USING ({covers}) WITH CHECK ({covers})")
    run(f"CREATE POLICY candour_write ON audit FOR INSERT TO {_ALL} WITH CHECK (true)")
    run(f"CREATE POLICY candour_seal ON audit FOR UPDATE TO {_ALL} USING (hash IS NULL) WITH CHECK (true)")


def _reset_policies(connection: Connection, table: str) -> None:
    names = connection.exec_driver_sql(
        f"SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = '{table}'"
    ).scalars()
    for name in list(names):
        connection.exec_driver_sql(f'DROP POLICY "{name}" ON {table}')


def grant_login(connection: Connection, login: str, password: str | None, access: Access) -> None:
    """Create the login (or reuse an existing one) and make it a member of exactly one Candour group role."""
    quote = connection.dialect.identifier_preparer.quote_identifier
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM pg_roles WHERE rolname = %(login)s", {"login": login}
    ).first()
    if not exists:
        statement = f"CREATE ROLE {quote(login)} LOGIN"
        if password:
            statement += " PASSWORD " + _literal(password)
        connection.exec_driver_sql(statement)
    elif password:
        connection.exec_driver_sql(f"ALTER ROLE {quote(login)} PASSWORD " + _literal(password))
    for other in GROUP_ROLES.values():
        if other != GROUP_ROLES[access]:
            connection.exec_driver_sql(f"REVOKE {other} FROM {quote(login)}")
    connection.exec_driver_sql(f"GRANT {GROUP_ROLES[access]} TO {quote(login)}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"  # standard_conforming_strings is on in every supported server
