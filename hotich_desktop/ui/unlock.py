"""At start, an encrypted store (SQLCipher) is opened with the office's passphrase typed in a small dialog.

Asked before the store is opened (the sign-in needs it); a wrong passphrase is said plainly and asked again,
Cancel closes the app without touching anything.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..core.errors import HotichError
from ..core.store import cipher
from ..core.workspace import Workspace

Ask = Callable[[QWidget | None, str, str, QLineEdit.EchoMode], tuple[str, bool]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnlockStore", text)


def store_file(ws: Workspace) -> Path | None:
    prefix = "sqlite:///"
    return Path(ws.db_url[len(prefix):]) if ws.db_url.startswith(prefix) else None


def unlock(ws: Workspace, parent: QWidget | None = None, ask: Ask | None = None) -> bool:
    """True once the store can be opened (clear, or unlocked here); False when the clerk cancels.

    A store that is encrypted on a desk without the SQLCipher wheel raises the core's plain message."""
    path = store_file(ws)
    if path is None or not cipher.is_encrypted(path):
        return True
    if not cipher.available():
        cipher.pragma_key(path)  # raises the core's message: missing wheel, encrypt the disk
    ask = ask or (lambda p, title, label, echo: QInputDialog.getText(p, title, label, echo))
    prompt = _tr("Cơ sở dữ liệu của máy này được mã hóa. Nhập mật khẩu của cơ quan để mở:")
    label = prompt
    while True:
        text, ok = ask(parent, _tr("Mở cơ sở dữ liệu"), label, QLineEdit.Password)
        if not ok:
            return False
        try:
            cipher.unlock(path, text)
            return True
        except HotichError as exc:
            label = f"{exc.message}\n\n{prompt}"
