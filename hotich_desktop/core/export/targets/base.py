"""What every delivery target shares: the package as the sender sees it, the receipt, the errors, and
the one sending algorithm (temp name → resume → verify → receipt → rename) each target plugs into.

A target never shows a partial package under its final name: files go into a hidden temporary folder
named after the manifest's hash (so a later attempt, even after the app restarts, finds and resumes it),
are verified by hash there, get their `.received.json`, and only then is the folder renamed.
"""
from __future__ import annotations

import abc
import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ...atomic import sha256_file
from ...errors import HotichError

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
RECEIPT_NAME = ".received.json"


class DeliveryError(HotichError):
    """A delivery that did not end complete. `retryable`: a cut or a busy server, worth trying again soon;
    otherwise a refusal (password, full disk, rename refused) that a person has to look at."""

    def __init__(self, message: str, *, retryable: bool = False, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.retryable = retryable


@dataclass(frozen=True)
class PackageFile:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class LocalPackage:
    """A package folder in the outbox, checked against its manifest before anything leaves."""

    folder: Path
    manifest_sha256: str
    files: tuple[PackageFile, ...]  # the manifest's files, then manifest.json itself (last: it names the rest)

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def temp_name(self) -> str:
        return f".{self.name}.{self.manifest_sha256[:16]}.partial"

    @property
    def total(self) -> int:
        return sum(f.size for f in self.files)

    @classmethod
    def load(cls, folder: Path) -> LocalPackage:
        """Refuses a package whose files no longer match its manifest (a damaged outbox is never sent)."""
        try:
            raw = (folder / "manifest.json").read_bytes()
            listed = json.loads(raw)["files"]
            files = [PackageFile(str(f["name"]), int(f["bytes"]), str(f["sha256"])) for f in listed
                     if f["name"] != "manifest.json"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DeliveryError(f"Gói {folder.name} trong hộp thư đi bị hỏng hoặc mất danh mục ({exc}); "
                                "hãy xuất lại sổ.") from exc
        for f in files:
            path = folder / f.name
            if "/" in f.name or "\\" in f.name or f.name.startswith("."):
                raise DeliveryError(f"Danh mục gói {folder.name} có tên tệp không hợp lệ: «{f.name}».")
            if not path.is_file() or path.stat().st_size != f.size or sha256_file(path) != f.sha256:
                raise DeliveryError(f"Tệp {f.name} của gói {folder.name} đã bị hỏng hoặc mất; hãy xuất lại sổ.")
        manifest = PackageFile("manifest.json", len(raw), hashlib.sha256(raw).hexdigest())
        return cls(folder, manifest.sha256, (*files, manifest))


@dataclass
class Receipt:
    """What a delivery ended with; `as_text` is what the outbox keeps as the item's receipt."""

    target: str
    location: str
    manifest_sha256: str
    received_at: str
    sent_bytes: int = 0
    resumed_bytes: int = 0
    already_there: bool = False
    server_receipt: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def as_text(self) -> str:
        return (self.server_receipt or f"{RECEIPT_NAME} {self.received_at} #{self.manifest_sha256[:16]}")[:200]


def receipt_document(package: LocalPackage, sender: str) -> bytes:
    """The `.received.json` written beside the package files before the final rename."""
    return json.dumps({"package": package.name, "manifest_sha256": package.manifest_sha256,
                       "files": [asdict(f) for f in package.files], "sender": sender,
                       "received_at": now_text()}, ensure_ascii=False, indent=1).encode()


def now_text() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def parse_receipt(raw: bytes | None, package: LocalPackage) -> dict[str, Any] | None:
    """The receipt found on the target, if it is for exactly this package."""
    if not raw:
        return None
    try:
        doc = json.loads(raw)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) and doc.get("manifest_sha256") == package.manifest_sha256 else None


@dataclass(frozen=True)
class RetryPolicy:
    """Inner retries of one delivery (cuts, busy server); the outbox adds slower retries across minutes."""

    attempts: int = 6
    backoff: float = 0.5
    max_backoff: float = 30.0


class Target(abc.ABC):
    """One place packages are delivered to. Subclasses implement the storage steps; `send` is shared."""

    scheme = ""

    def __init__(self, url: str, policy: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.url, self.policy, self.sleep = url, policy or RetryPolicy(), sleep

    # -- what each target provides ------------------------------------------------------------------------
    @abc.abstractmethod
    def check(self) -> str:
        """Connects, signs in, makes sure the destination folder exists; returns a line for "thử kết nối"."""

    @abc.abstractmethod
    def already_complete(self, package: LocalPackage) -> Receipt | None:
        """The receipt when this exact package is already complete under its final name."""

    @abc.abstractmethod
    def resume(self, package: LocalPackage) -> dict[str, int]:
        """Bytes of each file the target already holds in the package's temporary folder (made if missing)."""

    @abc.abstractmethod
    def put_file(self, package: LocalPackage, f: PackageFile, offset: int, progress: Callable[[int], None]
                 ) -> int:
        """Sends `f` into the temporary folder from `offset` (what the target holds); returns bytes sent."""

    @abc.abstractmethod
    def remote_sha256(self, package: LocalPackage, f: PackageFile) -> str:
        """The hash of the temporary copy, from the server's checksum or by reading it back."""

    @abc.abstractmethod
    def discard_file(self, package: LocalPackage, f: PackageFile) -> None:
        """Removes a temporary copy that failed verification, so the next attempt starts it again."""

    @abc.abstractmethod
    def write_receipt(self, package: LocalPackage, data: bytes) -> None:
        """Writes `.received.json` into the temporary folder."""

    @abc.abstractmethod
    def commit(self, package: LocalPackage) -> str:
        """Renames the temporary folder to the package's name (replacing an older version); returns where."""

    def close(self) -> None:
        """Releases connections."""

    # -- shared ---------------------------------------------------------------------------------------------
    def send(self, package: LocalPackage, progress: Progress | None = None) -> Receipt:
        """Delivers with inner retries; each attempt resumes from what the target holds."""
        delay, last = self.policy.backoff, None
        for attempt in range(1, self.policy.attempts + 1):
            try:
                return self._send_once(package, progress)
            except DeliveryError as exc:
                if not exc.retryable:
                    raise
                last = exc
                log.warning("delivery to %s cut (attempt %d): %s", self.url, attempt, exc.message)
            if attempt < self.policy.attempts:
                self.sleep(delay)
                delay = min(delay * 2, self.policy.max_backoff)
        assert last is not None
        raise DeliveryError(f"Chưa gửi được sau {self.policy.attempts} lần thử ({last.message}). Gói vẫn nằm "
                            "trong hộp thư đi và sẽ được gửi lại.", retryable=True)

    def _send_once(self, package: LocalPackage, progress: Progress | None) -> Receipt:
        done = self.already_complete(package)
        if done is not None:
            return done
        held = self.resume(package)
        total, base, sent, resumed = package.total, 0, 0, 0
        for f in package.files:
            offset = held.get(f.name, 0)
            if offset > f.size:  # longer than ours: not our bytes, start again
                self.discard_file(package, f)
                offset = 0
            resumed += offset

            def step(n: int, base: int = base, name: str = f.name) -> None:
                if progress:
                    progress(base + n, total, name)

            sent += self.put_file(package, f, offset, step)
            base += f.size
        for f in package.files:
            if self.remote_sha256(package, f) != f.sha256:
                self.discard_file(package, f)
                raise DeliveryError(f"Bản trên nơi nhận của tệp {f.name} không khớp mã băm; sẽ gửi lại.",
                                    retryable=True)
        self.write_receipt(package, receipt_document(package, self.display()))
        location = self.commit(package)
        return Receipt(self.display(), location, package.manifest_sha256, now_text(), sent, resumed)

    def display(self) -> str:
        """The target's address without any secret, for the outbox and the audit trail."""
        return self.url
