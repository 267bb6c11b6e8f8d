"""A supervisor at the window: the review queue, batch approval, the outbox with export and upload,
the daily report, and the admin's user list."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.core.entries.processing import process_book
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.main_window import MainWindow
from hotich_desktop.ui.report_dialog import ReportDialog
from hotich_desktop.ui.users_dialog import UsersDialog
from tests.conftest import ledger_pages, set_office
from tests.core.export.upload_server import UploadServer

RECORDS = [
    {"so": "1", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh", "gioi_tinh": "Nữ",
     "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Xinh Mun"},
    {"so": "2", "ngay_dang_ky": "24/09/1998", "ho_ten": "Đặng Thị Ỉn", "gioi_tinh": "Nam",
     "ngay_sinh": "06/1998", "noi_sinh": "Bệnh viện huyện Sìn Hồ", "dan_toc": "Mông"},
]


def entered_book(tmp_path: Path):
    svc, clerk, _ = make_demo(tmp_path)
    scans = tmp_path / "in"
    scans.mkdir()
    shutil.copy(ledger_pages()[0], scans)
    os.utime(next(scans.iterdir()), (1, 1))  # long finished writing
    book = svc.books.open(clerk, "khai_sinh", 1998, "1").value
    ingest_folder(svc, clerk, book.id, scans)
    entries = process_book(svc, clerk, book.id, ocr=False)
    for entry, fields in zip(entries, RECORDS):
        svc.save_record(clerk, entry.id, fields, submit=True)
    return svc, clerk, book, entries


def test_supervisor_reviews_in_the_queue_then_exports_and_uploads(qtbot, tmp_path: Path, ledgers: Path) -> None:
    svc, clerk, book, entries = entered_book(tmp_path)
    boss = svc.users.login("kiemtra", "kiemtra123")
    win = MainWindow(svc, boss)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 4, timeout=30000)

    qtbot.keyClick(win, Qt.Key_F8)
    panel = win.review_dock.widget()
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)  # the queue is read in the background
    assert [r.entry_id for r in panel.rows] == [entries[0].id, entries[1].id]
    flagged = panel.rows[1]
    assert not flagged.clean and "Thị" in panel.table.item(1, 6).text()  # shown beside the entry

    panel.table.selectRow(1)
    panel._open(1)  # what Enter / double-click does
    qtbot.waitUntil(lambda: win.busy == 0 and 0 <= win.current < len(win.entries)
                    and win.entries[win.current].id == flagged.entry_id, timeout=20000)

    panel.approve_all_clean()
    qtbot.waitUntil(lambda: svc.entries.info(entries[0].id).status == "approved" and win.busy == 0 and panel.loaded,
                    timeout=20000)
    assert svc.entries.info(entries[1].id).status == "submitted"  # the flagged one waits for a look
    assert "Đã duyệt 1 mục" in panel.summary.text()

    win.open_outbox()
    outbox = win.outbox
    outbox.export_current(confirm=False)  # the partial-book question has its own test
    qtbot.waitUntil(lambda: outbox.table.rowCount() == 1 and win.busy == 0, timeout=30000)
    assert "1 gói chờ gửi" in win.outbox_label.text()

    server = UploadServer(tmp_path / "server")
    set_office(svc, upload_url=server.url)
    settings = svc.settings.get()
    settings.upload_token = server.token
    settings.save(svc.workspace.settings_path)
    win.outbox_tick()  # what the timer does every two minutes
    qtbot.waitUntil(lambda: not win.uploading and win.busy == 0, timeout=30000)
    assert server.received() and win.outbox_label.text() == ""
    assert "máy chủ đã nhận" in outbox.table.item(0, 3).text()
    server.stop()
    win.close()
    svc.close()


def test_clerk_sees_returned_work_with_the_reason(qtbot, tmp_path: Path, ledgers: Path) -> None:
    svc, clerk, book, entries = entered_book(tmp_path)
    boss = svc.users.login("kiemtra", "kiemtra123")
    svc.review.return_entry(boss, entries[1].id, "Giới tính không khớp tên đệm")
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    win.toggle_review()
    panel = win.review_dock.widget()
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)
    assert [(r.entry_id, r.return_reason) for r in panel.rows] == [(entries[1].id, "Giới tính không khớp tên đệm")]
    assert not panel.clerk.isEnabled()
    win.close()
    svc.close()


def test_daily_report_and_user_admin_dialogs(qtbot, tmp_path: Path, ledgers: Path) -> None:
    svc, clerk, book, entries = entered_book(tmp_path)
    report = ReportDialog(svc)
    qtbot.addWidget(report)
    qtbot.waitUntil(lambda: report.loaded, timeout=30000)  # read on the pool
    assert report.table.rowCount() >= 2  # a row per book and person, then the total
    assert report.table.item(report.table.rowCount() - 1, 0).text() == "Tổng cộng"
    out = report.save(".pdf", str(tmp_path / "bao-cao"))
    qtbot.waitUntil(lambda: report.saved == out, timeout=30000)
    assert out.read_bytes().startswith(b"%PDF")
    report.save(".xlsx", str(tmp_path / "khong-co" / "\0bad"))
    qtbot.waitUntil(lambda: report.message.text() not in ("", "Đang lưu…"), timeout=30000)
    assert report.saved is None

    admin = svc.users.login("quantri", "quantri123")
    users = UsersDialog(svc, admin)
    qtbot.addWidget(users)
    qtbot.waitUntil(lambda: users.loaded, timeout=20000)  # read on the query pool
    logins = [users.table.item(i, 0).text() for i in range(users.table.rowCount())]
    users.table.selectRow(logins.index("canbo"))
    users.toggle_active()  # through the write queue, then the list is read again
    qtbot.waitUntil(lambda: users.loaded, timeout=20000)
    assert not next(u for u in svc.users.list(admin) if u["login"] == "canbo")["active"]
    users.table.selectRow(logins.index("quantri"))
    users.toggle_active()  # the core refuses; the dialog says why
    qtbot.waitUntil(lambda: "chính mình" in users.message.text(), timeout=20000)
    svc.close()
