"""Signing in from the command line: --user LOGIN, password from HOTICH_PASSWORD or a prompt.

Every command that reads or changes personal data signs in as a real user; passwords never appear on the
command line (`ps` shows it to everyone on the machine), neither the user's nor the database's.
"""
from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from ..core.errors import BadInput, PermissionDenied
from ..core.roles import Actor, Role

if TYPE_CHECKING:  # the store's modules load only for the commands that open it: `hotich ocr` starts faster
    from ..core.service import Service

# An in-process caller (tests, tools) that has no user; the `hotich` commands never use it.
SYSTEM_ACTOR = Actor(0, "system", Role.CLERK)


def password(env: str = "HOTICH_PASSWORD", prompt: str = "Mật khẩu: ") -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise PermissionDenied(f"Cần mật khẩu: đặt biến môi trường {env} hoặc chạy trong cửa sổ dòng lệnh.")


def actor(service: Service, login: str | None, required: bool = True) -> Actor | None:
    if not login:
        if required:
            raise PermissionDenied("Lệnh này đọc hoặc sửa dữ liệu công dân nên cần đăng nhập: "
                                   "--user TÊN_ĐĂNG_NHẬP (mật khẩu từ HOTICH_PASSWORD hoặc gõ khi được hỏi).")
        return None
    return service.users.login(login, password())


def signed_in(service: Service, login: str | None, action: str) -> Actor:
    """Signs in and checks the role may do `action` (the refusal is recorded in the audit trail)."""
    who = actor(service, login)
    assert who is not None
    return service.require(who, action)


def db_url_from_args(url: str | None, ask_password: bool) -> str | None:
    """Refuses a password inside --db-url; the password comes from PGPASSFILE (~/.pgpass), PGPASSWORD or
    HOTICH_DB_URL in the environment, or a prompt (--ask-db-password)."""
    if not url:
        return url
    from ..core.store.db import url_parts, with_password  # SQLAlchemy loads only when an address is given

    parts = url_parts(url)
    if parts is None:
        return url  # the store explains a malformed address
    user, host, has_password = parts
    if has_password:
        raise BadInput("Không ghi mật khẩu trong --db-url (ai trên máy cũng thấy được qua danh sách tiến trình). "
                       "Hãy dùng tệp mật khẩu PGPASSFILE (~/.pgpass), biến môi trường PGPASSWORD hoặc "
                       "HOTICH_DB_URL, hoặc thêm --ask-db-password để gõ mật khẩu.")
    if ask_password:
        secret = getpass.getpass(f"Mật khẩu cơ sở dữ liệu cho {user}@{host}: ")
        return with_password(url, secret)
    return url


def backup_passphrase(confirm: bool = False) -> str:
    """The office's backup passphrase: HOTICH_BACKUP_PASSPHRASE or a prompt, never a command-line argument."""
    value = os.environ.get("HOTICH_BACKUP_PASSPHRASE")
    if value is not None:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        raise PermissionDenied("Cần mật khẩu sao lưu: đặt biến môi trường HOTICH_BACKUP_PASSPHRASE "
                               "hoặc chạy trong cửa sổ dòng lệnh.")
    value = getpass.getpass("Mật khẩu sao lưu của cơ quan: ")
    if confirm and getpass.getpass("Nhập lại mật khẩu sao lưu: ") != value:
        raise PermissionDenied("Hai lần nhập mật khẩu sao lưu không giống nhau.")
    return value


def office_passphrase(confirm: bool = False) -> str:
    """The office's passphrase that opens an encrypted store: HOTICH_PASSPHRASE (or the backup one, the same
    secret), else a prompt; never a command-line argument."""
    for env in ("HOTICH_PASSPHRASE", "HOTICH_BACKUP_PASSPHRASE"):
        value = os.environ.get(env)
        if value is not None:
            return value
    if sys.stdin is None or not sys.stdin.isatty():
        raise PermissionDenied("Cơ sở dữ liệu được mã hóa: đặt biến môi trường HOTICH_PASSPHRASE (mật khẩu của "
                               "cơ quan) hoặc chạy trong cửa sổ dòng lệnh để gõ mật khẩu.")
    value = getpass.getpass("Mật khẩu của cơ quan: ")
    if confirm and getpass.getpass("Nhập lại mật khẩu của cơ quan: ") != value:
        raise PermissionDenied("Hai lần nhập mật khẩu không giống nhau.")
    return value


def unlock_store(data_dir: str | None, db_url: str | None) -> None:
    """An encrypted SQLite store (SQLCipher) is opened with the office's passphrase before any command runs;
    a clear store or a PostgreSQL address asks for nothing."""
    from pathlib import Path

    from ..core.store import cipher
    from ..core.workspace import Workspace

    url = Workspace.resolve(data_dir, db_url).db_url
    if not url.startswith("sqlite:///"):
        return
    path = Path(url[len("sqlite:///"):])
    if cipher.is_encrypted(path):
        cipher.unlock(path, office_passphrase())
