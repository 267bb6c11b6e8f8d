"""What the rule table needs from the store around a record, looked up in the caller's session: for one record
on save (a few indexed queries) and for a whole book at once (one query per kind of lookup)."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..lifecycle import EntryStatus
from ..store.models import Book, Entry, Page, Record
from .checks import RecordContext, number_key, person_key

CHUNK = 500


def _place(entry_id: int, year: int, volume: str) -> str:
    return f"sổ {year} quyển {volume}, mục {entry_id}"


def record_context(s: Session, book: Book, entry_id: int, values: dict[str, str]) -> RecordContext:
    """The context of one record about to be saved (or re-checked) in `book`, by indexed lookups: how many
    others carry its number, the record with the next lower number (number - 1 first, the usual case), and
    the person's other registrations by the person key."""
    number, person = number_key(values.get("so", "")), person_key(values)
    in_book = (Page.book_id == book.id, Entry.id != entry_id, Entry.status != EntryStatus.DELETED)
    same_number = s.scalar(select(func.count(Record.id)).join(Entry).join(Page).where(
        *in_book, Record.reg_no == number)) if number else 0
    previous = None
    if number and int(number) > 1:
        q = select(Record.reg_no, Record.fields).join(Entry).join(Page).where(*in_book).order_by(Entry.id).limit(1)
        previous = s.execute(q.where(Record.reg_no == str(int(number) - 1))).first()
        if previous is None:
            # reg_no holds digits without leading zeros: a shorter one is smaller, equal lengths compare as
            # text (no CAST, so an odd value can never break the query on PostgreSQL).
            size = func.length(Record.reg_no)
            previous = s.execute(q.where(Record.reg_no != "", or_(size < len(number), and_(
                size == len(number), Record.reg_no < number))).order_by(None).order_by(
                size.desc(), Record.reg_no.desc(), Entry.id)).first()
    # The same person in another book type is normal (born, married, died); twice in one type is not.
    same_person = tuple(_place(eid, y, v) for eid, y, v in s.execute(
        select(Entry.id, Book.year, Book.volume).join(Record).join(Page).join(Book)
        .where(Record.person_key == person, Record.book_type == book.book_type, Entry.id != entry_id)
        .limit(3))) if person else ()
    return RecordContext(book_year=book.year, same_number=int(same_number or 0), same_person=same_person,
                         previous_number=int(previous[0]) if previous else None,
                         previous=dict(previous[1] or {}) if previous else None)


def book_contexts(s: Session, book: Book, rows: Sequence[tuple[int, dict[str, Any], str, str]]
                  ) -> dict[int, RecordContext]:
    """The context of every record of a book; rows are (entry id, fields, reg_no, person_key)."""
    numbers = Counter(r[2] for r in rows if r[2])
    first_with: dict[int, dict[str, Any]] = {}
    for entry_id, values, number, _ in sorted(rows, key=lambda r: r[0]):
        if number and number.isdigit():
            first_with.setdefault(int(number), dict(values or {}))
    ordered = sorted(first_with)
    below: dict[int, int | None] = {}
    for i, n in enumerate(ordered):
        below[n] = ordered[i - 1] if i else None
    people = people_elsewhere(s, book.book_type, {r[3] for r in rows if r[3]})
    out = {}
    for entry_id, _values, number, person in rows:
        prev = below.get(int(number)) if number and number.isdigit() else None
        out[entry_id] = RecordContext(
            book_year=book.year, previous_number=prev, previous=first_with.get(prev) if prev is not None else None,
            same_number=numbers[number] - 1 if number else 0,
            same_person=tuple(where for other, where in people.get(person, []) if other != entry_id))
    return out


def entry_contexts(s: Session, rows: Sequence[tuple[int, int, int, str, dict[str, Any], str, str]]
                   ) -> dict[int, RecordContext]:
    """The contexts of some entries from any books; rows are (entry id, book id, book year, book type, fields,
    reg_no, person_key). The books' numbers come in one query per chunk of books (short strings, no values);
    only the records just below these entries are read in full."""
    books = sorted({r[1] for r in rows})
    numbers: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for i in range(0, len(books), CHUNK):
        q = (select(Page.book_id, Record.reg_no, Entry.id).select_from(Record).join(Entry).join(Page)
             .where(Page.book_id.in_(books[i:i + CHUNK]), Entry.status != EntryStatus.DELETED, Record.reg_no != ""))
        for book_id, reg, eid in s.execute(q):
            numbers[book_id].append((reg, eid))
    below: dict[int, tuple[int, int]] = {}  # entry -> (previous number, the first entry holding it)
    same: dict[int, int] = {}
    for entry_id, book_id, _year, _kind, _values, number, _person in rows:
        others = [(reg, eid) for reg, eid in numbers.get(book_id, []) if eid != entry_id]
        same[entry_id] = sum(1 for reg, _ in others if reg == number) if number else 0
        lower = [(int(reg), eid) for reg, eid in others if reg.isdigit() and number.isdigit() and int(reg) < int(number)]
        if lower:
            top = max(n for n, _ in lower)
            below[entry_id] = (top, min(eid for n, eid in lower if n == top))
    wanted = sorted({eid for _, eid in below.values()})
    fields: dict[int, dict[str, Any]] = {}
    for i in range(0, len(wanted), CHUNK):
        for eid, values in s.execute(select(Record.entry_id, Record.fields).where(Record.entry_id.in_(wanted[i:i + CHUNK]))):
            fields[eid] = dict(values or {})
    people = {kind: people_elsewhere(s, kind, {r[6] for r in rows if r[6] and r[3] == kind}) for kind in {r[3] for r in rows}}
    out = {}
    for entry_id, _book_id, year, kind, _values, _number, person in rows:
        prev = below.get(entry_id)
        out[entry_id] = RecordContext(
            book_year=year, previous_number=prev[0] if prev else None, previous=fields.get(prev[1]) if prev else None,
            same_number=same[entry_id],
            same_person=tuple(w for other, w in people[kind].get(person, []) if other != entry_id) if person else ())
    return out


def people_elsewhere(s: Session, book_type: str, keys: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """Every registration of these person keys in books of the same type, anywhere in the store."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    keys_list = sorted(set(keys))
    for i in range(0, len(keys_list), CHUNK):
        q = (select(Record.person_key, Entry.id, Book.year, Book.volume).join(Entry, Record.entry_id == Entry.id)
             .join(Page).join(Book).where(Record.person_key.in_(keys_list[i:i + CHUNK]),
                                          Record.book_type == book_type))
        for key, entry_id, year, volume in s.execute(q):
            out[key].append((entry_id, _place(entry_id, year, volume)))
    return out
