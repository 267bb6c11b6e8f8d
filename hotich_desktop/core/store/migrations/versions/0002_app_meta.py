"""app_meta: which app version created and last opened the store

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("app_meta",
                    sa.Column("key", sa.String(length=60), primary_key=True),
                    sa.Column("value", sa.String(length=300), nullable=False))


def downgrade() -> None:
    op.drop_table("app_meta")
