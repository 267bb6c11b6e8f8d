"""Passwords for delivery targets, never in settings.json or on a command line.

Looked up in order: the environment (HOTICH_DELIVERY_PASSWORD), then the workspace's encrypted store.
The `keyring` package has no usable backend on a headless Linux desk (no Secret Service), so the store is
a file readable only by its owner (0600), encrypted with Fernet (AES-128-CBC + HMAC) under a key kept in a
second 0600 file of the workspace. It keeps passwords out of clear text in settings, backups of the
settings and screenshots; it does not protect against someone who can read the whole workspace folder.
"""
from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from ... import atomic
from ...errors import HotichError

ENV = "HOTICH_DELIVERY_PASSWORD"
KEY_FILE = "delivery.key"
STORE_FILE = "delivery-credentials.bin"


def credential_key(url: str) -> str:
    """scheme://user@host:port — a password belongs to an account on a server, not to one folder."""
    parts = urllib.parse.urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    user = f"{urllib.parse.unquote(parts.username)}@" if parts.username else ""
    return f"{parts.scheme}://{user}{(parts.hostname or '').lower()}{port}"


def _write_private(path: Path, data: bytes) -> None:
    atomic.write_bytes(path, data)
    os.chmod(path, 0o600)


def _fernet(root: Path) -> Fernet:
    key_path = root / KEY_FILE
    if not key_path.exists():
        root.mkdir(parents=True, exist_ok=True)
        _write_private(key_path, Fernet.generate_key())
    return Fernet(key_path.read_bytes().strip())


def _load(root: Path) -> dict[str, str]:
    path = root / STORE_FILE
    if not path.exists():
        return {}
    try:
        return dict(json.loads(_fernet(root).decrypt(path.read_bytes())))
    except (InvalidToken, ValueError, TypeError) as exc:
        raise HotichError("Không đọc được kho mật khẩu gửi gói (tệp khóa đã đổi hoặc tệp hỏng); "
                          "hãy nhập lại mật khẩu nơi nhận trong Cài đặt.") from exc


def store_password(root: Path, url: str, password: str) -> None:
    """Remembers (or with an empty password forgets) the password for the account in `url`."""
    saved = _load(root)
    key = credential_key(url)
    if password:
        saved[key] = password
    else:
        saved.pop(key, None)
    _write_private(root / STORE_FILE, _fernet(root).encrypt(json.dumps(saved).encode()))


def stored_password(root: Path, url: str) -> str | None:
    return _load(root).get(credential_key(url))


def password_for(root: Path | None, url: str) -> str | None:
    """The environment first (scripts, tests), then the workspace's store; None when nobody gave one."""
    env = os.environ.get(ENV)
    if env:
        return env
    return stored_password(root, url) if root is not None else None
