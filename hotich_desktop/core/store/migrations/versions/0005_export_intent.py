"""export intent: manifest hash and in-flight owner on packages; audit events found by object

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("export_packages") as batch:
        batch.add_column(sa.Column("manifest_sha256", sa.String(length=64), nullable=False, server_default=""))
        batch.add_column(sa.Column("owner", sa.String(length=200), nullable=False, server_default=""))
        batch.create_index("ix_export_packages_owner", ["owner"])
    op.create_index("ix_audit_events_object", "audit_events", ["object_type", "object_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_object", table_name="audit_events")
    with op.batch_alter_table("export_packages") as batch:
        batch.drop_index("ix_export_packages_owner")
        batch.drop_column("owner")
        batch.drop_column("manifest_sha256")
