"""The audit trail: append-only events chained by SHA-256, so an edit or deletion behind the app's back shows."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
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


@dataclass
class ChainReport:
    ok: bool
    events: int
    broken_id: int | None = None
    reason: str = ""


def verify(session: Session) -> ChainReport:
    prev = GENESIS
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        count += 1
        if event.prev_hash != prev:
            return ChainReport(False, count, event.id, "sự kiện trước nó đã bị xóa hoặc sửa")
        if _digest(event) != event.hash:
            return ChainReport(False, count, event.id, "nội dung sự kiện đã bị sửa")
        prev = event.hash
    return ChainReport(True, count)
