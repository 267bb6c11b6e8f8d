"""Finding a record by name, registration number or date, over every book on this desk.

Each record carries three indexed keys written when it is saved: the main person's name without accents
(searched by its start: "duong kim" finds "Dương Kim Hạnh"), the given name (the last word, as clerks
look people up), and the registration date as yyyy-mm-dd; the number uses the existing reg_no. A query
is one indexed lookup, so it stays fast at hundreds of thousands of records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from unidecode import unidecode

from ..booktypes import BOOK_TYPES
from ..lifecycle import EntryStatus
from .checks import number_key
from .normalize import normalize_date
from ..store.models import Book, Entry, Page, Record

if TYPE_CHECKING:
    from ..service import Service

NAME_LEN = 200


def plain_name(text: str) -> str:
    return " ".join(unidecode(text or "").lower().split())[:NAME_LEN]


def search_keys(book_type: str, values: dict[str, Any]) -> dict[str, str]:
    """The record's search columns (what `Service.save_record` stores beside the fields)."""
    people = BOOK_TYPES[book_type].person_fields if book_type in BOOK_TYPES else ("ho_ten",)
    name = plain_name(next((str(values.get(k) or "") for k in people if values.get(k)), ""))
    date = normalize_date(str(values.get("ngay_dang_ky") or ""), partial_ok=False)
    iso = f"{date[6:10]}-{date[3:5]}-{date[0:2]}" if re.fullmatch(r"\d{2}/\d{2}/\d{4}", date) else ""
    return {"search_name": name, "search_given": name.rsplit(" ", 1)[-1] if name else "", "search_date": iso}


@dataclass(frozen=True)
class Hit:
    entry_id: int
    book: str
    number: str
    name: str
    date: str
    status: str


def search_records(svc: Service, query: str, limit: int = 50) -> list[Hit]:
    """A number ("47", "047/1998"), a date ("12/3/1992") or a name (start of the full name or the given name)."""
    q = (query or "").strip()
    if not q:
        return []
    stmt = (select(Entry.id, Book.book_type, Book.year, Book.volume, Record.fields, Entry.status)
            .join(Record, Record.entry_id == Entry.id).join(Page).join(Book).where(Entry.status != EntryStatus.DELETED))
    date = normalize_date(q, partial_ok=False)
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", date):
        stmt = stmt.where(Record.search_date == f"{date[6:10]}-{date[3:5]}-{date[0:2]}")
    elif re.fullmatch(r"\d+(/\d{2,4})?", q):
        stmt = stmt.where(Record.reg_no == number_key(q))
    else:
        name = plain_name(q)
        upper = name + "\uffff"
        stmt = stmt.where(or_(Record.search_name.between(name, upper), Record.search_given == name))
    with svc.store.session() as s:
        # No ORDER BY: the first `limit` rows in index order, so a common name does not sort thousands.
        rows = s.execute(stmt.limit(limit)).all()
    out = []
    for entry_id, book_type, year, volume, fields, status in rows:
        fields = fields or {}
        people = BOOK_TYPES[book_type].person_fields
        out.append(Hit(entry_id, f"{BOOK_TYPES[book_type].code} {year} q.{volume}", fields.get("so", ""),
                       " – ".join(str(fields[k]) for k in people if fields.get(k)), fields.get("ngay_dang_ky", ""),
                       status))
    return sorted(out, key=lambda h: h.entry_id)
