"""row_changes: the rows written since the daily backup last read the store (filled by SQLite triggers)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "row_changes",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tbl", sa.String(length=80), nullable=False),
        sa.Column("pk", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    from hotich_desktop.core.store.changelog import drop_triggers

    drop_triggers(op.get_bind())
    op.drop_table("row_changes")
