"""Delivery targets chosen by address: a folder (plain path, `folder:`, UNC), `webdav(s)://`, `sftp://`,
and `http(s)://` for our own upload protocol. An unknown scheme is an error, never a local folder."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from ...errors import BadInput
from .base import DeliveryError, LocalPackage, Receipt, RetryPolicy, Target

__all__ = ["DeliveryError", "LocalPackage", "Receipt", "RetryPolicy", "Target", "open_target", "needs_password"]

SCHEMES = "một thư mục (đường dẫn, folder:… hoặc \\\\máy\\thư-mục), webdav://, webdavs://, sftp://, http://, https://"
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def folder_path(address: str) -> Path | None:
    """The folder an address names, or None when it names a network target."""
    if address.startswith("folder:"):
        rest = address[len("folder:"):]
        return Path(urllib.parse.unquote(rest[2:]) if rest.startswith("//") else rest)
    if address.startswith(("\\\\", "//")) or _DRIVE.match(address):
        return Path(address)
    if "://" not in address and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", address):
        return Path(address)
    return None


def needs_password(address: str) -> bool:
    parts = urllib.parse.urlsplit(address)
    return folder_path(address) is None and parts.scheme in ("webdav", "webdavs", "sftp") and bool(parts.username)


def open_target(address: str, password: str | None = None, policy: RetryPolicy | None = None,
                workspace_root: Path | None = None, **options: object) -> Target:
    """The target for an address; `password` (else the environment or the workspace's store) signs in."""
    address = (address or "").strip()
    if not address:
        raise BadInput("Chưa cài nơi nhận gói (Cài đặt → Nơi nhận gói).")
    kw = {"policy": policy} if policy else {}
    folder = folder_path(address)
    if folder is not None:
        from .folder import FolderTarget

        return FolderTarget(folder.expanduser(), **kw, **options)  # type: ignore[arg-type]
    parts = urllib.parse.urlsplit(address)
    scheme = parts.scheme.lower()
    if scheme not in ("webdav", "webdavs", "sftp", "http", "https"):
        raise BadInput(f"Không hiểu kiểu nơi nhận «{parts.scheme}:» trong «{address}». Dùng {SCHEMES}.")
    if not parts.hostname:
        raise BadInput(f"Địa chỉ nơi nhận «{address}» thiếu tên máy chủ.")
    if parts.password:
        raise BadInput("Không ghi mật khẩu trong địa chỉ nơi nhận: hãy nhập mật khẩu trong Cài đặt "
                       "(được lưu mã hóa) hoặc đặt biến môi trường HOTICH_DELIVERY_PASSWORD.")
    if password is None:
        from .credentials import password_for

        password = password_for(workspace_root, address)
    if scheme in ("webdav", "webdavs"):
        from .webdav import WebDavTarget

        return WebDavTarget(address, password or "", **kw, **options)  # type: ignore[arg-type]
    if scheme == "sftp":
        from .sftp import SftpTarget

        return SftpTarget(address, password or "", known_hosts=workspace_root, **kw, **options)  # type: ignore[arg-type]
    from ..upload import UploadTarget
    from .http import HttpTarget

    return HttpTarget(UploadTarget(address, password or "", **options), **kw)  # type: ignore[arg-type]
