"""First start: office, administrator, scanner folder and first clerk, passwords typed twice."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from hotich_desktop.core.service import Service
from hotich_desktop.core.store import cipher
from hotich_desktop.core.workspace import Workspace
from hotich_desktop.ui.first_run import FirstRunWizard
from tests.conftest import settings_text


def test_first_run_wizard_sets_up_the_office_and_two_accounts(qtbot, tmp_path: Path) -> None:
    svc = Service(Workspace.resolve(tmp_path / "ws", f"sqlite:///{tmp_path / 'ws' / 'h.sqlite3'}"))
    wizard = FirstRunWizard(svc)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.office.validatePage()  # nothing typed: refused, and said why
    wizard.office.name.setText("UBND xã Châu Quang")
    wizard.office.code.setText("xa-Demo")
    assert not wizard.office.validatePage() and "mã mẫu" in wizard.office.error.text()
    wizard.office.code.setText("17707")
    assert wizard.office.validatePage()

    wizard.admin.full_name.setText("Lê Văn Quản")
    wizard.admin.password.setText("matkhau-1")
    wizard.admin.again.setText("matkhau-2")
    assert not wizard.admin.validatePage() and "không giống" in wizard.admin.error.text()
    wizard.admin.again.setText("matkhau-1")
    assert wizard.admin.validatePage()
    wizard.scanner.folder.setText(str(tmp_path / "may-quet"))
    assert not wizard.scanner.validatePage() and "may-quet" in wizard.scanner.error.text()  # mistyped: said
    (tmp_path / "may-quet").mkdir()
    assert wizard.scanner.validatePage()
    assert wizard.clerk.validatePage() and not wizard.clerk.wanted()  # the clerk may come later
    wizard.clerk.login.setText("lan")
    wizard.clerk.full_name.setText("Lò Thị Lan")
    wizard.clerk.password.setText("matkhau-lan")
    wizard.clerk.again.setText("matkhau-lan")
    assert wizard.clerk.validatePage()
    page = wizard.protection  # data at rest said plainly; the backup passphrase set here or later
    assert any("BitLocker" in label.text() and "LUKS" in label.text() for label in page.findChildren(QLabel))
    page.passphrase.setText("ngan")
    page.again.setText("ngan")
    assert not page.validatePage()
    page.passphrase.setText("mat-khau-sao-luu-xa")
    page.again.setText("mat-khau-sao-luu-xa")
    page.folder.setText(str(tmp_path / "usb"))
    assert page.validatePage()
    wizard.accept()

    assert wizard.actor is not None and wizard.actor.login == "quantri"
    settings = svc.settings.get()
    assert (settings.office_code, settings.office_name) == ("17707", "UBND xã Châu Quang")
    assert settings.watch_folders == [str(tmp_path / "may-quet")]
    assert {(u["login"], u["role"], u["full_name"]) for u in svc.users.list(wizard.actor)} == {
        ("quantri", "admin", "Lê Văn Quản"), ("lan", "clerk", "Lò Thị Lan")}
    assert svc.users.login("lan", "matkhau-lan").role.value == "clerk"
    assert settings.backup_key and settings.backup_folder == str(tmp_path / "usb")
    assert "mat-khau-sao-luu" not in settings_text(svc)
    # With the SQLCipher wheel the store itself is encrypted with that passphrase (ticked by default).
    assert page.encrypt.isChecked() == cipher.available()
    assert cipher.is_encrypted(tmp_path / "ws" / "h.sqlite3") == cipher.available()
    assert svc.users.login("lan", "matkhau-lan")  # the open window goes on with the key
    svc.close()
