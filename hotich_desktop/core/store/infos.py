"""Rows turned into the plain views the callers get (no ORM object leaves a stage), and the one lookup
of a row by id that refuses with a readable message."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ..errors import NotFound
from ..views import BookInfo, EntryInfo, PageInfo
from .models import Book, Entry, Office, Page


def book_info(book: Book, office: Office | None = None) -> BookInfo:
    office = office or book.office
    return BookInfo(book.id, book.book_type, book.year, book.volume, office.code, book.status, book.version or 1)


def page_info(p: Page, entries: int | None = None) -> PageInfo:
    return PageInfo(p.id, p.book_id, p.order, p.source_name, p.stored_path, p.width, p.height, p.dpi, p.status,
                    len(p.entries) if entries is None else entries, p.page_number, p.error)


def entry_info(e: Entry) -> EntryInfo:
    record = e.record
    return EntryInfo(e.id, e.page_id, e.order, e.polygon, e.pdf_path, e.pdf_bytes, e.status,
                     dict(record.fields) if record else {}, dict(record.ocr) if record else {},
                     (record.version or 1) if record else 0, e.version or 1)


def entry_row(s: Session, entry_id: int) -> Entry:
    entry = s.get(Entry, entry_id)
    if entry is None:
        raise NotFound(f"Không có mục số {entry_id}.")
    return entry


def page_row(s: Session, page_id: int) -> Page:
    page = s.get(Page, page_id)
    if page is None:
        raise NotFound(f"Không có trang số {page_id}.")
    return page


def book_row(s: Session, book_id: int) -> Book:
    book = s.get(Book, book_id)
    if book is None:
        raise NotFound(f"Không có sổ số {book_id}.")
    return book
