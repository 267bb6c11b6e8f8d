"""The supervisor's review queue and a book's progress, with every record's findings from the whole-book
form of records/findings.py (a handful of set queries for hundreds of records)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..booktypes import BOOK_TYPES
from .. import lifecycle
from ..lifecycle import EntryStatus
from ..records.findings import BookCheck, book_findings, entry_findings
from ..roles import Actor
from ..store.models import Book, Entry, Page, Record, ReviewDecision, User
from ..views import Finding

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

REVIEWABLE = tuple(lifecycle.REVIEWABLE)
ANY_STATUS = "*"  # review_queue(status=ANY_STATUS): every entry with a record, the book's whole check view
CHUNK = 500
__all__ = ["ANY_STATUS", "BookCheck", "BookProgress", "QueueRow", "approve_clean", "book_progress", "check_book",
           "open_findings", "review_queue"]


@dataclass(frozen=True)
class QueueRow:
    entry_id: int
    book_id: int
    book: str
    page: int
    order: int
    number: str
    name: str
    status: str
    clerk: str
    findings: tuple[Finding, ...]
    return_reason: str = ""
    version: int = 0  # the record version shown: batch approval names it

    @property
    def clean(self) -> bool:
        return not lifecycle.open_findings(self.findings)

    def as_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "book_id": self.book_id, "book": self.book, "page": self.page,
                "order": self.order, "so": self.number, "name": self.name, "status": self.status,
                "clerk": self.clerk, "clean": self.clean, "return_reason": self.return_reason, "version": self.version,
                "findings": [f.as_json() for f in self.findings]}


def check_book(svc: Service, book_id: int) -> BookCheck:
    """All checks of a whole book (records/findings.py, its whole-book form)."""
    with svc.store.session() as s:
        return book_findings(s, book_id, svc.workspace.root)


def open_findings(svc: Service, entry_ids: list[int]) -> dict[int, int]:
    """Open (not accepted) findings per entry for just these entries (records/findings.py:entry_findings,
    the one truth the stored summaries come from)."""
    with svc.store.session() as s:
        found = entry_findings(s, entry_ids, svc.workspace.root)
    return {entry_id: len(lifecycle.open_findings(f)) for entry_id, f in found.items()}


def review_queue(svc: Service, book_id: int | None = None, clerk: str | None = None,
                 status: str | None = None, finding: str | None = None, limit: int = 2000) -> list[QueueRow]:
    """Entries waiting for a decision (or any status asked for), with their findings.

    finding: a finding code (a rule id), "any" (has open findings) or "clean" (none).
    status: one status, ANY_STATUS (every entry not deleted: the book's check view), or None (waiting).
    """
    statuses = ((tuple(st for st in EntryStatus if st != EntryStatus.DELETED) if status == ANY_STATUS else (status,))
                if status else REVIEWABLE)
    with svc.store.session() as s:
        q = (select(Entry.id, Page.book_id, Book.book_type, Book.year, Book.volume, Page.order, Entry.order,
                    Record.fields, Entry.status, User.login, Record.version)
             .join(Record, Record.entry_id == Entry.id).join(Page).join(Book)
             .outerjoin(User, User.id == Record.entered_by).where(Entry.status.in_(statuses))
             .order_by(Book.id, Page.order, Entry.order).limit(limit))
        if book_id is not None:
            q = q.where(Page.book_id == book_id)
        if clerk:
            q = q.where(User.login == clerk)
        rows = s.execute(q).all()
        reasons = _last_return_reasons(s, [r[0] for r in rows if r[8] == EntryStatus.RETURNED])
    checked = {b: check_book(svc, b) for b in {r[1] for r in rows}}
    out = []
    for eid, bid, btype, year, volume, porder, order, values, st, login, version in rows:
        values = values or {}
        name = values.get("ho_ten") or values.get("ho_ten_chong") or values.get("ho_ten_con") or ""
        found = tuple(checked[bid].findings.get(eid, []))
        row = QueueRow(eid, bid, f"{BOOK_TYPES[btype].code} {year} q.{volume}", int(porder), order + 1, values.get("so", ""), name,
                       st, login or "", found, reasons.get(eid, ""), version or 1)
        if _wanted(row, finding):
            out.append(row)
    return out


def _wanted(row: QueueRow, finding: str | None) -> bool:
    if not finding:
        return True
    if finding == "clean":
        return row.clean
    if finding == "any":
        return not row.clean
    return any(f.code == finding and not f.accepted for f in row.findings)


def _last_return_reasons(s: Any, entry_ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i in range(0, len(entry_ids), CHUNK):
        q = (select(ReviewDecision.entry_id, ReviewDecision.reason)
             .where(ReviewDecision.entry_id.in_(entry_ids[i:i + CHUNK]), ReviewDecision.decision == EntryStatus.RETURNED)
             .order_by(ReviewDecision.id))
        for entry_id, reason in s.execute(q):
            out[entry_id] = reason  # the latest wins
    return out


def approve_clean(svc: Service, actor: Actor, entry_ids: list[int] | dict[int, int]
                  ) -> tuple[list[int], dict[int, str]]:
    """svc.review.approve_clean without the changes (kept for older callers)."""
    return svc.review.approve_clean(actor, entry_ids).value


@dataclass(frozen=True)
class BookProgress:
    """How far a book is, said before it is exported: a partial book must not leave unnoticed."""

    entries: int
    approved: int
    pages_pending: int  # pages not yet searched for entries, failed, or held as another book's
    gaps: tuple[int, ...]

    @property
    def unapproved(self) -> int:
        return self.entries - self.approved

    def warning(self) -> str:
        parts = []
        if self.unapproved:
            parts.append(f"{self.unapproved} trong {self.entries} mục chưa được phê duyệt")
        if self.pages_pending:
            parts.append(f"{self.pages_pending} trang chưa xử lý xong")
        if self.gaps:
            shown = ", ".join(map(str, self.gaps[:8])) + ("…" if len(self.gaps) > 8 else "")
            parts.append(f"thiếu số đăng ký {shown}")
        return ("Sổ chưa xong: " + "; ".join(parts) + ".") if parts else ""


def book_progress(svc: Service, book_id: int) -> BookProgress:
    with svc.store.session() as s:
        statuses = list(s.scalars(select(Entry.status).join(Page).where(Page.book_id == book_id,
                                                                         Entry.status != EntryStatus.DELETED)))
        pending = len(list(s.scalars(select(Page.id).where(Page.book_id == book_id,
                                                          Page.status.in_(tuple(lifecycle.PAGE_PENDING))))))
    return BookProgress(len(statuses), sum(lifecycle.locked(st) for st in statuses), pending,
                        tuple(check_book(svc, book_id).gaps))
