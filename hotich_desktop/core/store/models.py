"""Typed SQLAlchemy 2.0 models. Every schema change is an Alembic migration in migrations/versions/."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Office(Base):
    """A registering office (UBND xã …): books belong to one."""

    __tablename__ = "offices"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OfficeSetting(Base):
    """One office-wide setting (core/settings/service.py): every desk on the store reads the same value.

    `version` is the optimistic lock: a save names the version it read, and one made from an older copy is
    refused ("đã có người sửa mục này") instead of overwriting another desk's choice."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_by: Mapped[str] = mapped_column(String(80), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __mapper_args__ = {"version_id_col": version}


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))  # clerk | supervisor | admin
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (UniqueConstraint("office_id", "book_type", "year", "volume"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    book_type: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    volume: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    office: Mapped[Office] = relationship()
    # Optimistic locking: every UPDATE says "WHERE version = the one I read", so two desks never overwrite
    # each other silently (the loser gets StaleDataError, turned into errors.Conflict by Store.session).
    __mapper_args__ = {"version_id_col": version}
    pages: Mapped[list[Page]] = relationship(back_populates="book", order_by="Page.order")


class Page(Base):
    """One page image: one frame of an original file, stored once in the archive by SHA-256."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("source_sha256", "frame"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"), index=True)
    order: Mapped[float] = mapped_column(Float, default=0)
    source_name: Mapped[str] = mapped_column(String(500))
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    frame: Mapped[int] = mapped_column(Integer, default=0)
    frames: Mapped[int] = mapped_column(Integer, default=1)
    stored_path: Mapped[str] = mapped_column(String(500))  # relative to the workspace root
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    dpi: Mapped[float] = mapped_column(Float, default=0)
    dpi_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="new")  # new | detected | failed
    skew_degrees: Mapped[float] = mapped_column(Float, default=0)
    page_number: Mapped[str] = mapped_column(String(20), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # Which desk is processing the page now: two desks on one watched folder take each page once.
    claimed_by: Mapped[str] = mapped_column(String(120), default="", server_default="")
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    book: Mapped[Book] = relationship(back_populates="pages")
    entries: Mapped[list[Entry]] = relationship(back_populates="page", order_by="Entry.order")


class Entry(Base):
    """One registered case on a page: its outline, its PDF, its workflow status."""

    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id"), index=True)
    order: Mapped[int] = mapped_column(Integer, default=0)
    polygon: Mapped[list[Any]] = mapped_column(JSON)
    pdf_path: Mapped[str] = mapped_column(String(500), default="")
    pdf_bytes: Mapped[int] = mapped_column(Integer, default=0)
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(20), default="new")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    page: Mapped[Page] = relationship(back_populates="entries")
    __mapper_args__ = {"version_id_col": version}  # the box (outline, PDF, status)
    record: Mapped[Record | None] = relationship(back_populates="entry", uselist=False)


class Record(Base):
    """The entry's field values for its book type, and the OCR prefill they started from."""

    __tablename__ = "records"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), unique=True)
    book_type: Mapped[str] = mapped_column(String(40))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ocr: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    entered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    approved_hash: Mapped[str] = mapped_column(String(64), default="")
    # Derived keys kept in columns so store-wide checks are index lookups, not scans of 300,000 JSON rows.
    person_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    reg_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    # search keys (core/records/search.py): name without accents, given name, registration date yyyy-mm-dd
    search_name: Mapped[str] = mapped_column(String(200), default="", server_default="", index=True)
    search_given: Mapped[str] = mapped_column(String(60), default="", server_default="", index=True)
    search_date: Mapped[str] = mapped_column(String(10), default="", server_default="", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    entry: Mapped[Entry] = relationship(back_populates="record")
    __mapper_args__ = {"version_id_col": version}
    # covering: the progress report counts records per book and day from this index alone (migration 0015)
    __table_args__ = (Index("ix_records_entered_entry", "entered_at", "entry_id"),)


class RecordCheck(Base):
    """What the checks found in one record version (core/records/findings.py:store_checks), so a store-wide
    count of open findings is an aggregate, not a re-check of 30,000 records. Keyed by the entry without a
    foreign key (an entry removed with its box leaves a row nothing joins); a row counts only while its
    version, content hash and rules stamp match the record and the rules in force."""

    __tablename__ = "record_checks"
    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    stamp: Mapped[str] = mapped_column(String(64))
    found: Mapped[int] = mapped_column(Integer, default=0)      # every finding
    open: Mapped[int] = mapped_column(Integer, default=0)       # not accepted (lifecycle.open_findings)
    blocking: Mapped[int] = mapped_column(Integer, default=0)   # stops approval (lifecycle.blocks_approval)
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReviewDecision(Base):
    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(20))  # approved | returned
    reason: Mapped[str] = mapped_column(Text, default="")
    record_hash: Mapped[str] = mapped_column(String(64), default="")
    record_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # the version decided on
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class FindingAcceptance(Base):
    """A supervisor's note that a data-quality finding is a real oddity of the old book."""

    __tablename__ = "finding_acceptances"
    __table_args__ = (UniqueConstraint("entry_id", "code", "field"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"))
    code: Mapped[str] = mapped_column(String(60))
    field: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """Append-only, hash-chained: each event carries the hash of the one before."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_login: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(40), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class IntakeFile(Base):
    """What intake decided about one source file, so a restart never takes it twice."""

    __tablename__ = "intake_files"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_path: Mapped[str] = mapped_column(String(1000))
    size: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))  # stored | duplicate | quarantined
    reason: Mapped[str] = mapped_column(Text, default="")
    book_id: Mapped[int | None] = mapped_column(ForeignKey("books.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class ExportPackage(Base):
    """An outbox item: one version of one book's 158 package and its delivery state."""

    __tablename__ = "export_packages"
    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    path: Mapped[str] = mapped_column(String(1000))
    content_hash: Mapped[str] = mapped_column(String(64))
    records: Mapped[int] = mapped_column(Integer, default=0)
    # preparing (intent, not yet current) | queued | sent | failed | acknowledged | superseded
    status: Mapped[str] = mapped_column(String(20), default="queued")
    error: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    receipt: Mapped[str] = mapped_column(String(200), default="")  # the server's acknowledgement
    target: Mapped[str] = mapped_column(String(1000), default="")  # where it was last delivered
    # SHA-256 of the package's manifest.json (which hashes every file): what delivery and upload check.
    manifest_sha256: Mapped[str] = mapped_column(String(64), default="")
    # host:pid:token of the process between intent and clean-up; "" once the export is finished.
    owner: Mapped[str] = mapped_column(String(200), default="", index=True)


class ExportItem(Base):
    """Which record went into which package (a record is in at most one live package)."""

    __tablename__ = "export_items"
    __table_args__ = (UniqueConstraint("package_id", "entry_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("export_packages.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    pdf_name: Mapped[str] = mapped_column(String(200))
    record_hash: Mapped[str] = mapped_column(String(64))


class AppMeta(Base):
    """Small facts about the store itself (the app version that last opened it)."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(300))


class Blob(Base):
    """A page original or an entry PDF kept in a shared PostgreSQL store by its SHA-256, so every desk
    reaches every file (a desk fetches what it lacks into its own workspace)."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ColumnMapping(Base):
    """How one province's spreadsheets name their columns (kind: discrepancy | population), set once."""

    __tablename__ = "column_mappings"
    __table_args__ = (UniqueConstraint("kind", "province"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = mapped_column(String(120))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> column header
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DiscrepancyList(Base):
    """One list of discrepancies the district sent (or the clerk's own notes, kind 'noted'), 45 days to work."""

    __tablename__ = "discrepancy_lists"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    province: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(20), default="district")  # district | noted
    source_name: Mapped[str] = mapped_column(String(500), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer, default=45)
    header: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the province's columns, in order
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DiscrepancyLine(Base):
    """One line of a list: what the list says, the record it matched, and the clerk's decision."""

    __tablename__ = "discrepancy_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("discrepancy_lists.id"), index=True)
    row: Mapped[int] = mapped_column(Integer)  # the row number in the province's file
    case_type: Mapped[str] = mapped_column(String(200), default="")
    error_type: Mapped[str] = mapped_column(String(40), default="")  # ERROR_TYPES key
    error_text: Mapped[str] = mapped_column(String(300), default="")  # as the list wrote it
    unit: Mapped[str] = mapped_column(String(300), default="")
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> text (identifiers, both values)
    raw: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the row's cells as read, for the export
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"), nullable=True, index=True)
    score: Mapped[float] = mapped_column(Float, default=0)
    candidates: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{entry_id, score, why}]
    resolution: Mapped[str] = mapped_column(String(30), default="", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    resolved_by: Mapped[str] = mapped_column(String(80), default="")
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class PopulationPerson(Base):
    """One person of the population-data extract: kept in the database only (the file is never copied),
    removed wholesale by the audited purge."""

    __tablename__ = "population_people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    plain: Mapped[str] = mapped_column(String(200), default="", index=True)  # name without accents
    birth: Mapped[str] = mapped_column(String(10), default="", index=True)  # dd/mm/yyyy (or partial)
    gender: Mapped[str] = mapped_column(String(10), default="")
    id_number: Mapped[str] = mapped_column(String(20), default="", index=True)
    father: Mapped[str] = mapped_column(String(200), default="")
    mother: Mapped[str] = mapped_column(String(200), default="")
    residence: Mapped[str] = mapped_column(String(500), default="")

class LearnedTerm(Base):
    """A value approved records of a book hold, and how often (core/learning): the commune's own lexicon,
    kept in the store so it survives a restart and goes into every backup."""

    __tablename__ = "learned_terms"
    __table_args__ = (UniqueConstraint("book_id", "kind", "value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(400))
    count: Mapped[int] = mapped_column(Integer, default=0)


class LearnedEntry(Base):
    """What one approved entry taught (its terms and counts), so a later correction or a return takes back
    exactly that and nothing is counted twice."""

    __tablename__ = "learned_entries"
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"), index=True)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)



class Campaign(Base):
    """A digitisation campaign: the dates the province set and the books it counts (the district's plan)."""

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    books: Mapped[list[CampaignBook]] = relationship(back_populates="campaign", order_by="CampaignBook.id",
                                                     cascade="all, delete-orphan")


class CampaignBook(Base):
    """One book to digitise in a campaign; matched to the store's books by type, year and volume."""

    __tablename__ = "campaign_books"
    __table_args__ = (UniqueConstraint("campaign_id", "book_type", "year", "volume"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    book_type: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    volume: Mapped[str] = mapped_column(String(40))
    expected_records: Mapped[int | None] = mapped_column(Integer, nullable=True)  # unknown until counted
    campaign: Mapped[Campaign] = relationship(back_populates="books")



class BookLayout(Base):
    """Where each field's value sits in an entry of one book (core/ocr/layout_profile.py), learned from the
    entries the clerk confirmed or drawn by hand; one row per book, made when it first learns."""

    __tablename__ = "book_layouts"
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"), primary_key=True)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class RowChange(Base):
    """A row written since the daily backup last read the store (SQLite: filled by triggers on every table,
    store/changelog.py), so the next backup reads those rows instead of hashing the whole store."""

    __tablename__ = "row_changes"
    __table_args__ = {"sqlite_autoincrement": True}  # a number is never reused, even after pruning
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(80))
    pk: Mapped[str] = mapped_column(String(300))
