"""A reference receiving server for the outbox upload protocol, with faults to switch on.

Standard library only. Files land in ``root/files`` (``<sha>.part`` while incomplete); a package is
complete when its manifest's files are all there with the right hashes; ``root/received.log`` gets one
line per package the first time it completes, which is how the tests count "exactly once".
Faults: ``drop_every`` (cut the connection half-way through every n-th chunk), ``fail_every`` (answer
500 to every n-th request), ``delay`` (sleep before answering the next ``slow_left`` chunks), ``drop_after_commit`` (complete the
package, then cut the connection before the answer). ``restart()`` stops and starts on the same port.
"""
from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class Faults:
    def __init__(self) -> None:
        self.drop_every = 0
        self.fail_every = 0
        self.delay = 0.0
        self.slow_left = 0  # how many chunks get the delay
        self.put_offsets: list[tuple[str, int]] = []  # (file sha, offset) of every chunk received
        self.conflicts = 0  # chunks sent again after they had arrived (answered 409)
        self.drop_after_commit = 0  # how many commits to answer by hanging up
        self.requests = 0
        self.chunks = 0
        self.lock = threading.Lock()

    def count(self, chunk: bool) -> tuple[bool, bool]:
        """(answer 500, drop the connection) for this request."""
        with self.lock:
            self.requests += 1
            if chunk:
                self.chunks += 1
            fail = bool(self.fail_every and self.requests % self.fail_every == 0)
            drop = bool(chunk and self.drop_every and self.chunks % self.drop_every == 0)
            return fail, drop


class UploadServer:
    def __init__(self, root: Path, token: str = "bi-mat", port: int = 0) -> None:
        self.root, self.token = root, token
        (root / "files").mkdir(parents=True, exist_ok=True)
        (root / "packages").mkdir(exist_ok=True)
        self.faults = Faults()
        self.lock = threading.Lock()
        self.port = port
        self.httpd: ThreadingHTTPServer | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hotich/"

    def start(self) -> None:
        handler = type("Handler", (_Handler,), {"server_state": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def received(self) -> list[str]:
        log = self.root / "received.log"
        return log.read_text().split() if log.exists() else []

    def package_file(self, sha: str) -> Path:
        return self.root / "files" / sha


class _Handler(BaseHTTPRequestHandler):
    server_state: UploadServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _hang_up(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _route(self) -> tuple[str, str, dict[str, list[str]]] | None:
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if len(parts) != 3 or parts[0] != "hotich" or parts[1] not in ("files", "packages"):
            self._answer(404, {"error": "no such path"})
            return None
        if self.headers.get("Authorization") != f"Bearer {self.server_state.token}":
            self._answer(401, {"error": "bad token"})
            return None
        return parts[1], parts[2], urllib.parse.parse_qs(url.query)

    def _begin(self, chunk: bool = False) -> tuple[str, str, dict[str, list[str]]] | None:
        state = self.server_state
        with state.faults.lock:
            slow = chunk and state.faults.slow_left > 0
            state.faults.slow_left -= slow
        if slow:
            time.sleep(state.faults.delay)
        fail, drop = state.faults.count(chunk)
        self._drop = drop
        if fail:
            self._body()
            self._answer(500, {"error": "injected failure"})
            return None
        return self._route()

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self) -> None:  # noqa: N802
        route = self._begin()
        if route is None:
            return
        kind, key, _ = route
        state = self.server_state
        if kind == "packages":
            done = state.root / "packages" / f"{key}.json"
            if done.exists():
                self._answer(200, json.loads(done.read_text()))
            else:
                self._answer(404, {"error": "unknown package"})
            return
        full, part = state.package_file(key), state.package_file(key).with_suffix(".part")
        if full.exists():
            self._answer(200, {"offset": full.stat().st_size, "complete": True})
        elif part.exists():
            self._answer(200, {"offset": part.stat().st_size, "complete": False})
        else:
            self._answer(404, {"offset": 0})

    def do_PUT(self) -> None:  # noqa: N802
        route = self._begin(chunk=True)
        if route is None:
            return
        _, sha, query = route
        length = int(self.headers.get("Content-Length") or 0)
        if self._drop:
            self.rfile.read(length // 2)
            self._hang_up()
            return
        chunk = self.rfile.read(length)
        if hashlib.sha256(chunk).hexdigest() != self.headers.get("X-Chunk-SHA256"):
            self._answer(422, {"error": "chunk hash mismatch"})
            return
        state = self.server_state
        total = int(self.headers.get("X-Total-Size") or 0)
        offset = int(query.get("offset", ["0"])[0])
        state.faults.put_offsets.append((sha, offset))
        full, part = state.package_file(sha), state.package_file(sha).with_suffix(".part")
        with state.lock:
            if full.exists():
                self._answer(200, {"offset": full.stat().st_size, "complete": True})
                return
            have = part.stat().st_size if part.exists() else 0
            if offset != have:
                state.faults.conflicts += 1
                self._answer(409, {"offset": have, "complete": False})
                return
            with part.open("ab") as fh:
                fh.write(chunk)
            have += len(chunk)
            complete = have >= total
            if complete:
                if _sha_file(part) != sha:
                    part.unlink()
                    self._answer(409, {"offset": 0, "complete": False, "error": "file hash mismatch"})
                    return
                part.rename(full)
        self._answer(200, {"offset": have, "complete": complete})

    def do_POST(self) -> None:  # noqa: N802
        route = self._begin()
        if route is None:
            return
        _, pid, _ = route
        raw = self._body()
        state = self.server_state
        if hashlib.sha256(raw).hexdigest() != pid:
            self._answer(422, {"error": "manifest hash mismatch"})
            return
        manifest = json.loads(raw)
        missing = [f["name"] for f in manifest["files"] if not state.package_file(f["sha256"]).exists()]
        if missing:
            self._answer(409, {"error": f"missing files: {missing}"})
            return
        with state.lock:
            done = state.root / "packages" / f"{pid}.json"
            if done.exists():
                status, body = 200, json.loads(done.read_text())
            else:
                body = {"receipt": f"R-{pid[:10]}", "package": manifest["package"]}
                done.write_text(json.dumps(body))
                with (state.root / "received.log").open("a") as log:
                    log.write(pid + "\n")
                status = 201
            if state.faults.drop_after_commit:
                state.faults.drop_after_commit -= 1
                self._hang_up()
                return
        self._answer(status, body)


def _sha_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
