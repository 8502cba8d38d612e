"""CQC sync: locations as CQC lists them, the reports seen by linkId, and how far the change list was read

Revision ID: 0004_cqc_sync
Revises: 0004_steps_sources_snapshots
Create Date: 2026-11-29 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_cqc_sync"
down_revision = "0004_steps_sources_snapshots"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cqc_location",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cqc_id", sa.String(length=40), nullable=False),
        sa.Column("cqc_provider_id", sa.String(length=40), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=True),
        sa.Column("last_inspection", sa.Date(), nullable=True),
        sa.Column("last_report", sa.Date(), nullable=True),
        sa.Column("unpublished", sa.Boolean(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_cqc_location_location_id_location")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cqc_location")),
        sa.UniqueConstraint("cqc_id", name=op.f("uq_cqc_location_cqc_id")),
    )
    with op.batch_alter_table("cqc_location", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cqc_location_cqc_provider_id"), ["cqc_provider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cqc_location_location_id"), ["location_id"], unique=False)

    op.create_table(
        "cqc_report",
        sa.Column("link_id", sa.String(length=64), nullable=False),
        sa.Column("cqc_location_id", sa.Integer(), nullable=False),
        sa.Column("report_date", sa.Date(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cqc_location_id"], ["cqc_location.id"], name=op.f("fk_cqc_report_cqc_location_id_cqc_location")
        ),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], name=op.f("fk_cqc_report_report_id_report")),
        sa.PrimaryKeyConstraint("link_id", name=op.f("pk_cqc_report")),
    )
    with op.batch_alter_table("cqc_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cqc_report_cqc_location_id"), ["cqc_location_id"], unique=False)

    op.create_table(
        "cqc_sync_state",
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("changes_until", sa.DateTime(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_cqc_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("cqc_sync_state")
    with op.batch_alter_table("cqc_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cqc_report_cqc_location_id"))
    op.drop_table("cqc_report")
    with op.batch_alter_table("cqc_location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cqc_location_location_id"))
        batch_op.drop_index(batch_op.f("ix_cqc_location_cqc_provider_id"))
    op.drop_table("cqc_location")
