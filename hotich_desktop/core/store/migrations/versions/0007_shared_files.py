"""files every desk reaches: blobs by SHA-256 in a shared store; page claims for two desks on one folder

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.add_column("pages", sa.Column("claimed_by", sa.String(length=120), nullable=False, server_default=""))
    op.add_column("pages", sa.Column("claimed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE pages DROP COLUMN claimed_at")
    op.execute("ALTER TABLE pages DROP COLUMN claimed_by")
    op.drop_table("blobs")
