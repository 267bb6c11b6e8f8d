"""The outbox queue: each exported package is an item (queued -> sent / failed -> acknowledged).

Exporting an unchanged book reuses its package; a changed book makes a new version and supersedes the old,
so a record is never in two live packages. Delivery to a folder (USB stick, shared drive) copies, verifies
every hash on the target, and only then marks the item sent.
"""
from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from .. import anchors, audit, blobs
from ..atomic import disk_error_message, sha256_file
from ..errors import HotichError, NotFound, Refused
from ..roles import Actor
from ..records_hash import content_hash as record_hash
from ..store.models import Entry, ExportItem, ExportPackage, Page, utcnow
from . import intent
from .package import ExportRow, Progress, build_package, check_pdfs, content_hash, package_name, recover, sort_key
from .template import template_path
from .upload import Progress as UploadProgress
from .targets import DeliveryError, LocalPackage, Receipt, Target, open_target
from .upload import UploadTarget, upload_package
from ..lifecycle import PACKAGE_LIVE, PACKAGE_WAITING, PackageStatus, advance, exportable, label

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

LIVE = tuple(PACKAGE_LIVE)
WAITING = tuple(PACKAGE_WAITING)  # what the status bar counts and "send all" sends
log = logging.getLogger(__name__)


class PartialBook(Refused):
    """The book still has entries that are not approved: exporting it needs the supervisor's confirmation."""

    def __init__(self, message: str, skipped: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.skipped = skipped


@dataclass
class ExportResult:
    package: Path
    package_id: int
    version: int
    records: int
    files: list[dict[str, Any]]
    reused: bool = False
    skipped: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"package": str(self.package), "package_id": self.package_id, "version": self.version,
                "records": self.records, "files": self.files, "reused": self.reused, "skipped": self.skipped,
                "warnings": self.warnings}


def collect_rows(svc: Service, book_id: int) -> tuple[list[ExportRow], list[dict[str, Any]]]:
    """Approved, unchanged records with their PDFs; everything else listed with the reason it stays.

    Every row is re-checked against the audit chain: its fields must hash to what a supervisor approved
    there, and the approver named in the package is the one in the chain. A row changed behind the app's
    back refuses the whole export.
    """
    rows, skipped, forged = [], [], []
    with svc.store.session() as s:
        entries = list(s.scalars(select(Entry).join(Page).where(Page.book_id == book_id)
                                 .order_by(Page.order, Entry.order)))
        ready = [e for e in entries if exportable(e.status) and e.record is not None]
        vouched = audit.vouched_hashes(s, [e.id for e in ready])
        for e in entries:
            record = e.record
            if not exportable(e.status) or record is None:
                skipped.append({"entry_id": e.id, "reason": f"chưa được phê duyệt (trạng thái: {label(e.status)})"})
                continue
            if record.content_hash != record.approved_hash:
                skipped.append({"entry_id": e.id, "reason": "đã sửa sau khi phê duyệt, cần duyệt lại"})
                continue
            chain_hash, approver = vouched.get(e.id, ("", ""))
            if not chain_hash or not record_hash(record.fields or {}) == record.content_hash == chain_hash:
                forged.append(f"mục {e.id} (số {(record.fields or {}).get('so', '?')})")
                continue
            rows.append(ExportRow(e.id, dict(record.fields), blobs.local_file(svc, e.pdf_path, e.pdf_sha256),
                                  e.page.page_number or str(int(e.page.order)), approver, record.content_hash))
    if forged:
        raise Refused("Không xuất: hồ sơ đã bị sửa ngoài ứng dụng, không khớp bản người phê duyệt đã duyệt trong "
                      f"nhật ký: {', '.join(forged[:10])}. Hãy báo quản trị chạy «hotich audit verify».")
    return rows, skipped


def not_ready(svc: Service, book_id: int) -> int:
    """How many of the book's entries would stay out of an export (not approved, or changed since)."""
    return len(collect_rows(svc, book_id)[1])


def export_book(svc: Service, actor: Actor, book_id: int, out_dir: Path, progress: Progress | None = None,
                partial: bool = False) -> ExportResult:
    """Builds the package aside and makes it current in one store transaction (see `intent`).
    `partial`: a supervisor confirms exporting a book whose entries are not all approved yet."""
    svc.require(actor, "export")
    book = svc.books.info(book_id)
    rows, skipped = collect_rows(svc, book_id)
    settings = svc.settings.get()
    template_override = settings.templates.get(book.book_type, "")
    if skipped and rows and not partial:
        raise PartialBook(f"Sổ còn {len(skipped)} mục chưa được phê duyệt (hoặc đã sửa sau khi duyệt). "
                          "Chỉ xuất một phần khi người phê duyệt xác nhận (hotich export --partial).", skipped)
    if skipped and partial:
        svc.require(actor, "review")  # only a supervisor may confirm a partial book
    partial_note = {"entries": len(skipped), "confirmed_by": actor.login, "skipped": skipped} if skipped else None
    check_pdfs(rows)
    if not rows:
        raise Refused("Sổ chưa có hồ sơ nào được phê duyệt: chưa có gì để xuất.")
    final = out_dir / package_name(book)
    digest = content_hash(sorted(rows, key=sort_key), template_path(book.book_type, template_override),
                          settings.office_name, bool(partial_note))
    reuse = _reusable(svc, book_id, final, digest)
    if reuse is not None:
        return ExportResult(Path(reuse.path), reuse.id, reuse.version, reuse.records,
                            _manifest_files(Path(reuse.path)), True, skipped)
    approvers = ", ".join(sorted({r.approved_by for r in rows if r.approved_by}))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir, final.name)  # leftovers of versions before export intents
    except OSError as exc:
        raise HotichError(disk_error_message(exc, final)) from exc
    with svc.store.session() as s:  # 1. the intent
        version = (s.scalar(select(func.max(ExportPackage.version)).where(ExportPackage.book_id == book_id)) or 0) + 1
        item = ExportPackage(book_id=book_id, version=version, path=str(final), content_hash=digest,
                             records=len(rows), status=PackageStatus.PREPARING, owner=intent.owner_tag(),
                             created_by=actor.id or None)
        s.add(item)
        s.flush()
        package_id = item.id
        head = audit.head(s)
    try:
        package = build_package(book, rows, intent.staged(final, package_id), settings.office_name, approvers,
                                template_override, progress,
                                extra={"package_id": package_id, "version": version, "audit_head": head},
                                partial=partial_note)
        manifest_sha = sha256_file(intent.staged(final, package_id) / "manifest.json")
        intent.swap_in(intent.staged(final, package_id), final, package_id)  # 3. the swap
        with svc.store.session() as s:  # 4. the commit: from here the new package is the current one
            item = s.get(ExportPackage, package_id)
            for old in s.scalars(select(ExportPackage).where(ExportPackage.book_id == book_id,
                                                             ExportPackage.status.in_(LIVE))):
                old.status = PackageStatus.SUPERSEDED
            item.status, item.manifest_sha256 = PackageStatus.QUEUED, manifest_sha
            for n, row in enumerate(package.rows, 1):
                s.add(ExportItem(package_id=item.id, entry_id=row.entry_id, row=n, pdf_name=row.pdf.name,
                                 record_hash=row.record_hash))
                entry = s.get(Entry, row.entry_id)
                entry.status = advance("export", entry.status)
            audit.record(s, actor.login, "export", "book", book_id,
                         after={"package": final.name, "version": version, "records": len(package.rows),
                                "manifest_sha256": manifest_sha, "partial": bool(partial_note)})
    except BaseException as exc:
        _undo(svc, final, package_id)
        if isinstance(exc, OSError):
            raise HotichError(disk_error_message(exc, final)) from exc
        raise
    intent.finish_files(final, package_id)  # 5. the old copy goes, the row is no longer in flight
    anchors.remember(svc.workspace.root, head, f"{final.name} v{version}")
    with svc.store.session() as s:
        s.get(ExportPackage, package_id).owner = ""
    return ExportResult(final, package_id, version, len(package.rows), package.files, False, skipped,
                        package.warnings)


def _undo(svc: Service, final: Path, package_id: int) -> None:
    """An export that failed in this process: the old package back, the intent gone."""
    try:
        intent.roll_back_files(final, package_id)
    except OSError as exc:
        log.warning("could not undo export %s: %s (the next start tries again)", package_id, exc)
        return
    with svc.store.session() as s:
        s.execute(delete(ExportPackage).where(ExportPackage.id == package_id, ExportPackage.status == PackageStatus.PREPARING))


def _reusable(svc: Service, book_id: int, folder: Path, digest: str) -> ExportPackage | None:
    with svc.store.session() as s:
        latest = s.scalar(select(ExportPackage).where(ExportPackage.book_id == book_id,
                                                      ExportPackage.status.in_(LIVE))
                          .order_by(ExportPackage.version.desc()).limit(1))
    if latest and latest.content_hash == digest and Path(latest.path) == folder and _matches(latest):
        return latest
    return None


def _manifest_files(folder: Path) -> list[dict[str, Any]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return manifest["files"]


def _intact(folder: Path) -> bool:
    try:
        return all(sha256_file(folder / f["name"]) == f["sha256"] for f in _manifest_files(folder))
    except (OSError, ValueError, KeyError):
        return False




def _matches(item: ExportPackage) -> bool:
    """The folder is the package the store recorded: its manifest's hash as committed, every file as listed."""
    folder = Path(item.path)
    try:
        if item.manifest_sha256 and sha256_file(folder / "manifest.json") != item.manifest_sha256:
            return False
    except OSError:
        return False
    return _intact(folder)


def deliver_to_folder(svc: Service, actor: Actor, package_id: int, target: Path) -> Path:
    """Copies a package to a folder target, verifies the hashes there, and only then marks it sent."""
    from .targets.folder import FolderTarget

    return Path(deliver(svc, actor, package_id, FolderTarget(target)).location)


def deliver(svc: Service, actor: Actor, package_id: int, target: str | Target | None = None,
            progress: UploadProgress | None = None, password: str | None = None) -> Receipt:
    """Delivers one outbox item to a target (an address, or the one in the settings). The item is marked
    sent (acknowledged for our HTTP server) only with a receipt; otherwise failed with the reason."""
    svc.require(actor, "export")
    if not isinstance(target, Target):
        target = configured_target(svc, target, password)
    source = _live_source(svc, actor, package_id)
    try:
        receipt = target.send(LocalPackage.load(source), progress)
    except DeliveryError as exc:
        _mark(svc, actor, package_id, PackageStatus.FAILED, exc.message, target.display())
        raise
    except Exception as exc:  # a library's surprise must still leave the item waiting with a reason
        message = f"Lỗi không lường trước khi gửi tới {target.display()}: {type(exc).__name__}: {exc}"
        _mark(svc, actor, package_id, PackageStatus.FAILED, message[:1000], target.display())
        raise DeliveryError(message, retryable=True) from exc
    finally:
        target.close()
    status = PackageStatus.ACKNOWLEDGED if target.scheme == "http" else PackageStatus.SENT
    _mark(svc, actor, package_id, status, "", target.display(), receipt.as_text())
    return receipt


def configured_target(svc: Service, address: str | None = None, password: str | None = None) -> Target:
    """The target for `address` or the settings' one; the password from the caller, the environment, the
    workspace's encrypted store, or (our HTTP server only) the older token setting."""
    from .targets.credentials import password_for

    settings = svc.settings.get()
    address = address or settings.upload_url
    if not address:
        raise Refused("Chưa cài nơi nhận gói (Cài đặt → Nơi nhận gói).")
    if password is None:
        password = password_for(svc.workspace.root, address)
        if password is None and address.lower().startswith(("http://", "https://")):
            password = settings.upload_token
    return open_target(address, password, workspace_root=svc.workspace.root)


def upload(svc: Service, actor: Actor, package_id: int, target: UploadTarget | None = None,
           progress: UploadProgress | None = None) -> str:
    """Uploads one outbox item; on the server's receipt the item is acknowledged, on failure it waits.
    Without an explicit server it delivers to the target in the settings, whatever its kind."""
    svc.require(actor, "export")
    if target is None:
        return deliver(svc, actor, package_id, progress=progress).as_text()
    source = _live_source(svc, actor, package_id)
    try:
        receipt = upload_package(source, target, progress)
    except (OSError, ValueError, KeyError) as exc:
        message = f"Gói {source.name} trong hộp thư đi bị hỏng hoặc mất ({exc}); hãy xuất lại sổ."
        _mark(svc, actor, package_id, PackageStatus.FAILED, message, target.url)
        raise HotichError(message) from exc
    except HotichError as exc:
        _mark(svc, actor, package_id, PackageStatus.FAILED, exc.message, target.url)
        raise
    _mark(svc, actor, package_id, PackageStatus.ACKNOWLEDGED, "", target.url, receipt)
    return receipt


def upload_waiting(svc: Service, actor: Actor, target: UploadTarget | None = None,
                   progress: UploadProgress | None = None) -> list[tuple[int, str]]:
    """Tries every waiting item once, oldest first; returns (package id, receipt or error) for each."""
    if target is None:
        configured_target(svc).close()  # no target set: one clear refusal instead of one per package
    with svc.store.session() as s:
        ids = list(s.scalars(select(ExportPackage.id).where(ExportPackage.status.in_(WAITING))
                             .order_by(ExportPackage.id)))
    results = []
    for package_id in ids:
        try:
            results.append((package_id, upload(svc, actor, package_id, target, progress)))
        except HotichError as exc:
            results.append((package_id, exc.message))
    return results


def _live_source(svc: Service, actor: Actor, package_id: int) -> Path:
    """The folder of a live outbox item, refused unless its files are exactly what the store recorded."""
    with svc.store.session() as s:
        item = s.get(ExportPackage, package_id)
        if item is None or item.status == PackageStatus.PREPARING:
            raise NotFound(f"Không có gói xuất số {package_id}.")
        if item.status == PackageStatus.SUPERSEDED:
            raise Refused("Gói này đã có phiên bản mới hơn; hãy gửi gói mới.")
    if not _matches(item):
        message = (f"Gói {Path(item.path).name} (phiên bản {item.version}) bị hỏng hoặc không còn khớp bản kê ghi khi "
                   "xuất (tệp bị đổi, thiếu hoặc bị thay): không gửi. Hãy xuất lại sổ.")
        _mark(svc, actor, package_id, PackageStatus.FAILED, message)
        raise Refused(message)
    return Path(item.path)


def packages(svc: Service, book_id: int | None = None) -> list[dict[str, Any]]:
    """The outbox as the Outbox screen and `hotich outbox` show it, newest first."""
    with svc.store.session() as s:
        q = select(ExportPackage).where(ExportPackage.status != PackageStatus.PREPARING).order_by(ExportPackage.id.desc())
        if book_id is not None:
            q = q.where(ExportPackage.book_id == book_id)
        return [{"id": p.id, "book_id": p.book_id, "version": p.version, "package": Path(p.path).name,
                 "path": p.path, "records": p.records, "status": p.status, "error": p.error,
                 "receipt": p.receipt, "target": p.target,
                 "created_at": p.created_at.isoformat(timespec="seconds"),
                 "sent_at": p.sent_at.isoformat(timespec="seconds") if p.sent_at else ""}
                for p in s.scalars(q)]


def _mark(svc: Service, actor: Actor, package_id: int, status: str, error: str, target: str = "",
          receipt: str = "") -> None:
    with svc.store.session() as s:
        item = s.get(ExportPackage, package_id)
        item.status, item.error = status, error
        if target:
            item.target = target
        if receipt:
            item.receipt = receipt
        if status in (PackageStatus.SENT, PackageStatus.ACKNOWLEDGED):
            item.sent_at = utcnow()
        audit.record(s, actor.login, f"outbox_{status}", "package", package_id,
                     after={k: v for k, v in (("error", error), ("target", target), ("receipt", receipt)) if v}
                     or None)


def waiting_packages(svc: Service) -> int:
    with svc.store.session() as s:
        return int(s.scalar(select(func.count(ExportPackage.id)).where(
            ExportPackage.status.in_(WAITING))) or 0)


def remove_package(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
