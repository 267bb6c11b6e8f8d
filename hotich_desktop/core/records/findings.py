"""The data-quality findings of records: one rule set (records/checks.py with the book type's rule table,
and the workspace's override), in two forms. `record_findings` checks one record (the values about to be
saved; its context from a few indexed lookups); `book_findings` checks a whole book at once (the contexts of
hundreds of records from a handful of set queries, records/context.py). Which findings block which move is
lifecycle.blocks_submit / blocks_approval / open_findings.

What the checks found is also stored per record version (RecordCheck, written by `store_checks` where a
record is saved or a finding accepted, and for the records around it whose context moved), so store-wide
counts (the progress report's open findings) are SQL aggregates. `entry_findings` is the one truth both
the stored summary and a re-check come from; a stored row counts only while it matches the record's
version and content and the rules in force (`rules_stamp`), and anything else is re-checked."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, not_, or_, select
from sqlalchemy.orm import Session

from .. import lifecycle
from ..booktypes import BOOK_TYPES
from ..lifecycle import EntryStatus
from ..store.infos import book_row
from ..store.models import Book, Entry, FindingAcceptance, Page, Record, RecordCheck, utcnow
from ..views import Finding
from . import checks
from .context import book_contexts, entry_contexts, record_context
from .forms import load_form
from .rules import load_rules

CHUNK = 500
CHECKS_VERSION = "1"  # raise it when checks.py finds differently with the same rules: stored rows go stale
QUEUE = tuple(lifecycle.REVIEWABLE)


@dataclass
class BookCheck:
    """Every record's findings in a book, and the registration numbers missing from its sequence."""

    findings: dict[int, list[Finding]] = field(default_factory=dict)
    gaps: list[int] = field(default_factory=list)

    def open_findings(self, entry_id: int) -> list[Finding]:
        return lifecycle.open_findings(self.findings.get(entry_id, []))

    def as_json(self) -> dict[str, Any]:
        return {"gaps": self.gaps, "entries": {str(k): [f.as_json() for f in v] for k, v in self.findings.items()}}


def _marked(found: list[Finding], accepted: set[tuple[str, str]]) -> list[Finding]:
    return [replace(f, accepted=(f.code, f.field) in accepted) for f in found]


def record_findings(s: Session, entry: Entry, values: Mapping[str, str], root: Path | None = None) -> list[Finding]:
    """One record's findings, for `values` (saved or about to be); `root`: the workspace (its rule override)."""
    book = entry.page.book
    found = checks.record_findings(load_form(book.book_type), dict(values),
                                   record_context(s, book, entry.id, dict(values)), load_rules(book.book_type, root))
    return _marked(found, accepted(s, [entry.id])[entry.id])


def book_findings(s: Session, book_id: int, root: Path | None = None) -> BookCheck:
    """Every record of a book, with one query per kind of lookup."""
    book = book_row(s, book_id)
    form = load_form(book.book_type)
    rows = s.execute(select(Entry.id, Record.fields, Record.reg_no, Record.person_key).join(Record)
                     .join(Page).where(Page.book_id == book_id, Entry.status != EntryStatus.DELETED)).all()
    contexts = book_contexts(s, book, rows)
    marks = accepted(s, [r[0] for r in rows])
    rules = load_rules(book.book_type, root)
    result = BookCheck(gaps=checks.sequence_gaps([r[2] for r in rows]))
    for entry_id, values, _number, _person in rows:
        found = checks.record_findings(form, dict(values or {}), contexts[entry_id], rules)
        result.findings[entry_id] = _marked(found, marks[entry_id])
    return result


def accepted(s: Session, entry_ids: list[int]) -> dict[int, set[tuple[str, str]]]:
    """The (code, field) of every finding accepted with a reason, per entry."""
    out: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for i in range(0, len(entry_ids), CHUNK):
        q = (select(FindingAcceptance.entry_id, FindingAcceptance.code, FindingAcceptance.field)
             .where(FindingAcceptance.entry_id.in_(entry_ids[i:i + CHUNK])))
        for entry_id, code, spot in s.execute(q):
            out[entry_id].add((code, spot))
    return out


def entry_findings(s: Session, entry_ids: Iterable[int], root: Path | None = None) -> dict[int, list[Finding]]:
    """Every finding of these entries' records (accepted ones marked), from any books: the same checks as
    book_findings, with the book-wide facts (the book's numbers, the same person elsewhere) taken by set
    queries over those entries' books. The truth the stored summaries are written from."""
    ids = sorted(set(entry_ids))
    out: dict[int, list[Finding]] = {}
    for i in range(0, len(ids), CHUNK * 4):
        rows = s.execute(select(Entry.id, Page.book_id, Book.year, Record.book_type, Record.fields, Record.reg_no,
                                Record.person_key).join(Record).join(Page).join(Book)
                         .where(Entry.id.in_(ids[i:i + CHUNK * 4]))).all()
        contexts = entry_contexts(s, [(r[0], r[1], r[2], r[3], dict(r[4] or {}), r[5], r[6]) for r in rows])
        marks = accepted(s, [r[0] for r in rows])
        for entry_id, _book_id, _year, kind, values, _number, _person in rows:
            found = checks.record_findings(load_form(kind), dict(values or {}), contexts[entry_id],
                                           load_rules(kind, root))
            out[entry_id] = _marked(found, marks[entry_id])
    return out


# -- the stored summaries --------------------------------------------------------------------------------------
_stamps: dict[int, tuple[tuple[Any, ...], str]] = {}


def rules_stamp(book_type: str, root: Path | None = None) -> str:
    """A fingerprint of what decides a record's findings besides its own values and its neighbours: the
    rules in force for the type (shipped and the workspace's override), the form, and CHECKS_VERSION."""
    rules = load_rules(book_type, root)
    cached = _stamps.get(id(rules))
    if cached is None or cached[0] is not rules:  # load_rules caches the tuple; a new one is a new stamp
        text = repr((CHECKS_VERSION, book_type, rules, load_form(book_type)))
        cached = (rules, hashlib.sha256(text.encode("utf-8")).hexdigest()[:32])
        _stamps[id(rules)] = cached
    return cached[1]


def _fresh(root: Path | None) -> Any:
    """SQL: the record's stored summary is of this version, this content and the rules in force."""
    stamps = or_(*(and_(Record.book_type == kind, RecordCheck.stamp == rules_stamp(kind, root)) for kind in BOOK_TYPES))
    return and_(RecordCheck.version == Record.version, RecordCheck.content_hash == Record.content_hash, stamps)


def store_checks(s: Session, entry_ids: Iterable[int], root: Path | None = None) -> dict[int, list[Finding]]:
    """Checks these entries now (entry_findings) and stores what was found against their record versions.
    Called in the writer's transaction, after its changes are flushed."""
    ids = sorted(set(entry_ids))
    if not ids:
        return {}
    s.flush()
    found = entry_findings(s, ids, root)
    now = utcnow()
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        s.execute(delete(RecordCheck).where(RecordCheck.entry_id.in_(chunk)))
        rows = [{"entry_id": eid, "version": version or 1, "content_hash": digest or "",
                 "stamp": rules_stamp(kind, root), "found": len(found.get(eid, [])),
                 "open": len(lifecycle.open_findings(found.get(eid, []))),
                 "blocking": len(lifecycle.blocks_approval(found.get(eid, []))), "checked_at": now}
                for eid, version, digest, kind in s.execute(
                    select(Record.entry_id, Record.version, Record.content_hash, Record.book_type)
                    .where(Record.entry_id.in_(chunk)))]
        if rows:
            s.execute(insert(RecordCheck), rows)
    return found


def around(s: Session, book_id: int, book_type: str, numbers: Iterable[str], people: Iterable[str]) -> set[int]:
    """The entries whose findings may move when a record with these registration numbers and person keys
    (before and after a change) changes: the same number in the book (duplicate_number), the next higher
    number (its "previous" record: registration_order, number_gap), the same person in the type's books."""
    wanted = {n for n in numbers if n}
    out: set[int] = set()
    if wanted:
        held = s.execute(select(Record.reg_no, Entry.id).select_from(Record).join(Entry).join(Page).where(
            Page.book_id == book_id, Entry.status != EntryStatus.DELETED, Record.reg_no != "")).all()
        digits = sorted({int(reg) for reg, _ in held if reg.isdigit()})
        for n in [w for w in wanted if w.isdigit()]:
            above = next((d for d in digits if d > int(n)), None)
            if above is not None:
                wanted.add(str(above))
        out |= {eid for reg, eid in held if reg in wanted}
    keys = sorted({p for p in people if p})
    if keys:
        out |= set(s.scalars(select(Record.entry_id).where(Record.person_key.in_(keys),
                                                           Record.book_type == book_type)))
    return out


def forget_book(s: Session, book_id: int) -> None:
    """Drops the stored summaries of a book's records (entries deleted or restored: the book's numbers
    moved); they are re-checked when next counted."""
    ids = select(Entry.id).join(Page).where(Page.book_id == book_id)
    s.execute(delete(RecordCheck).where(RecordCheck.entry_id.in_(ids.scalar_subquery())))


@dataclass(frozen=True)
class QueueFindings:
    entries: int   # entries waiting for review with open findings
    findings: int  # their open findings
    stale: int     # of the queue, re-checked now because no stored summary matched


def queue_findings(s: Session, root: Path | None = None) -> QueueFindings:
    """Open findings over the review queue (entered records waiting for a decision): the stored summaries
    that still match, added up by the database, and a re-check (entry_findings) of those that do not."""
    queue = and_(Entry.status.in_(QUEUE), Record.entered_at.is_not(None))
    fresh = case((_fresh(root), 1), else_=0)
    entries = total = stale = 0
    rows = (select(fresh.label("ok"), RecordCheck.open.label("open")).select_from(Entry)
            .join(Record, Record.entry_id == Entry.id).outerjoin(RecordCheck, RecordCheck.entry_id == Entry.id)
            .where(queue).subquery())  # grouped outside: PostgreSQL matches no GROUP BY expression with parameters
    for ok, n_open, n_sum, n in s.execute(  # one pass: the matching summaries added up, the others counted
            select(rows.c.ok, func.sum(case((rows.c.open > 0, 1), else_=0)), func.sum(rows.c.open), func.count())
            .group_by(rows.c.ok)):
        if ok:
            entries, total = int(n_open or 0), int(n_sum or 0)
        else:
            stale = int(n or 0)
    counts: list[int] = []
    if stale:
        ids = s.scalars(select(Entry.id).join(Record, Record.entry_id == Entry.id)
                        .outerjoin(RecordCheck, RecordCheck.entry_id == Entry.id).where(queue, fresh == 0))
        counts = [len(lifecycle.open_findings(f)) for f in entry_findings(s, list(ids), root).values()]
    return QueueFindings(entries + sum(1 for n in counts if n), total + sum(counts), stale)


def refresh_stale(s: Session, root: Path | None = None, limit: int | None = None) -> int:
    """Stores summaries for the review queue's records that have none matching (the backfill after the
    migration or a rule change); returns how many were checked."""
    stale = list(s.scalars(select(Entry.id).join(Record, Record.entry_id == Entry.id)
                           .outerjoin(RecordCheck, RecordCheck.entry_id == Entry.id)
                           .where(Entry.status.in_(QUEUE), Record.entered_at.is_not(None),
                                  or_(RecordCheck.entry_id.is_(None), not_(_fresh(root))))
                           .order_by(Entry.id).limit(limit)))
    for i in range(0, len(stale), CHUNK * 4):
        store_checks(s, stale[i:i + CHUNK * 4], root)
    return len(stale)
