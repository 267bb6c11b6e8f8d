"""Real servers on loopback for the delivery tests and the benchmark, with faults injected.

`FlakyProxy` is a TCP relay that cuts connections (every N bytes sent, or at random per block), so the
same bad line sits in front of any protocol. `DavServer` is WsgiDAV on cheroot with basic auth; its rules
middleware (after authentication) adds what real servers do: `Content-Range` PUTs as Apache mod_dav
writes them (optional — plain WsgiDAV refuses them), a storage quota answering 507, a MOVE refusal.
"""
from __future__ import annotations

import random
import re
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cheroot import wsgi
from wsgidav.error_printer import ErrorPrinter
from wsgidav.http_authenticator import HTTPAuthenticator
from wsgidav.mw.base_mw import BaseMiddleware
from wsgidav.request_resolver import RequestResolver
from wsgidav.wsgidav_app import WsgiDAVApp

USER, PASSWORD = "can-bo", "dung-mat-khau"


class FlakyProxy:
    """Relays 127.0.0.1:port → upstream; cuts the line as told. Counts what it relayed and cut."""

    def __init__(self, upstream_port: int, drop_every: int = 0, drop_rate: float = 0.0, block: int = 256 * 1024,
                 seed: int = 7) -> None:
        self.upstream_port, self.drop_every, self.drop_rate, self.block = upstream_port, drop_every, drop_rate, block
        self.rng = random.Random(seed)
        self.sent = self.drops = 0
        self.next_drop = drop_every
        self.next_block = block
        self.at_bytes: tuple[int, Callable[[], None]] | None = None  # once: cut and call (server restart)
        self.lock = threading.Lock()
        self.conns: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()  # the server is down: the client sees a cut
                continue
            with self.lock:
                self.conns += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _should_cut(self, n: int) -> Callable[[], None] | bool:
        with self.lock:
            self.sent += n
            if self.at_bytes and self.sent >= self.at_bytes[0]:
                hook, self.at_bytes = self.at_bytes[1], None
                self.drops += 1
                return hook
            if self.drop_every and self.sent >= self.next_drop:
                self.next_drop = self.sent + self.drop_every
                self.drops += 1
                return True
            while self.drop_rate and self.sent >= self.next_block:
                self.next_block += self.block
                if self.rng.random() < self.drop_rate:
                    self.drops += 1
                    return True
        return False

    def _pump(self, src: socket.socket, dst: socket.socket, upward: bool) -> None:
        try:
            while data := src.recv(16384):
                cut = self._should_cut(len(data)) if upward else False
                if cut:
                    _kill(src, dst)
                    if callable(cut):
                        cut()
                    return
                dst.sendall(data)
        except OSError:
            pass
        _kill(src, dst)

    def stop(self) -> None:
        self.running = False
        self.listener.close()
        with self.lock:
            for c in self.conns:
                _kill(c)


def _kill(*socks: socket.socket) -> None:
    for s in socks:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


RULES: dict[str, dict[str, Any]] = {}  # by server: WsgiDAV copies its config, the tests change rules live


class ServerRules(BaseMiddleware):
    """After authentication: ranged PUT (optional), quota (507), refused MOVE (403)."""

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        rules = RULES[self.config["hotich_rules"]]
        method = environ["REQUEST_METHOD"]
        if method == "MOVE" and rules.get("refuse_move"):
            return _answer(start_response, "403 Forbidden")
        if method == "PUT" and rules.get("quota") is not None:
            incoming = int(environ.get("CONTENT_LENGTH") or 0)
            if _used(rules["root"]) + incoming > rules["quota"]:
                environ["wsgi.input"].read(incoming)
                return _answer(start_response, "507 Insufficient Storage")
        if method == "PUT" and "HTTP_CONTENT_RANGE" in environ and rules.get("ranges"):
            return self._ranged_put(environ, start_response, Path(rules["root"]))
        return self.next_app(environ, start_response)

    def _ranged_put(self, environ: dict[str, Any], start_response: Callable[..., Any], root: Path) -> Any:
        m = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+|\*)", environ["HTTP_CONTENT_RANGE"].strip())
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if not m or int(m[2]) - int(m[1]) + 1 != length:
            return _answer(start_response, "400 Bad Request")
        path = root / environ["PATH_INFO"].encode("latin-1").decode("utf-8").lstrip("/")
        start = int(m[1])
        size = path.stat().st_size if path.exists() else 0
        if start > size or not path.parent.is_dir():
            return _answer(start_response, "416 Range Not Satisfiable" if path.parent.is_dir() else "409 Conflict")
        with path.open("r+b" if path.exists() else "wb") as fh:
            fh.seek(start)
            remaining = length
            while remaining:
                block = environ["wsgi.input"].read(min(remaining, 1024 * 1024))
                if not block:
                    break
                fh.write(block)
                remaining -= len(block)
        return _answer(start_response, "204 No Content")


def _answer(start_response: Callable[..., Any], status: str) -> list[bytes]:
    start_response(status, [("Content-Length", "0")])
    return [b""]


def _used(root: str) -> int:
    return sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file())


class DavServer:
    """WsgiDAV serving `root` on a loopback port; `restart()` stops and starts it on the same port."""

    def __init__(self, root: Path, ranges: bool = False, quota: int | None = None, refuse_move: bool = False
                 ) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.rules: dict[str, Any] = {"root": str(root), "ranges": ranges, "quota": quota,
                                      "refuse_move": refuse_move}
        self.port = 0
        self.key = f"{id(self)}"
        RULES[self.key] = self.rules
        self._start()

    def _app(self) -> WsgiDAVApp:
        return WsgiDAVApp({
            "provider_mapping": {"/": str(self.root)},
            "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD}}}},
            "http_authenticator": {"accept_basic": True, "accept_digest": False, "default_to_digest": False},
            "middleware_stack": [ErrorPrinter, HTTPAuthenticator, ServerRules, RequestResolver],
            "hotich_rules": self.key, "verbose": 0, "logging": {"enable": False, "enable_loggers": []},
            "lock_storage": True, "property_manager": True,
        })

    def _start(self) -> None:
        self.server = wsgi.Server(("127.0.0.1", 0), self._app(), numthreads=4, timeout=2, shutdown_timeout=1)
        self.server.prepare()
        self.port = self.server.bind_addr[1]
        self.thread = threading.Thread(target=self.server.serve, daemon=True)
        self.thread.start()

    def url(self, path: str = "so-ho-tich", port: int | None = None, user: str = USER) -> str:
        return f"webdav://{user}@127.0.0.1:{port or self.port}/{path}"

    def restart(self, proxy: FlakyProxy | None = None) -> None:
        """Stops the server and starts it again over the same files (on a new port the proxy is told)."""
        self.stop()
        self._start()
        if proxy is not None:
            proxy.upstream_port = self.port

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(10)


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))




class SftpServer:
    """asyncssh's SFTP server on a loopback port in its own thread, chrooted to `root`, password auth.
    Faults: `quota` (writes past it fail "No space left on device"), `refuse_rename`, `restart()`."""

    def __init__(self, root: Path, quota: int | None = None, refuse_rename: bool = False) -> None:
        import asyncio

        import asyncssh

        root.mkdir(parents=True, exist_ok=True)
        self.root, self.quota, self.refuse_rename = root, quota, refuse_rename
        self.key = asyncssh.generate_private_key("ssh-ed25519")
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.port = 0
        self.acceptor: Any = None
        self._call(self._listen())

    def _call(self, coro: Any) -> Any:
        import asyncio

        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(20)

    async def _listen(self) -> None:
        import asyncssh

        server = self

        class Auth(asyncssh.SSHServer):
            def begin_auth(self, username: str) -> bool:
                return True

            def password_auth_supported(self) -> bool:
                return True

            def validate_password(self, username: str, password: str) -> bool:
                return username == USER and password == PASSWORD

        class Files(asyncssh.SFTPServer):
            def __init__(self, chan: Any) -> None:
                super().__init__(chan, chroot=str(server.root).encode())

            def write(self, file_obj: Any, offset: int, data: bytes) -> Any:
                if server.quota is not None and _used(str(server.root)) + len(data) > server.quota:
                    raise asyncssh.SFTPFailure("No space left on device")
                return super().write(file_obj, offset, data)

            def rename(self, oldpath: bytes, newpath: bytes) -> Any:
                if server.refuse_rename:
                    raise asyncssh.SFTPPermissionDenied("Rename not allowed here")
                return super().rename(oldpath, newpath)

        for _ in range(100):
            try:
                self.acceptor = await asyncssh.listen("127.0.0.1", self.port, server_host_keys=[self.key],
                                                      server_factory=Auth, sftp_factory=Files, allow_scp=False)
                break
            except OSError:
                import asyncio

                await asyncio.sleep(0.1)
        self.port = self.acceptor.get_port()

    def url(self, path: str = "/nhan", port: int | None = None, user: str = USER) -> str:
        return f"sftp://{user}@127.0.0.1:{port or self.port}{path}"

    async def _close(self) -> None:
        self.acceptor.close()
        await self.acceptor.wait_closed()

    def restart(self) -> None:
        self._call(self._close())
        self._call(self._listen())

    def stop(self) -> None:
        if self.loop.is_running():
            self._call(self._close())
            self.loop.call_soon_threadsafe(self.loop.stop)
