"""The window asks the office's passphrase for an encrypted store, says plainly when it is wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from hotich_desktop.core.service import Service
from hotich_desktop.core.store import cipher
from hotich_desktop.core.workspace import Workspace
from hotich_desktop.ui.unlock import unlock

pytestmark = pytest.mark.skipif(not cipher.available(), reason="sqlcipher3 not installed")
PASS = "mat-khau-van-phong-xa"


def test_the_window_asks_again_after_a_wrong_passphrase_and_opens_with_the_right_one(qtbot, tmp_path: Path) -> None:
    ws = Workspace.resolve(tmp_path / "ws")
    svc = Service(ws)
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    svc.backups.encrypt_store(admin, PASS)
    svc.close()
    db = tmp_path / "ws" / "hotich.sqlite3"
    cipher.forget(db)
    labels: list[str] = []
    answers = iter([("khong-phai-mat-khau", True), (PASS, True)])

    def ask(_parent, _title, label, _echo):  # noqa: ANN001, ANN202
        labels.append(label)
        return next(answers)

    assert unlock(ws, ask=ask)
    assert "Sai mật khẩu của cơ quan" in labels[1] and "Sai" not in labels[0]
    again = Service(ws)
    assert again.users.has_users()
    again.close()
    cipher.forget(db)
    assert not unlock(ws, ask=lambda *_: ("", False))  # Cancel: the app closes, nothing opened
    assert unlock(Workspace.resolve(tmp_path / "clear"))  # a clear store asks nothing
