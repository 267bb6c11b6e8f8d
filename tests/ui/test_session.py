"""Another person signs in at the same desk; a partial book is not exported without a question."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from hotich_desktop.core.review.book import book_progress
from hotich_desktop.ui import dialogs
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.main_window import MainWindow
from tests.ui.synthetic import book_with_entries

RECORD = {"so": "1", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh", "gioi_tinh": "Nữ",
          "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Kinh"}


def _desk(tmp_path: Path):
    svc, clerk, _ = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.watch_folders, settings.ocr_enabled = [], False
    settings.save(svc.workspace.settings_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    return svc, clerk, ids


def test_switch_user_keeps_the_edit_and_opens_the_other_role(qtbot, tmp_path: Path, monkeypatch) -> None:
    svc, clerk, ids = _desk(tmp_path)
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and win.current == 0, timeout=30000)
    win.form.rows["so"].edit.setText("5")

    def sign_in_as_supervisor(dialog) -> int:  # noqa: ANN001
        dialog.login.setText("kiemtra")
        dialog.password.setText("kiemtra123")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialogs.LoginDialog, "exec", sign_in_as_supervisor)
    win.switch_user()
    successor = QApplication.instance().main_window
    qtbot.addWidget(successor)
    assert successor.actor.login == "kiemtra" and not win.isVisible()
    assert svc.entries.info(ids[0]).fields == {"so": "5"}  # saved before the clerk left
    with svc.store.session() as s:
        actions = list(s.execute(text("SELECT user_login || ':' || action FROM audit_events ORDER BY id")).scalars())
    assert actions[-2:] == ["kiemtra:login", "canbo:logout"]
    successor.close()
    svc.close()


def test_partial_book_export_asks_first(qtbot, tmp_path: Path, monkeypatch) -> None:
    svc, clerk, ids = _desk(tmp_path)
    svc.save_record(clerk, ids[0], RECORD, submit=True)
    boss = svc.users.login("kiemtra", "kiemtra123")
    svc.review.approve(boss, ids[0])
    progress = book_progress(svc, svc.books.list(boss)[0].id)
    assert (progress.entries, progress.approved) == (3, 1)
    assert "2 trong 3 mục chưa được phê duyệt" in progress.warning()

    win = MainWindow(svc, boss)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.busy == 0 and win.book is not None, timeout=30000)  # the books are read on the pool
    win.open_outbox()
    asked = []

    def later(box) -> int:  # noqa: ANN001
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "Để sau").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", later)
    win.outbox.export_current()  # the book's progress is read in a worker, then the question is asked
    qtbot.waitUntil(lambda: win.busy == 0 and bool(asked), timeout=30000)
    assert "chưa được phê duyệt" in asked[0]
    win.outbox.refresh()
    qtbot.waitUntil(lambda: win.busy == 0 and win.outbox.loaded, timeout=30000)
    assert win.outbox.table.rowCount() == 0  # nothing exported
    win.close()
    svc.close()


def test_search_dialog_finds_and_opens_a_record(qtbot, tmp_path: Path) -> None:
    svc, clerk, ids = _desk(tmp_path)
    svc.save_record(clerk, ids[2], dict(RECORD, so="9", ho_ten="Lò Văn Páo", gioi_tinh="Nam"))
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and win.current == 0, timeout=30000)
    win.open_search()
    dialog = win.search_dialog
    dialog.query.setText("lo van")
    dialog.run()  # on the query pool
    qtbot.waitUntil(lambda: dialog.searched == "lo van", timeout=30000)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "Lò Văn Páo"
    dialog._open(0)
    qtbot.waitUntil(lambda: win.busy == 0 and win.entries[win.current].id == ids[2], timeout=30000)
    dialog.query.setText("không ai")
    dialog.run()
    qtbot.waitUntil(lambda: dialog.searched == "không ai", timeout=30000)
    assert dialog.table.rowCount() == 0 and "Không tìm thấy" in dialog.summary.text()
    win.close()
    svc.close()
