"""`svc.review`: a supervisor's decisions. Approve the record version looked at, return it with a reason,
accept a finding the book really says, approve every clean submitted record at once; and the queue."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from .. import audit, lifecycle
from ..changes import Changes, Done
from ..errors import BadInput, HotichError, NotFound, Refused
from ..lifecycle import EntryStatus
from ..records.findings import BookCheck, record_findings, store_checks
from ..records.service import lock_record
from ..roles import Actor
from ..store.infos import entry_info, entry_row
from ..store.models import FindingAcceptance, ReviewDecision
from ..views import EntryInfo, Finding
from . import book as book_checks

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


def _touched(info: EntryInfo, book_id: int) -> Changes:
    return Changes.of(entries=[info.id], pages=[info.page_id], books=[book_id])


class Review:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- reads -------------------------------------------------------------------------------------------
    def queue(self, actor: Actor, book_id: int | None = None, clerk: str | None = None, status: str | None = None,
              finding: str | None = None, limit: int = 2000) -> list[book_checks.QueueRow]:
        self.svc.require(actor, "read_records")
        return book_checks.review_queue(self.svc, book_id, clerk, status, finding, limit)

    def check_book(self, actor: Actor, book_id: int) -> BookCheck:
        return self.svc.records.book_findings(actor, book_id)

    def progress(self, actor: Actor, book_id: int) -> book_checks.BookProgress:
        self.svc.require(actor, "read_records")
        return book_checks.book_progress(self.svc, book_id)

    def return_reasons(self, actor: Actor, entry_id: int) -> list[str]:
        self.svc.require(actor, "read_records")
        with self.svc.store.session() as s:
            q = select(ReviewDecision.reason).where(ReviewDecision.entry_id == entry_id,
                                                    ReviewDecision.decision == EntryStatus.RETURNED)
            return list(s.scalars(q.order_by(ReviewDecision.id.desc())))

    # -- writes ------------------------------------------------------------------------------------------
    def approve(self, actor: Actor, entry_id: int, version: int | None = None) -> Done[EntryInfo]:
        """Approves the record version the supervisor looked at (EntryInfo.version): a record changed since
        is refused with errors.Conflict, so nothing is approved unseen."""
        self.svc.require(actor, "review")
        with self.svc.store.session(write=True) as s:
            entry = entry_row(s, entry_id)
            record = lock_record(s, entry, version)
            if record is None or not lifecycle.reviewable(entry.status):
                raise Refused(f"Mục {(entry.pdf_path or str(entry_id)).rsplit('/', 1)[-1]} chưa có hồ sơ chờ duyệt "
                              f"(trạng thái: {lifecycle.label(entry.status)}).")  # the name the window shows
            if self.svc.settings.get(s).forbid_self_approval and record.entered_by == actor.id:
                raise Refused("Không được tự phê duyệt hồ sơ do chính mình nhập.")
            blocking = lifecycle.blocks_approval(record_findings(s, entry, dict(record.fields), self.svc.workspace.root))
            if blocking:
                raise Refused("Chưa phê duyệt được: " + "; ".join(f.message for f in blocking[:5]))
            record.approved_hash = record.content_hash
            entry.status = lifecycle.advance("approve", entry.status)
            self.svc.learning.on_approved(s, entry, record)  # what the approved record teaches, in this transaction
            # the book's layout refined by what the supervisor approved (a correction made on review teaches here)
            self.svc.layouts.learn_in(s, entry, dict(record.fields or {}), record.ocr, approved=True)
            s.add(ReviewDecision(entry_id=entry.id, reviewer_id=actor.id, decision=EntryStatus.APPROVED,
                                 record_hash=record.content_hash, record_version=record.version or 1))
            audit.record(s, actor.login, "review_approve", "entry", entry.id,
                         after={"hash": record.content_hash, "version": record.version or 1})
            info = entry_info(entry)
            return Done(info, _touched(info, entry.page.book_id))

    def return_entry(self, actor: Actor, entry_id: int, reason: str, version: int | None = None) -> Done[EntryInfo]:
        self.svc.require(actor, "review")
        if not reason.strip():
            raise BadInput("Hãy ghi lý do trả lại để cán bộ nhập liệu biết cần sửa gì.")
        with self.svc.store.session(write=True) as s:
            entry = entry_row(s, entry_id)
            lock_record(s, entry, version)
            if entry.record is None:
                raise Refused(f"Mục {entry_id} chưa có hồ sơ.")
            if lifecycle.locked(entry.status):
                self.svc.learning.on_withdrawn(s, entry)
            entry.status = lifecycle.advance("return", entry.status)
            entry.record.approved_hash = ""
            s.add(ReviewDecision(entry_id=entry.id, reviewer_id=actor.id, decision=EntryStatus.RETURNED, reason=reason,
                                 record_hash=entry.record.content_hash, record_version=entry.record.version or 1))
            audit.record(s, actor.login, "review_return", "entry", entry.id, after={"reason": reason})
            info = entry_info(entry)
            return Done(info, _touched(info, entry.page.book_id))

    def accept_finding(self, actor: Actor, entry_id: int, code: str, field: str, reason: str) -> Done[Finding]:
        """Accepts an open finding the book really says: a clerk accepts warnings, a supervisor errors too.

        Input errors (missing, malformed) must be fixed, never accepted. `field` may be empty when the code
        names one finding only. Accepting twice changes nothing.
        """
        self.svc.require(actor, "enter")
        if not reason.strip():
            raise BadInput("Hãy ghi lý do chấp nhận điểm bất thường này.")
        with self.svc.store.session() as s:
            entry = entry_row(s, entry_id)
            status, page_id, book_id = entry.status, entry.page_id, entry.page.book_id
            values = dict(entry.record.fields) if entry.record else {}
            found = [f for f in record_findings(s, entry, values, self.svc.workspace.root)
                     if f.code == code and (not field or f.field == field)]
        if not found:
            raise NotFound(f"Mục {entry_id} không có điểm cần xem «{code}{':' + field if field else ''}».")
        if len(found) > 1:
            raise BadInput(f"Mã «{code}» có ở nhiều trường; hãy ghi rõ trường: "
                           + ", ".join(f"{code}:{f.field}" for f in found) + ".")
        finding = found[0]
        if not lifecycle.acceptable(finding):
            raise Refused(f"«{finding.message}» là lỗi nhập liệu: hãy sửa, không chấp nhận được.")
        if lifecycle.accepted_by_reviewer_only(finding):
            self.svc.require(actor, "review")  # records a clerk's refused attempt and raises
        if not lifecycle.editable(status, actor.may("review")):
            raise Refused("Hồ sơ đã được phê duyệt; chỉ người phê duyệt mới sửa được.")
        accepted = replace(finding, accepted=True)
        if finding.accepted:
            return Done(accepted)
        with self.svc.store.session() as s:
            s.add(FindingAcceptance(entry_id=entry_id, code=finding.code, field=finding.field, reason=reason,
                                    user_id=actor.id))
            store_checks(s, [entry_id], self.svc.workspace.root)  # one open finding fewer, stored
            audit.record(s, actor.login, "finding_accept", "entry", entry_id,
                         after={"code": finding.code, "field": finding.field, "reason": reason,
                                "severity": finding.severity})
        return Done(accepted, Changes.of(entries=[entry_id], pages=[page_id], books=[book_id]))

    def approve_clean(self, actor: Actor, entry_ids: list[int] | dict[int, int]
                      ) -> Done[tuple[list[int], dict[int, str]]]:
        """Approves the given entries that were sent for review and have no open findings; the rest are
        listed with the reason (an entry only saved, never submitted, is the clerk's unfinished work).

        Given {entry_id: version shown in the queue}, an entry another desk changed since is skipped, not
        approved unseen.
        """
        versions = dict(entry_ids) if isinstance(entry_ids, dict) else {}
        self.svc.require(actor, "review")
        approved: list[int] = []
        skipped: dict[int, str] = {}
        changes = Changes()
        for entry_id in entry_ids:
            status = self.svc.entries.info(entry_id).status
            if status != EntryStatus.SUBMITTED:
                skipped[entry_id] = f"chưa gửi duyệt (trạng thái: {lifecycle.label(status)})"
                continue
            still_open = lifecycle.open_findings(self.svc.records.findings(actor, entry_id))
            if still_open:
                skipped[entry_id] = "còn điểm cần xem: " + "; ".join(f.message for f in still_open[:3])
                continue
            try:
                changes |= self.approve(actor, entry_id, versions.get(entry_id)).changes
                approved.append(entry_id)
            except HotichError as exc:
                skipped[entry_id] = exc.message
        return Done((approved, skipped), changes)
