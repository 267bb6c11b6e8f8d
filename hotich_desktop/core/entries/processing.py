"""What runs in the background after intake: find entries, write one PDF each, read the fields ahead.

Each page is done in one unit: PDFs written first, then one transaction adds the entries. A second run skips
pages already done, so `hotich process` twice redoes nothing.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select, update

from .. import audit, blobs
from .pdfs import WrittenPdf
from ..errors import BadInput, HotichError
from ..lifecycle import PAGE_FINISHED, EntryStatus, PageStatus
from ..imaging.loader import Frame, frame_at
from .pipeline import detect_frame, read_prefill
from ..roles import Actor
from ..store.models import Entry, Page, Record, utcnow
from ..views import EntryInfo

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
Writer = Callable[..., Any]  # writer(fn, *args): runs fn(*args) where the store is written, returns its value


def _here(fn: Callable[..., Any], *args: Any) -> Any:
    """The writer of the command line: store writes run in the calling thread."""
    return fn(*args)
CLAIM_TIMEOUT = dt.timedelta(minutes=15)


def load_page_frame(svc: Service, page_id: int) -> Frame:
    page = svc.books.page_info(page_id)
    return frame_at(svc.books.page_path(page), svc.books.frame_index(page_id))


def read_fields(frame: Frame, polygons: list, book_type: str, enabled: bool, lang: str = "vie",
                profile: Any = None) -> list[dict[str, Any]]:
    """OCR prefill per entry ({key: {value, confidence, bbox}}); empty dicts without Tesseract. `profile`:
    the book's LayoutProfile (core/ocr/layout_profile.py), where its fields sit."""
    if not enabled or not polygons:
        return [{} for _ in polygons]
    return [{k: v.as_json() for k, v in f.items()}
            for f in read_prefill(frame, polygons, book_type, lang, profile=profile)]


def claim_page(svc: Service, page_id: int) -> str | None:
    """Takes the page for this run (a token), or None when another desk or run is processing it now.

    One conditional UPDATE decides, so two desks watching one folder never both cut the same page; a claim
    older than CLAIM_TIMEOUT (a desk that died) can be taken over.
    """
    token = f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
    now = utcnow()
    with svc.store.session(write=True) as s:
        taken = s.execute(update(Page).where(
            Page.id == page_id, Page.status != PageStatus.DETECTED,
            or_(Page.claimed_by == "", Page.claimed_at.is_(None), Page.claimed_at < now - CLAIM_TIMEOUT))
            .values(claimed_by=token, claimed_at=now).execution_options(synchronize_session=False))
        return token if taken.rowcount == 1 else None


def process_page(svc: Service, actor: Actor, page_id: int, ocr: bool = True, writer: Writer = _here) -> int:
    """Detects, writes PDFs, stores entries with their OCR prefill. Returns the number of entries.

    `writer` runs the store writes (the claim, the entries, a mismatch or failure): the window passes its
    one write thread, so that the seconds of detection and OCR run on a worker beside it and a clerk's save
    never waits behind a page being read."""
    page = svc.books.page_info(page_id)
    book = svc.books.info(page.book_id)
    if page.status in PAGE_FINISHED:
        return page.entries
    token = writer(claim_page, svc, page_id)
    if token is None:
        return 0  # another desk has it; its entries appear when it is done
    try:
        return _process_claimed(svc, actor, book, page, token, ocr, writer)
    finally:
        writer(_release, svc, page_id, token)  # a no-op once the entries are stored (the claim is cleared there)


def _release(svc: Service, page_id: int, token: str) -> None:
    with svc.store.session(write=True) as s:
        s.execute(update(Page).where(Page.id == page_id, Page.claimed_by == token)
                  .values(claimed_by="", claimed_at=None).execution_options(synchronize_session=False))


def _process_claimed(svc: Service, actor: Actor, book: Any, page: Any, token: str, ocr: bool,
                     writer: Writer = _here) -> int:
    page_id = page.id
    try:
        frame = load_page_frame(svc, page_id)
    except BadInput as exc:
        writer(_mark_failed, svc, page_id, exc.message)
        return 0
    settings = svc.settings.get()
    if page.status != PageStatus.KEPT and ocr and settings.ocr_enabled and _header_differs(svc, actor, page_id, frame, book, writer):
        return 0
    from ..ocr.engine import warm_up

    if ocr and settings.ocr_enabled:
        warm_up(settings.ocr_language)  # the models load while the entries are found (once per process)
    found = detect_frame(frame)
    polygons = found.detection.polygons
    reading = ocr and settings.ocr_enabled
    profile = svc.layouts.profile_for(book.id) if reading else None
    prefill = read_fields(frame, polygons, book.book_type, reading, settings.ocr_language, profile)
    written: list[WrittenPdf] = []
    for poly, fields in zip(polygons, prefill):
        values = {k: v.get("value", "") for k, v in fields.items()}
        written.append(svc.entries.cut_pdf(frame, poly, book, page.page_number, values))
    writer(_store_entries, svc, actor, page_id, book.book_type, polygons, written, prefill, found.skew_degrees, token)
    return len(polygons)


def _store_entries(svc: Service, actor: Actor, page_id: int, book_type: str, polygons: list,
                   written: list[WrittenPdf], prefill: list[dict[str, Any]], skew: float, token: str = "") -> None:
    root = svc.workspace.root
    with svc.store.session(write=True) as s:
        page = s.scalar(select(Page).where(Page.id == page_id).with_for_update())
        if page.status == PageStatus.DETECTED or (token and page.claimed_by != token):
            # another desk finished it, or took it over after our claim ran out: keep theirs, drop ours
            for w in written:
                w.path.unlink(missing_ok=True)
            return
        for order, (poly, pdf, ocr) in enumerate(zip(polygons, written, prefill)):
            entry = Entry(page_id=page_id, order=order, polygon=[[round(x, 1), round(y, 1)] for x, y in poly],
                          pdf_path=str(Path(pdf.path).relative_to(root)), pdf_bytes=pdf.bytes,
                          pdf_sha256=pdf.sha256, status=EntryStatus.NEW)
            blobs.publish(s, pdf.path, pdf.sha256)
            s.add(entry)
            s.flush()
            s.add(Record(entry_id=entry.id, book_type=book_type, fields={}, ocr=ocr))
        page.status, page.skew_degrees, page.error = PageStatus.DETECTED, skew, ""
        page.claimed_by, page.claimed_at = "", None
        audit.record(s, actor.login, "page_detect", "page", page_id, after={"entries": len(polygons)})


def _header_differs(svc: Service, actor: Actor, page_id: int, frame: Frame, book: Any,
                    writer: Writer = _here) -> bool:
    """Reads the page's header; a page of another book type or year is held ("mismatch") before any
    entry is cut or pre-filled, until the clerk moves it or keeps it here."""
    from ..ocr.header import read_header
    from ..ocr.engine import OcrUnavailable

    try:
        header = read_header(frame.image, svc.settings.get().ocr_language)
    except OcrUnavailable:
        return False
    message = header.differs_from(book.book_type, book.year)
    if not message:
        return False
    writer(_mark_mismatch, svc, actor, page_id, message, header)
    return True


def _mark_mismatch(svc: Service, actor: Actor, page_id: int, message: str, header: Any) -> None:
    with svc.store.session() as s:
        page = s.get(Page, page_id)
        page.status, page.error = PageStatus.MISMATCH, message
        audit.record(s, actor.login, "page_header_mismatch", "page", page_id,
                     after={"book_type": header.book_type, "year": header.year, "header": header.text[:200]})


def _mark_failed(svc: Service, page_id: int, reason: str) -> None:
    with svc.store.session() as s:
        page = s.get(Page, page_id)
        page.status, page.error = PageStatus.FAILED, reason
        page.claimed_by, page.claimed_at = "", None


def process_book(svc: Service, actor: Actor, book_id: int, ocr: bool = True,
                 progress: Progress | None = None) -> list[EntryInfo]:
    svc.require(actor, "intake")
    pages = svc.books.pages(actor, book_id) if svc.books.info(book_id) else []
    for n, page in enumerate(pages, 1):
        if progress:
            progress(n, len(pages), page.source_name)
        process_one(svc, actor, page.id, ocr=ocr)
    return [_with_prefill(e) for e in svc.entries.list(actor, book_id=book_id)]


def process_one(svc: Service, actor: Actor, page_id: int, ocr: bool = True, writer: Writer = _here) -> int:
    """One page of a run, as the window queues them (on a worker, its writes through `writer`: a clerk's
    save waits for no page): a page that fails is marked failed with the reason and does not stop the others."""
    svc.require(actor, "intake")
    try:
        return process_page(svc, actor, page_id, ocr=ocr, writer=writer)
    except HotichError:
        raise
    except Exception as exc:  # one bad page must not stop the book
        log.exception("page %s failed", page_id)
        writer(_mark_failed, svc, page_id, f"Lỗi khi xử lý trang: {exc}")
        return 0


def _with_prefill(entry: EntryInfo) -> EntryInfo:
    """Until the clerk saves, the record's fields are the OCR prefill values."""
    if not entry.fields and entry.ocr:
        entry.fields = {k: v.get("value", "") for k, v in entry.ocr.items()}
    return entry
