"""The audit trail: append-only events chained by SHA-256, so an edit or deletion behind the app's back shows."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .store.models import AuditEvent, utcnow

GENESIS = "0" * 64


def _digest(event: AuditEvent) -> str:
    payload = {
        "at": event.at.isoformat(timespec="microseconds"), "user": event.user_login, "action": event.action,
        "object_type": event.object_type, "object_id": event.object_id,
        "before": event.before, "after": event.after, "prev": event.prev_hash,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def record(session: Session, user: str, action: str, obj_type: str = "", obj_id: Any = "",
           before: dict | None = None, after: dict | None = None) -> AuditEvent:
    """Appends one event in the caller's transaction (it commits or rolls back with the change)."""
    if session.get_bind().dialect.name == "postgresql":
        # Several desks share one server: serialise appends so the chain stays a chain.
        session.execute(text("SELECT pg_advisory_xact_lock(7316001)"))
    session.flush()
    last = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    event = AuditEvent(at=utcnow(), user_login=user, action=action, object_type=obj_type,
                       object_id=str(obj_id), before=before, after=after, prev_hash=last or GENESIS)
    event.hash = _digest(event)
    session.add(event)
    session.flush()
    return event


def head(session: Session) -> dict[str, Any]:
    """The chain's last event (id and hash): written outside the database (package manifests, daily
    reports, backups) as an anchor, so a deleted or re-chained tail is seen later."""
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return {"id": last[0], "hash": last[1]} if last else {"id": 0, "hash": GENESIS}


def intact(session: Session, event: AuditEvent) -> bool:
    """The event is as written: its own digest holds and the next event still points at it (editing an
    event and recomputing its hash breaks the link; re-chaining everything after it is what anchors catch)."""
    if _digest(event) != event.hash:
        return False
    following = session.scalar(select(AuditEvent.prev_hash).where(AuditEvent.id > event.id)
                               .order_by(AuditEvent.id).limit(1))
    return following is None or following == event.hash


def latest(session: Session, obj_type: str, obj_ids: list[Any], actions: tuple[str, ...]
           ) -> dict[str, AuditEvent]:
    """The newest event of `actions` for each object (one indexed query per 500 objects)."""
    found: dict[str, AuditEvent] = {}
    ids = [str(i) for i in obj_ids]
    for start in range(0, len(ids), 500):
        q = (select(AuditEvent).where(AuditEvent.object_type == obj_type,
                                      AuditEvent.object_id.in_(ids[start:start + 500]),
                                      AuditEvent.action.in_(actions)).order_by(AuditEvent.id))
        for event in session.scalars(q):  # oldest first: what is left per object is its latest
            found[event.object_id] = event
    return found


def vouched_hashes(session: Session, entry_ids: list[int]) -> dict[int, tuple[str, str]]:
    """For each entry the chain approved and has not returned since: (approved content hash, approver)."""
    out = {}
    for obj_id, event in latest(session, "entry", entry_ids, ("review_approve", "review_return")).items():
        if event.action == "review_approve" and intact(session, event):
            out[int(obj_id)] = (str((event.after or {}).get("hash", "")), event.user_login)
    return out


def chain_account(session: Session, user_id: int) -> dict[str, Any] | None:
    """What the chain says a user's role and state are (their creation or last change by an admin)."""
    event = latest(session, "user", [user_id], ("user_create", "user_update")).get(str(user_id))
    if event is None or not intact(session, event):
        return None
    after = dict(event.after or {})
    after.setdefault("active", True)
    return after


def anchor_problem(session: Session, anchor: dict[str, Any]) -> str:
    """'' when the chain still holds the anchored event unchanged; else what happened to it."""
    try:
        event_id, want = int(anchor["id"]), str(anchor["hash"])
    except (KeyError, TypeError, ValueError):
        return "mốc không đọc được"
    if event_id == 0:
        return ""
    got = session.scalar(select(AuditEvent.hash).where(AuditEvent.id == event_id))
    if got is None:
        return f"sự kiện {event_id} ghi trong mốc đã bị xóa (đuôi nhật ký bị cắt)"
    if got != want:
        return f"sự kiện {event_id} không còn là sự kiện đã ghi trong mốc (nhật ký bị viết lại)"
    return ""


@dataclass
class ChainReport:
    ok: bool
    events: int
    broken_id: int | None = None
    reason: str = ""
    problems: list[str] = field(default_factory=list)  # records, accounts, anchors that disagree


def verify(session: Session, anchors: list[dict[str, Any]] | None = None) -> ChainReport:
    """The chain links and digests, then every anchor written outside the database, then every approved
    record and every account against what the chain vouches for."""
    prev = GENESIS
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        count += 1
        if event.prev_hash != prev:
            return ChainReport(False, count, event.id, "sự kiện trước nó đã bị xóa hoặc sửa")
        if _digest(event) != event.hash:
            return ChainReport(False, count, event.id, "nội dung sự kiện đã bị sửa")
        prev = event.hash
    problems = [f"Mốc {a.get('where', '')}: {why}".replace("Mốc : ", "Mốc: ")
                for a in anchors or [] if (why := anchor_problem(session, a))]
    problems += record_problems(session) + account_problems(session)
    if problems:
        return ChainReport(False, count, None, problems[0], problems)
    return ChainReport(True, count)


def record_problems(session: Session, entry_ids: list[int] | None = None) -> list[str]:
    """Approved or exported records whose fields are not what a supervisor approved in the chain (changed
    behind the app's back, even with the app's own hash recomputed in the row)."""
    from .lifecycle import LOCKED
    from .records_hash import content_hash
    from .store.models import Entry, Record

    q = (select(Entry.id, Record.fields, Record.content_hash, Record.approved_hash)
         .join(Record, Record.entry_id == Entry.id).where(Entry.status.in_(tuple(LOCKED))))
    if entry_ids is not None:
        q = q.where(Entry.id.in_(entry_ids))
    rows = session.execute(q).all()
    vouched = vouched_hashes(session, [r[0] for r in rows])
    out = []
    for entry_id, fields, stored, approved in rows:
        chain = vouched.get(entry_id, ("", ""))[0]
        if not chain or not content_hash(fields or {}) == stored == approved == chain:
            out.append(f"Hồ sơ mục {entry_id}: nội dung không khớp bản đã phê duyệt ghi trong nhật ký "
                       "(bị sửa ngoài ứng dụng).")
    return out


def account_problems(session: Session) -> list[str]:
    from .store.models import User

    out = []
    for user in session.scalars(select(User).order_by(User.id)):
        told = chain_account(session, user.id)
        if told is None or told.get("role") != user.role or bool(told.get("active")) != bool(user.active):
            out.append(f"Tài khoản «{user.login}»: vai trò hoặc trạng thái không khớp nhật ký "
                       f"(trong cơ sở dữ liệu: {user.role}).")
    return out
