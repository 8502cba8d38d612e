"""full-text search (SQLite FTS5) and the register's due-date order index

Revision ID: 0004_search_fts
Revises: 0004_key_question_source
Create Date: 2026-11-29 10:20:00
"""

from alembic import op

from core.store.search import create_search, drop_search

revision = "0004_search_fts"
down_revision = "0004_key_question_source"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The register's default order (due date, no date last) as an index, with the status so that the
    # usual "open actions by due date" page walks it without reading the table.
    op.execute("CREATE INDEX ix_action_due_nulls_last ON action ((due IS NULL), due, id, status)")
    if op.get_bind().dialect.name == "sqlite":  # PostgreSQL searches with ILIKE for now
        create_search(op.execute)
        op.execute("ANALYZE")  # statistics let SQLite choose between walking that index and sorting


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_search(op.execute)
    op.execute("DROP INDEX ix_action_due_nulls_last")
