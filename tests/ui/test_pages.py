"""Pages in the wrong book: the header is read before entries are cut, the clerk moves the page to the
book it names (created on the spot), or deletes a page and brings it back with its PDFs and records."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import text

from hotich_desktop.core.intake import pages as page_edit
from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.core.ocr.engine import available
from hotich_desktop.core.entries.processing import process_book
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.main_window import MainWindow
from tests.ui.synthetic import book_with_entries, draw_page


def _actions(svc) -> list[str]:  # noqa: ANN001
    with svc.store.session() as s:
        return list(s.execute(text("SELECT action FROM audit_events WHERE object_type = 'page' ORDER BY id")).scalars())


@pytest.mark.skipif(not available("vie"), reason="Tesseract with Vietnamese is not installed")
def test_marriage_page_is_held_then_moved_to_the_book_its_header_names(qtbot, tmp_path: Path, monkeypatch) -> None:
    svc, clerk, _ = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.watch_folders = []
    settings.save(svc.workspace.settings_path)
    book = svc.books.list(clerk)[0]  # khai sinh 1998
    scans = tmp_path / "in"
    scans.mkdir()
    os.utime(draw_page(scans / "ket-hon.png", 3, "SỔ ĐĂNG KÝ KẾT HÔN - NĂM 1986"), (1, 1))
    ingest_folder(svc, clerk, book.id, scans, stable_seconds=0)
    process_book(svc, clerk, book.id)
    page = svc.books.pages(clerk, book.id)[0]
    assert page.status == "mismatch" and page.entries == 0  # nothing cut, nothing pre-filled
    assert "Sổ đăng ký kết hôn năm 1986" in page.error

    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and win.page is not None and win.page_image is not None, timeout=30000)
    assert win.mismatch.isVisible() and "kết hôn" in win.mismatch.text.text()
    assert "sai sổ?" in win.pages.item(0).text()
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda _w, _t, _l, items, *_a, **_k: (items[0], True)))
    win.mismatch.move.click()
    qtbot.waitUntil(lambda: win.busy == 0, timeout=60000)
    married = [b for b in svc.books.list(clerk) if b.book_type == "ket_hon"]
    assert [(b.year, b.volume) for b in married] == [(1986, "1")]
    assert svc.books.pages(clerk, book.id) == [] and [p.id for p in svc.books.pages(clerk, married[0].id)] == [page.id]
    assert svc.books.page_info(page.id).status == "detected"  # found again with the marriage form
    assert _actions(svc) == ["page_header_mismatch", "page_move", "page_detect"]
    win.close()
    svc.close()


def test_deleted_page_leaves_with_its_pdfs_and_comes_back(qtbot, tmp_path: Path, monkeypatch) -> None:
    svc, clerk, _ = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.watch_folders, settings.ocr_enabled = [], False
    settings.save(svc.workspace.settings_path)
    book = svc.books.list(clerk)[0]
    ids = book_with_entries(svc, clerk, tmp_path / "in", book.id)
    svc.save_record(clerk, ids[0], {"so": "1", "ho_ten": "Lò Văn Páo"})
    pdfs = [svc.workspace.root / svc.entries.info(i).pdf for i in ids]
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3, timeout=30000)

    from PySide6.QtWidgets import QMessageBox

    def press_delete(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Xóa trang").click()

    monkeypatch.setattr(QMessageBox, "exec", press_delete)
    win.page_actions.delete()
    qtbot.waitUntil(lambda: win.busy == 0 and win.pages.count() == 0 and win.entries == [], timeout=30000)
    assert svc.books.pages(clerk, book.id) == []
    assert not any(p.exists() for p in pdfs)
    assert all(svc.entries.info(i).status == "deleted" for i in ids)

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda _w, _t, _l, items, *_a, **_k: (items[0], True)))
    win.page_actions.restore()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3, timeout=30000)
    assert all(p.exists() for p in pdfs)
    assert svc.entries.info(ids[0]).fields["ho_ten"] == "Lò Văn Páo" and svc.entries.info(ids[0]).status == "entered"
    assert _actions(svc) == ["page_delete", "page_restore"]
    assert page_edit.deleted_pages(svc, book.id) == []
    win.close()
    svc.close()
