"""The quarantine as the clerk sees it: each rejected scanner file with its reason, and "retry" once the
file was scanned again or finished copying."""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from .. import audit
from ..errors import NotFound
from ..roles import Actor
from ..store.models import IntakeFile
from .ingest import IngestReport, ingest_file

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


@dataclass(frozen=True)
class QuarantinedFile:
    id: int
    path: str
    reason: str
    at: dt.datetime
    present: bool  # still in the scanner folder, so it can be tried again

    @property
    def name(self) -> str:
        return Path(self.path).name


def quarantined_files(svc: Service, limit: int = 500) -> list[QuarantinedFile]:
    """Files waiting in quarantine, newest first (one row per file and content)."""
    with svc.store.session() as s:
        rows = s.execute(select(IntakeFile.id, IntakeFile.source_path, IntakeFile.reason, IntakeFile.created_at)
                         .where(IntakeFile.outcome == "quarantined").order_by(IntakeFile.id.desc()).limit(limit)).all()
    return [QuarantinedFile(i, p, r or "", at, Path(p).is_file()) for i, p, r, at in rows]


def retry_file(svc: Service, actor: Actor, book_id: int, intake_id: int) -> IngestReport:
    """Takes a quarantined file again from where the scanner left it; if it still cannot be read it goes
    back to quarantine with the new reason."""
    svc.require(actor, "intake")
    with svc.store.session() as s:
        row = s.get(IntakeFile, intake_id)
        if row is None or row.outcome != "quarantined":
            raise NotFound("Tệp này không còn trong danh sách cách ly.")
        path = Path(row.source_path)
        if not path.is_file():
            raise NotFound(f"Tệp «{path.name}» không còn ở thư mục máy quét ({path.parent}): hãy quét lại trang đó.")
        row.outcome = "retried"
        audit.record(s, actor.login, "intake_retry", "file", row.sha256[:16], after={"file": str(path)})
    return ingest_file(svc, actor, book_id, path)
