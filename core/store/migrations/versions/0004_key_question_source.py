"""where each action's key question came from

Revision ID: 0004_key_question_source
Revises: 0004_cqc_sync
Create Date: 2026-11-29 10:30:00

Existing actions keep NULL (imported before sources were recorded); the application shows them as unknown.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_key_question_source"
down_revision = "0004_cqc_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_question_source", sa.String(length=12), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("key_question_source")
