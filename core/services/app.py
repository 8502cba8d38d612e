"""The service layer's front door: open a database and get every service, ready to use."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from core.domain.changes import Changes
from core.domain.errors import CandourError, DatabaseError
from core.domain.identity import Identity
from core.paths import default_database_path
from core.services.action_edits import ActionEdits
from core.services.actions import ActionQueries
from core.services.backup import back_up
from core.services.context import ServiceContext
from core.services.dashboard import DashboardService
from core.services.documents import DocumentService
from core.services.evidence import EvidenceService
from core.services.imports import ImportService
from core.services.locations import LocationService
from core.services.people import PeopleService
from core.services.removal import RemovalService
from core.services.settings import SettingsService
from core.services.steps import StepService
from core.store import changes as store_changes  # also registers the change recorder on every session
from core.store.change_feed import ChangeFeed
from core.store.db import Database
from core.store.migrate import not_a_person, upgrade_to_head

if TYPE_CHECKING:
    from core.services.sync import SyncService

T = TypeVar("T")


@dataclass
class Services:
    ctx: ServiceContext
    settings: SettingsService
    actions: ActionQueries
    edits: ActionEdits
    evidence: EvidenceService
    people: PeopleService
    locations: LocationService
    imports: ImportService
    dashboard: DashboardService
    documents: DocumentService
    steps: StepService
    removal: RemovalService
    backup_written: Path | None = None

    @cached_property
    def sync(self) -> SyncService:
        """CQC sync; its records load on first use, keeping start-up fast when no sync is asked for."""
        from core.services.sync import SyncService

        return SyncService(self.ctx, self.imports)

    @property
    def database_label(self) -> str:
        return self.ctx.db.label

    @property
    def database_path(self) -> Path | None:
        return self.ctx.db.path

    @property
    def server(self) -> str | None:
        """host:port of the database server; None for an SQLite file."""
        url = self.ctx.db.url
        return None if self.ctx.db.is_sqlite else f"{url.host or 'localhost'}:{url.port or 5432}"

    @property
    def actor(self) -> str:
        return self.ctx.actor

    def back_up(self, target: Path) -> Path:
        """A consistent copy of the open SQLite database at target (a file, or a folder to put it in)."""
        return back_up(self.ctx.db, target)

    @property
    def identity(self) -> Identity | None:
        """The person signed in (None on the command line without --user)."""
        return self.ctx.identity

    def sign_in(self, person_id: int) -> Identity:
        identity = self.people.identity(person_id)
        self.ctx.sign_in(identity)
        return identity

    def watch(self) -> ChangeFeed:
        """Other clients' changes as they happen (close it when done); poll() it from a timer."""
        return ChangeFeed(self.ctx.db)

    def close(self) -> None:
        self.ctx.db.dispose()


def resolve_target(target: str | Path | None) -> str | Path:
    """--db, else CANDOUR_DB, else the default file in the user's data folder."""
    return target or os.environ.get("CANDOUR_DB") or default_database_path()


def open_services(
    target: str | Path | None = None,
    *,
    user: str | None = None,
    create: bool = False,
    ctx: ServiceContext | None = None,
) -> Services:
    """Open (and upgrade) a database and build the services on it, signed in as `user` when named.

    `user` (else CANDOUR_USER) must name a person in the database. A missing or empty file is refused
    unless `create` is given: only `candour init` and File > New database make a new database.
    """
    name = user
    by_login = ctx is None  # a context handed in (tests, the administrator) has already said who is acting
    if ctx is None:
        name = user or os.environ.get("CANDOUR_USER", "").strip()
        ctx = ServiceContext(db=Database(resolve_target(target), must_exist=not create))
    try:
        backup = upgrade_to_head(ctx.db)
        services = _build(ctx, backup)
        if by_login and not ctx.db.is_sqlite:
            _sign_in_by_login(services, name)
        elif name:
            ctx.sign_in(services.people.identity_by_name(name))
    except CandourError:
        ctx.db.dispose()
        raise
    return services


def _sign_in_by_login(services: Services, name: str | None) -> None:
    """On a server the login is the person: the server checked the password, so nobody can claim a name.

    A database where no person has a login yet is not in team mode, and works as on one computer.
    """
    login = services.ctx.db.login()
    identity = services.people.identity_by_login(login)
    if identity is None:
        if services.people.has_logins():
            raise DatabaseError(not_a_person(services.ctx.db, login))
        if name:
            services.ctx.sign_in(services.people.identity_by_name(name))
        return
    if name and name.strip().casefold() != identity.name.casefold():
        raise DatabaseError(
            f"You are logged in to {services.database_label} as {login}, who is {identity.name}; "
            f"on a server you cannot act as {name.strip()}."
        )
    services.ctx.sign_in(identity)
    services.ctx.team = True


def _build(ctx: ServiceContext, backup: Path | None) -> Services:
    settings = SettingsService(ctx)
    queries = ActionQueries(ctx, settings)
    imports = ImportService(ctx)
    return Services(
        ctx=ctx,
        settings=settings,
        actions=queries,
        edits=ActionEdits(ctx, queries),
        evidence=EvidenceService(ctx, queries),
        people=PeopleService(ctx),
        locations=LocationService(ctx),
        imports=imports,
        dashboard=DashboardService(ctx, settings),
        documents=DocumentService(ctx, queries, settings),
        steps=StepService(ctx, queries),
        removal=RemovalService(ctx),
        backup_written=backup,
    )


def record_changes(command: Callable[[], T]) -> tuple[T, Changes]:
    """Run a command (service calls) and return its result with what it changed: the actions, locations,
    people and reports it touched. The desktop's task runner announces these to every panel."""
    result, changes = store_changes.record_changes(command)
    return result, changes
