"""Team mode on a PostgreSQL server, as its administrator sets it up: roles, policies, people with logins."""

from __future__ import annotations

from sqlalchemy import func, select

from core.domain.errors import DatabaseError, RuleViolation
from core.domain.registry import Person
from core.domain.vocabulary import Access
from core.services import mapping
from core.services.context import ServiceContext
from core.services.locations import LocationService
from core.services.people import PeopleService
from core.store.orm import PersonLocationRecord, PersonRecord
from core.store.team_roles import create_group_roles, grant_login, install_policies


class TeamService:
    """What only the administrator (the login that owns Candour's tables) does."""

    def __init__(self, ctx: ServiceContext, people: PeopleService, locations: LocationService) -> None:
        self._ctx, self._people, self._locations = ctx, people, locations

    def init(self) -> None:
        """Create the group roles and install the privileges and row-level security (repeatable)."""
        self._require_server()
        with self._ctx.db.writing() as session:
            connection = session.connection()
            create_group_roles(connection)
            install_policies(connection)

    def add_person(
        self, name: str, login: str, access: Access, locations: list[str], password: str | None = None
    ) -> Person:
        """The login and the person together, in one transaction: both are made or neither.

        A person already in Candour without a login (e.g. named as an owner by an import) is given this one.
        """
        self._require_server()
        login = login.strip()
        if not login or len(login) > 63:
            raise RuleViolation("A login needs 1 to 63 characters.")
        location_ids = [self._locations.find(where).id for where in locations]
        with self._ctx.db.writing() as session:
            if session.scalar(select(PersonRecord.id).where(PersonRecord.login == login)):
                raise RuleViolation(f"The login {login} already belongs to a person in Candour.")
            record = session.scalar(
                select(PersonRecord).where(func.lower(PersonRecord.name) == " ".join(name.split()).lower())
            )
            if record is not None and record.login is not None:
                raise RuleViolation(f"{record.name} already logs in as {record.login}.")
            if record is None:
                record = session.get(PersonRecord, self._people.add(name, access=access).id)
            else:
                self._people.set_access(record.id, access)
            assert record is not None
            record.login = login
            session.add_all(PersonLocationRecord(person_id=record.id, location_id=i) for i in location_ids)
            grant_login(session.connection(), login, password, access)
            session.flush()
            return mapping.person(record)

    def _require_server(self) -> None:
        if self._ctx.db.is_sqlite:
            raise DatabaseError(
                f"{self._ctx.db.label} is a file on one computer; team mode needs a PostgreSQL "
                "server (give its URL with --db)."
            )
