"""register sort and locations-list indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 04:20:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index("ix_action_location_reference", ["location_id", "reference"], unique=False)
        batch_op.create_index("ix_action_owner_reference", ["owner_id", "reference"], unique=False)
        batch_op.create_index(
            "ix_action_location_counts", ["location_id", "status", "kind", "due"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_location_counts")
        batch_op.drop_index("ix_action_owner_reference")
        batch_op.drop_index("ix_action_location_reference")
