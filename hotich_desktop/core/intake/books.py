"""`svc.books`: the books being scanned and their pages (open, correct, list; keep, move, delete, restore
a page). The office a book belongs to is the store's one office row, so two desks on one shared database
never open the same book twice."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import audit, blobs
from ..booktypes import book_type as get_book_type
from ..changes import Changes, Done
from ..errors import BadInput, Conflict, NotFound
from ..lifecycle import BookStatus, PageStatus
from ..roles import Actor
from ..store.infos import book_info, book_row, page_info, page_row
from ..store.models import Book, Entry, Office, Page
from ..views import BookInfo, PageInfo
from . import pages as page_edit

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


class Books:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- reads -------------------------------------------------------------------------------------------
    def list(self, actor: Actor | None) -> list[BookInfo]:
        """Every book (type, year, volume: no citizen's data, so `hotich books` lists them without a sign-in;
        a signed-in caller still has its rights checked)."""
        if actor is not None:
            self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            return [book_info(b) for b in s.scalars(select(Book).order_by(Book.id))]

    def get(self, actor: Actor, book_id: int) -> BookInfo:
        self.svc.require(actor, "read_records")
        return self.info(book_id)

    def pages(self, actor: Actor, book_id: int) -> list[PageInfo]:
        """The book's pages in order, with entry counts from one query (the window calls this often)."""
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            counts = dict(s.execute(select(Entry.page_id, func.count(Entry.id)).join(Page)
                                    .where(Page.book_id == book_id).group_by(Entry.page_id)).all())
            rows = s.scalars(select(Page).where(Page.book_id == book_id, Page.status != PageStatus.DELETED)
                             .order_by(Page.order, Page.id))
            return [page_info(p, counts.get(p.id, 0)) for p in rows]

    def page(self, actor: Actor, page_id: int) -> PageInfo:
        self.svc.require(actor, "read_records")
        return self.page_info(page_id)

    def deleted_pages(self, actor: Actor, book_id: int) -> list[PageInfo]:
        self.svc.require(actor, "read_records")
        return page_edit.deleted_pages(self.svc, book_id)

    def header_of(self, actor: Actor, page_id: int) -> tuple[str | None, int | None]:
        self.svc.require(actor, "read_records")
        return page_edit.header_of(self.svc, page_id)

    # stage-to-stage reads: a stage already acting for a checked actor looks a row up without a second check
    def info(self, book_id: int) -> BookInfo:
        with self.svc.store.session() as s:
            return book_info(book_row(s, book_id))

    def page_info(self, page_id: int) -> PageInfo:
        with self.svc.store.session() as s:
            return page_info(page_row(s, page_id))

    def page_path(self, page: PageInfo) -> Path:
        """The page's original on this desk; fetched from the shared store if another desk took it in."""
        with self.svc.store.session() as s:
            sha = s.scalar(select(Page.source_sha256).where(Page.id == page.id)) or ""
        return blobs.local_file(self.svc, page.stored_path, sha)

    def frame_index(self, page_id: int) -> int:
        with self.svc.store.session() as s:
            return page_row(s, page_id).frame

    # -- writes ------------------------------------------------------------------------------------------
    def office(self, s: Session) -> Office:
        """This store's office: the one row, created from the office's settings (svc.settings) the first time
        and renamed with them."""
        office = s.scalar(select(Office).order_by(Office.id).limit(1))
        if office is None:
            cfg = self.svc.settings.get(s)
            office = Office(code=cfg.office_code, name=cfg.office_name)
            s.add(office)
            s.flush()
        return office

    def open(self, actor: Actor, book_type: str, year: int, volume: str) -> Done[BookInfo]:
        """The book being scanned now: created on first use, found again after that."""
        self.svc.require(actor, "manage_books")
        get_book_type(book_type)
        if not 1900 <= int(year) <= 2100:
            raise BadInput(f"Năm của sổ không hợp lệ: {year}.")
        volume = str(volume).strip() or "1"
        with self.svc.store.session() as s:
            office = self.office(s)
            book = s.scalar(select(Book).where(Book.office_id == office.id, Book.book_type == book_type,
                                               Book.year == int(year), Book.volume == volume))
            changed = book is None
            if book is None:
                book = Book(office_id=office.id, book_type=book_type, year=int(year), volume=volume)
                s.add(book)
                s.flush()
                audit.record(s, actor.login, "book_create", "book", book.id,
                             after={"book_type": book_type, "year": int(year), "volume": volume})
            return Done(book_info(book, office), Changes.of(books=[book.id]) if changed else Changes())

    def update(self, actor: Actor, book_id: int, expected_version: int, *, volume: str | None = None,
               status: str | None = None) -> Done[BookInfo]:
        """Corrects a book's volume label or status; refused (errors.Conflict) if another desk changed it."""
        self.svc.require(actor, "manage_books")
        if status is not None and status not in tuple(BookStatus):
            raise BadInput(f"Trạng thái sổ không hợp lệ: «{status}» (open, closed).")
        with self.svc.store.session(write=True) as s:
            book = s.scalar(select(Book).where(Book.id == book_id).with_for_update())
            if book is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            if (book.version or 1) != int(expected_version):
                raise Conflict(f"Sổ {book_id}", book.version or 1, {"volume": book.volume, "status": book.status},
                               int(expected_version))
            before = {"volume": book.volume, "status": book.status}
            if volume is not None:
                volume = str(volume).strip()
                if not volume:
                    raise BadInput("Số quyển không được trống.")
                book.volume = volume
            if status is not None:
                book.status = status
            audit.record(s, actor.login, "book_update", "book", book.id, before,
                         {"volume": book.volume, "status": book.status})
            s.flush()
            return Done(book_info(book), Changes.of(books=[book_id]))

    def keep_page(self, actor: Actor, page_id: int) -> Done[PageInfo]:
        page = page_edit.keep_page(self.svc, actor, page_id)
        return Done(page, Changes.of(pages=[page_id], books=[page.book_id]))

    def move_page(self, actor: Actor, page_id: int, book_id: int) -> Done[PageInfo]:
        """To the end of another book (its untyped entries go; see intake/pages.py)."""
        old_book = self.page_info(page_id).book_id
        entries = self._entry_ids(page_id)
        page = page_edit.move_page(self.svc, actor, page_id, book_id)
        return Done(page, Changes.of(pages=[page_id], books=[old_book, book_id], entries=entries))

    def delete_page(self, actor: Actor, page_id: int) -> Done[None]:
        book = self.page_info(page_id).book_id
        page_edit.delete_page(self.svc, actor, page_id)
        return Done(None, Changes.of(pages=[page_id], books=[book], entries=self._entry_ids(page_id)))

    def restore_page(self, actor: Actor, page_id: int) -> Done[PageInfo]:
        page = page_edit.restore_page(self.svc, actor, page_id)
        return Done(page, Changes.of(pages=[page_id], books=[page.book_id], entries=self._entry_ids(page_id)))

    def _entry_ids(self, page_id: int) -> list[int]:
        with self.svc.store.session() as s:
            return list(s.scalars(select(Entry.id).where(Entry.page_id == page_id)))
