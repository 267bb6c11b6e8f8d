"""`svc.entries`: an entry's life as an image: found on its page, cut into its PDF, its box corrected, its
file renamed after the record. This is the one place an entry's PDF is made or named (PdfName holds the
naming rule; `cut_pdf` and `rename_pdf` are its only two uses)."""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit, blobs, naming
from ..atomic import rename_no_clobber
from ..changes import Changes, Done
from ..imaging.loader import Frame
from ..roles import Actor
from ..store.infos import book_info, entry_info, entry_row, page_info
from ..store.models import Entry, Page
from ..views import BookInfo, EntryInfo, PageInfo
from . import edit, processing
from .pdfs import PdfName, WrittenPdf, entry_pdf

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

SYSTEM = "system"


class Entries:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- reads -------------------------------------------------------------------------------------------
    def list(self, actor: Actor, book_id: int | None = None, page_id: int | None = None) -> list[EntryInfo]:
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            q = select(Entry).join(Page).order_by(Page.order, Page.id, Entry.order)
            if book_id is not None:
                q = q.where(Page.book_id == book_id)
            if page_id is not None:
                q = q.where(Entry.page_id == page_id)
            return [entry_info(e) for e in s.scalars(q)]

    def get(self, actor: Actor, entry_id: int) -> EntryInfo:
        self.svc.require(actor, "read_records")
        return self.info(entry_id)

    def context(self, actor: Actor, entry_id: int) -> tuple[BookInfo, PageInfo]:
        """The entry's book and page (the form, the page number, the PDF's name depend on them)."""
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            entry = entry_row(s, entry_id)
            return book_info(entry.page.book), page_info(entry.page)

    def frame(self, actor: Actor, page_id: int) -> Frame:
        """The page's image as stored (the window draws the boxes on it)."""
        self.svc.require(actor, "read_records")
        return processing.load_page_frame(self.svc, page_id)

    def info(self, entry_id: int) -> EntryInfo:
        """Stage-to-stage read (the caller checked the actor already)."""
        with self.svc.store.session() as s:
            return entry_info(entry_row(s, entry_id))

    # -- writes ------------------------------------------------------------------------------------------
    def process_page(self, actor: Actor, page_id: int, ocr: bool = True) -> Done[int]:
        """Finds the page's entries, cuts their PDFs and pre-fills their records: the number of entries."""
        self.svc.require(actor, "intake")
        count = processing.process_page(self.svc, actor, page_id, ocr=ocr)
        return Done(count, self._page_changes(page_id))

    def process_book(self, actor: Actor, book_id: int, ocr: bool = True,
                     progress: processing.Progress | None = None) -> Done[list[EntryInfo]]:
        entries = processing.process_book(self.svc, actor, book_id, ocr=ocr, progress=progress)
        pages = [p.id for p in self.svc.books.pages(actor, book_id)]
        return Done(entries, Changes.of(books=[book_id], pages=pages, entries=[e.id for e in entries]))

    def set_box(self, actor: Actor, entry_id: int, polygon: list[list[float]],
                expected_version: int | None = None) -> Done[EntryInfo]:
        """A moved or resized box: a fresh PDF cut from the stored original (see edit.set_box)."""
        entry = edit.set_box(self.svc, actor, entry_id, polygon, expected_version)
        return Done(entry, Changes.of(entries=[entry_id], pages=[entry.page_id]))

    def add_box(self, actor: Actor, page_id: int, polygon: list[list[float]]) -> Done[EntryInfo]:
        entry = edit.add_box(self.svc, actor, page_id, polygon)
        return Done(entry, self._page_changes(page_id))

    def delete_box(self, actor: Actor, entry_id: int, expected_version: int | None = None) -> Done[None]:
        page_id = self.info(entry_id).page_id
        edit.delete_box(self.svc, actor, entry_id, expected_version)
        return Done(None, Changes.of(entries=[entry_id], pages=[page_id]) | self._page_changes(page_id))

    def _page_changes(self, page_id: int) -> Changes:
        with self.svc.store.session() as s:
            book_id = s.scalar(select(Page.book_id).where(Page.id == page_id))
            ids = list(s.scalars(select(Entry.id).where(Entry.page_id == page_id)))
        return Changes.of(pages=[page_id], books=[book_id] if book_id else [], entries=ids)

    # -- the entry's PDF ---------------------------------------------------------------------------------
    def pdf_name(self, book: BookInfo, page_number: str = "") -> PdfName:
        return PdfName(book.book_type, book.year, book.volume, page_number, self.svc.settings.get().naming_pattern)

    def cut_pdf(self, frame: Frame, polygon: Sequence[Sequence[float]], book: BookInfo, page_number: str,
                fields: Mapping[str, str]) -> WrittenPdf:
        """Cuts one entry out of its page into the book's PDF folder, named after what its record says."""
        return entry_pdf(frame, polygon, self.svc.workspace.pdfs / f"sach-{book.id}", self.pdf_name(book, page_number),
                         fields)

    def rename_pdf(self, s: Session, entry: Entry, values: Mapping[str, str]) -> Path | None:
        """Links the PDF under the name its record now gives (the old name stays until the caller's commit);
        returns the old path for the caller to remove after the commit, or None when nothing moved."""
        if not entry.pdf_path:
            return None
        old = blobs.local_file(self.svc, entry.pdf_path, entry.pdf_sha256)  # desk B renames desk A's PDF too
        page = entry.page
        wanted = self.pdf_name(book_info(page.book), page.page_number).name(
            values, naming.paper_size(page.width, page.height, page.dpi))
        if wanted == old.name or not old.exists():
            return None
        new = old.parent / naming.unique(wanted, lambda n: (old.parent / n).exists())
        os.link(old, new) if hasattr(os, "link") else rename_no_clobber(old, new)
        entry.pdf_path = str(new.relative_to(self.svc.workspace.root))
        audit.record(s, SYSTEM, "pdf_rename", "entry", entry.id, {"pdf": old.name}, {"pdf": new.name})
        return old if old.exists() and new.exists() else None
