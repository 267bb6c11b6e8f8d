"""A rejected scan stays listed with its reason (in Vietnamese, not the image library's English) and is
taken once it was scanned again."""
from __future__ import annotations

import os
from pathlib import Path

from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.main_window import MainWindow
from hotich_desktop.ui.quarantine_dialog import QuarantineDialog
from tests.ui.synthetic import draw_page


def test_quarantine_list_with_reasons_and_retry(qtbot, tmp_path: Path) -> None:
    svc, clerk, _ = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.watch_folders, settings.ocr_enabled = [], False
    settings.save(svc.workspace.settings_path)
    book = svc.books.list(clerk)[0]
    scans = tmp_path / "in"
    scans.mkdir()
    good = draw_page(tmp_path / "good.png")
    cut = scans / "trang-7.png"
    cut.write_bytes(good.read_bytes()[:5000])  # a copy stopped half way
    os.utime(cut, (1, 1))
    report = ingest_folder(svc, clerk, book.id, scans, stable_seconds=0)
    assert [q["file"] for q in report.quarantined] == ["trang-7.png"]
    reason = report.quarantined[0]["reason"]
    assert "truncated" not in reason and "chưa ghi xong" in reason

    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and win.quarantine_button.isVisible(), timeout=30000)  # counted in a worker
    assert "1 tệp bị cách ly" in win.quarantine_button.text()
    dialog = QuarantineDialog(svc, clerk, lambda: book.id, win._on_intake, win, win.ops)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30000)  # read on the query pool
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == reason

    cut.write_bytes(good.read_bytes())  # scanned again under the same name
    dialog.table.selectRow(0)
    dialog.retry()  # on the window's write queue
    qtbot.waitUntil(lambda: "Đã nhận trang-7.png" in dialog.message.text() and dialog.loaded, timeout=30000)
    assert dialog.table.rowCount() == 0 and len(svc.books.pages(clerk, book.id)) == 1
    qtbot.waitUntil(lambda: win.busy == 0 and not win.quarantine_button.isVisible(), timeout=30000)  # from changed
    win.close()
    svc.close()
