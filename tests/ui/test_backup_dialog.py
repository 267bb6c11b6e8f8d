"""Quản trị → Sao lưu hằng ngày: the admin sets folder, keep, hour and the passphrase (kept as a public key)."""
from __future__ import annotations

from pathlib import Path

from hotich_desktop.ui.backup_dialog import BackupDialog
from tests.conftest import settings_text


def test_admin_sets_the_daily_backup_and_its_passphrase(qtbot, sqlite_service, tmp_path: Path) -> None:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau1", "clerk")
    dialog = BackupDialog(svc, admin)
    qtbot.addWidget(dialog)
    assert "CHƯA ĐẶT" in dialog.key_state.text()
    dialog.folder.setText(str(tmp_path / "usb"))
    dialog.keep.setValue(5)
    dialog.hour.setValue(16)
    dialog.passphrase.setText("mat-khau-van-phong-xa")
    dialog.again.setText("mat-khau-van-phong-khac")
    dialog.accept()
    assert "không giống nhau" in dialog.error.text() and not svc.settings.get().backup_key
    dialog.again.setText("mat-khau-van-phong-xa")
    dialog.accept()
    settings = svc.settings.get()
    assert (settings.backup_folder, settings.backup_keep, settings.backup_hour) == (str(tmp_path / "usb"), 5, 16)
    assert settings.backup_key and "mat-khau" not in settings_text(svc)
    assert svc.backups.due()
    as_clerk = BackupDialog(svc, clerk)
    qtbot.addWidget(as_clerk)
    as_clerk.folder.setText(str(tmp_path / "khac"))
    as_clerk.accept()
    assert as_clerk.error.text() and svc.settings.get().backup_folder == str(tmp_path / "usb")
