"""`svc.learning`: the door to what the desk learned from approved records of its office.

The lexicon is updated inside the approval's own transaction (a few rows, a few milliseconds), so what
is learned and what is approved never disagree; the window calls every method here from its worker pool.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, delete, event, func, select, tuple_
from sqlalchemy.orm import Session

from .. import audit, lifecycle
from ..errors import NotFound
from ..lifecycle import EntryStatus
from ..records.forms import load_form
from ..records.rules import load_rules
from ..roles import Actor
from ..store.models import Book, Entry, LearnedEntry, LearnedTerm, Page, Record, utcnow
from .lexicon import BOOK_WEIGHT, Lexicon
from .priors import EventWindow, Sequence, number_of, parse_date
from .refine import refine
from .terms import MAX_VALUE, split_key, terms_of
from .text import flat, nfc

CONFIRMED = lifecycle.REVIEWABLE | lifecycle.LOCKED  # a person typed or checked these values
LOOK_BACK = 12  # entries before this one searched for the book's running number and date


@dataclass(frozen=True)
class Suggestion:
    """A value to complete a field with: how often this book and office wrote it, and where it came from."""

    value: str
    weight: float
    source: str  # "lexicon" (the office's approved records) or "sequence" (the book's order)


class Learning:
    def __init__(self, svc: Any) -> None:
        """`svc`: the core Service (its store, roles and books). Not imported here: the service module reaches
        the delivery code, and import-linter keeps every network module out of core/learning."""
        self.svc = svc
        self._cache: dict[int, tuple[Any, int, Lexicon]] = {}  # book id -> (stamp, office id, lexicon)
        self._lock = threading.Lock()

    # -- learning (inside the approval's transaction) ------------------------------------------------
    def on_approved(self, s: Session, entry: Entry, record: Record) -> int:
        """The approved values replace what this entry taught before. Returns the number of terms touched."""
        return self._apply(s, entry.id, entry.page.book_id, terms_of(record.book_type, dict(record.fields or {})))

    def on_withdrawn(self, s: Session, entry: Entry) -> int:
        """An approval taken back (the entry returned): what it taught is forgotten."""
        return self._apply(s, entry.id, entry.page.book_id, Counter())

    def _apply(self, s: Session, entry_id: int, book_id: int, new: Counter[str]) -> int:
        # No autoflush: the caller's record change is flushed once, at its commit (its version moves by one).
        with s.no_autoflush:
            return self._apply_now(s, entry_id, book_id, new)

    def _apply_now(self, s: Session, entry_id: int, book_id: int, new: Counter[str]) -> int:
        row = s.get(LearnedEntry, entry_id)
        old = Counter({k: int(v) for k, v in (row.terms if row else {}).items()})
        delta = Counter(new)
        delta.subtract(old)
        delta = Counter({k: v for k, v in delta.items() if v})
        if delta:  # once committed, the lexicons in memory take the same change (no reload of the office)
            office = s.scalar(select(Book.office_id).where(Book.id == book_id))
            before = _stamp(s, office)
            event.listen(s, "after_commit", lambda _s, d=delta: self._committed(book_id, office, before, d),
                         once=True)
        if delta:
            pairs = [split_key(k) for k in delta]
            have = {(t.kind, t.value): t for t in s.scalars(select(LearnedTerm).where(
                LearnedTerm.book_id == book_id, tuple_(LearnedTerm.kind, LearnedTerm.value).in_(pairs)))}
            for (kind, value), n in zip(pairs, delta.values()):
                term = have.get((kind, value))
                if term is None:
                    if n > 0:
                        s.add(LearnedTerm(book_id=book_id, kind=kind, value=value[:MAX_VALUE], count=n))
                elif term.count + n <= 0:
                    s.delete(term)
                else:
                    term.count += n
        if row is None and new:
            s.add(LearnedEntry(entry_id=entry_id, book_id=book_id, terms=dict(new), updated_at=utcnow()))
        elif row is not None and not new:
            s.delete(row)
        elif row is not None:
            row.terms, row.updated_at = dict(new), utcnow()
        return len(delta)

    def rebuild(self, actor: Actor, book_id: int) -> dict[str, int]:
        """Forgets and relearns a book from its approved records (a book approved before this desk learned,
        or after a restore from an old backup). Returns the entries and terms now learned."""
        self.svc.require(actor, "review")
        with self.svc.store.session(write=True) as s:
            if s.get(Book, book_id) is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            s.execute(delete(LearnedTerm).where(LearnedTerm.book_id == book_id))
            s.execute(delete(LearnedEntry).where(LearnedEntry.book_id == book_id))
            s.flush()
            rows = s.execute(select(Entry, Record).join(Record).join(Page).where(
                Page.book_id == book_id, Entry.status.in_(lifecycle.LOCKED))).all()
            for entry, record in rows:
                self._apply(s, entry.id, book_id, terms_of(record.book_type, dict(record.fields or {})))
            s.flush()
            terms = s.scalar(select(func.count(LearnedTerm.id)).where(LearnedTerm.book_id == book_id)) or 0
            audit.record(s, actor.login, "learning_rebuild", "book", book_id,
                         after={"entries": len(rows), "terms": terms})
        return {"entries": len(rows), "terms": terms}

    # -- reading what was learned ----------------------------------------------------------------------
    def lexicon(self, book_id: int) -> Lexicon:
        """The office's lexicon with this book's own values weighted up; rebuilt in memory only when some
        desk learned something since (one cheap query tells)."""
        with self.svc.store.session() as s:
            book = s.get(Book, book_id)
            if book is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            office = book.office_id
            stamp = _stamp(s, office)
            with self._lock:
                hit = self._cache.get(book_id)
                if hit is not None and hit[0] == stamp:
                    return hit[2]
            in_book = func.sum(case((LearnedTerm.book_id == book_id, LearnedTerm.count), else_=0))
            elsewhere = func.sum(case((LearnedTerm.book_id != book_id, LearnedTerm.count), else_=0))
            rows = s.execute(select(LearnedTerm.kind, LearnedTerm.value, in_book, elsewhere)
                             .join(Book, Book.id == LearnedTerm.book_id).where(Book.office_id == office)
                             .group_by(LearnedTerm.kind, LearnedTerm.value)).all()
        lex = Lexicon((k, v, int(a or 0), int(b or 0)) for k, v, a, b in rows)
        with self._lock:
            self._cache[book_id] = (stamp, office, lex)
        return lex

    def _committed(self, book_id: int, office: int, before: tuple[Any, ...], delta: Counter[str]) -> None:
        """An approval (or return) committed on this desk: each lexicon in memory of that office that was
        current just before takes its change and the new stamp, so the next prefill or completion does not
        reload the office's lexicon. One that missed another desk's change is dropped (reloaded when asked)."""
        with self._lock:
            views = [(v, c) for v, c in self._cache.items() if c[1] == office]
        if not views:
            return
        with self.svc.store.session() as s:
            after = _stamp(s, office)
        with self._lock:
            for view, (old, _office, lex) in views:
                if self._cache.get(view) is None:
                    continue
                if old != before:
                    del self._cache[view]
                    continue
                for k, n in delta.items():
                    kind, value = split_key(k)
                    lex.change(kind, value, n * (BOOK_WEIGHT if view == book_id else 1))
                self._cache[view] = (after, office, lex)

    def sequence(self, entry_id: int) -> Sequence:
        """The book's year, the number this entry should carry and the previous registration date, from the
        nearest entries before it that a person typed or checked (OCR that was sure, failing that)."""
        with self.svc.store.session() as s:
            entry = s.get(Entry, entry_id)
            if entry is None:
                raise NotFound(f"Không có mục số {entry_id}.")
            page = entry.page
            year = page.book.year
            before = s.execute(
                select(Entry.status, Record.fields, Record.ocr).join(Record).join(Page)
                .where(Page.book_id == page.book_id, Entry.status != EntryStatus.DELETED,
                       (Page.order < page.order) | ((Page.order == page.order) & (Page.id < page.id)) |
                       ((Page.id == page.id) & (Entry.order < entry.order)))
                .order_by(Page.order.desc(), Page.id.desc(), Entry.order.desc()).limit(LOOK_BACK)).all()
        number, after = None, None
        for gap, (status, fields, ocr) in enumerate(before, 1):
            fields, ocr = fields or {}, ocr or {}
            typed = status in CONFIRMED and bool(fields)
            so = fields.get("so", "") if typed else _sure(ocr, "so")
            day = fields.get("ngay_dang_ky", "") if typed else _sure(ocr, "ngay_dang_ky")
            if number is None and number_of(so) is not None:
                number = number_of(so) + gap
            if after is None and parse_date(day) is not None:
                after = parse_date(day)
            if number is not None and after is not None:
                break
        if number is None and not before:
            number = 1  # the first entry of a book
        if after is not None and after.year != year:
            after = None
        return Sequence(year, number, after)

    def prefill(self, actor: Actor, entry_id: int) -> dict[str, dict[str, Any]]:
        """The entry's OCR prefill corrected by the lexicon and the book's order; each field says its source
        (`source`, `why`) and keeps what OCR read (`ocr_value`) when it was changed."""
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            entry = s.get(Entry, entry_id)
            if entry is None:
                raise NotFound(f"Không có mục số {entry_id}.")
            book_id, book_type = entry.page.book_id, entry.page.book.book_type
            ocr = dict(entry.record.ocr or {}) if entry.record else {}
        proposals = refine(book_type, ocr, self.lexicon(book_id), self.sequence(entry_id),
                           self.event_window(book_type))
        return {k: p.as_json() for k, p in proposals.items()}

    def event_window(self, book_type: str) -> EventWindow | None:
        """The on-time window of the book type's late-registration rule (the province's override included),
        or None when the book type has none or the province turned it off."""
        for rule in load_rules(book_type, self.svc.workspace.root):
            if rule.kind == "late_registration" and rule.enabled and {"event", "registered"} <= set(rule.on):
                try:
                    return EventWindow(rule.on["event"], rule.on["registered"], int(rule.param("max_days", 60)))
                except (TypeError, ValueError):
                    return None
        return None

    def suggest(self, actor: Actor, book_id: int, field: str, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Values to complete `field` with, given what the clerk typed so far: whole values this book and
        office wrote, then (for names) the next word from the office's family, middle and given names,
        most frequent first. Accents and case in `prefix` are ignored ("nguyen v" finds "Nguyễn Văn")."""
        self.svc.require(actor, "read_records")
        form = load_form(self.svc.books.get(actor, book_id).book_type)
        fdef = form.field(field)
        if fdef is None:
            raise NotFound(f"Biểu mẫu {form.title} không có trường «{field}».")
        prefix = nfc(prefix)[:MAX_VALUE]
        lex = self.lexicon(book_id)
        tiers: list[list[tuple[str, float]]] = [[(m.value, m.weight) for m in lex.complete((f"field:{field}",),
                                                                                        prefix, limit)]]
        if fdef.type == "name" or field == "nguoi_di_khai":
            tiers.append([(m.value, m.weight) for m in lex.complete(("person",), prefix, limit)])
            tiers.append(_next_word(lex, prefix, limit))
        elif fdef.type == "place":
            head, _, last = prefix.rpartition(",")
            tiers.append([(f"{head.strip()}, {m.value}" if head.strip() else m.value, m.weight)
                          for m in lex.complete(("part",), last.strip(), limit)])
        # whole values this field held first, then other people and places, then the next word
        out: dict[str, Suggestion] = {}
        for tier in tiers:
            for value, weight in sorted(tier, key=lambda t: (-t[1], t[0])):
                if value not in out and flat(value).startswith(flat(prefix)) and value != prefix:
                    out[value] = Suggestion(value, weight, "lexicon")
        return list(out.values())[:limit]


def _stamp(s: Session, office: int) -> tuple[Any, ...]:
    """What changes whenever any desk learns or forgets something for this office (one indexed query)."""
    return tuple(s.execute(select(func.count(LearnedEntry.entry_id), func.max(LearnedEntry.updated_at))
                           .join(Book, Book.id == LearnedEntry.book_id).where(Book.office_id == office)).one())


def _accented(lex: Lexicon, word: str, first: bool) -> str:
    """A word typed without accents ("lo") as the office most often writes it ("Lò")."""
    kinds = ("ho",) if first else ("dem", "ten")
    same = [m for m in lex.complete(kinds, word, 50) if flat(m.value) == flat(word)]
    return max(same, key=lambda m: m.weight).value if same else word


def _sure(ocr: dict[str, Any], field: str) -> str:
    read = ocr.get(field) or {}
    return str(read.get("value") or "") if float(read.get("confidence") or 0) >= 0.9 else ""


def _next_word(lex: Lexicon, prefix: str, limit: int) -> list[tuple[str, float]]:
    """"Nguyễn Văn H" -> "Nguyễn Văn Hùng", ...: the word being typed completed from the office's names for
    that place in a name (first word: family names; later: middle and given names)."""
    words = prefix.split(" ")
    done, typing = [_accented(lex, w, i == 0) for i, w in enumerate(words[:-1])], words[-1]
    kinds = ("ho",) if not done else ("dem", "ten")
    found = lex.complete(kinds, typing, limit) if typing or done else []
    return [(" ".join([*done, m.value]), m.weight) for m in found]



