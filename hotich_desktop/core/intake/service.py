"""`svc.intake`: scanner files taken in once (stored, or quarantined with a reason, or noted as a
duplicate), their pages added to the book in one transaction; quarantined files retried."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from .. import audit, blobs
from ..changes import Changes, Done
from ..errors import NotFound
from ..roles import Actor
from ..store.models import Book, IntakeFile, Page
from . import ingest, retry
from .scanner import Candidate

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _report_changes(book_id: int, report: ingest.IngestReport) -> Changes:
    return Changes.of(books=[book_id], pages=[p["page_id"] for p in report.pages], intake=True)


class Intake:
    def __init__(self, svc: Service) -> None:
        self.svc = svc

    # -- the clerk's doors -------------------------------------------------------------------------------
    def ingest_folder(self, actor: Actor, book_id: int, folder: Path,
                      stable_seconds: float | None = None) -> Done[ingest.IngestReport]:
        report = ingest.ingest_folder(self.svc, actor, book_id, Path(folder), stable_seconds)
        return Done(report, _report_changes(book_id, report))

    def ingest_candidates(self, actor: Actor, book_id: int, ready: list[Candidate]) -> Done[ingest.IngestReport]:
        self.svc.require(actor, "intake")
        report = ingest.ingest_candidates(self.svc, actor, book_id, ready)
        return Done(report, _report_changes(book_id, report))

    def quarantined_files(self, actor: Actor, limit: int = 500) -> list[retry.QuarantinedFile]:
        self.svc.require(actor, "read_records")
        return retry.quarantined_files(self.svc, limit)

    def retry(self, actor: Actor, book_id: int, intake_id: int) -> Done[ingest.IngestReport]:
        report = retry.retry_file(self.svc, actor, book_id, intake_id)
        return Done(report, _report_changes(book_id, report))

    # -- bookkeeping for ingest.py -----------------------------------------------------------------------
    def lookup(self, sha: str, path: Path) -> tuple[str, int | None] | None:
        """('stored', first page id), or ('quarantined', None) for this very file quarantined before."""
        with self.svc.store.session() as s:
            page_id = s.scalar(select(Page.id).where(Page.source_sha256 == sha).order_by(Page.frame).limit(1))
            if page_id is not None:
                return "stored", page_id
            bad = s.scalar(select(IntakeFile.id).where(IntakeFile.sha256 == sha, IntakeFile.outcome == "quarantined",
                                                       IntakeFile.source_path == str(path)))
            return ("quarantined", None) if bad else None

    def note_duplicate(self, actor: Actor, sha: str, path: Path, page_id: int | None) -> bool:
        """Remembers a duplicate drop once per path (audited); True the first time (so the clerk is told once)."""
        with self.svc.store.session() as s:
            seen = s.scalar(select(IntakeFile.id).where(IntakeFile.sha256 == sha,
                                                        IntakeFile.source_path == str(path)))
            if seen:
                return False
            s.add(IntakeFile(sha256=sha, source_path=str(path), size=_size(path), outcome="duplicate"))
            audit.record(s, actor.login, "intake_duplicate", "page", page_id, after={"file": str(path)})
            return True

    def quarantined(self, actor: Actor, sha: str, path: Path, reason: str) -> None:
        with self.svc.store.session() as s:
            s.add(IntakeFile(sha256=sha, source_path=str(path), size=_size(path), outcome="quarantined",
                             reason=reason))
            audit.record(s, actor.login, "intake_quarantine", "file", sha[:16], after={"file": str(path),
                                                                                       "reason": reason})

    def add_pages(self, actor: Actor, book_id: int, source: Path, sha: str, stored: Path,
                  frames: Iterable[Any]) -> list[int]:
        """Records a stored original and its pages in one transaction (the moment intake counts)."""
        self.svc.require(actor, "intake")
        rel = str(stored.relative_to(self.svc.workspace.root))
        frames = list(frames)
        with self.svc.store.session() as s:
            if s.get(Book, book_id) is None:
                raise NotFound(f"Không có sổ số {book_id}.")
            last = s.scalar(select(func.max(Page.order)).where(Page.book_id == book_id)) or 0
            pages = [Page(book_id=book_id, order=last + i + 1, source_name=source.name, source_sha256=sha,
                          frame=f.index, frames=len(frames), stored_path=rel, width=f.width, height=f.height,
                          dpi=f.dpi, dpi_estimated=f.dpi_estimated, created_by=actor.id or None)
                     for i, f in enumerate(frames)]
            s.add_all(pages)
            s.add(IntakeFile(sha256=sha, source_path=str(source), size=_size(source), outcome="stored",
                             book_id=book_id))
            blobs.publish(s, stored, sha)  # every desk on a shared store reaches the original
            s.flush()
            audit.record(s, actor.login, "intake_store", "file", sha[:16],
                         after={"file": source.name, "pages": [p.id for p in pages], "book_id": book_id})
            return [p.id for p in pages]
