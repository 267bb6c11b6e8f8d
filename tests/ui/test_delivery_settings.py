"""The admin chooses where packages go in the settings and tries the connection without freezing the window;
the outbox then retries in the background on its own schedule."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from hotich_desktop.core.export.targets.config import set_delivery_target
from hotich_desktop.ui.dialogs import SettingsDialog
from hotich_desktop.ui.main_window import MainWindow
from tests.conftest import settings_text
from tests.core.export.targets.conftest import assert_delivered, make_package, queue_package
from tests.core.export.targets.servers import PASSWORD, DavServer


def test_settings_dialog_keeps_the_password_out_of_the_settings(qtbot, sqlite_service, tmp_path: Path) -> None:
    svc = sqlite_service
    tried: list[tuple[str, str | None]] = []

    def tester(address: str, password: str | None, show) -> None:  # noqa: ANN001
        tried.append((address, password))
        show("ok")

    prefs = QSettings(str(tmp_path / "prefs.ini"), QSettings.IniFormat)
    dialog = SettingsDialog(svc.settings.get(), prefs, None, tester)
    qtbot.addWidget(dialog)
    dialog.upload_url.setText(" sftp://can-bo@huyen.local/nhan ")
    dialog.upload_token.setText("bi-mat")
    dialog._try_target(tester)
    assert tried == [("sftp://can-bo@huyen.local/nhan", "bi-mat")] and dialog.target_result.text() == "ok"
    dialog.folder.setText(str(tmp_path / "may-quet"))
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    svc.settings.update(admin, dialog.changes(), dialog.settings)
    assert "bi-mat" not in settings_text(svc)
    assert svc.settings.get().watch_folders == [str(tmp_path / "may-quet")]
    assert dialog.target_choice() == ("sftp://can-bo@huyen.local/nhan", "bi-mat")
    locked = SettingsDialog(svc.settings.get(), prefs, None, None, may_set_target=False, may_change_office=False)
    qtbot.addWidget(locked)
    assert not locked.upload_url.isEnabled() and not locked.upload_token.isEnabled()
    assert not locked.office_name.isEnabled() and locked.folder.isEnabled()


def test_window_tries_the_target_and_delivers_waiting_packages(qtbot, sqlite_service, tmp_path: Path) -> None:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    server = DavServer(tmp_path / "dav")
    win = MainWindow(svc, admin)
    qtbot.addWidget(win)
    try:
        answers: list[str] = []
        win.try_target(server.url(), "sai", answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=20000)
        assert "sai tên hoặc mật khẩu" in answers[0]
        set_delivery_target(svc, admin, server.url(), PASSWORD)
        folder = make_package(tmp_path / "outbox")
        package_id = queue_package(svc, admin, folder)
        win.outbox_tick()
        qtbot.waitUntil(lambda: not win.uploading and win.busy == 0, timeout=30000)
        assert_delivered(server.root / "so-ho-tich" / folder.name, folder)
        assert win.outbox_label.text() == "" and win.retry_schedule.due(package_id)
    finally:
        win.close()
        server.stop()
