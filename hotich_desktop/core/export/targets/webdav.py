"""WebDAV target (Nextcloud, ownCloud, a NAS box's WebDAV), over httpx.

`webdav://host/path` is plain HTTP, `webdavs://` HTTPS. Files go into the hidden collection
`.<package>.<hash>.partial/`; a cut resumes from the size the server reports (PROPFIND) with
`Content-Range` PUTs when the server accepts ranges (probed once per target: Apache mod_dav, SabreDAV-style
servers do), otherwise file by file (a file the server already holds whole is not sent again). Copies are
verified by reading them back, `.received.json` is written, and the collection is MOVEd to its final name.
"""
from __future__ import annotations

import hashlib
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from .base import RECEIPT_NAME, DeliveryError, LocalPackage, PackageFile, Receipt, Target, parse_receipt

CHUNK = 4 * 1024 * 1024
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
PROPFIND_BODY = (b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
                 b"<d:getcontentlength/><d:resourcetype/></d:prop></d:propfind>")


class WebDavTarget(Target):
    scheme = "webdav"

    def __init__(self, address: str, password: str = "", chunk_size: int = CHUNK, timeout: float = 30.0,
                 verify_tls: bool = True, **kw: object) -> None:
        super().__init__(address, **kw)  # type: ignore[arg-type]
        parts = urllib.parse.urlsplit(address)
        scheme = "https" if parts.scheme.lower() == "webdavs" else "http"
        port = f":{parts.port}" if parts.port else ""
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.base = f"{scheme}://{parts.hostname}{port}{path}"
        self.base_path = path
        self.user = urllib.parse.unquote(parts.username or "")
        self.chunk_size = chunk_size
        auth = httpx.BasicAuth(self.user, password) if self.user else None
        self.client = httpx.Client(auth=auth, timeout=timeout, verify=verify_tls, follow_redirects=False)
        self.ranges: bool | None = None  # learnt once per target
        self._base_ready = False

    def display(self) -> str:
        parts = urllib.parse.urlsplit(self.url)
        user = f"{parts.username}@" if parts.username else ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{user}{parts.hostname}{port}{parts.path}"

    def close(self) -> None:
        self.client.close()

    # -- HTTP with the errors a clerk can act on ------------------------------------------------------------
    def _url(self, *names: str, collection: bool = False) -> str:
        return self.base + "/".join(urllib.parse.quote(n) for n in names) + ("/" if collection else "")

    def _call(self, method: str, url: str, ok: tuple[int, ...], **kw: Any) -> httpx.Response:
        try:
            response = self.client.request(method, url, **kw)
        except httpx.TransportError as exc:
            raise DeliveryError(f"Mất kết nối tới máy WebDAV ({type(exc).__name__}: {exc}).", retryable=True) \
                from exc
        if response.status_code in ok:
            return response
        raise self._refusal(method, response)

    def _refusal(self, method: str, response: httpx.Response) -> DeliveryError:
        code = response.status_code
        if code == 401:
            return DeliveryError(f"Máy WebDAV từ chối đăng nhập của «{self.user or '(không tên)'}»: sai tên "
                                 "hoặc mật khẩu. Hãy kiểm tra Cài đặt → Nơi nhận gói.")
        if code in (507, 413):
            return DeliveryError("Máy WebDAV đã hết dung lượng (hoặc hết hạn mức) nên không nhận hết gói; "
                                 "gói chưa được đánh dấu đã gửi. Hãy báo nơi nhận giải phóng chỗ rồi gửi lại.")
        if code in RETRY_STATUS:
            return DeliveryError(f"Máy WebDAV đang bận hoặc lỗi tạm thời (mã {code}).", retryable=True)
        if method == "MOVE":
            return DeliveryError(f"Máy WebDAV không cho đổi tên thư mục tạm thành tên gói (mã {code}); "
                                 "gói chưa được đánh dấu đã gửi.")
        if code == 403:
            return DeliveryError(f"Máy WebDAV không cho ghi vào {self.display()} (mã 403: không có quyền).")
        if code == 404:
            return DeliveryError(f"Không thấy thư mục {self.base_path} trên máy WebDAV (mã 404).")
        return DeliveryError(f"Máy WebDAV trả lời lỗi {code} cho lệnh {method}.")

    # -- the target interface ---------------------------------------------------------------------------
    def check(self) -> str:
        self._ensure_base()
        return f"Đăng nhập được và thư mục {self.display()} sẵn sàng."

    def _ensure_base(self) -> None:
        if self._base_ready:
            return
        found = self._call("PROPFIND", self.base, (207, 404), headers={"Depth": "0"}, content=PROPFIND_BODY)
        if found.status_code == 404:
            root = self.base[: len(self.base) - len(self.base_path)]
            walked = ""
            for segment in [s for s in self.base_path.split("/") if s]:
                walked += "/" + segment
                self._call("MKCOL", root + walked + "/", (201, 405, 301))
        self._base_ready = True

    def already_complete(self, package: LocalPackage) -> Receipt | None:
        found = self._call("GET", self._url(package.name, RECEIPT_NAME), (200, 404, 409))
        doc = parse_receipt(found.content if found.status_code == 200 else None, package)
        if doc is None:
            return None
        manifest = self._call("GET", self._url(package.name, "manifest.json"), (200, 404, 409))
        if manifest.status_code != 200 or hashlib.sha256(manifest.content).hexdigest() != package.manifest_sha256:
            return None
        return Receipt(self.display(), self.display() + package.name, package.manifest_sha256,
                       str(doc.get("received_at", "")), already_there=True)

    def resume(self, package: LocalPackage) -> dict[str, int]:
        self._ensure_base()
        temp = self._url(package.temp_name, collection=True)
        self._call("MKCOL", temp, (201, 405))
        listing = self._call("PROPFIND", temp, (207,), headers={"Depth": "1"}, content=PROPFIND_BODY)
        held = _sizes(listing.content)
        if self.ranges is None:
            self.ranges = self._probe_ranges(package)
        return held

    def _probe_ranges(self, package: LocalPackage) -> bool:
        """Does this server write a `Content-Range` PUT into the file (not refuse it, not replace the file)?"""
        probe = self._url(package.temp_name, ".range-probe")
        self._call("PUT", probe, (200, 201, 204), content=b"a")
        answer = self._call("PUT", probe, (200, 201, 204, 400, 403, 405, 409, 411, 415, 416, 501),
                            content=b"b", headers={"Content-Range": "bytes 1-1/2"})
        ok = answer.status_code in (200, 201, 204) and self._call("GET", probe, (200,)).content == b"ab"
        self._call("DELETE", probe, (200, 204, 404))
        return ok

    def put_file(self, package: LocalPackage, f: PackageFile, offset: int, progress: Callable[[int], None]
                 ) -> int:
        if offset == f.size and f.size > 0:
            return 0
        url = self._url(package.temp_name, f.name)
        path = package.folder / f.name
        if not self.ranges or f.size == 0:
            self._call("PUT", url, (200, 201, 204), content=_stream(path, 0, f.size, progress),
                       headers={"Content-Length": str(f.size), "Content-Type": "application/octet-stream"})
            return f.size
        sent = 0
        with path.open("rb") as fh:
            fh.seek(offset)
            while offset < f.size:
                chunk = fh.read(self.chunk_size)
                end = offset + len(chunk) - 1
                self._call("PUT", url, (200, 201, 204), content=chunk,
                           headers={"Content-Range": f"bytes {offset}-{end}/{f.size}",
                                    "Content-Type": "application/octet-stream"})
                offset, sent = end + 1, sent + len(chunk)
                progress(offset)
        return sent

    def remote_sha256(self, package: LocalPackage, f: PackageFile) -> str:
        digest = hashlib.sha256()
        try:
            with self.client.stream("GET", self._url(package.temp_name, f.name)) as response:
                if response.status_code != 200:
                    response.read()
                    raise self._refusal("GET", response)
                for block in response.iter_bytes(1024 * 1024):
                    digest.update(block)
        except httpx.TransportError as exc:
            raise DeliveryError(f"Mất kết nối khi đọc lại {f.name} để kiểm tra ({exc}).", retryable=True) from exc
        return digest.hexdigest()

    def discard_file(self, package: LocalPackage, f: PackageFile) -> None:
        self._call("DELETE", self._url(package.temp_name, f.name), (200, 204, 404))

    def write_receipt(self, package: LocalPackage, data: bytes) -> None:
        self._call("PUT", self._url(package.temp_name, RECEIPT_NAME), (200, 201, 204), content=data,
                   headers={"Content-Type": "application/json"})

    def commit(self, package: LocalPackage) -> str:
        final = self._url(package.name, collection=True)
        self._call("MOVE", self._url(package.temp_name, collection=True), (201, 204),
                   headers={"Destination": final, "Overwrite": "T"})
        return self.display().rstrip("/") + "/" + package.name


def _stream(path: Any, offset: int, size: int, progress: Callable[[int], None]) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        fh.seek(offset)
        done = offset
        while done < size:
            block = fh.read(min(1024 * 1024, size - done))
            if not block:
                break
            done += len(block)
            yield block
            progress(done)


def _sizes(multistatus: bytes) -> dict[str, int]:
    """name → size of the files in a Depth 1 PROPFIND answer (collections left out)."""
    sizes: dict[str, int] = {}
    try:
        root = ET.fromstring(multistatus)
    except ET.ParseError as exc:
        raise DeliveryError("Máy WebDAV trả lời danh sách tệp không đọc được (XML hỏng).", retryable=True) from exc
    for response in root.iter("{DAV:}response"):
        href = response.findtext("{DAV:}href") or ""
        if href.endswith("/") or response.find(".//{DAV:}resourcetype/{DAV:}collection") is not None:
            continue
        name = urllib.parse.unquote(href.rstrip("/").rsplit("/", 1)[-1])
        length = response.findtext(".//{DAV:}getcontentlength")
        if length and length.strip().isdigit():
            sizes[name] = int(length)
    return sizes
