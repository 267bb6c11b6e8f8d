"""The window's side of the discrepancy work: the mapping dialog, the list dialog (resolve a line, open its
scan), and the population panel beside the form (take a value over, note a difference)."""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QPushButton

from hotich_desktop.core.entries.processing import process_book
from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.discrepancy_dialog import DiscrepancyDialog, MappingDialog
from hotich_desktop.ui.main_window import MainWindow
from tests.conftest import ledger_pages

RECORD = {"so": "1", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh", "gioi_tinh": "Nữ",
          "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Xinh Mun",
          "ho_ten_me": "Lò Thị Lụa"}


def _book(tmp_path: Path):
    svc, clerk, _ = make_demo(tmp_path)
    scans = tmp_path / "in"
    scans.mkdir()
    shutil.copy(ledger_pages()[0], scans)
    os.utime(next(scans.iterdir()), (1, 1))
    book = svc.books.open(clerk, "khai_sinh", 1998, "1").value
    ingest_folder(svc, clerk, book.id, scans)
    entries = process_book(svc, clerk, book.id, ocr=False)
    svc.save_record(clerk, entries[0].id, RECORD)
    return svc, clerk, entries


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_population_panel_beside_the_form(qtbot, tmp_path: Path) -> None:
    svc, clerk, entries = _book(tmp_path)
    svc.discrepancies.import_population(clerk, _csv(tmp_path / "dc.csv", [
        ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Họ tên mẹ"],
        ["Dương Kim Hạnh", "22/06/1998", "Nữ", "011198000001", "Lò Thị Lua"]]))
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 4, timeout=30000)
    win.show_entry(0)
    panel = win.population
    qtbot.waitUntil(lambda: win.busy == 0 and panel.isVisible(), timeout=10000)  # matched on the pool
    assert "011198000001" in panel.summary.text()
    labels = [w.text() for w in panel.rows if not isinstance(w, QPushButton)]
    assert labels == ["Họ tên mẹ: sổ «Lò Thị Lụa» — dân cư «Lò Thị Lua»"]
    take = next(w for w in panel.rows if isinstance(w, QPushButton) and w.text() == "Lấy giá trị")
    take.click()
    assert win.form.rows["ho_ten_me"].edit.text() == "Lò Thị Lua"
    qtbot.waitUntil(lambda: win.busy == 0 and svc.entries.info(entries[0].id).fields.get("ho_ten_me") == "Lò Thị Lua",
                    timeout=10000)  # saved like a typed change, on the write queue
    win.form.rows["ho_ten_me"].edit.setText("Lò Thị Lụa")
    win.save_record()
    qtbot.waitUntil(lambda: win.busy == 0, timeout=10000)
    win.show_entry(0)
    qtbot.waitUntil(lambda: any(isinstance(w, QPushButton) for w in panel.rows), timeout=5000)
    note = next(w for w in panel.rows if isinstance(w, QPushButton) and w.text() == "Ghi sai lệch")
    original = QInputDialog.getText
    QInputDialog.getText = staticmethod(lambda *a, **k: ("Sổ ghi Lụa", True))
    try:
        note.click()
    finally:
        QInputDialog.getText = original
    qtbot.waitUntil(lambda: win.busy == 0 and bool(svc.discrepancies.lists()), timeout=10000)
    noted = svc.discrepancies.lists()
    assert [(x.kind, x.lines) for x in noted] == [("noted", 1)]
    assert svc.discrepancies.lines(noted[0].id)[0].note == "Sổ ghi Lụa"


def test_list_dialog_resolves_a_line_and_opens_its_scan(qtbot, tmp_path: Path, monkeypatch) -> None:
    svc, clerk, entries = _book(tmp_path)
    path = _csv(tmp_path / "ds.csv", [
        ["STT", "Loại việc", "Đơn vị hành chính", "Loại sai lệch", "Họ và tên", "Ngày sinh", "Số đăng ký", "Quyển số",
         "Thông tin trong CSDL hộ tịch", "Thông tin trong CSDL dân cư"],
        ["1", "Khai sinh", "Xã Châu Quang", "Sai họ tên", "Duong Kim Hanh", "22/06/1998", "1", "01/1998",
         "Dương Kim Hạnh", "Dương Kim Hanh"],
        ["2", "Khai sinh", "Xã Châu Quang", "Sai ngày sinh", "Hoàng Văn Sơn", "01/01/1980", "", "", "", ""]])
    preview = svc.discrepancies.preview(path)
    mapping_dialog = MappingDialog(preview, "Ghép cột")
    qtbot.addWidget(mapping_dialog)
    assert mapping_dialog.mapping() == preview["mapping"] and preview["mapping"]["name"] == "Họ và tên"
    report = svc.discrepancies.import_list(clerk, path, mapping=mapping_dialog.mapping()).value
    svc.discrepancies.match(clerk, report.list_id)
    dialog = DiscrepancyDialog(svc, clerk)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 7).text().startswith(str(entries[0].id))
    assert "còn 45 ngày" in dialog.progress.text()
    opened = []
    dialog.open_entry.connect(opened.append)
    dialog.table.selectRow(0)
    dialog._open_candidate(0)
    assert opened == [entries[0].id]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Sổ ghi đúng", True)))
    dialog.resolve("population_wrong")
    assert dialog.table.item(0, 8).text() == "Sổ xác nhận CSDL dân cư sai"
    assert "Đã xử lý 1/2" in dialog.progress.text()
    assert svc.discrepancies.line(dialog.lines[0].id).note == "Sổ ghi đúng"
    dialog.table.selectRow(1)
    dialog.resolve("not_in_books")
    assert svc.discrepancies.progress(report.list_id).resolved == 2
