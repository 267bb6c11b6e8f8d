"""The life of an entry and of a page: their statuses, the moves allowed between them, and which findings
stop which move. This is the only place status words are written; every stage asks here.

An entry is one registered case cut from a page. Its record is entered by a clerk, sent for review,
approved or returned by a supervisor, and finally exported in a 158 package. Approved and exported
records are locked: only a supervisor may change them, and a change sends them back for review.
"""
from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol

from .errors import Refused


class EntryStatus(StrEnum):
    NEW = "new"              # cut from the page, no record typed yet (OCR prefill only)
    ENTERED = "entered"      # saved by a clerk, not yet sent for review
    SUBMITTED = "submitted"  # sent for review
    RETURNED = "returned"    # sent back by a supervisor with a reason
    APPROVED = "approved"    # approved: locked for clerks, ready to export
    EXPORTED = "exported"    # left in a 158 package (stays locked; may be exported again)
    DELETED = "deleted"      # its page was deleted (kept for the audit trail, restorable)


class PageStatus(StrEnum):
    NEW = "new"              # taken in, not processed yet
    DETECTED = "detected"    # entries found and cut
    FAILED = "failed"        # processing failed (the reason is kept on the page)
    KEPT = "kept"            # kept by the clerk without entries (a cover, a blank page)
    MISMATCH = "mismatch"    # its header names another book: held until the clerk decides
    DELETED = "deleted"      # deleted by the clerk (restorable)


class BookStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PackageStatus(StrEnum):
    """A 158 package on its way to the district."""
    PREPARING = "preparing"        # being written (an export intent; swept if the app dies)
    QUEUED = "queued"              # written, waiting to be copied or sent
    SENT = "sent"                  # copied to the folder/USB or uploaded
    FAILED = "failed"              # the last try failed; waits to be tried again
    ACKNOWLEDGED = "acknowledged"  # the receiver confirmed it
    SUPERSEDED = "superseded"      # replaced by a newer package of the same records


PACKAGE_LIVE = frozenset({PackageStatus.QUEUED, PackageStatus.SENT, PackageStatus.FAILED, PackageStatus.ACKNOWLEDGED})
PACKAGE_WAITING = frozenset({PackageStatus.QUEUED, PackageStatus.FAILED})  # counted on the status bar, sent by "send all"


# Labels in Vietnamese; the window passes them through Qt's translator under the context "lifecycle".
ENTRY_LABELS: dict[EntryStatus, str] = {
    EntryStatus.NEW: "mới", EntryStatus.ENTERED: "đã nhập", EntryStatus.SUBMITTED: "chờ duyệt",
    EntryStatus.RETURNED: "trả lại", EntryStatus.APPROVED: "đã duyệt", EntryStatus.EXPORTED: "đã xuất",
    EntryStatus.DELETED: "đã xóa",
}
PAGE_LABELS: dict[PageStatus, str] = {
    PageStatus.NEW: "mới", PageStatus.DETECTED: "đã tìm mục", PageStatus.FAILED: "lỗi",
    PageStatus.KEPT: "mới", PageStatus.MISMATCH: "sai sổ?", PageStatus.DELETED: "đã xóa",
}

LOCKED = frozenset({EntryStatus.APPROVED, EntryStatus.EXPORTED})
REVIEWABLE = frozenset({EntryStatus.ENTERED, EntryStatus.SUBMITTED, EntryStatus.RETURNED})
DONE = LOCKED  # counted as finished in progress figures
PAGE_PENDING = frozenset({PageStatus.NEW, PageStatus.KEPT, PageStatus.FAILED, PageStatus.MISMATCH})
PAGE_FINISHED = frozenset({PageStatus.DETECTED, PageStatus.MISMATCH, PageStatus.DELETED})  # not processed again

# event -> {from: to}. A move not in the table is refused.
_ANY_LIVE = (EntryStatus.NEW, EntryStatus.ENTERED, EntryStatus.SUBMITTED, EntryStatus.RETURNED,
             EntryStatus.APPROVED, EntryStatus.EXPORTED)
TRANSITIONS: dict[str, dict[EntryStatus, EntryStatus]] = {
    # a clerk saves without sending (locked ones only reach here through a supervisor, see editable())
    "save": {s: EntryStatus.ENTERED for s in _ANY_LIVE},
    # a supervisor corrects a clerk's record: it keeps its place in the review queue
    "correct": {EntryStatus.NEW: EntryStatus.SUBMITTED, EntryStatus.ENTERED: EntryStatus.ENTERED,
                EntryStatus.SUBMITTED: EntryStatus.SUBMITTED, EntryStatus.RETURNED: EntryStatus.RETURNED,
                EntryStatus.APPROVED: EntryStatus.SUBMITTED, EntryStatus.EXPORTED: EntryStatus.SUBMITTED},
    "submit": {s: EntryStatus.SUBMITTED for s in _ANY_LIVE},
    "approve": {s: EntryStatus.APPROVED for s in REVIEWABLE},
    "return": {s: EntryStatus.RETURNED for s in _ANY_LIVE},
    "export": {EntryStatus.APPROVED: EntryStatus.EXPORTED, EntryStatus.EXPORTED: EntryStatus.EXPORTED},
    "delete_page": {s: EntryStatus.DELETED for s in _ANY_LIVE if s not in LOCKED},
}


def status_of(value: str | EntryStatus) -> EntryStatus:
    try:
        return EntryStatus(value)
    except ValueError:
        raise Refused(f"Trạng thái mục không hợp lệ: «{value}».") from None


def label(status: str) -> str:
    """The Vietnamese word for an entry status (the raw word when it is not one)."""
    try:
        return ENTRY_LABELS[EntryStatus(status)]
    except ValueError:
        return str(status)


def page_label(status: str) -> str:
    try:
        return PAGE_LABELS[PageStatus(status)]
    except ValueError:
        return str(status)


def can(event: str, current: str | EntryStatus) -> bool:
    return status_of(current) in TRANSITIONS[event]


def advance(event: str, current: str | EntryStatus) -> EntryStatus:
    """The status after `event`, or Refused naming the entry's status in Vietnamese."""
    state = status_of(current)
    moves = TRANSITIONS[event]
    if state not in moves:
        raise Refused(f"Không thể {_EVENT_WORDS.get(event, event)} một mục ở trạng thái «{label(state)}».")
    return moves[state]


_EVENT_WORDS = {"save": "lưu", "correct": "sửa", "submit": "gửi duyệt", "approve": "phê duyệt",
                "return": "trả lại", "export": "xuất", "delete_page": "xóa"}


def locked(status: str) -> bool:
    """Approved or exported: a clerk can no longer change the record or its box."""
    return status in LOCKED


def editable(status: str, may_review: bool) -> bool:
    """Whether this actor may change the record (or its box) now."""
    return status != EntryStatus.DELETED and (may_review or not locked(status))


def reviewable(status: str) -> bool:
    return status in REVIEWABLE


def exportable(status: str) -> bool:
    return status in LOCKED


# -- which findings stop which move ---------------------------------------------------------------------
# Input errors are facts about what was typed (missing, malformed, not in the code list): fixed, never
# accepted. Code errors stay blocking even when someone once accepted them.
INPUT_ERRORS = frozenset({"required", "bad_date", "too_long", "bad_number", "unknown_code"})
CODE_ERRORS = frozenset({"unknown_code"})


class FindingLike(Protocol):
    code: str
    severity: str
    accepted: bool
    message: str


def blocks_submit(findings: Iterable[FindingLike]) -> list[FindingLike]:
    """What stops a clerk sending a record for review: input errors not fixed."""
    return [f for f in findings if f.code in INPUT_ERRORS and (not f.accepted or f.code in CODE_ERRORS)]


def blocks_approval(findings: Iterable[FindingLike]) -> list[FindingLike]:
    """What stops a supervisor approving: any error not accepted (a code error even when accepted)."""
    return [f for f in findings if f.severity == "error" and (not f.accepted or f.code in CODE_ERRORS)]


def open_findings(findings: Iterable[FindingLike]) -> list[FindingLike]:
    """What keeps a record out of "approve all clean": anything not accepted, warnings too."""
    return [f for f in findings if not f.accepted]


def acceptable(finding: FindingLike) -> bool:
    return finding.code not in INPUT_ERRORS


def accepted_by_reviewer_only(finding: FindingLike) -> bool:
    """A clerk accepts warnings; an error the book really says is accepted by a supervisor."""
    return finding.severity == "error"
