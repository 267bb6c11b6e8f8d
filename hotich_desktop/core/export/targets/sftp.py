"""SFTP target (OpenSSH or any SFTP server of a district office), over asyncssh.

`sftp://user@host:port/path` (a path starting `/~/` is relative to the account's home). Files go into the
hidden folder `.<package>.<hash>.partial/` and are written at absolute offsets chunk by chunk; after a cut
the upload goes on from the remote size, less the chunk that may have been in flight (its parallel writes
can land out of order). Copies are verified by reading them back, `.received.json` is written, and the
folder is renamed (posix-rename where the server offers it; an older version is set aside, not lost).

The server's host key is pinned on first contact in the workspace (`delivery_known_hosts.json`): a key
that changes afterwards is refused before any password is sent.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import posixpath
import urllib.parse
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import asyncssh

from ... import atomic
from .base import RECEIPT_NAME, DeliveryError, LocalPackage, PackageFile, Receipt, Target, parse_receipt

CHUNK = 4 * 1024 * 1024
BLOCK, IN_FLIGHT = -1, 64  # request size: the server's own limit (OpenSSH: under 256 KB); 64 in flight
# AES-GCM first: hardware AES makes it several times cheaper than ChaCha20 for the Python side of the line
CIPHERS = ("aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr",
           "aes256-ctr")
PINS = "delivery_known_hosts.json"
T = TypeVar("T")
LOST = (asyncssh.ConnectionLost, asyncssh.DisconnectError, asyncssh.SFTPConnectionLost, asyncssh.SFTPNoConnection,
        ConnectionError, OSError, asyncio.TimeoutError, EOFError)


class SftpTarget(Target):
    scheme = "sftp"

    def __init__(self, address: str, password: str = "", known_hosts: Path | None = None,
                 chunk_size: int = CHUNK, timeout: float = 20.0, key_file: str | None = None, **kw: object) -> None:
        super().__init__(address, **kw)  # type: ignore[arg-type]
        parts = urllib.parse.urlsplit(address)
        self.host, self.port = parts.hostname or "", parts.port or 22
        self.user = urllib.parse.unquote(parts.username or "")
        path = urllib.parse.unquote(parts.path) or "."
        self.base = path[3:] or "." if path.startswith("/~/") else path
        self.password, self.pins, self.chunk_size, self.timeout = password, known_hosts, chunk_size, timeout
        self.key_file = key_file or os.environ.get("HOTICH_DELIVERY_SSH_KEY") or None  # a key instead of a password
        self.loop = asyncio.new_event_loop()
        self.conn: asyncssh.SSHClientConnection | None = None
        self.sftp: asyncssh.SFTPClient | None = None

    def display(self) -> str:
        return f"sftp://{self.user + '@' if self.user else ''}{self.host}:{self.port}{urllib.parse.urlsplit(self.url).path}"

    # -- the connection -----------------------------------------------------------------------------------
    def _run(self, job: Callable[[asyncssh.SFTPClient], Awaitable[T]]) -> T:
        try:
            return self.loop.run_until_complete(self._with_sftp(job))
        except asyncssh.PermissionDenied as exc:
            self._drop()
            raise DeliveryError(f"Máy SFTP {self.host} từ chối đăng nhập của «{self.user}»: sai tên hoặc mật "
                                "khẩu. Hãy kiểm tra Cài đặt → Nơi nhận gói.") from exc
        except asyncssh.HostKeyNotVerifiable as exc:
            self._drop()
            raise DeliveryError(f"Khóa nhận dạng của máy SFTP {self.host}:{self.port} khác lần trước: có thể "
                                "bị giả mạo. Chưa gửi gì; hãy hỏi người quản trị máy nhận.") from exc
        except asyncssh.SFTPError as exc:
            if isinstance(exc, (asyncssh.SFTPConnectionLost, asyncssh.SFTPNoConnection)):
                self._drop()
                raise DeliveryError(f"Mất kết nối SFTP tới {self.host} ({exc.reason}).", retryable=True) from exc
            raise _sftp_refusal(exc) from exc
        except LOST as exc:
            self._drop()
            raise DeliveryError(f"Mất kết nối SFTP tới {self.host}:{self.port} ({type(exc).__name__}: {exc}).",
                                retryable=True) from exc

    async def _with_sftp(self, job: Callable[[asyncssh.SFTPClient], Awaitable[T]]) -> T:
        if self.sftp is None:
            if self.key_file and not os.access(self.key_file, os.R_OK):
                raise DeliveryError(f"Không đọc được tệp khóa SSH {self.key_file} (HOTICH_DELIVERY_SSH_KEY).")
            key = await self._host_key()
            options: dict[str, Any] = {"client_keys": [self.key_file] if self.key_file else None}
            if not self.password and not self.key_file:
                options = {}  # the account's own keys (~/.ssh)
            self.conn = await asyncio.wait_for(asyncssh.connect(
                self.host, self.port, username=self.user or None, password=self.password or None,
                known_hosts=([key], [], []), agent_path=None, connect_timeout=self.timeout,
                encryption_algs=[a for a in CIPHERS if a.encode() in _supported_ciphers()] or (), **options),
                self.timeout)
            self.sftp = await self.conn.start_sftp_client()
        return await asyncio.wait_for(job(self.sftp), self.timeout * 30)

    async def _host_key(self) -> asyncssh.SSHKey:
        pins = self._load_pins()
        name = f"{self.host}:{self.port}"
        if name in pins:
            return asyncssh.import_public_key(pins[name])
        key = await asyncio.wait_for(asyncssh.get_server_host_key(self.host, self.port), self.timeout)
        if key is None:
            raise ConnectionError("máy không đưa khóa nhận dạng")
        pins[name] = key.export_public_key().decode().strip()
        if self.pins is not None:
            atomic.write_text(self.pins / PINS, json.dumps(pins, indent=1))
        else:
            self._memory_pins = pins
        return key

    def _load_pins(self) -> dict[str, str]:
        if self.pins is None:
            return dict(getattr(self, "_memory_pins", {}))
        try:
            return dict(json.loads((self.pins / PINS).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.abort()
        self.conn = self.sftp = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            try:
                self.loop.run_until_complete(asyncio.wait_for(self.conn.wait_closed(), 5))
            except (asyncio.TimeoutError, *LOST):
                pass
        self.conn = self.sftp = None
        pending = asyncio.all_tasks(self.loop)
        for task in pending:
            task.cancel()
        if pending:
            self.loop.run_until_complete(_settle(pending))
        self.loop.close()

    # -- the target interface ---------------------------------------------------------------------------
    def _p(self, *names: str) -> str:
        return posixpath.join(self.base, *names)

    def check(self) -> str:
        async def job(sftp: asyncssh.SFTPClient) -> None:
            await sftp.makedirs(self.base, exist_ok=True)

        self._run(job)
        return f"Đăng nhập được vào {self.host} và thư mục {self.base} sẵn sàng."

    def already_complete(self, package: LocalPackage) -> Receipt | None:
        async def job(sftp: asyncssh.SFTPClient) -> Receipt | None:
            try:
                raw = await _read_all(sftp, self._p(package.name, RECEIPT_NAME))
                manifest = await _read_all(sftp, self._p(package.name, "manifest.json"))
            except (asyncssh.SFTPNoSuchFile, asyncssh.SFTPNoSuchPath):
                return None
            doc = parse_receipt(raw, package)
            if doc is None or hashlib.sha256(manifest).hexdigest() != package.manifest_sha256:
                return None
            return Receipt(self.display(), self._p(package.name), package.manifest_sha256,
                           str(doc.get("received_at", "")), already_there=True)

        return self._run(job)

    def resume(self, package: LocalPackage) -> dict[str, int]:
        async def job(sftp: asyncssh.SFTPClient) -> dict[str, int]:
            temp = self._p(package.temp_name)
            await sftp.makedirs(temp, exist_ok=True)
            held: dict[str, int] = {}
            sizes = {f.name: f.size for f in package.files}
            for entry in await sftp.readdir(temp):
                if entry.filename in (".", "..") or entry.attrs.size is None:
                    continue
                size = int(entry.attrs.size)
                # the chunk holding the last byte of a partial file may have gaps (parallel writes): again
                whole = size == sizes.get(entry.filename)
                held[entry.filename] = size if whole else max(0, ((size - 1) // self.chunk_size) * self.chunk_size)
            return held

        return self._run(job)

    def put_file(self, package: LocalPackage, f: PackageFile, offset: int, progress: Callable[[int], None]
                 ) -> int:
        async def job(sftp: asyncssh.SFTPClient) -> int:
            sent, at = 0, offset
            async with sftp.open(self._p(package.temp_name, f.name),
                                 asyncssh.FXF_WRITE | asyncssh.FXF_CREAT, encoding=None, block_size=BLOCK,
                                 max_requests=IN_FLIGHT) as out:
                with (package.folder / f.name).open("rb") as src:
                    src.seek(at)
                    while at < f.size:
                        chunk = src.read(self.chunk_size - at % self.chunk_size)  # absolute chunk boundaries
                        await out.write(chunk, at)
                        at += len(chunk)
                        sent += len(chunk)
                        progress(at)
                    if f.size == 0:
                        await out.write(b"", 0)
            return sent

        return self._run(job)

    def remote_sha256(self, package: LocalPackage, f: PackageFile) -> str:
        async def job(sftp: asyncssh.SFTPClient) -> str:
            digest, at = hashlib.sha256(), 0
            async with sftp.open(self._p(package.temp_name, f.name), "rb", block_size=BLOCK,
                                 max_requests=IN_FLIGHT) as src:
                while block := await src.read(CHUNK, at):
                    digest.update(block)
                    at += len(block)
            return digest.hexdigest()

        return self._run(job)

    def discard_file(self, package: LocalPackage, f: PackageFile) -> None:
        async def job(sftp: asyncssh.SFTPClient) -> None:
            try:
                await sftp.remove(self._p(package.temp_name, f.name))
            except asyncssh.SFTPNoSuchFile:
                pass

        self._run(job)

    def write_receipt(self, package: LocalPackage, data: bytes) -> None:
        async def job(sftp: asyncssh.SFTPClient) -> None:
            async with sftp.open(self._p(package.temp_name, RECEIPT_NAME), "wb") as out:
                await out.write(data)

        self._run(job)

    def commit(self, package: LocalPackage) -> str:
        async def job(sftp: asyncssh.SFTPClient) -> str:
            temp, final = self._p(package.temp_name), self._p(package.name)
            old = self._p(f".{package.name}.old-{uuid.uuid4().hex[:8]}")
            moved_aside = False
            try:
                if await sftp.exists(final):
                    await sftp.rename(final, old)
                    moved_aside = True
                await sftp.rename(temp, final)
            except asyncssh.SFTPError as exc:
                if isinstance(exc, (asyncssh.SFTPConnectionLost, asyncssh.SFTPNoConnection)):
                    raise
                if moved_aside and not await sftp.exists(final):
                    await sftp.rename(old, final)  # the older version stays as it was
                raise DeliveryError(f"Máy SFTP không cho đổi tên thư mục tạm thành {final} ({exc.reason}); "
                                    "gói chưa được đánh dấu đã gửi.") from exc
            if moved_aside:
                try:
                    await sftp.rmtree(old)
                except asyncssh.SFTPError:
                    pass  # a leftover hidden folder, harmless
            return final

        return self._run(job)


def _supported_ciphers() -> list[bytes]:
    from asyncssh.encryption import get_encryption_algs

    return list(get_encryption_algs())


async def _settle(tasks: set[asyncio.Task[Any]]) -> None:
    await asyncio.gather(*tasks, return_exceptions=True)


async def _read_all(sftp: asyncssh.SFTPClient, path: str) -> bytes:
    async with sftp.open(path, "rb") as src:
        return await src.read()


def _sftp_refusal(exc: asyncssh.SFTPError) -> DeliveryError:
    reason = str(exc.reason or "")
    if isinstance(exc, (asyncssh.SFTPNoSpaceOnFilesystem, asyncssh.SFTPQuotaExceeded)) or \
            any(w in reason.lower() for w in ("no space", "quota", "disk full")):
        return DeliveryError("Máy SFTP đã hết dung lượng (hoặc hết hạn mức) nên không nhận hết gói; gói chưa "
                             f"được đánh dấu đã gửi ({reason}).")
    if isinstance(exc, asyncssh.SFTPPermissionDenied):
        return DeliveryError(f"Máy SFTP không cho ghi vào thư mục nhận ({reason}).")
    return DeliveryError(f"Máy SFTP báo lỗi: {reason or type(exc).__name__}.")
