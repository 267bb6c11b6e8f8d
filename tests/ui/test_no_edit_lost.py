"""Issue 16's broken paths, driven in the window with qtbot and checked in the store: edits kept when the
clerk moves on, a supervisor's correction saved before F9, boxes changed only by a real drag, batch
approval of submitted entries only, findings accepted with a reason (window and CLI)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QInputDialog
from sqlalchemy import text

from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.main_window import MainWindow
from tests.ui.synthetic import HEIGHT, WIDTH, book_with_entries

ROOT = Path(__file__).resolve().parents[2]
RECORD = {"so": "7", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh", "gioi_tinh": "Nữ",
          "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Kinh"}


@pytest.fixture
def desk(tmp_path: Path):
    """A demo workspace (no watched folder, no OCR) with one drawn page of three entries."""
    svc, clerk, _scanner = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.ocr_enabled, settings.watch_folders = False, []
    settings.save(svc.workspace.settings_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    boss = svc.users.login("kiemtra", "kiemtra123")
    windows: list[MainWindow] = []
    yield svc, clerk, boss, ids, windows
    for win in windows:
        win.close()
    svc.close()


def open_window(qtbot, desk, actor) -> MainWindow:  # noqa: ANN001
    svc, *_rest, windows = desk
    win = MainWindow(svc, actor)
    qtbot.addWidget(win)
    windows.append(win)
    win.resize(1366, 740)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3 and win.current == 0, timeout=30000)
    return win


def actions(svc) -> list[tuple[str, str, str]]:  # noqa: ANN001
    with svc.store.session() as s:
        return [tuple(r) for r in s.execute(text("SELECT user_login, action, object_id FROM audit_events ORDER BY id"))]


def type_into(qtbot, edit, value: str) -> None:  # noqa: ANN001
    edit.setFocus()
    edit.selectAll()
    for ch in value:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))


def key(qtbot, win, k, modifier=Qt.NoModifier) -> None:  # noqa: ANN001
    """A key pressed where the focus is, as the clerk's keyboard does (window shortcuts included)."""
    qtbot.keyClick(QApplication.focusWidget() or win, k, modifier)


def test_typed_value_survives_pgdn_pgup_and_is_in_the_store(qtbot, desk) -> None:
    svc, clerk, _boss, ids, _ = desk
    win = open_window(qtbot, desk, clerk)
    type_into(qtbot, win.form.rows["ho_ten"].edit, "nguyễn văn an")
    key(qtbot, win, Qt.Key_PageDown)
    assert win.current == 1
    assert svc.entries.info(ids[0]).fields.get("ho_ten") == "Nguyễn Văn An"  # saved when the clerk moved on
    key(qtbot, win, Qt.Key_PageUp)
    assert win.current == 0
    assert win.form.rows["ho_ten"].edit.text() == "Nguyễn Văn An"
    assert ("canbo", "record_save", str(ids[0])) in actions(svc)


def test_leaving_a_field_clicking_another_entry_or_closing_keeps_the_edit(qtbot, desk) -> None:
    svc, clerk, _boss, ids, windows = desk
    win = open_window(qtbot, desk, clerk)
    type_into(qtbot, win.form.rows["so"].edit, "12")
    key(qtbot, win, Qt.Key_Tab)  # leaving the field: saved on the write queue
    qtbot.waitUntil(lambda: svc.entries.info(ids[0]).fields == {"so": "12"} and win.busy == 0, timeout=20000)

    win.show_entry(0)
    type_into(qtbot, win.form.rows["noi_sinh"].edit, "Trạm y tế xã Châu Quang")
    win.view.ensureVisible(win.view.boxes[2].scene_rect())
    third = win.view.mapFromScene(win.view.boxes[2].scene_rect().center())
    drag(win.view.viewport(), third, third, steps=1)  # a click on another entry's box
    qtbot.waitUntil(lambda: win.current == 2)
    assert svc.entries.info(ids[0]).fields["noi_sinh"] == "Trạm y tế xã Châu Quang"

    type_into(qtbot, win.form.rows["ho_ten"].edit, "lò thị mai")
    win.close()
    windows.remove(win)
    assert svc.entries.info(ids[2]).fields["ho_ten"] == "Lò Thị Mai"
    assert svc.entries.info(ids[2]).status == "entered"


def test_unsaved_edit_asks_before_it_is_dropped(qtbot, desk, monkeypatch) -> None:
    """Where saving is refused, the clerk chooses: stay (edit kept in the form) or drop it."""
    svc, clerk, _boss, ids, _ = desk
    win = open_window(qtbot, desk, clerk)
    type_into(qtbot, win.form.rows["ho_ten"].edit, "lò văn páo")
    from hotich_desktop.core.errors import Refused

    def refuse(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise Refused("Máy chủ cơ sở dữ liệu không trả lời.")

    monkeypatch.setattr(svc.records, "save", refuse)
    monkeypatch.setattr(win, "_ask_discard", lambda message: False)  # "Ở lại để sửa"
    key(qtbot, win, Qt.Key_PageDown)
    assert win.current == 0 and win.form.rows["ho_ten"].edit.text() == "lò văn páo"


def test_supervisor_correction_then_f9_is_saved_audited_then_approved(qtbot, desk) -> None:
    svc, clerk, boss, ids, _ = desk
    svc.save_record(clerk, ids[0], RECORD, submit=True)
    win = open_window(qtbot, desk, boss)
    assert win.form.rows["ho_ten"].edit.text() == "Dương Kim Hạnh"
    type_into(qtbot, win.form.rows["ho_ten"].edit, "Dương Kim Hằng")
    key(qtbot, win, Qt.Key_F9)
    qtbot.waitUntil(lambda: svc.entries.info(ids[0]).status == "approved" and win.busy == 0, timeout=20000)
    entry = svc.entries.info(ids[0])
    assert entry.status == "approved" and entry.fields["ho_ten"] == "Dương Kim Hằng"
    log = [a for a in actions(svc) if a[2] == str(ids[0])]
    assert log[-2:] == [("kiemtra", "record_correct", str(ids[0])), ("kiemtra", "review_approve", str(ids[0]))]
    with svc.store.session() as s:
        approved_hash, content = s.execute(text(f"SELECT approved_hash, content_hash FROM records "
                                                f"WHERE entry_id = {ids[0]}")).one()
    assert approved_hash == content  # the approval covers the corrected values


def _mouse(widget, kind, pos: QPoint, buttons) -> None:  # noqa: ANN001
    button = Qt.LeftButton if kind != QEvent.MouseMove else Qt.NoButton
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons, Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget, start: QPoint, end: QPoint, steps: int = 6) -> None:  # noqa: ANN001
    _mouse(widget, QEvent.MouseButtonPress, start, Qt.LeftButton)
    for i in range(1, steps + 1):
        _mouse(widget, QEvent.MouseMove, start + (end - start) * i / steps, Qt.LeftButton)
    _mouse(widget, QEvent.MouseButtonRelease, end, Qt.NoButton)


def test_box_changes_only_on_a_real_drag_and_stays_on_the_page(qtbot, desk) -> None:
    svc, clerk, _boss, ids, _ = desk
    win = open_window(qtbot, desk, clerk)
    port = win.view.viewport()
    before = svc.entries.info(ids[1])
    centre = win.view.mapFromScene(win.view.boxes[1].scene_rect().center())
    drag(port, centre, centre, steps=1)  # a click
    drag(port, centre, centre + QPoint(2, 1), steps=2)  # a tremble below the drag distance
    qtbot.wait(200)
    qtbot.waitUntil(lambda: win.busy == 0)
    after = svc.entries.info(ids[1])
    assert after.polygon == before.polygon and after.pdf == before.pdf
    assert not [a for a in actions(svc) if a[1] == "entry_box"]
    assert (svc.workspace.root / after.pdf).is_file()

    # A real drag far past the page's bottom edge: the box moves, and stays inside the page.
    win.view.fit_width()
    box = win.view.boxes[2]
    start = win.view.mapFromScene(box.scene_rect().center())
    end = start + QPoint(0, port.height() * 3)
    drag(port, start, end, steps=12)
    qtbot.waitUntil(lambda: win.busy == 0 and svc.entries.info(ids[2]).polygon != [[60, 910], [1180, 910],
                                                                           [1180, 1270], [60, 1270]],
                    timeout=20000)
    x0, y0, x1, y1 = svc.entries.info(ids[2]).bbox
    assert 0 <= x0 and 0 <= y0 and x1 <= WIDTH and y1 <= HEIGHT
    assert y1 > 1270 + 100  # it did move down
    assert [a[1] for a in actions(svc)].count("entry_box") == 1


def test_batch_approval_takes_only_submitted_entries(qtbot, desk) -> None:
    svc, clerk, boss, ids, _ = desk
    svc.save_record(clerk, ids[0], RECORD, submit=True)
    svc.save_record(clerk, ids[1], dict(RECORD, so="8", ho_ten="Lò Văn Páo", gioi_tinh="Nam"))  # saved only
    win = open_window(qtbot, desk, boss)
    win.toggle_review()
    panel = win.review_dock.widget()
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)
    assert {r.entry_id for r in panel.rows} == {ids[0], ids[1]}
    panel.approve_all_clean()
    qtbot.waitUntil(lambda: win.busy == 0 and panel.loaded and "Đã duyệt" in panel.summary.text(), timeout=20000)
    assert svc.entries.info(ids[0]).status == "approved"
    assert svc.entries.info(ids[1]).status == "entered"
    from hotich_desktop.core.review.book import approve_clean

    approved, skipped = approve_clean(svc, boss, [ids[1]])  # the core refuses it too
    assert approved == [] and "chưa gửi duyệt" in skipped[ids[1]]


def test_findings_accepted_with_a_reason_in_the_window(qtbot, desk, monkeypatch) -> None:
    svc, clerk, boss, ids, windows = desk
    odd = dict(RECORD, ho_ten="Lò Thị Mai", gioi_tinh="Nam", ngay_sinh="20/08/1998")  # warning + error
    svc.save_record(clerk, ids[0], odd, submit=True)
    win = open_window(qtbot, desk, clerk)
    rows = win.form.rows
    assert rows["gioi_tinh"].accept_button.isVisible()  # a clerk accepts a warning
    assert not rows["ngay_sinh"].accept_button.isVisible()  # but not an error
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Sổ gốc ghi vậy", True)))
    rows["gioi_tinh"].accept_button.click()
    assert not rows["gioi_tinh"].accept_button.isVisible() and not rows["gioi_tinh"].note.isVisible()
    win.close()
    windows.remove(win)

    win = open_window(qtbot, desk, boss)
    assert win.form.rows["ngay_sinh"].accept_button.isVisible()
    win.form.rows["ngay_sinh"].accept_button.click()
    key(qtbot, win, Qt.Key_F9)
    qtbot.waitUntil(lambda: svc.entries.info(ids[0]).status == "approved" and win.busy == 0, timeout=20000)
    accepted = [a for a in actions(svc) if a[1] == "finding_accept"]
    assert accepted == [("canbo", "finding_accept", str(ids[0])), ("kiemtra", "finding_accept", str(ids[0]))]


def test_cli_review_accept(desk, tmp_path: Path) -> None:
    svc, clerk, boss, ids, _ = desk
    svc.save_record(clerk, ids[0], dict(RECORD, ngay_sinh="20/08/1998"), submit=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOTICH_PASSWORD="canbo123")
    base = [sys.executable, "-m", "hotich_desktop.cli.main", "--data-dir", str(svc.workspace.root),
            "--db-url", svc.workspace.db_url, "review", "accept", "--entry", str(ids[0]),
            "--finding", "birth_after_registration", "--reason", "Sổ gốc ghi vậy", "--json"]
    refused = subprocess.run(base + ["--user", "canbo"], capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode != 0 and "quyền" in refused.stderr and "Traceback" not in refused.stderr
    env["HOTICH_PASSWORD"] = "kiemtra123"
    done = subprocess.run(base + ["--user", "kiemtra"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["finding"]["accepted"] is True
    assert svc.review.approve(boss, ids[0]).value.status == "approved"
    wrong = subprocess.run(base[:-5] + ["--finding", "khong_co", "--reason", "x", "--user", "kiemtra"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert wrong.returncode != 0 and "khong_co" in wrong.stderr
