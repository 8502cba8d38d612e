"""Alembic environment: Candour runs migrations from code on a connection it passes in."""

from alembic import context

from core.store.orm import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - alembic's CLI is not how Candour migrates
    raise RuntimeError("Run migrations through core.store.migrate.upgrade_to_head().")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
