"""Data at rest (issue 20, third failure: a stolen laptop exposed a 0644 database and clear files)."""
from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from hotich_desktop.core.service import Service
from hotich_desktop.core.workspace import PERMS_MARK, Workspace
from tests.conftest import make_entries
from tests.core.test_review import person

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_workspace_is_private_to_its_user(tmp_path: Path) -> None:
    svc = Service.open(tmp_path / "ws")
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    (entry_id,) = make_entries(svc, clerk, 1)
    svc.save_record(clerk, entry_id, person(1))
    svc.settings.save(svc.workspace.settings_path)
    (svc.workspace.pdfs / "sach-1").mkdir()
    (svc.workspace.pdfs / "sach-1" / "KS.1992.01.1.Lo-Van-Tinh.Nam.A4.pdf").write_bytes(b"%PDF-1.4")
    root = svc.workspace.root
    for path in [root, *root.rglob("*")]:
        if path.is_dir():
            assert _mode(path) == 0o700, path
        else:
            assert _mode(path) == 0o600, path
    assert (root / "hotich.sqlite3").exists()
    svc.close()


def test_an_older_workspace_is_made_private_once(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "pdf" / "sach-1").mkdir(parents=True)
    old = root / "pdf" / "sach-1" / "KS.1992.01.1.Lo-Van-Tinh.pdf"
    old.write_bytes(b"%PDF-1.4")
    for path, mode in ((old, 0o644), (old.parent, 0o755), (root / "pdf", 0o755), (root, 0o755)):
        os.chmod(path, mode)
    Workspace(root, f"sqlite:///{root / 'hotich.sqlite3'}").ensure()
    assert _mode(old) == 0o600 and _mode(old.parent) == 0o700 and _mode(root) == 0o700
    assert (root / PERMS_MARK).exists()


def test_nothing_personal_in_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    svc = Service.open(tmp_path / "ws")
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    boss = svc.create_user(admin, "kiemtra", "matkhau-kiemtra", "supervisor")
    (entry_id,) = make_entries(svc, clerk, 1)
    svc.save_record(clerk, entry_id, person(1), submit=True)
    svc.review.approve(boss, entry_id, svc.entries.info(entry_id).version)
    os.environ.pop("HOTICH_BACKUP_PASSPHRASE", None)
    svc.backup(admin, tmp_path / "usb", "mat-khau-van-phong-xa")
    svc.close()
    text = caplog.text
    for secret in ("Lò Văn Tính", "Lò Thị Ỏn", "matkhau", "mat-khau-van-phong-xa", "02/05/1992"):
        assert secret not in text
