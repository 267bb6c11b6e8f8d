"""discrepancy lists from the district, column mappings per province, the population-data extract

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "column_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("province", sa.String(length=120), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "province"),
    )
    op.create_table(
        "discrepancy_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("province", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("header", sa.JSON(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("imported_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_discrepancy_lists_source_sha256", "discrepancy_lists", ["source_sha256"])
    op.create_table(
        "discrepancy_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), sa.ForeignKey("discrepancy_lists.id"), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("case_type", sa.String(length=200), nullable=False),
        sa.Column("error_type", sa.String(length=40), nullable=False),
        sa.Column("error_text", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=300), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("entries.id"), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("resolution", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("resolved_by", sa.String(length=80), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_discrepancy_lines_list_id", "discrepancy_lines", ["list_id"])
    op.create_index("ix_discrepancy_lines_entry_id", "discrepancy_lines", ["entry_id"])
    op.create_index("ix_discrepancy_lines_resolution", "discrepancy_lines", ["resolution"])
    op.create_table(
        "population_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("plain", sa.String(length=200), nullable=False),
        sa.Column("birth", sa.String(length=10), nullable=False),
        sa.Column("gender", sa.String(length=10), nullable=False),
        sa.Column("id_number", sa.String(length=20), nullable=False),
        sa.Column("father", sa.String(length=200), nullable=False),
        sa.Column("mother", sa.String(length=200), nullable=False),
        sa.Column("residence", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_population_people_plain", "population_people", ["plain"])
    op.create_index("ix_population_people_birth", "population_people", ["birth"])
    op.create_index("ix_population_people_id_number", "population_people", ["id_number"])


def downgrade() -> None:
    op.drop_table("population_people")
    op.drop_table("discrepancy_lines")
    op.drop_table("discrepancy_lists")
    op.drop_table("column_mappings")
