"""steps under actions, other-source actions, deletion records and board-pack snapshots

Revision ID: 0004_steps_sources_snapshots
Revises: 0004_identity_audit
Create Date: 2026-11-29 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_steps_sources_snapshots"
down_revision = "0004_identity_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("monitoring", sa.Text(), nullable=True),
        sa.Column("success_measure", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], name=op.f("fk_step_action_id_action")),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], name=op.f("fk_step_owner_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step")),
    )
    op.create_index("ix_step_action_position", "step", ["action_id", "position"], unique=False)
    op.create_table(
        "deletion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("work_recorded", sa.Text(), nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("deleted_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion")),
    )
    op.create_index(op.f("ix_deletion_deleted_at"), "deletion", ["deleted_at"], unique=False)
    op.create_table(
        "pack_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=200), nullable=False),
        sa.Column("meeting", sa.Date(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by", sa.String(length=120), nullable=False),
        sa.Column("location_ids", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("states", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pack_snapshot")),
    )
    op.create_index(op.f("ix_pack_snapshot_series"), "pack_snapshot", ["series"], unique=False)
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("step_count", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("steps_done", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("next_step_due", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("next_step_due")
        batch_op.drop_column("steps_done")
        batch_op.drop_column("step_count")
        batch_op.drop_column("source")
    op.drop_index(op.f("ix_pack_snapshot_series"), table_name="pack_snapshot")
    op.drop_table("pack_snapshot")
    op.drop_index(op.f("ix_deletion_deleted_at"), table_name="deletion")
    op.drop_table("deletion")
    op.drop_index("ix_step_action_position", table_name="step")
    op.drop_table("step")
