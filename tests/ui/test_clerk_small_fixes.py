"""Small things a clerk and a supervisor met going through the window at a 1366×768 desk with the keyboard:
each test names what hurt (found by using the app under Xvfb, see the commit messages)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QApplication, QFormLayout, QWidget

from hotich_desktop.ui.entry_form import FieldRow


def quiet_demo(tmp_path: Path):  # noqa: ANN201 - (Service, Actor)
    """The demo desk without OCR or a watched folder: each test adds the pages it needs."""
    from hotich_desktop.ui.demo import make_demo

    svc, clerk, _scanner = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.ocr_enabled, settings.watch_folders = False, []
    settings.save(svc.workspace.settings_path)
    return svc, clerk


def supervisor_queue(qtbot, svc):  # noqa: ANN001, ANN201 - (MainWindow, ReviewPanel)
    """The supervisor's window at 1366×740 with the page's three entries loaded and the review queue open."""
    from hotich_desktop.ui.main_window import MainWindow

    boss = svc.users.login("kiemtra", "kiemtra123")
    win = MainWindow(svc, boss)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3, timeout=30000)
    win.toggle_review()
    return win, win.review.dock.widget()


def test_snippet_never_covers_the_field(qtbot) -> None:
    holder = QWidget()  # the form's column: a child gets the width it is given, even below its minimum
    qtbot.addWidget(holder)
    holder.resize(700, 60)
    row = FieldRow("noi_sinh", 200)
    row.setParent(holder)
    wide = QPixmap(400, 32)
    wide.fill(QColor(Qt.gray))
    row.show_value("Bệnh viện huyện Quỳ Hợp, tỉnh Nghệ An", 0.8, wide)
    for width in (300, 330, 420, 600):  # the form's field column at 1366 px wide is about 305 px
        row.setGeometry(0, 0, width, 40)
        holder.show()
        qtbot.waitExposed(holder)
        row.layout().activate()
        edit, snippet = row.edit.geometry(), row.snippet.geometry()
        assert not edit.intersects(snippet), (width, edit, snippet)
        assert edit.right() <= width and snippet.right() <= width
        assert edit.width() >= 150  # the value stays readable; the picture gives way first


def test_f1_names_each_key_once(qtbot, tmp_path) -> None:
    from hotich_desktop.ui.main_window import MainWindow

    svc, clerk = quiet_demo(tmp_path)
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    rows = dict(win.shortcut_rows())
    for what, keys in rows.items():
        listed = [k.strip() for k in keys.split(", ")]
        assert len(listed) == len(set(listed)), (what, keys)
    assert "F8" in rows.values() and "PgDown" in rows.values()
    win.close()
    svc.close()


def test_added_box_becomes_the_current_entry(qtbot, tmp_path) -> None:
    """Ctrl+N adds a box: the form shows the new entry, so what the clerk types (or Delete) goes to it."""
    from hotich_desktop.ui.main_window import MainWindow
    from tests.ui.synthetic import book_with_entries

    svc, clerk = quiet_demo(tmp_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3, timeout=30000)
    win.show_entry(0)
    win.view.add_box_at_view_centre()
    qtbot.waitUntil(lambda: len(win.entry.entries) == 4 and win.busy == 0, timeout=30000)
    new = [e.id for e in win.entry.entries if e.id not in ids]
    assert len(new) == 1
    qtbot.waitUntil(lambda: win.entry.entry() is not None and win.entry.entry().id == new[0], timeout=10000)
    assert [b.entry_id for b in win.view.boxes if b.isSelected()] == new
    win.close()
    svc.close()


def test_clicked_box_keeps_the_focus_for_delete(qtbot, tmp_path) -> None:
    """A clerk clicks a box on the page and presses Delete: the box goes; the form's first field (the entry's
    number, selected by the focus) is not wiped instead."""
    from PySide6.QtTest import QTest

    from hotich_desktop.ui.main_window import MainWindow
    from tests.ui.synthetic import book_with_entries

    svc, clerk = quiet_demo(tmp_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3, timeout=30000)
    win.show_entry(0)
    box = next(b for b in win.view.boxes if b.entry_id == ids[1])
    win.view.ensureVisible(box.scene_rect())
    at = win.view.mapFromScene(box.scene_rect().center())
    QTest.mouseClick(win.view.viewport(), Qt.LeftButton, pos=at)
    qtbot.waitUntil(lambda: win.entry.entry() is not None and win.entry.entry().id == ids[1], timeout=10000)
    assert QApplication.focusWidget() is win.view
    first = next(iter(win.form.rows.values()))
    first.edit.setText("2")
    win.form.mark_saved()
    QTest.keyClick(win.view, Qt.Key_Delete)
    qtbot.waitUntil(lambda: win.busy == 0 and [e.id for e in win.entries] == [ids[0], ids[2]], timeout=30000)
    win.close()
    svc.close()


def test_f9_in_the_queue_shows_the_queues_next_entry(qtbot, tmp_path) -> None:
    """A supervisor works down the review queue with F9: after an approval the window shows the queue's next
    entry, not the page's next box (one nobody typed, which the next F9 refuses)."""
    from tests.ui.synthetic import book_with_entries
    from hotich_desktop.core.lifecycle import EntryStatus
    from tests.ui.test_no_edit_lost import RECORD

    svc, clerk = quiet_demo(tmp_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    svc.save_record(clerk, ids[0], RECORD, submit=True)
    svc.save_record(clerk, ids[2], {**RECORD, "so": "9", "ho_ten": "Lò Văn Sơn", "gioi_tinh": "Nam"}, submit=True)
    win, panel = supervisor_queue(qtbot, svc)
    qtbot.waitUntil(lambda: panel.loaded and [r.entry_id for r in panel.rows] == [ids[0], ids[2]], timeout=30000)
    win.show_entry(0)
    win.review.approve()
    qtbot.waitUntil(lambda: svc.entries.info(ids[0]).status == EntryStatus.APPROVED, timeout=30000)
    qtbot.waitUntil(lambda: win.busy == 0 and win.entry.entry() is not None and win.entry.entry().id == ids[2],
                    timeout=30000)
    win.close()
    svc.close()


def test_a_row_button_calls_its_slot_with_no_argument(qtbot) -> None:
    """«Xuất sổ đang mở» is export_current(confirm=True): a click must keep the question about a book whose
    entries are not all approved (clicked(bool) passed False and the book left without asking)."""
    from hotich_desktop.ui.widgets import button_row

    asked: list[bool] = []

    def export_current(confirm: bool = True) -> None:
        asked.append(confirm)

    holder = QWidget()
    qtbot.addWidget(holder)
    row = button_row([("Xuất sổ đang mở", export_current, True)])
    holder.setLayout(row)
    button = row.itemAt(0).widget()
    qtbot.mouseClick(button, Qt.LeftButton)
    assert asked == [True]


def test_a_desk_without_books_says_what_to_do(qtbot, tmp_path) -> None:
    """Right after the first-run wizard there is no book: the window says to open one with «Sổ mới…»."""
    from hotich_desktop.core.service import Service
    from hotich_desktop.ui.main_window import MainWindow

    svc = Service.open(str(tmp_path / "data"))
    admin = svc.users.create(None, "quantri", "quantri123", "admin").value
    svc.users.create(admin, "canbo", "canbo123", "clerk")
    clerk = svc.users.login("canbo", "canbo123")
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: "Sổ mới" in win.entry_title.text(), timeout=30000)
    assert not win.form.editable
    win.close()
    svc.close()


def test_long_labels_get_the_lines_they_need(qtbot, tmp_path) -> None:
    """The death form's long labels («Loại giấy tờ tùy thân (người chết)») wrap to two lines; each row is as
    tall as its label, or the marks above the letters were cut off («Họ va ten ngươi chet»)."""
    from hotich_desktop.ui.app import pick_font
    from hotich_desktop.ui.main_window import MainWindow

    font = QApplication.font()
    pick_font(QApplication.instance())  # the window's font: DejaVu Sans 10 here
    svc, clerk = quiet_demo(tmp_path)
    svc.books.open(clerk, "khai_tu", 1992, "1")  # the newest book: the window opens it
    win = MainWindow(svc, clerk)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and win.form.form is not None and win.form.form.book_type == "khai_tu",
                    timeout=30000)
    qtbot.wait(200)
    layout = win.form.widget().layout().itemAt(1).layout()
    wrapped = 0
    for i in range(layout.rowCount()):
        label = layout.itemAt(i, QFormLayout.LabelRole).widget()
        need = label.heightForWidth(label.width())
        assert label.height() >= need, (label.text(), label.size(), need)
        wrapped += need > label.fontMetrics().lineSpacing() * 1.5
    assert wrapped >= 3  # the test does meet wrapped labels
    win.close()
    svc.close()
    QApplication.setFont(font)


def test_refused_approval_names_the_entry_as_the_window_shows_it(tmp_path) -> None:
    """F9 on a box nobody typed: the refusal names the entry's PDF (shown under the form's title), not the
    store's row number («Mục 13 …» meant nothing on a page of five)."""
    import pytest

    from hotich_desktop.core.errors import Refused
    from tests.ui.synthetic import book_with_entries

    svc, clerk = quiet_demo(tmp_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    boss = svc.users.login("kiemtra", "kiemtra123")
    pdf = svc.entries.info(ids[1]).pdf.rsplit("/", 1)[-1]
    with pytest.raises(Refused) as refused:
        svc.review.approve(boss, ids[1])
    assert f"Mục {pdf} chưa có hồ sơ chờ duyệt" in refused.value.message
    svc.close()


def test_the_queue_shows_whole_names(qtbot, tmp_path) -> None:
    """The review queue's columns fit what they hold: a supervisor reads the whole name, not «Hoàng Đức …»."""
    from tests.ui.synthetic import book_with_entries
    from tests.ui.test_no_edit_lost import RECORD

    svc, clerk = quiet_demo(tmp_path)
    ids = book_with_entries(svc, clerk, tmp_path / "in", svc.books.list(clerk)[0].id)
    name = "Hoàng Thị Phương Thảo Nguyên"
    svc.save_record(clerk, ids[0], {**RECORD, "ho_ten": name}, submit=True)
    win, panel = supervisor_queue(qtbot, svc)
    qtbot.waitUntil(lambda: panel.loaded and len(panel.rows) == 1, timeout=30000)
    table = panel.table
    assert table.item(0, 3).text() == name
    assert table.columnWidth(3) >= table.fontMetrics().horizontalAdvance(name)
    win.close()
    svc.close()


def test_ctrl_o_opens_the_folder_chosen_last_time(qtbot, tmp_path, monkeypatch) -> None:
    """Ctrl+O starts where the clerk took pages from last time (it opened wherever the program was started)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from hotich_desktop.ui.main_window import MainWindow

    (tmp_path / "demo").mkdir()
    svc, clerk = quiet_demo(tmp_path / "demo")
    prefs = QSettings(str(tmp_path / "prefs.ini"), QSettings.IniFormat)
    win = MainWindow(svc, clerk, prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy == 0 and win.pager.book is not None, timeout=30000)
    scans = tmp_path / "may-quet"
    scans.mkdir()
    asked: list[str] = []

    def pick(_parent, _title, start="", options=None):  # noqa: ANN001, ANN202
        asked.append(start)
        return str(scans)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(pick))
    win.intake.ingest_now()
    qtbot.waitUntil(lambda: win.busy == 0, timeout=30000)
    win.intake.ingest_now()
    qtbot.waitUntil(lambda: win.busy == 0, timeout=30000)
    assert asked[0] == str(Path.home()) and asked[1] == str(scans)
    win.close()
    svc.close()


def test_a_cleared_field_stays_empty_when_the_entry_comes_back(qtbot) -> None:
    """The clerk cleared «Số» and saved; coming back, the form showed the OCR's «2» again under the finding
    «Chưa nhập «Số»». A saved record is the clerk's: a key missing from it is empty, the reading stays in view."""
    from hotich_desktop.core.records.forms import load_form
    from hotich_desktop.ui.entry_form import EntryForm

    form = EntryForm()
    qtbot.addWidget(form)
    form.build(load_form("khai_sinh"))
    ocr = {"so": {"value": "2", "confidence": 0.97}, "ho_ten": {"value": "Lò Văn Pó", "confidence": 0.95}}
    form.load({}, ocr, None)  # nothing saved yet: the prefill shows
    assert form.rows["so"].edit.text() == "2"
    form.load({"ho_ten": "Lò Văn Pó"}, ocr, None)  # saved with «Số» cleared
    assert form.rows["so"].edit.text() == "" and form.rows["ho_ten"].edit.text() == "Lò Văn Pó"


def test_an_empty_return_reason_is_asked_again(qtbot, monkeypatch) -> None:
    """Enter on an empty reason closed the dialog with a refusal, and F10 had to be pressed again."""
    from PySide6.QtWidgets import QInputDialog

    from hotich_desktop.ui.widgets import ask_return_reason

    answers = iter([("", True), ("   ", True), ("Sai ngày sinh", True)])
    prompts: list[str] = []

    def answer(_parent, _title, prompt, *a, **k):  # noqa: ANN001, ANN202
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    assert ask_return_reason(None) == "Sai ngày sinh"
    assert len(prompts) == 3 and "Hãy ghi lý do" in prompts[1]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    assert ask_return_reason(None) is None  # cancelled: nothing returned
