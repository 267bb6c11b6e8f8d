"""First start: office, administrator, scanner folder and first clerk, passwords typed twice."""
from __future__ import annotations

from pathlib import Path

from hotich_desktop.core.service import Service
from hotich_desktop.core.workspace import Workspace
from hotich_desktop.ui.first_run import FirstRunWizard


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
    assert wizard.clerk.validatePage() and not wizard.clerk.wanted()  # the clerk may come later
    wizard.clerk.login.setText("lan")
    wizard.clerk.full_name.setText("Lò Thị Lan")
    wizard.clerk.password.setText("matkhau-lan")
    wizard.clerk.again.setText("matkhau-lan")
    assert wizard.clerk.validatePage()
    wizard.accept()

    assert wizard.actor is not None and wizard.actor.login == "quantri"
    settings = svc.settings
    assert (settings.office_code, settings.office_name) == ("17707", "UBND xã Châu Quang")
    assert settings.watch_folders == [str(tmp_path / "may-quet")]
    assert {(u["login"], u["role"], u["full_name"]) for u in svc.users()} == {
        ("quantri", "admin", "Lê Văn Quản"), ("lan", "clerk", "Lò Thị Lan")}
    assert svc.login("lan", "matkhau-lan").role.value == "clerk"
    svc.close()
