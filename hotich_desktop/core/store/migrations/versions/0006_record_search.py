"""record search keys: name without accents, given name, registration date; number indexed

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("search_name", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("search_given", sa.String(length=60), nullable=False, server_default=""))
        batch.add_column(sa.Column("search_date", sa.String(length=10), nullable=False, server_default=""))
        batch.create_index("ix_records_search_name", ["search_name"])
        batch.create_index("ix_records_search_given", ["search_given"])
        batch.create_index("ix_records_search_date", ["search_date"])
        batch.create_index("ix_records_reg_no", ["reg_no"])
    _backfill()


def _backfill() -> None:
    """Existing records get their keys from their fields (the same function the service uses)."""
    import json

    from hotich_desktop.core.records.search import search_keys

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, book_type, fields FROM records")).all()
    for rid, book_type, fields in rows:
        values = json.loads(fields) if isinstance(fields, str) else (fields or {})
        keys = search_keys(book_type, values or {})
        if any(keys.values()):
            conn.execute(sa.text("UPDATE records SET search_name = :search_name, search_given = :search_given, "
                                 "search_date = :search_date WHERE id = :id"), {**keys, "id": rid})


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_reg_no")
        batch.drop_index("ix_records_search_date")
        batch.drop_index("ix_records_search_given")
        batch.drop_index("ix_records_search_name")
        batch.drop_column("search_date")
        batch.drop_column("search_given")
        batch.drop_column("search_name")
