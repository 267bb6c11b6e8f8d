"""The admin chooses a province's 158 template in the window: the check report first, then use it."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from hotich_desktop.core.export.template import SHEET
from hotich_desktop.ui.template_dialog import TemplateDialog
from tests.core.export.books158 import province_template


def test_admin_checks_and_uses_a_province_template(qtbot, sqlite_service, tmp_path: Path) -> None:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau1", "clerk")
    dialog = TemplateDialog(svc, admin)
    qtbot.addWidget(dialog)
    dialog.book_type.setCurrentIndex(dialog.book_type.findData("khai_tu"))
    assert "mẫu mặc định" in dialog.current.text() and "nktHoTen" in dialog.report.toPlainText()
    bad = province_template("khai_tu", tmp_path / "sai.xlsx")
    wb = load_workbook(bad)
    wb[SHEET]["C1"] = "quyenSoo"
    wb.save(bad)
    dialog.choose(bad)
    assert "cột C" in dialog.report.toPlainText() and not dialog.use.isEnabled()
    good = province_template("khai_tu", tmp_path / "tinh.xlsx")
    dialog.choose(good)
    assert "3 dòng mẫu" in dialog.report.toPlainText() and dialog.use.isEnabled()
    dialog.use.click()  # through the write queue
    qtbot.waitUntil(lambda: "tinh.xlsx" in dialog.message.text(), timeout=20000)
    assert Path(svc.settings.get().templates["khai_tu"]).is_file()
    dialog.default.click()
    qtbot.waitUntil(lambda: "mặc định" in dialog.message.text(), timeout=20000)
    assert "khai_tu" not in svc.settings.get().templates

    as_clerk = TemplateDialog(svc, clerk)
    qtbot.addWidget(as_clerk)
    as_clerk.choose(good)
    assert not as_clerk.use.isEnabled() and not as_clerk.default.isEnabled()
