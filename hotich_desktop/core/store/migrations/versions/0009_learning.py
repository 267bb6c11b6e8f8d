"""what the desk learned from approved records: the commune's lexicon per book, and each entry's share of it

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learned_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=400), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("book_id", "kind", "value"),
    )
    op.create_index("ix_learned_terms_book_id", "learned_terms", ["book_id"])
    op.create_table(
        "learned_entries",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["entries.id"]),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"]),
        sa.PrimaryKeyConstraint("entry_id"),
    )
    op.create_index("ix_learned_entries_book_id", "learned_entries", ["book_id"])
    _backfill()


def _backfill() -> None:
    """Records approved before this desk learned teach now (the same function the approval uses)."""
    import datetime as dt
    import json
    from collections import Counter

    from hotich_desktop.core.learning.terms import split_key, terms_of

    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT e.id, p.book_id, r.book_type, r.fields FROM entries e JOIN records r ON r.entry_id = e.id "
        "JOIN pages p ON p.id = e.page_id WHERE e.status IN ('approved', 'exported')")).all()
    totals: Counter[tuple[int, str]] = Counter()
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for entry_id, book_id, book_type, fields in rows:
        values = json.loads(fields) if isinstance(fields, str) else (fields or {})
        try:
            terms = terms_of(book_type, values or {})
        except Exception:  # a book type without a form today teaches nothing
            continue
        if not terms:
            continue
        conn.execute(sa.text("INSERT INTO learned_entries (entry_id, book_id, terms, updated_at) "
                             "VALUES (:e, :b, :t, :u)"), {"e": entry_id, "b": book_id,
                                                           "t": json.dumps(dict(terms), ensure_ascii=False),
                                                           "u": now})
        for k, n in terms.items():
            totals[(book_id, k)] += n
    for (book_id, k), n in totals.items():
        kind, value = split_key(k)
        conn.execute(sa.text("INSERT INTO learned_terms (book_id, kind, value, count) VALUES (:b, :k, :v, :n)"),
                     {"b": book_id, "k": kind, "v": value, "n": n})


def downgrade() -> None:
    op.drop_index("ix_learned_entries_book_id", table_name="learned_entries")
    op.drop_table("learned_entries")
    op.drop_index("ix_learned_terms_book_id", table_name="learned_terms")
    op.drop_table("learned_terms")
