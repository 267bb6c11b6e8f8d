"""Taking one file, or every complete file of a folder, into a book: exactly once, nothing lost.

Order of work makes a crash harmless: the original is copied into the archive first, then one database
transaction records the file and its pages. Killed before the commit, the file is simply taken again later
(the archive copy has the same name); after it, the file is known by its hash and never taken twice.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import rename_no_clobber
from ..errors import BadInput, HotichError
from ..imaging.loader import probe
from ..roles import Actor
from .archive import sha256_of, store_original
from .quarantine import quarantine
from .regular import not_regular
from .scanner import DONE_FOLDER, Candidate, candidates, is_complete, refused

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    pages: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)  # not regular files: never opened or copied

    def as_json(self) -> dict[str, Any]:
        return {"pages": self.pages, "duplicates": self.duplicates, "quarantined": self.quarantined,
                "waiting": self.waiting, "refused": self.refused}

    def summary(self) -> str:
        lines = [f"Đã nhận {len(self.pages)} trang; {len(self.duplicates)} tệp trùng; "
                 f"{len(self.quarantined)} tệp không đọc được; {len(self.waiting)} tệp đang chờ ghi xong."]
        lines += [f"- Trùng: {d['file']} (đã có ở trang {d['page_id']})" for d in self.duplicates]
        lines += [f"- Cách ly: {q['file']}: {q['reason']}" for q in self.quarantined]
        lines += [f"- Từ chối: {r['reason']}" for r in self.refused]
        return "\n".join(lines)

    def merge(self, other: IngestReport) -> None:
        self.pages += other.pages
        self.duplicates += other.duplicates
        self.quarantined += other.quarantined
        self.waiting += other.waiting
        self.refused += other.refused


def ingest_file(svc: Service, actor: Actor, book_id: int, path: Path) -> IngestReport:
    report = IngestReport()
    reason = not_regular(path)
    if reason:
        report.refused.append({"file": path.name, "reason": reason})
        return report
    try:
        sha = sha256_of(path)
    except BadInput as exc:
        log.warning("%s", exc.message)
        report.waiting.append(path.name)  # vanished or locked: nothing to keep, nothing lost
        return report
    known = svc.intake.lookup(sha, path)
    if known is not None:
        outcome, page_id = known
        if outcome == "quarantined":
            return report  # told once already; the reason file is in quarantine
        report.duplicates.append({"file": path.name, "page_id": page_id, "sha256": sha})
        svc.intake.note_duplicate(actor, sha, path, page_id)
        _done(svc, path)
        return report
    try:
        facts = probe(path)
        stored = store_original(svc.workspace.archive, path, sha)
    except BadInput as exc:
        if not path.exists():
            report.waiting.append(path.name)
            return report
        quarantine(svc.workspace.quarantine, path, exc.message)
        svc.intake.quarantined(actor, sha, path, exc.message)
        report.quarantined.append({"file": path.name, "reason": exc.message})
        return report
    except HotichError as exc:  # disk full, no permission on the archive: stop, keep the file waiting
        raise exc
    page_ids = svc.intake.add_pages(actor, book_id, path, sha, stored, facts)
    for pid, fact in zip(page_ids, facts):
        report.pages.append({"file": path.name, "sha256": sha, "page_id": pid, "frame": fact.index})
    _done(svc, path)
    return report


def _done(svc: Service, path: Path) -> None:
    """Moves the original to the done folder only when the settings ask, and only after it is stored."""
    if not svc.settings.get().move_done:
        return
    target_dir = path.parent / DONE_FOLDER
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 2
    while target.exists():
        target = target_dir / f"{path.stem}_{n}{path.suffix}"
        n += 1
    try:
        rename_no_clobber(path, target)
    except OSError as exc:
        log.warning("could not move %s: %s", path, exc)


def ingest_folder(svc: Service, actor: Actor, book_id: int, folder: Path,
                  stable_seconds: float | None = None) -> IngestReport:
    """Everything complete in `folder` now (no watching); files still being written are left waiting."""
    svc.require(actor, "intake")
    if not folder.is_dir():
        raise BadInput(f"Không có thư mục «{folder}».")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise BadInput(f"Không có quyền đọc thư mục «{folder}».")
    wait = svc.settings.get().stable_seconds if stable_seconds is None else stable_seconds
    report = IngestReport()
    report.refused += [{"file": p.name, "reason": why} for p, why in refused(folder)]
    for cand in candidates(folder):
        if not is_complete(cand, min(wait, 0.5)):
            report.waiting.append(cand.path.name)
            continue
        report.merge(ingest_file(svc, actor, book_id, cand.path))
    return report


def ingest_candidates(svc: Service, actor: Actor, book_id: int, ready: list[Candidate]) -> IngestReport:
    report = IngestReport()
    for cand in ready:
        report.merge(ingest_file(svc, actor, book_id, cand.path))
    return report
