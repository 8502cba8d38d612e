"""team mode: each person's server login, and the locations each person belongs to

Revision ID: 0004_team_mode
Revises: 0004_search_fts
Create Date: 2026-11-29 10:55:00

`person.login` maps a PostgreSQL login (current_user) onto a person; `person_location` says which locations a
person belongs to (the server's row-level security lets an action owner change only actions there).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_team_mode"
down_revision = "0004_search_fts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=63), nullable=True))
    op.create_index(op.f("ix_person_login"), "person", ["login"], unique=True)  # no table rebuild on SQLite
    op.create_table(
        "person_location",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_location_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["location.id"], name=op.f("fk_person_location_location_id_location")
        ),
        sa.PrimaryKeyConstraint("person_id", "location_id", name=op.f("pk_person_location")),
    )


def downgrade() -> None:
    op.drop_table("person_location")
    op.drop_index(op.f("ix_person_login"), table_name="person")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("login")
