"""The service layer's front door: open a database and get every service, ready to use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from core.domain.errors import DatabaseError
from core.paths import default_database_path
from core.services.action_edits import ActionEdits
from core.services.actions import ActionQueries
from core.services.context import ServiceContext, default_actor
from core.services.dashboard import DashboardService
from core.services.documents import DocumentService
from core.services.evidence import EvidenceService
from core.services.imports import ImportService
from core.services.locations import LocationService
from core.services.people import PeopleService
from core.services.settings import SettingsService
from core.store import changes as _changes  # noqa: F401 - registers the change recorder on every session
from core.store.db import Database
from core.store.migrate import upgrade_to_head


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
    backup_written: Path | None = None

    @property
    def database_label(self) -> str:
        return self.ctx.db.label

    @property
    def database_path(self) -> Path | None:
        return self.ctx.db.path

    @property
    def actor(self) -> str:
        return self.ctx.actor

    def close(self) -> None:
        self.ctx.db.dispose()


def resolve_target(target: str | Path | None) -> str | Path:
    """--db, else CANDOUR_DB, else the default file in the user's data folder."""
    return target or os.environ.get("CANDOUR_DB") or default_database_path()


def open_services(target: str | Path | None = None, *, actor: str | None = None,
                  ctx: ServiceContext | None = None) -> Services:
    """Open (and if needed create or upgrade) a database and build the services on it."""
    if ctx is None:
        db = Database(resolve_target(target))
        ctx = ServiceContext(db=db, actor=actor or default_actor())
    try:
        backup = upgrade_to_head(ctx.db)
    except DatabaseError:
        ctx.db.dispose()
        raise
    settings = SettingsService(ctx)
    queries = ActionQueries(ctx, settings)
    return Services(
        ctx=ctx, settings=settings, actions=queries, edits=ActionEdits(ctx, queries),
        evidence=EvidenceService(ctx, queries), people=PeopleService(ctx), locations=LocationService(ctx),
        imports=ImportService(ctx), dashboard=DashboardService(ctx, settings),
        documents=DocumentService(ctx, queries, settings), backup_written=backup)
