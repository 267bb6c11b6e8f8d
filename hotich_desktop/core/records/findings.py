"""The data-quality findings of records: one rule set (records/checks.py with the book type's rule table,
and the workspace's override), in two forms. `record_findings` checks one record (the values about to be
saved; its context from a few indexed lookups); `book_findings` checks a whole book at once (the contexts of
hundreds of records from a handful of set queries, records/context.py). Which findings block which move is
lifecycle.blocks_submit / blocks_approval / open_findings."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import lifecycle
from ..lifecycle import EntryStatus
from ..store.infos import book_row
from ..store.models import Entry, FindingAcceptance, Page, Record
from ..views import Finding
from . import checks
from .context import book_contexts, record_context
from .forms import load_form
from .rules import load_rules

CHUNK = 500


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
        q = select(FindingAcceptance).where(FindingAcceptance.entry_id.in_(entry_ids[i:i + CHUNK]))
        for a in s.scalars(q):
            out[a.entry_id].add((a.code, a.field))
    return out
