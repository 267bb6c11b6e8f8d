"""A backup folder: a clear header (the office's public key), encrypted objects named by keyed hash, snapshots.

    DIR/hotich-backup.json          format, the office's public key and scrypt salt (nothing personal)
    DIR/keys/<id>.json              one run's AES key, sealed to the office's public key (keys.py)
    DIR/objects/ab/<name>           one encrypted file, database copy or delta, stored once whatever its path
    DIR/snapshots/<UTC time>.snap   an encrypted manifest: what the workspace held at that moment
    DIR/snapshots/<UTC time>.refs   the object names that snapshot uses, in clear (keyed hashes), so a
                                    scheduled run prunes without the passphrase

Writing needs only the public key; reading (restore, verify) needs the passphrase. Every write goes to a
temp file and is renamed; the objects are synced before the .refs and then the .snap (the commit) are
written, and old snapshots are removed before the objects only they used. A kill at any moment therefore
leaves every listed snapshot whole (at worst a few unreferenced objects, collected by the next run).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .. import atomic
from ..errors import BadInput, HotichError
from . import keys
from .crypto import KEY_ID, MAGIC2, Vault, file_chunks

HEADER = "hotich-backup.json"


class FileChanged(Exception):
    """A file was replaced while it was being backed up; the caller hashes it again."""


FORMAT = 2


class BackupRepo:
    def __init__(self, root: Path, vault: Vault) -> None:
        self.root, self.vault = root, vault
        self.known: set[str] | None = None  # objects some snapshot names: the only ones trusted as present
        self._read: dict[str, dict[str, Any]] = {}  # manifests already decrypted in this run
        self.id = ""  # the folder's random id (the header): names this desk's record of its last snapshot
        self._sealed_key: dict[str, str] | None = None  # this run's key, until it is in keys/

    # -- opening ----------------------------------------------------------------------------------------
    @staticmethod
    def _header(root: Path) -> dict[str, Any] | None:
        header = root / HEADER
        if not header.exists():
            return None
        try:
            meta = json.loads(header.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"Tệp {header} bị hỏng: {exc}") from exc
        if not isinstance(meta, dict):
            raise BadInput(f"Tệp {header} bị hỏng.")
        if meta.get("format") == 1:
            raise BadInput("Thư mục này chứa bản sao lưu kiểu cũ (bản thử nghiệm): hãy chọn một thư mục trống "
                           "cho các bản sao lưu mới.")
        if meta.get("format") != FORMAT:
            raise BadInput("Bản sao lưu này do phiên bản khác của ứng dụng tạo ra; hãy cập nhật ứng dụng.")
        office = meta.get("office")
        if not isinstance(office, dict) or not office.get("public") or not office.get("salt") or not meta.get("id"):
            raise BadInput(f"Tệp {header} bị hỏng (thiếu khóa công khai).")
        return meta

    @classmethod
    def for_writing(cls, root: Path, office: dict[str, Any], name_key: bytes) -> BackupRepo:
        """Opens (or starts) a backup folder to add a snapshot with the office's public key only."""
        meta = cls._header(root)
        if meta is None:
            if root.exists() and any(p for p in root.iterdir() if not p.name.startswith(".")):
                raise BadInput(f"Thư mục {root} đã có tệp khác: hãy chọn một thư mục trống cho bản sao lưu.")
            meta = {"format": FORMAT, "id": os.urandom(8).hex(), "office": dict(office)}
            atomic.write_text(root / HEADER, json.dumps(meta))
        elif meta["office"]["public"] != office["public"]:
            raise BadInput(f"Thư mục {root} chứa bản sao lưu mã hóa bằng mật khẩu sao lưu khác (mật khẩu đã được "
                           "đặt lại?): hãy chọn một thư mục trống cho các bản sao lưu mới.")
        run_key, key_id = os.urandom(32), os.urandom(8).hex()
        repo = cls(root, Vault(name_key, run_key, key_id))
        repo.id = str(meta["id"])
        repo._sealed_key = keys.seal_key(run_key, office, key_id)  # written under the lock, before first use
        return repo

    @classmethod
    def open(cls, root: Path, passphrase: str) -> BackupRepo:
        """Opens a backup folder to read it: the passphrase unseals each run's key."""
        meta = cls._header(root)
        if meta is None:
            raise BadInput(f"{root} không phải thư mục sao lưu (không có {HEADER}).")
        private = keys.unlock(passphrase, meta["office"])

        def resolve(key_id: str) -> bytes:
            if len(key_id) != 16 or not all(c in "0123456789abcdef" for c in key_id):
                raise BadInput("Tệp sao lưu bị hỏng (mã khóa không hợp lệ).")
            try:
                record = json.loads(repo.key_path(key_id).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise BadInput(f"Bản sao lưu thiếu khóa {key_id} (thư mục keys/): {exc}") from exc
            return keys.unseal_key(record, private)

        repo = cls(root, Vault(b"", None, "", resolve))
        repo.id = str(meta["id"])
        return repo

    def lock(self) -> FileLock:
        lock = FileLock(str(self.root / ".lock"), timeout=5)
        try:
            lock.acquire()
        except Timeout:
            raise HotichError(f"Một lần sao lưu khác đang ghi vào {self.root}; hãy đợi nó xong.") from None
        return lock

    def _key_written(self) -> None:
        """This run's sealed key goes into keys/ just before the first thing encrypted with it: under the
        folder's lock, so another run's pruning never sees it as unused."""
        if self._sealed_key is not None:
            atomic.write_text(self.key_path(self.vault.key_id), json.dumps(self._sealed_key))
            self._sealed_key = None

    def key_path(self, key_id: str) -> Path:
        return self.root / "keys" / f"{key_id}.json"

    # -- objects ----------------------------------------------------------------------------------------
    def object_path(self, name: str) -> Path:
        return self.root / "objects" / name[:2] / name

    def trusted(self) -> set[str]:
        """Objects named by a snapshot. An object file no snapshot names (left by a killed run, perhaps
        never flushed to disk) is written again rather than trusted."""
        if self.known is None:
            self.known = set()
            for stamp in self.snapshots():
                self.known |= self.refs(stamp)
        return self.known

    def refs(self, stamp: str) -> set[str]:
        """The objects a snapshot uses, from its clear list (no passphrase needed)."""
        try:
            return set(json.loads((self.root / "snapshots" / f"{stamp}.refs").read_text(encoding="ascii")))
        except (OSError, ValueError) as exc:
            raise BadInput(f"Danh sách tệp của bản sao lưu {stamp} bị mất hoặc hỏng; chạy «hotich backup verify» "
                           "bằng mật khẩu sao lưu để kiểm tra.") from exc

    def has(self, sha256: str) -> str | None:
        name = self.vault.object_name(sha256)
        return name if name in self.trusted() and self.object_path(name).is_file() else None

    def put_file(self, path: Path, sha256: str, compress: bool = False) -> str:
        """Stores the file once (by its content hash); returns the object's name.

        The content is hashed again while it is encrypted: a file replaced in between raises FileChanged
        and leaves nothing behind, so an object's name always matches what it holds. Objects are renamed
        into place without a flush each; sync() flushes them all before a snapshot names them.
        """
        name = self.vault.object_name(sha256)
        if self.has(sha256):
            return name
        digest = hashlib.sha256()

        def hashed() -> Iterable[bytes]:
            for block in file_chunks(path):
                digest.update(block)
                yield block

        def unchanged() -> None:
            if digest.hexdigest() != sha256:
                raise FileChanged(str(path))

        self._write_object(name, hashed(), compress, unchanged)
        return name

    def put_bytes(self, data: bytes, compress: bool = True) -> tuple[str, str]:
        """Stores bytes held in memory (a delta, an index) once by content; returns (object name, SHA-256)."""
        sha = hashlib.sha256(data).hexdigest()
        name = self.vault.object_name(sha)
        if not self.has(sha):
            self._write_object(name, [data], compress)
        return name, sha

    def _write_object(self, name: str, chunks: Iterable[bytes], compress: bool,
                      check: Callable[[], None] | None = None) -> None:
        """Encrypts `chunks` into a temporary file beside the object and renames it into place; `check` runs
        after the last chunk and may refuse (the temporary file is removed, nothing is left behind)."""
        self._key_written()
        target = self.object_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name[:16]}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                self.vault.encrypt_stream(chunks, out, name, compress)
                if check is not None:
                    check()
                if not hasattr(os, "sync"):
                    out.flush()
                    os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.trusted().add(name)

    def read_bytes(self, name: str, sha256: str) -> bytes:
        """A whole object, checked against the hash its snapshot names."""
        data = b"".join(self.read_object(name))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BadInput(f"Tệp dữ liệu {name[:12]}… trong bản sao lưu không khớp mã băm.")
        return data

    @staticmethod
    def sync() -> None:
        """Every object written so far reaches the disk (one call instead of an fsync per file)."""
        if hasattr(os, "sync"):
            os.sync()

    def read_object(self, name: str) -> Iterable[bytes]:
        path = self.object_path(name)
        if not path.is_file():
            raise BadInput(f"Bản sao lưu thiếu tệp dữ liệu {name[:12]}….")
        with path.open("rb") as fh:
            yield from self.vault.decrypt_stream(fh, name)

    def object_names(self) -> set[str]:
        folder = self.root / "objects"
        return {p.name for p in folder.glob("*/*") if p.is_file() and not p.name.startswith(".")} \
            if folder.is_dir() else set()

    # -- snapshots --------------------------------------------------------------------------------------
    def snapshots(self) -> list[str]:
        folder = self.root / "snapshots"
        return sorted(p.stem for p in folder.glob("*.snap")) if folder.is_dir() else []

    def write_snapshot(self, manifest: dict[str, Any]) -> str:
        self._key_written()
        self.sync()  # the objects (and the key) first: a snapshot never names one that is not on the disk
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        blob = self.vault.seal(zlib.compress(json.dumps(manifest, ensure_ascii=False).encode("utf-8"), 6),
                               f"snapshot:{stamp}")
        atomic.write_text(self.root / "snapshots" / f"{stamp}.refs", json.dumps(sorted(referenced(manifest))))
        atomic.write_bytes(self.root / "snapshots" / f"{stamp}.snap", blob)  # the commit
        self._read[stamp] = manifest
        return stamp

    def read_snapshot(self, stamp: str) -> dict[str, Any]:
        if stamp not in self._read:
            self._read[stamp] = self._load_snapshot(stamp)
        return self._read[stamp]

    def _load_snapshot(self, stamp: str) -> dict[str, Any]:
        path = self.root / "snapshots" / f"{stamp}.snap"
        try:
            blob = path.read_bytes()
        except OSError as exc:
            raise BadInput(f"Không có bản sao lưu «{stamp}» trong {self.root}.") from exc
        return json.loads(zlib.decompress(self.vault.open(blob, f"snapshot:{stamp}")).decode("utf-8"))

    def latest(self) -> str:
        stamps = self.snapshots()
        if not stamps:
            raise BadInput(f"Thư mục {self.root} chưa có bản sao lưu nào.")
        return stamps[-1]

    def prune(self, keep: int) -> tuple[int, int]:
        """Keeps the newest `keep` snapshots; then removes objects no kept snapshot names, then the sealed
        run keys nothing kept was encrypted with."""
        stamps = self.snapshots()
        gone = stamps[:-keep] if keep > 0 else []
        for stamp in gone:
            os.unlink(self.root / "snapshots" / f"{stamp}.snap")
        kept = self.snapshots()
        for refs in (self.root / "snapshots").glob("*.refs"):  # those of removed snapshots and killed runs
            if refs.stem not in kept:
                os.unlink(refs)
        used: set[str] = set()
        for stamp in kept:
            used |= self.refs(stamp)
        self.known = set(used)
        removed = 0
        for name in sorted(self.object_names() - used):
            os.unlink(self.object_path(name))
            removed += 1
        for stray in (self.root / "objects").glob("*/.*.tmp"):  # temp files of a run that was killed
            os.unlink(stray)
        self._prune_keys(kept, used)
        return len(gone), removed

    def _prune_keys(self, kept: list[str], used: set[str]) -> None:
        """Removes keys/<id>.json of runs whose snapshots and objects are all gone (and of killed runs).

        The key id an object or a snapshot was encrypted with is written in clear at its start, so this
        needs no passphrase: a key is kept while any kept snapshot or any object it uses still names it."""
        needed = {self.vault.key_id} if self.vault.key_id else set()
        for stamp in kept:
            with open(self.root / "snapshots" / f"{stamp}.snap", "rb") as fh:
                needed.add(fh.read(KEY_ID).decode("ascii", "replace"))
        for name in used:
            try:
                with open(self.object_path(name), "rb") as fh:
                    head = fh.read(len(MAGIC2) + KEY_ID)
            except FileNotFoundError:
                continue
            needed.add(head[len(MAGIC2):].decode("ascii", "replace"))
        for path in (self.root / "keys").glob("*.json"):
            if path.stem not in needed:
                os.unlink(path)


def db_chain(manifest: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The snapshot's store as (base copy, deltas in order); a snapshot of the first format has no deltas."""
    db = manifest["db"]
    return db.get("base") or {"object": db["object"], "sha256": db["sha256"]}, list(db.get("deltas", []))


def referenced(manifest: dict[str, Any]) -> set[str]:
    base, deltas = db_chain(manifest)
    names = {base["object"]} | {d["object"] for d in deltas} | {f["object"] for f in manifest["files"]}
    for part in (manifest["db"].get("index"), manifest.get("digests")):
        if part and "object" in part:
            names.add(part["object"])
    return names
