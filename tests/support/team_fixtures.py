"""Team mode's fixtures (a PostgreSQL server whose test login may create roles, as scripts/ci_postgres.sh
sets up): the team tests use them, and so do the desktop tests of two people at two desks."""

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from core.domain.vocabulary import Access
from core.services.app import Services, open_services
from core.services.context import ServiceContext
from core.services.team import TeamService
from tests.conftest import fresh_database


@dataclass
class Team:
    """A team-mode database: the administrator's services, and a URL per login."""

    admin: Services
    base_url: str
    logins: list[str] = field(default_factory=list)

    def url(self, login: str) -> str:
        return make_url(self.base_url).set(username=login, password="pw-" + login).render_as_string(False)

    def add(self, name: str, access: Access, locations: list[str] = ()) -> str:
        login = f"ct_{uuid.uuid4().hex[:10]}"
        self.logins.append(login)
        TeamService(self.admin.ctx, self.admin.people, self.admin.locations).add_person(
            name, login, access, list(locations), password="pw-" + login
        )
        return login

    def open_as(self, login: str, **kwargs) -> Services:
        return open_services(self.url(login), **kwargs)


@pytest.fixture
def server_url() -> str:
    url = os.environ.get("CANDOUR_TEST_DATABASE_URL")
    if not url:
        pytest.skip(
            "this is about a PostgreSQL server (logins, roles, row-level security, a connection that can be "
            "lost): set CANDOUR_TEST_DATABASE_URL to a server database whose login may create roles, as "
            "scripts/ci_postgres.sh does"
        )
    return url


@pytest.fixture
def team(server_url: str, tmp_path: Path) -> Iterator[Team]:
    db = fresh_database(tmp_path / "unused.sqlite3")
    admin = open_services(ctx=ServiceContext(db=db, actor=db.login(), administrator=True))
    TeamService(admin.ctx, admin.people, admin.locations).init()
    built = Team(admin=admin, base_url=server_url)
    yield built
    with db.engine.begin() as connection:
        for login in built.logins:
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
    admin.close()
