"""full-text search on a PostgreSQL server (its own text search under a GIN index); nothing on SQLite

Revision ID: 0005_server_search
Revises: 0004_team_mode
Create Date: 2026-11-29 13:00:00

SQLite has searched with its FTS5 index since 0004_search_fts; a server searched with regular expressions
over every row. Now it keeps a tsvector per action (core.store.server_search) and finds the same actions.
"""

from alembic import op

from core.store.server_search import create_server_search, drop_server_search

revision = "0005_server_search"
down_revision = "0004_team_mode"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        create_server_search(op.get_bind().exec_driver_sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        drop_server_search(op.get_bind().exec_driver_sql)
