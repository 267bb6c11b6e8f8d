"""Our own resumable HTTP protocol (see ..upload) behind the target interface.

The receiving server keeps the upload state and the receipt itself, so the temporary-name steps of the
other targets live on the server side; this adapter maps `send`/`already_complete` onto the protocol.
"""
from __future__ import annotations

from collections.abc import Callable

from ...errors import HotichError
from ..upload import UploadError, UploadTarget, _Client, upload_package
from .base import DeliveryError, LocalPackage, PackageFile, Progress, Receipt, Target, now_text


class HttpTarget(Target):
    scheme = "http"

    def __init__(self, upload: UploadTarget, **kw: object) -> None:
        super().__init__(upload.url, **kw)  # type: ignore[arg-type]
        self.upload = upload

    def check(self) -> str:
        try:
            _Client(self.upload, self.sleep).call("GET", "packages/" + "0" * 64, ok=(200, 404))
        except HotichError as exc:
            raise DeliveryError(exc.message) from exc
        return f"Máy chủ nhận {self.url} trả lời."

    def already_complete(self, package: LocalPackage) -> Receipt | None:
        answer = _Client(self.upload, self.sleep).call("GET", f"packages/{package.manifest_sha256}", ok=(200, 404))
        if answer.status != 200:
            return None
        return Receipt(self.url, self.url, package.manifest_sha256, now_text(), already_there=True,
                       server_receipt=str(answer.body.get("receipt", package.manifest_sha256)))

    def send(self, package: LocalPackage, progress: Progress | None = None) -> Receipt:
        """The protocol client already resumes and retries; its failures keep their meaning."""
        try:
            receipt = upload_package(package.folder, self.upload, progress, self.sleep)
        except UploadError as exc:
            raise DeliveryError(exc.message, retryable=exc.retryable) from exc
        except HotichError as exc:
            raise DeliveryError(exc.message) from exc
        return Receipt(self.url, self.url, package.manifest_sha256, now_text(), package.total,
                       server_receipt=receipt)

    # The storage steps are the server's business in this protocol.
    def resume(self, package: LocalPackage) -> dict[str, int]:  # pragma: no cover - send is overridden
        raise NotImplementedError

    def put_file(self, package: LocalPackage, f: PackageFile, offset: int, progress: Callable[[int], None]
                 ) -> int:  # pragma: no cover
        raise NotImplementedError

    def remote_sha256(self, package: LocalPackage, f: PackageFile) -> str:  # pragma: no cover
        raise NotImplementedError

    def discard_file(self, package: LocalPackage, f: PackageFile) -> None:  # pragma: no cover
        raise NotImplementedError

    def write_receipt(self, package: LocalPackage, data: bytes) -> None:  # pragma: no cover
        raise NotImplementedError

    def commit(self, package: LocalPackage) -> str:  # pragma: no cover
        raise NotImplementedError
