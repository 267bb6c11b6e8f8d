"""The window uses what approved records taught: a field's completer offers the office's values as the clerk
types (asked of the service on the pool), and a prefill changed by learning says why in its tooltip."""
from __future__ import annotations

from pathlib import Path

import pytest

from hotich_desktop.core.store.models import Record
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.main_window import MainWindow
from tests.ui.synthetic import book_with_entries
from tests.ui.test_no_edit_lost import RECORD, type_into

FATHER = "Nguyễn Văn Pó"


@pytest.fixture
def desk(tmp_path: Path):
    svc, clerk, _scanner = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.ocr_enabled, settings.watch_folders = False, []
    settings.save(svc.workspace.settings_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    boss = svc.users.login("kiemtra", "kiemtra123")
    svc.save_record(clerk, ids[0], {**RECORD, "ho_ten_cha": FATHER}, submit=True)
    svc.review.approve(boss, ids[0])
    with svc.store.session() as s:  # the second entry's OCR read the father's name without its accents
        s.query(Record).filter_by(entry_id=ids[1]).one().ocr = {
            "ho_ten_cha": {"value": "Nguyen Van Po", "confidence": 0.5, "bbox": [60, 600, 500, 640]}}
    yield svc, clerk, ids
    svc.close()


def test_completer_and_why(qtbot, desk) -> None:
    svc, clerk, ids = desk
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3, timeout=30000)
    win.show_entry(1)
    row = win.form.rows["ho_ten_cha"]
    qtbot.waitUntil(lambda: row.edit.text() == FATHER, timeout=10000)  # the learned prefill arrived
    assert "Nguồn" in row.edit.toolTip() and "Nguyen Van Po" in row.edit.toolTip()
    win.show_entry(2)
    row = win.form.rows["ho_ten_cha"]
    type_into(qtbot, row.edit, "nguyen v")
    qtbot.waitUntil(lambda: FATHER in row.completions.stringList(), timeout=10000)
    win.close()
