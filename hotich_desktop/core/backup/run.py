"""`hotich backup`, `hotich backup verify`, `hotich restore`: whole, encrypted, incremental, checked by hash."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from .. import atomic
from ..errors import BadInput, HotichError
from ..store import changelog, cipher
from ..workspace import Workspace
from . import dump, rows, state
from .repo import BackupRepo, FileChanged, db_chain

log = logging.getLogger(__name__)
SKIP_DIRS = {"cache"}
DB_SUFFIXES = ("", "-wal", "-shm", "-journal")
MAX_DELTAS = 30  # a new base copy at least monthly for a daily backup: a restore applies at most this many


@dataclass
class BackupReport:
    snapshot: str
    files: int
    new_files: int
    bytes_new: int
    records: int
    audit_events: int
    pruned_snapshots: int = 0
    pruned_objects: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class VerifyReport:
    snapshot: str
    files: int = 0
    records: int = 0
    pdfs: int = 0
    audit_events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def _workspace_files(ws: Workspace) -> list[tuple[str, Path]]:
    """Every file of the workspace but the live database, the cache and temp/lock files, sorted."""
    db_files: set[Path] = set()
    db_name = "\0"
    if dump.is_sqlite(ws.db_url):
        db_name = dump.sqlite_path(ws.db_url).name
        base = str(dump.sqlite_path(ws.db_url))
        db_files = {Path(base + s) for s in DB_SUFFIXES}
        db_files |= {p.resolve() for p in db_files}
    out = []
    for folder, dirs, files in os.walk(ws.root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here == ws.root and d in SKIP_DIRS))
        for name in sorted(files):
            if name.startswith(".") or name.endswith((".lock", ".tmp", ".part")):
                continue
            path = here / name
            if name.startswith(db_name) and (path in db_files or path.resolve() in db_files):
                continue
            out.append((path.relative_to(ws.root).as_posix(), path))
    return out


def backup(ws: Workspace, target: Path, office: dict[str, Any], keep: int = 7) -> BackupReport:
    """One new snapshot: the store's changed rows (or a new base copy) and the files that changed since the
    last one, encrypted to the office's public key (no passphrase needed)."""
    started = time.monotonic()
    if keep < 1:
        raise BadInput("Số bản sao lưu giữ lại phải từ 1 trở lên.")
    if target.resolve().is_relative_to(ws.root.resolve()):
        raise BadInput("Thư mục sao lưu không được nằm trong thư mục làm việc: hãy chọn USB hoặc ổ khác.")
    target.mkdir(parents=True, exist_ok=True)
    repo = BackupRepo.for_writing(target, office, state.name_key(ws))
    with repo.lock():
        last = state.load(ws, repo)
        previous = {f["path"]: f for f in last["manifest"]["files"]} if last else {}
        files, new_files, bytes_new = [], 0, 0
        for rel, path in _workspace_files(ws):
            entry = _backup_file(repo, rel, path, previous.get(rel))
            if entry is None:
                continue  # removed while we walked
            if entry.pop("new"):
                new_files += 1
                bytes_new += entry["size"]
            files.append(entry)
        db, found, idx, db_new, db_bytes = _backup_store(repo, ws, last)
        new_files += db_new
        bytes_new += db_bytes
        from ... import __version__

        manifest = {"format": 2, "created": dt.datetime.now(dt.timezone.utc).isoformat(), "app_version": __version__,
                    "db": db, "files": files, "digests": _put_json(repo, found)}
        stamp = repo.write_snapshot(manifest)
        state.save(ws, repo, stamp, manifest, found, idx)
        pruned = repo.prune(keep)
        _prune_log(ws, repo, idx)
    return BackupReport(stamp, len(files), new_files, bytes_new, len(found["records"]), len(found["audit"]),
                        pruned[0], pruned[1], round(time.monotonic() - started, 2))


def _prune_log(ws: Workspace, repo: BackupRepo, idx: rows.Index) -> None:
    """Forgets the store's change log up to where every recent backup folder of this desk has read it."""
    mark = idx.get(rows.MARK)
    if not isinstance(mark, dict) or not dump.is_sqlite(ws.db_url):
        return
    upto = state.log_floor(ws, repo, int(mark["seq"]))
    from sqlalchemy.exc import SQLAlchemyError

    from ..store.db import make_engine

    engine = make_engine(ws.db_url)
    try:
        changelog.prune(engine, upto)
    except SQLAlchemyError as exc:  # busy: the log is pruned next time; nothing is lost meanwhile
        log.info("change log not pruned: %s", type(exc).__name__)
    finally:
        engine.dispose()


def _backup_store(repo: BackupRepo, ws: Workspace, last: dict[str, Any] | None
                  ) -> tuple[dict[str, Any], dict[str, Any], rows.Index, int, int]:
    """The store's part of a snapshot: a delta on the last snapshot's chain when one can follow it, else a
    new base copy. Returns (manifest "db" part, digests, row index, new objects, new bytes)."""
    chained = _follow(repo, last, ws.db_url)
    if chained is not None:
        return chained
    with dump.snapshot(ws.db_url, ws.cache) as (db_file, kind, found, idx, revision):
        db_sha = atomic.sha256_file(db_file)
        existed = repo.has(db_sha)
        db_object = repo.put_file(db_file, db_sha, compress=True)
        size = db_file.stat().st_size
    db = {"kind": kind, "revision": revision, "base": {"object": db_object, "sha256": db_sha, "bytes": size},
          "deltas": [], "encrypted": dump.encrypted(ws.db_url)}
    return db, found, idx, 0 if existed else 1, 0 if existed else size


def _follow(repo: BackupRepo, last: dict[str, Any] | None, url: str
            ) -> tuple[dict[str, Any], dict[str, Any], rows.Index, int, int] | None:
    """A delta on the last snapshot's chain, or None when a new base is due: no record of the last
    snapshot on this desk, a schema change since its base, a long chain, or deltas grown to half the base."""
    if not last:
        return None
    db = last["manifest"]["db"]
    base, deltas = db_chain(last["manifest"])
    if len(deltas) >= MAX_DELTAS or sum(d["bytes"] for d in deltas) > base.get("bytes", 0) // 2:
        return None
    trusted = repo.trusted()
    if any(part["object"] not in trusted for part in [base, *deltas]):
        return None
    if bool(db.get("encrypted")) != dump.encrypted(url):  # the store was encrypted since: a sealed base
        return None
    with dump.consistent_read(url) as conn:
        if dump.revision(conn) != db.get("revision"):
            return None
        delta, idx, changes = rows.diff(conn, last["index"])
        found = dump.digests(conn, last["digests"], changes)
    data = json.dumps({"revision": db["revision"], "tables": delta}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    delta_object, delta_sha = repo.put_bytes(data)
    step = {"object": delta_object, "sha256": delta_sha, "bytes": len(data), "rows": rows.rows_in(delta)}
    return {**db, "deltas": [*deltas, step]}, found, idx, 1, len(data)


def _put_json(repo: BackupRepo, value: Any) -> dict[str, str]:
    """A large part of a snapshot kept as its own object, so listing and pruning snapshots stays cheap."""
    name, sha = repo.put_bytes(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return {"object": name, "sha256": sha}


def load_digests(repo: BackupRepo, manifest: dict[str, Any]) -> dict[str, Any]:
    """The fingerprints a snapshot is checked against."""
    ref = manifest["digests"]
    try:
        return json.loads(repo.read_bytes(ref["object"], ref["sha256"]))
    except ValueError as exc:
        raise BadInput(f"Phần mã băm của bản sao lưu bị hỏng: {exc}") from exc


def _backup_file(repo: BackupRepo, rel: str, path: Path, before: dict[str, Any] | None) -> dict[str, Any] | None:
    for _ in range(3):
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        if before and before["size"] == st.st_size and before["mtime_ns"] == st.st_mtime_ns \
                and before["object"] in repo.trusted():
            return {"path": rel, "sha256": before["sha256"], "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                    "object": before["object"], "new": False}
        try:
            sha = atomic.sha256_file(path)
            existed = repo.has(sha)
            name = repo.put_file(path, sha)
        except FileNotFoundError:
            return None
        except FileChanged:
            continue
        return {"path": rel, "sha256": sha, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "object": name,
                "new": existed is None}
    raise HotichError(f"Tệp {rel} thay đổi liên tục trong lúc sao lưu; hãy thử lại khi máy rảnh.")


def _decrypt_to(repo: BackupRepo, name: str, dest: Path) -> str:
    """Decrypts one object into dest; returns the SHA-256 of what was written.

    No flush per file: a restore goes into an empty folder and is simply run again if it is cut; one
    sync at its end makes the whole workspace durable before it is reported done."""
    import hashlib

    digest = hashlib.sha256()
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(dest, "wb") as out:
            for block in repo.read_object(name):
                digest.update(block)
                out.write(block)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def _object_sha(repo: BackupRepo, name: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    for block in repo.read_object(name):
        digest.update(block)
    return digest.hexdigest()


def _check_files_and_pdfs(manifest: dict[str, Any], report: VerifyReport, hashes: dict[str, str]) -> None:
    for f in manifest["files"]:
        if hashes.get(f["path"]) != f["sha256"]:
            report.problems.append(f"tệp {f['path']}: nội dung khác bản gốc")
    report.files = len(manifest["files"])
    by_path = {f["path"]: f["sha256"] for f in manifest["files"]}
    for path, sha in manifest["digests"]["pdfs"].items():
        if by_path.get(path) != sha:
            report.problems.append(f"PDF {path}: thiếu hoặc khác")
    report.pdfs = len(manifest["digests"]["pdfs"])


def _check_store(url: str, manifest: dict[str, Any], report: VerifyReport) -> None:
    from .. import audit

    found = dump.store_digests(url)
    report.problems += dump.compare(manifest["digests"], found)
    report.records, report.audit_events = len(found["records"]), len(found["audit"])
    engine = dump.engine_for(url)
    try:
        with Session(engine) as s:
            chain = audit.verify(s)
    finally:
        engine.dispose()
    if not chain.ok:
        report.problems.append(f"nhật ký bị thay đổi tại sự kiện {chain.broken_id}: {chain.reason}")


def verify(target: Path, passphrase: str, stamp: str | None = None) -> VerifyReport:
    """Decrypts every object of a snapshot and compares every file, PDF, record and audit event by hash."""
    repo = BackupRepo.open(target, passphrase)
    stamp = stamp or repo.latest()
    manifest = repo.read_snapshot(stamp)
    report = VerifyReport(stamp)
    try:
        manifest = {**manifest, "digests": load_digests(repo, manifest)}
    except HotichError as exc:
        report.problems.append(f"mã băm: {exc.message}")
        return report
    hashes = {}
    for f in manifest["files"]:
        try:
            hashes[f["path"]] = _object_sha(repo, f["object"])
        except HotichError as exc:
            report.problems.append(f"tệp {f['path']}: {exc.message}")
    _check_files_and_pdfs(manifest, report, hashes)
    base, deltas = db_chain(manifest)
    with tempfile.TemporaryDirectory(prefix="hotich-verify-") as tmp:
        db_copy = Path(tmp) / "store.dump"
        try:
            sha = _decrypt_to(repo, base["object"], db_copy)
            steps = [_read_delta(repo, d) for d in deltas]
        except HotichError as exc:
            report.problems.append(f"cơ sở dữ liệu: {exc.message}")
            return report
        if sha != base["sha256"]:
            report.problems.append("cơ sở dữ liệu: nội dung khác bản gốc")
        elif manifest["db"]["kind"] == "sqlite":
            url = f"sqlite:///{db_copy}"
            try:
                _unlock_store(url, passphrase)
                _apply_deltas(url, steps)
                _check_store(url, manifest, report)
            except HotichError as exc:
                report.problems.append(f"cơ sở dữ liệu: {exc.message}")
            finally:
                cipher.forget(db_copy)
        else:  # a pg_dump archive and its deltas: their hashes match; their rows are compared on restore
            report.records, report.audit_events = len(manifest["digests"]["records"]), len(manifest["digests"]["audit"])
    return report


def _unlock_store(url: str, passphrase: str) -> None:
    """A copy of an encrypted store (SQLCipher) opens with the office's passphrase, as the desk did."""
    if dump.encrypted(url):
        try:
            cipher.unlock(dump.sqlite_path(url), passphrase)
        except cipher.WrongStorePassphrase:
            raise cipher.WrongStorePassphrase(
                "Cơ sở dữ liệu trong bản sao lưu được mã hóa bằng một mật khẩu của cơ quan khác với mật khẩu "
                "sao lưu này; hãy dùng mật khẩu mà máy đó dùng để mở cơ sở dữ liệu.") from None


def _read_delta(repo: BackupRepo, step: dict[str, Any]) -> dict[str, Any]:
    try:
        return json.loads(repo.read_bytes(step["object"], step["sha256"]))
    except ValueError as exc:
        raise BadInput(f"Phần thay đổi hằng ngày trong bản sao lưu bị hỏng: {exc}") from exc


def _apply_deltas(url: str, steps: list[dict[str, Any]]) -> None:
    """Brings a restored base copy forward day by day, each day in one transaction."""
    if not steps:
        return
    engine = dump.engine_for(url)
    try:
        for step in steps:
            with engine.begin() as conn:
                rows.apply(conn, step["tables"])
    finally:
        engine.dispose()


def restore(source: Path, passphrase: str, dest: Path, db_url: str | None = None,
            stamp: str | None = None) -> VerifyReport:
    """Rebuilds a workspace in an empty folder (and, for a PostgreSQL backup, an empty database), then
    compares every record, PDF, file and audit event with the snapshot by hash."""
    repo = BackupRepo.open(source, passphrase)
    stamp = stamp or repo.latest()
    manifest = repo.read_snapshot(stamp)
    manifest = {**manifest, "digests": load_digests(repo, manifest)}
    dest = dest.expanduser().resolve()
    if dest.exists() and any(dest.iterdir()):
        raise BadInput(f"Thư mục {dest} không trống: khôi phục chỉ vào một thư mục mới hoặc trống.")
    ws = Workspace(dest, db_url or f"sqlite:///{dest / 'hotich.sqlite3'}")
    if manifest["db"]["kind"] == "sqlite" and not dump.is_sqlite(ws.db_url):
        raise BadInput("Bản sao lưu này là của SQLite: khôi phục vào thư mục mới, không cần --db-url.")
    ws.ensure()
    report = VerifyReport(stamp)
    hashes = {}
    for f in manifest["files"]:
        target = (dest / f["path"]).resolve()
        if not target.is_relative_to(dest):
            raise BadInput(f"Bản sao lưu có đường dẫn không hợp lệ: {f['path']}")
        hashes[f["path"]] = _decrypt_to(repo, f["object"], target)
    _check_files_and_pdfs(manifest, report, hashes)
    base, deltas = db_chain(manifest)
    steps = [_read_delta(repo, d) for d in deltas]  # every day's part read and checked before anything is put in place
    db_copy = ws.cache / ".restore.dump"
    try:
        if _decrypt_to(repo, base["object"], db_copy) != base["sha256"]:
            raise BadInput("Bản sao cơ sở dữ liệu trong bản sao lưu không khớp mã băm; không khôi phục.")
        dump.restore_database(manifest["db"]["kind"], db_copy, ws.db_url)
    finally:
        db_copy.unlink(missing_ok=True)
    _unlock_store(ws.db_url, passphrase)
    _apply_deltas(ws.db_url, steps)
    from ..store.db import Store

    Store(ws.db_url).close()  # a backup from an older version is migrated here, as on any start
    _check_store(ws.db_url, manifest, report)
    BackupRepo.sync()
    return report
