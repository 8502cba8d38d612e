"""identity and a sealed history: people's Candour role, who completed an action, the verifier's name at
the time, and audit rows in UTC sealed in a hash chain

Revision ID: 0004_identity_audit
Revises: 0003
Create Date: 2026-11-29 10:30:00
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from core.store.audit_chain import seal_connection

revision = "0004_identity_audit"
down_revision = "0003"
branch_labels = None
depends_on = None

_audit = sa.table(
    "audit", sa.column("id", sa.Integer()), sa.column("at", sa.DateTime()), sa.column("at_utc", sa.String())
)


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("access", sa.String(length=20), nullable=True))
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("completed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("completed_owner_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("verifier_name", sa.String(length=200), nullable=True))
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("at_utc", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "UPDATE action SET verifier_name = "
            "(SELECT name FROM person WHERE person.id = action.verifier_id) "
            "WHERE verifier_id IS NOT NULL"
        )
    )
    # Existing entries were written in the computer's local time: give each its UTC instant and offset.
    rows = connection.execute(sa.select(_audit.c.id, _audit.c.at)).all()
    if rows:
        connection.execute(
            _audit.update().where(_audit.c.id == sa.bindparam("row_id")),
            [{"row_id": i, "at_utc": _utc(at)} for i, at in rows],
        )
    seal_connection(connection)


def _utc(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="seconds")


def downgrade() -> None:
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("at_utc")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("verifier_name")
        batch_op.drop_column("completed_owner_id")
        batch_op.drop_column("completed_by_id")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("access")
