"""record checks: what the checks found per record version, so progress counts open findings in SQL

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_checks",
        sa.Column("entry_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("found", sa.Integer(), nullable=False),
        sa.Column("open", sa.Integer(), nullable=False),
        sa.Column("blocking", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id"),
    )
    _backfill()


def _backfill() -> None:
    """The review queue's records get their summaries from the service's own checks (records/findings.py)
    with the shipped rules; a workspace with its own rules.json has them re-checked when next counted."""
    from sqlalchemy.orm import Session

    from hotich_desktop.core.records.findings import refresh_stale

    with Session(bind=op.get_bind()) as s:
        refresh_stale(s, None)
        s.flush()


def downgrade() -> None:
    op.drop_table("record_checks")
