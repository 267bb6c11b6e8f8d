"""A backup folder: a clear header (salt, key check), encrypted objects named by keyed hash, snapshots.

    DIR/hotich-backup.json          format, scrypt salt, a sealed key check (nothing personal)
    DIR/objects/ab/<name>           one encrypted file or database copy, stored once whatever its path
    DIR/snapshots/<UTC time>.snap   an encrypted manifest: what the workspace held at that moment

Every write goes to a temp file, is fsynced and renamed; the manifest is written after every object it
names, and old snapshots are removed before the objects only they used. A kill at any moment therefore
leaves every listed snapshot whole (at worst a few unreferenced objects, collected by the next run).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .. import atomic
from ..errors import BadInput, HotichError
from .crypto import CHECK_TEXT, SCRYPT_N, Vault, WrongPassphrase, b64, file_chunks, new_salt, unb64

HEADER = "hotich-backup.json"


class FileChanged(Exception):
    """A file was replaced while it was being backed up; the caller hashes it again."""

FORMAT = 1


class BackupRepo:
    def __init__(self, root: Path, vault: Vault) -> None:
        self.root, self.vault = root, vault
        self.known: set[str] | None = None  # objects some snapshot names: the only ones trusted as present
        self._read: dict[str, dict[str, Any]] = {}  # manifests already decrypted in this run

    # -- opening ----------------------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, passphrase: str, create: bool = False) -> BackupRepo:
        header = root / HEADER
        if not header.exists():
            if not create:
                raise BadInput(f"{root} không phải thư mục sao lưu (không có {HEADER}).")
            if root.exists() and any(p for p in root.iterdir() if not p.name.startswith(".")):
                raise BadInput(f"Thư mục {root} đã có tệp khác: hãy chọn một thư mục trống cho bản sao lưu.")
            salt = new_salt()
            vault = Vault(passphrase, salt)
            atomic.write_text(header, json.dumps({"format": FORMAT, "kdf": "scrypt", "n": SCRYPT_N, "r": 8, "p": 1,
                                                  "salt": b64(salt), "check": b64(vault.seal(CHECK_TEXT, "check"))}))
            return cls(root, vault)
        try:
            meta = json.loads(header.read_text(encoding="utf-8"))
            salt, n, check = unb64(meta["salt"]), int(meta["n"]), unb64(meta["check"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BadInput(f"Tệp {header} bị hỏng: {exc}") from exc
        if meta.get("format") != FORMAT:
            raise BadInput("Bản sao lưu này do phiên bản khác của ứng dụng tạo ra; hãy cập nhật ứng dụng.")
        vault = Vault(passphrase, salt, n)
        if vault.open(check, "check") != CHECK_TEXT:
            raise WrongPassphrase("Sai mật khẩu sao lưu.")
        return cls(root, vault)

    def lock(self) -> FileLock:
        lock = FileLock(str(self.root / ".lock"), timeout=5)
        try:
            lock.acquire()
        except Timeout:
            raise HotichError(f"Một lần sao lưu khác đang ghi vào {self.root}; hãy đợi nó xong.") from None
        return lock

    # -- objects ----------------------------------------------------------------------------------------
    def object_path(self, name: str) -> Path:
        return self.root / "objects" / name[:2] / name

    def trusted(self) -> set[str]:
        """Objects named by a snapshot. An object file no snapshot names (left by a killed run, perhaps
        never flushed to disk) is written again rather than trusted."""
        if self.known is None:
            self.known = set()
            for stamp in self.snapshots():
                self.known |= referenced(self.read_snapshot(stamp))
        return self.known

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
        target = self.object_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()

        def hashed() -> Iterable[bytes]:
            for block in file_chunks(path):
                digest.update(block)
                yield block

        fd, tmp = tempfile.mkstemp(prefix=f".{name[:16]}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                self.vault.encrypt_stream(hashed(), out, name, compress)
                if digest.hexdigest() != sha256:
                    raise FileChanged(str(path))
                if not hasattr(os, "sync"):
                    out.flush()
                    os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.trusted().add(name)
        return name

    def put_bytes(self, data: bytes, compress: bool = True) -> tuple[str, str]:
        """Stores bytes held in memory (a delta, an index) once by content; returns (object name, SHA-256)."""
        sha = hashlib.sha256(data).hexdigest()
        name = self.vault.object_name(sha)
        if self.has(sha):
            return name, sha
        target = self.object_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name[:16]}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                self.vault.encrypt_stream([data], out, name, compress)
                if not hasattr(os, "sync"):
                    out.flush()
                    os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.trusted().add(name)
        return name, sha

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
        self.sync()  # the objects first: a snapshot never names an object that is not on the disk
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        blob = self.vault.seal(zlib.compress(json.dumps(manifest, ensure_ascii=False).encode("utf-8"), 6),
                               f"snapshot:{stamp}")
        atomic.write_bytes(self.root / "snapshots" / f"{stamp}.snap", blob)
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
        """Keeps the newest `keep` snapshots; then removes objects no kept snapshot names."""
        stamps = self.snapshots()
        gone = stamps[:-keep] if keep > 0 else []
        for stamp in gone:
            os.unlink(self.root / "snapshots" / f"{stamp}.snap")
        used: set[str] = set()
        for stamp in self.snapshots():
            used |= referenced(self.read_snapshot(stamp))
        self.known = set(used)
        removed = 0
        for name in sorted(self.object_names() - used):
            os.unlink(self.object_path(name))
            removed += 1
        for stray in (self.root / "objects").glob("*/.*.tmp"):  # temp files of a run that was killed
            os.unlink(stray)
        return len(gone), removed


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
