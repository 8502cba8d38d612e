"""a server's search index takes each change at once (GIN `fastupdate` off); nothing on SQLite

Revision ID: 0006_search_index_direct
Revises: 0005_server_search
Create Date: 2026-11-29 14:20:00

With `fastupdate` on, PostgreSQL queues a GIN index's new entries in a pending list (up to 4 MB) until
autovacuum merges them, and every search reads that whole list again: a busy team's searches would slow
between vacuums. Off, each re-indexed action costs its writer a little more (one action's words), and a
search costs the same whatever was written since the last vacuum. The queue left by earlier writes is
merged now.
"""

from alembic import op

from core.store.search import SEARCH_TABLE

revision = "0006_search_index_direct"
down_revision = "0005_server_search"
branch_labels = None
depends_on = None

_INDEX = f"ix_{SEARCH_TABLE}_document"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER INDEX {_INDEX} SET (fastupdate = off)")
        op.execute(f"SELECT gin_clean_pending_list('{_INDEX}'::regclass)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER INDEX {_INDEX} RESET (fastupdate)")
