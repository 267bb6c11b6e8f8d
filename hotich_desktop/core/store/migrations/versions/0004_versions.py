"""optimistic locking: a version on books, entries (boxes) and records; the version a review decided on

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

VERSIONED = ("books", "entries", "records")


def upgrade() -> None:
    # Plain ADD/DROP COLUMN (SQLite >= 3.35 and PostgreSQL): a batch copy of "entries" would trip the
    # foreign keys of the records that point at it.
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("review_decisions", sa.Column("record_version", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    op.execute("ALTER TABLE review_decisions DROP COLUMN record_version")
    for table in VERSIONED:
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
