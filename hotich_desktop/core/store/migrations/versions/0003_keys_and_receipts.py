"""indexed person and number keys on records (store-wide checks); upload receipts on packages

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("person_key", sa.String(length=64), nullable=False, server_default=""))
        batch.add_column(sa.Column("reg_no", sa.String(length=40), nullable=False, server_default=""))
        batch.create_index("ix_records_person_key", ["person_key"])
    _backfill_keys()
    with op.batch_alter_table("export_packages") as batch:
        batch.add_column(sa.Column("receipt", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("target", sa.String(length=1000), nullable=False, server_default=""))


def _backfill_keys() -> None:
    """Records saved by an older version get their keys computed once, here."""
    import json

    from hotich_desktop.core.records.checks import number_key, person_key

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, fields FROM records")).all()
    for record_id, fields in rows:
        values = json.loads(fields) if isinstance(fields, str) else (fields or {})
        conn.execute(sa.text("UPDATE records SET person_key = :p, reg_no = :n WHERE id = :i"),
                     {"p": person_key(values), "n": number_key(values.get("so", "")), "i": record_id})


def downgrade() -> None:
    with op.batch_alter_table("export_packages") as batch:
        batch.drop_column("target")
        batch.drop_column("receipt")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_person_key")
        batch.drop_column("reg_no")
        batch.drop_column("person_key")
