"""The clerk's corrections to detection: move or resize a box, add one, delete one.

A changed box gets a fresh PDF cut from the stored original; the old file is removed only after the
database points at the new one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from sqlalchemy import select

from .. import audit, blobs
from ..errors import Conflict, NotFound, Refused
from .. import lifecycle
from ..lifecycle import EntryStatus
from ..imaging.geometry import bbox_of, clip_polygon
from .processing import load_page_frame
from ..roles import Actor
from ..store.models import Entry, Record
from ..views import EntryInfo

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

MIN_SIDE = 20


def _checked(polygon: list[list[float]], width: int, height: int) -> list[list[float]]:
    poly = clip_polygon(polygon, width, height)
    x0, y0, x1, y1 = bbox_of(poly)
    if x1 - x0 < MIN_SIDE or y1 - y0 < MIN_SIDE:
        raise Refused("Khung quá nhỏ: hãy kéo rộng hơn.")
    return [[round(x, 1), round(y, 1)] for x, y in poly]


def _same(a: list[list[float]], b: list[list[float]], tolerance: float = 1.0) -> bool:
    return len(a) == len(b) and all(abs(p[0] - q[0]) <= tolerance and abs(p[1] - q[1]) <= tolerance
                                    for p, q in zip(a, b))


def _write_pdf(svc: Service, page_id: int, polygon: list[list[float]], fields: dict[str, str]):  # noqa: ANN202
    page = svc.books.page_info(page_id)
    book = svc.books.info(page.book_id)
    return svc.entries.cut_pdf(load_page_frame(svc, page_id), polygon, book, page.page_number, fields)


def _check_box(row: Entry | None, entry_id: int, expected: int | None) -> Entry:
    if row is None:
        raise NotFound(f"Không có mục số {entry_id}.")
    if expected is not None and (row.version or 1) != int(expected):
        raise Conflict(f"Khung của mục {entry_id}", row.version or 1, {"polygon": row.polygon}, int(expected))
    return row


def set_box(svc: Service, actor: Actor, entry_id: int, polygon: list[list[float]],
            expected_version: int | None = None) -> EntryInfo:
    """expected_version: the entry's box_version the clerk dragged from; another desk's change is refused."""
    svc.require(actor, "enter")
    entry = svc.entries.info(entry_id)
    if lifecycle.locked(entry.status):
        raise Refused("Mục đã phê duyệt: không sửa khung được nữa.")
    _check_box_version(entry, expected_version)
    page = svc.books.page_info(entry.page_id)
    poly = _checked(polygon, page.width, page.height)
    if _same(poly, entry.polygon):
        return entry  # nothing moved: no new PDF, no audit event
    written = _write_pdf(svc, page.id, poly, entry.fields)
    root = svc.workspace.root
    try:
        with svc.store.session(write=True) as s:
            row = _check_box(s.scalar(select(Entry).where(Entry.id == entry_id).with_for_update()), entry_id,
                             expected_version)
            old_pdf, before = row.pdf_path, row.polygon
            row.polygon, row.pdf_path = poly, str(written.path.relative_to(root))
            row.pdf_bytes, row.pdf_sha256 = written.bytes, written.sha256
            blobs.publish(s, written.path, written.sha256)
            audit.record(s, actor.login, "entry_box", "entry", entry_id, {"polygon": before}, {"polygon": poly})
    except BaseException:
        written.path.unlink(missing_ok=True)  # the database still points at the old PDF
        raise
    if old_pdf and old_pdf != row.pdf_path:
        (root / old_pdf).unlink(missing_ok=True)
    return svc.entries.info(entry_id)


def add_box(svc: Service, actor: Actor, page_id: int, polygon: list[list[float]]) -> EntryInfo:
    svc.require(actor, "enter")
    page = svc.books.page_info(page_id)
    book = svc.books.info(page.book_id)
    poly = _checked(polygon, page.width, page.height)
    written = _write_pdf(svc, page_id, poly, {})
    with svc.store.session() as s:
        top = bbox_of(poly)[1]
        entries = list(s.scalars(select(Entry).where(Entry.page_id == page_id).order_by(Entry.order)))
        order = sum(1 for e in entries if bbox_of(e.polygon)[1] < top)
        for e in entries:
            if e.order >= order:
                e.order += 1
        entry = Entry(page_id=page_id, order=order, polygon=poly, pdf_bytes=written.bytes, pdf_sha256=written.sha256,
                      pdf_path=str(written.path.relative_to(svc.workspace.root)), status=EntryStatus.NEW)
        s.add(entry)
        s.flush()
        blobs.publish(s, written.path, written.sha256)
        s.add(Record(entry_id=entry.id, book_type=book.book_type, fields={}, ocr={}))
        audit.record(s, actor.login, "entry_add", "entry", entry.id, after={"page_id": page_id, "polygon": poly})
        new_id = entry.id
    return svc.entries.info(new_id)


def _check_box_version(entry: EntryInfo, expected: int | None) -> None:
    """Early refusal before a PDF is cut; the transaction checks again under the row lock."""
    if expected is not None and entry.box_version != int(expected):
        raise Conflict(f"Khung của mục {entry.id}", entry.box_version, {"polygon": entry.polygon}, int(expected))


def delete_box(svc: Service, actor: Actor, entry_id: int, expected_version: int | None = None) -> None:
    """Removes a wrongly found entry; one with a saved record is refused (nothing a clerk typed is lost)."""
    svc.require(actor, "enter")
    with svc.store.session(write=True) as s:
        entry = _check_box(s.scalar(select(Entry).where(Entry.id == entry_id).with_for_update()), entry_id,
                           expected_version)
        record = entry.record
        if record is not None and record.fields:
            raise Refused("Mục này đã có dữ liệu nhập: không xóa được. Hãy sửa khung thay vì xóa.")
        pdf = entry.pdf_path
        if record is not None:
            s.delete(record)
        audit.record(s, actor.login, "entry_delete", "entry", entry_id, {"polygon": entry.polygon, "pdf": pdf})
        s.delete(entry)
    if pdf:
        Path(svc.workspace.root / pdf).unlink(missing_ok=True)
