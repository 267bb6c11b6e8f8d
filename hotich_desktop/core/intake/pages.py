"""A page in the wrong place: kept in its book after a header warning, moved to another book, deleted and
restored. Every change is audited; a deleted page keeps its stored original, records and PDFs (moved to the
workspace's bin) so it can be brought back.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import shutil
from pathlib import Path

from sqlalchemy import func, select

from .. import audit
from ..errors import NotFound, Refused
from .. import lifecycle
from ..lifecycle import EntryStatus, PageStatus
from ..records.findings import forget_book
from ..roles import Actor
from ..store.models import AuditEvent, Book, Entry, Page
from ..views import PageInfo

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

BIN = "thung-rac"


def _page(s, page_id: int) -> Page:  # noqa: ANN001
    page = s.get(Page, page_id)
    if page is None:
        raise NotFound(f"Không có trang số {page_id}.")
    return page


def keep_page(svc: Service, actor: Actor, page_id: int) -> PageInfo:
    """The clerk confirms a page whose header named another book belongs here after all."""
    svc.require(actor, "manage_books")
    with svc.store.session() as s:
        page = _page(s, page_id)
        if page.status != PageStatus.MISMATCH:
            raise Refused("Trang này không có cảnh báo sai sổ.")
        before = {"status": page.status, "error": page.error}
        page.status, page.error = PageStatus.KEPT, ""
        audit.record(s, actor.login, "page_keep", "page", page_id, before, {"status": PageStatus.KEPT.value})
    return svc.books.page_info(page_id)


def move_page(svc: Service, actor: Actor, page_id: int, book_id: int) -> PageInfo:
    """Moves a page to the end of another book. Its detected entries (never typed) go; the page is found
    and read again with the new book's form. A page with typed records cannot move: those fields belong
    to this book's form."""
    svc.require(actor, "manage_books")
    pdfs: list[str] = []
    with svc.store.session() as s:
        page = _page(s, page_id)
        target = s.get(Book, book_id)
        if target is None:
            raise NotFound(f"Không có sổ số {book_id}.")
        if target.id == page.book_id:
            raise Refused("Trang đã ở sổ này.")
        typed = [e for e in page.entries if e.record is not None and e.record.fields]
        if typed:
            raise Refused(f"Trang có {len(typed)} mục đã nhập dữ liệu: không chuyển sổ được. "
                          "Hãy xóa trang rồi nhận lại vào đúng sổ, hoặc giữ nguyên.")
        before = {"book_id": page.book_id, "order": page.order, "status": page.status,
                  "entries": [e.id for e in page.entries]}
        for entry in list(page.entries):
            if entry.pdf_path:
                pdfs.append(entry.pdf_path)
            if entry.record is not None:
                s.delete(entry.record)
            s.delete(entry)
        last = s.scalar(select(func.max(Page.order)).where(Page.book_id == book_id)) or 0
        page.book_id, page.order, page.status, page.error = book_id, last + 1, PageStatus.KEPT, ""
        audit.record(s, actor.login, "page_move", "page", page_id, before, {"book_id": book_id, "order": last + 1})
    for pdf in pdfs:
        (svc.workspace.root / pdf).unlink(missing_ok=True)
    return svc.books.page_info(page_id)


def delete_page(svc: Service, actor: Actor, page_id: int) -> None:
    """Takes a page out of its book (a wrong scan, a blank leaf): entries leave the queues, PDFs go to the
    bin; `restore_page` brings everything back. Approved work cannot be deleted."""
    svc.require(actor, "manage_books")
    root = svc.workspace.root
    moves: list[tuple[Path, Path]] = []
    with svc.store.session() as s:
        page = _page(s, page_id)
        if page.status == PageStatus.DELETED:
            return
        if any(lifecycle.locked(e.status) for e in page.entries):
            raise Refused("Trang có mục đã phê duyệt hoặc đã xuất: không xóa được.")
        before = {"status": page.status, "entries": {str(e.id): e.status for e in page.entries},
                  "pdfs": {str(e.id): e.pdf_path for e in page.entries}}
        for entry in page.entries:
            if entry.pdf_path:
                old = root / entry.pdf_path
                new = root / BIN / f"trang-{page_id}" / Path(entry.pdf_path).name
                moves.append((old, new))
                entry.pdf_path = str(new.relative_to(root))
            entry.status = lifecycle.advance("delete_page", entry.status)
        page.status = PageStatus.DELETED
        forget_book(s, page.book_id)  # the book's numbers moved: its records are re-checked when next counted
        audit.record(s, actor.login, "page_delete", "page", page_id, before, {"status": PageStatus.DELETED.value})
        for old, new in moves:  # inside the transaction: a failed move leaves the page as it was
            new.parent.mkdir(parents=True, exist_ok=True)
            if old.exists():
                shutil.move(old, new)


def deleted_pages(svc: Service, book_id: int) -> list[PageInfo]:
    with svc.store.session() as s:
        rows = s.scalars(select(Page).where(Page.book_id == book_id, Page.status == PageStatus.DELETED).order_by(Page.order))
        return [svc.books.page_info(p.id) for p in rows]


def restore_page(svc: Service, actor: Actor, page_id: int) -> PageInfo:
    """Undoes `delete_page` from what its audit event recorded: statuses and PDF places."""
    svc.require(actor, "manage_books")
    root = svc.workspace.root
    with svc.store.session() as s:
        page = _page(s, page_id)
        if page.status != PageStatus.DELETED:
            raise Refused("Trang này chưa bị xóa.")
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "page_delete", AuditEvent.object_type == "page",
                                                  AuditEvent.object_id == str(page_id))
                         .order_by(AuditEvent.id.desc()).limit(1))
        before = (event.before or {}) if event else {}
        statuses, places = before.get("entries", {}), before.get("pdfs", {})
        for entry in s.scalars(select(Entry).where(Entry.page_id == page_id)):
            back = places.get(str(entry.id))
            if back and entry.pdf_path and (root / entry.pdf_path).exists():
                (root / back).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(root / entry.pdf_path, root / back)
                entry.pdf_path = back
            entry.status = statuses.get(str(entry.id), EntryStatus.NEW)
        page.status = before.get("status", PageStatus.NEW)
        forget_book(s, page.book_id)
        audit.record(s, actor.login, "page_restore", "page", page_id, {"status": PageStatus.DELETED.value}, {"status": str(page.status)})
    return svc.books.page_info(page_id)


def header_of(svc: Service, page_id: int) -> tuple[str | None, int | None]:
    """The book type and year the page's header named when it was held as a mismatch."""
    with svc.store.session() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "page_header_mismatch",
                                                  AuditEvent.object_id == str(page_id))
                         .order_by(AuditEvent.id.desc()).limit(1))
        after = (event.after or {}) if event else {}
    return after.get("book_type"), after.get("year")
