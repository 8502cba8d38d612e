"""Alembic environment: Candour runs migrations from code on a connection it passes in."""

from alembic import context

from core.store.orm import Base
from core.store.search import include_name

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - alembic's CLI is not how Candour migrates
    raise RuntimeError("Run migrations through core.store.migrate.upgrade_to_head().")

context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=include_name
)
with context.begin_transaction():
    context.run_migrations()
