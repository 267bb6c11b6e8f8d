"""Signing in from the command line: --user LOGIN, password from HOTICH_PASSWORD or a prompt."""
from __future__ import annotations

import getpass
import os
import sys

from ..core.errors import PermissionDenied
from ..core.roles import Actor, Role
from ..core.service import Service

# Background work a script starts without --user (ingest, process) runs as the workstation itself.
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
            raise PermissionDenied("Lệnh này cần --user TÊN_ĐĂNG_NHẬP.")
        return None
    return service.login(login, password())
