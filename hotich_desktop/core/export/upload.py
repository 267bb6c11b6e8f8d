"""Resumable, idempotent HTTP upload of an export package, for offices that have a connection.

The protocol is deliberately small so a province can implement the receiving end in any language
(``tests/core/export/upload_server.py`` is a complete reference server on the standard library):

``GET  {url}/packages/{id}``        200 ``{"receipt": "..."}`` when the package is already complete, else 404.
``GET  {url}/files/{sha256}``       200 ``{"offset": n, "complete": bool}``; 404 means nothing received yet.
``PUT  {url}/files/{sha256}?offset=n``  one chunk; headers ``X-Chunk-SHA256`` and ``X-Total-Size``.
                                    200 ``{"offset": new}``; 409 ``{"offset": actual}`` when n is not where the
                                    server is (a retried chunk that did arrive); 422 when the chunk hash is wrong.
``POST {url}/packages/{id}``        body: the package's ``manifest.json``; the server checks every file's hash
                                    and answers 201 (or 200 for a package it already had) ``{"receipt": "..."}``.

``id`` is the SHA-256 of ``manifest.json``, which names every file by its SHA-256: a package sent twice is
recognised by its hash and never counted twice. Every request is retried with exponential backoff; the
server is the record of how far an upload got, so an upload resumes after the app restarts.
"""
from __future__ import annotations

import hashlib
import http.client
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import sha256_file
from ..errors import HotichError

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
RETRYABLE_STATUS = {408, 422, 425, 429, 500, 502, 503, 504}  # 422: a chunk damaged on the way


@dataclass(frozen=True)
class UploadTarget:
    url: str
    token: str = ""
    chunk_size: int = 256 * 1024
    timeout: float = 30.0
    attempts: int = 8
    backoff: float = 1.0
    max_backoff: float = 60.0


class UploadError(HotichError):
    """The server could not be reached or refused the package; the item stays in the outbox.
    `retryable`: the server was unreachable (worth trying later), not a refusal."""

    retryable = False


class _Retry(Exception):
    pass


@dataclass
class _Answer:
    status: int
    body: dict[str, Any]


def package_id(folder: Path) -> str:
    return hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()


def upload_package(folder: Path, target: UploadTarget, progress: Progress | None = None,
                   sleep: Callable[[float], None] = time.sleep) -> str:
    """Sends the package's files, then its manifest; returns the server's receipt."""
    client = _Client(target, sleep)
    manifest_bytes = (folder / "manifest.json").read_bytes()
    pid = hashlib.sha256(manifest_bytes).hexdigest()
    done = client.call("GET", f"packages/{pid}", ok=(200, 404))
    if done.status == 200:
        log.info("package %s already on the server", pid[:12])
        return str(done.body.get("receipt", pid))
    files = json.loads(manifest_bytes)["files"]
    _check_local(folder, files)
    total = sum(int(f["bytes"]) for f in files)
    sent_before = 0
    for f in files:
        _send_file(client, folder / f["name"], f["sha256"], int(f["bytes"]),
                   lambda n, base=sent_before, name=f["name"]: progress and progress(base + n, total, name))
        sent_before += int(f["bytes"])
    answer = client.call("POST", f"packages/{pid}", body=manifest_bytes, ok=(200, 201),
                         headers={"Content-Type": "application/json"})
    return str(answer.body.get("receipt", pid))


def _check_local(folder: Path, files: list[dict[str, Any]]) -> None:
    """Never send a package whose files no longer match its manifest (a damaged outbox)."""
    for f in files:
        path = folder / f["name"]
        if not path.is_file() or path.stat().st_size != int(f["bytes"]) or sha256_file(path) != f["sha256"]:
            raise HotichError(f"Tệp {f['name']} của gói {folder.name} đã bị hỏng hoặc mất; hãy xuất lại sổ.")




def _send_file(client: _Client, path: Path, sha: str, size: int, progress: Callable[[int], Any]) -> None:
    state = client.call("GET", f"files/{sha}", ok=(200, 404))
    offset = int(state.body.get("offset", 0)) if state.status == 200 else 0
    if state.status == 200 and state.body.get("complete"):
        progress(size)
        return
    with path.open("rb") as fh:
        while offset < size or size == 0:
            fh.seek(offset)
            chunk = fh.read(client.target.chunk_size)
            if not chunk and size:
                raise HotichError(f"Tệp {path.name} ngắn hơn trong danh mục gói; hãy xuất lại sổ.")
            headers = {"X-Chunk-SHA256": hashlib.sha256(chunk).hexdigest(), "X-Total-Size": str(size),
                       "Content-Type": "application/octet-stream"}
            answer = client.call("PUT", f"files/{sha}?offset={offset}", body=chunk, ok=(200, 409),
                                 headers=headers)
            offset = int(answer.body["offset"])  # 409: the server tells where it really is
            progress(offset)
            if answer.body.get("complete") or size == 0:
                return


class _Client:
    def __init__(self, target: UploadTarget, sleep: Callable[[float], None]) -> None:
        self.target, self.sleep = target, sleep
        self.base = target.url.rstrip("/") + "/"
        if urllib.parse.urlsplit(self.base).scheme not in ("http", "https"):
            raise UploadError(f"Địa chỉ máy chủ nhận không hợp lệ: «{target.url}» (cần http:// hoặc https://).")

    def call(self, method: str, path: str, body: bytes | None = None, ok: tuple[int, ...] = (200,),
             headers: dict[str, str] | None = None) -> _Answer:
        delay, last = self.target.backoff, ""
        for attempt in range(1, self.target.attempts + 1):
            try:
                answer = self._once(method, path, body, headers or {})
                if answer.status in ok:
                    return answer
                if answer.status not in RETRYABLE_STATUS:
                    raise UploadError(_refusal(answer))
                last = f"máy chủ trả lời lỗi {answer.status}"
            except _Retry as exc:
                last = str(exc)
            log.warning("upload %s %s failed (attempt %d): %s", method, path, attempt, last)
            if attempt < self.target.attempts:
                self.sleep(delay)
                delay = min(delay * 2, self.target.max_backoff)
        error = UploadError(f"Không gửi được lên máy chủ sau {self.target.attempts} lần thử ({last}). "
                            "Gói vẫn nằm trong hộp thư đi và sẽ được gửi lại khi có mạng.")
        error.retryable = True
        raise error

    def _once(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> _Answer:
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        if self.target.token:
            request.add_header("Authorization", f"Bearer {self.target.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.target.timeout) as response:
                return _Answer(response.status, _json(response.read()))
        except urllib.error.HTTPError as exc:
            return _Answer(exc.code, _json(exc.read()))
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout,
                TimeoutError, OSError) as exc:
            raise _Retry(f"mất kết nối: {getattr(exc, 'reason', exc)}") from exc


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {"error": raw[:200].decode("utf-8", "replace")}
    return value if isinstance(value, dict) else {}


def _refusal(answer: _Answer) -> str:
    reason = answer.body.get("error") or ""
    if answer.status in (401, 403):
        return "Máy chủ nhận từ chối mã truy cập (token). Hãy kiểm tra mục Cài đặt → Gửi lên mạng."
    return f"Máy chủ nhận từ chối gói (mã {answer.status}){': ' + str(reason) if reason else ''}."
