"""A folder target: USB stick, mounted network share or UNC path (\\\\server\\share\\dir).

Files are appended into `.<package>.<hash>.partial/` (a cut resumes from the size already there), each
write is fsynced, copies are verified by reading them back, and the folder is renamed into place.
"""
from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ...atomic import _fsync_dir, disk_error_message, sha256_file, write_bytes
from ...errors import HotichError
from .base import RECEIPT_NAME, DeliveryError, LocalPackage, PackageFile, Receipt, Target, parse_receipt

CHUNK = 1024 * 1024
TRANSIENT = {errno.EIO, errno.ETIMEDOUT, errno.ECONNRESET, errno.EAGAIN, errno.EHOSTDOWN, errno.ENETDOWN,
             getattr(errno, "ESTALE", -1)}  # a share that comes back; a full or read-only disk does not


class FolderTarget(Target):
    scheme = "folder"

    def __init__(self, root: Path, chunk_size: int = CHUNK, **kw: object) -> None:
        super().__init__(str(root), **kw)  # type: ignore[arg-type]
        self.root, self.chunk_size = root, chunk_size

    def _error(self, exc: OSError, path: Path) -> DeliveryError:
        if exc.errno in TRANSIENT:
            return DeliveryError(f"Mất kết nối tới thư mục nhận {self.root}: {exc.strerror or exc}.",
                                 retryable=True)
        if exc.errno == errno.ENOENT and not self.root.exists():
            return DeliveryError(f"Không thấy thư mục nhận {self.root} (USB chưa cắm hoặc ổ mạng chưa nối?).",
                                 retryable=True)
        return DeliveryError(disk_error_message(exc, path) + " Gói chưa được đánh dấu đã gửi.")

    def check(self) -> str:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".hotich-thu-ket-noi"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise self._error(exc, self.root / ".hotich-thu-ket-noi") from exc
        free = shutil.disk_usage(self.root).free
        return f"Ghi được vào {self.root} (còn trống {free // (1024 * 1024)} MB)."

    def already_complete(self, package: LocalPackage) -> Receipt | None:
        final = self.root / package.name
        try:
            doc = parse_receipt((final / RECEIPT_NAME).read_bytes(), package)
            if doc is None or sha256_file(final / "manifest.json") != package.manifest_sha256:
                return None
        except OSError:
            return None
        return Receipt(self.display(), str(final), package.manifest_sha256, str(doc.get("received_at", "")),
                       already_there=True)

    def _temp(self, package: LocalPackage) -> Path:
        return self.root / package.temp_name

    def resume(self, package: LocalPackage) -> dict[str, int]:
        temp = self._temp(package)
        try:
            temp.mkdir(parents=True, exist_ok=True)
            return {p.name: p.stat().st_size for p in temp.iterdir() if p.is_file()}
        except OSError as exc:
            raise self._error(exc, temp) from exc

    def put_file(self, package: LocalPackage, f: PackageFile, offset: int, progress: Callable[[int], None]
                 ) -> int:
        dest = self._temp(package) / f.name
        sent = 0
        try:
            with (package.folder / f.name).open("rb") as src, dest.open("ab") as out:
                out.truncate(offset)
                src.seek(offset)
                while chunk := src.read(self.chunk_size):
                    self._write(out, chunk)
                    sent += len(chunk)
                    progress(offset + sent)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise self._error(exc, dest) from exc
        return sent

    def _write(self, out, chunk: bytes) -> None:  # noqa: ANN001 - a binary file; one place faults are injected
        out.write(chunk)

    def remote_sha256(self, package: LocalPackage, f: PackageFile) -> str:
        try:
            return sha256_file(self._temp(package) / f.name)
        except OSError as exc:
            raise self._error(exc, self._temp(package) / f.name) from exc

    def discard_file(self, package: LocalPackage, f: PackageFile) -> None:
        (self._temp(package) / f.name).unlink(missing_ok=True)

    def write_receipt(self, package: LocalPackage, data: bytes) -> None:
        try:
            write_bytes(self._temp(package) / RECEIPT_NAME, data)
        except HotichError as exc:
            raise DeliveryError(exc.message + " Gói chưa được đánh dấu đã gửi.") from exc

    def commit(self, package: LocalPackage) -> str:
        temp, final = self._temp(package), self.root / package.name
        old = self.root / f".{package.name}.old-{os.getpid()}"
        try:
            _fsync_dir(temp)
            if final.exists():
                os.replace(final, old)
            try:
                os.replace(temp, final)
            except OSError:
                if old.exists() and not final.exists():
                    os.replace(old, final)  # the older version stays as it was
                raise
            _fsync_dir(self.root)
        except OSError as exc:
            raise DeliveryError(f"Không đổi tên được thư mục tạm thành {final} ({exc.strerror or exc}); "
                                "gói chưa được đánh dấu đã gửi.") from exc
        shutil.rmtree(old, ignore_errors=True)
        return str(final)
