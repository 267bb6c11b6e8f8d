"""The window's one way to the store (ui/operations.py): writes one at a time on one queue, duplicate
sends joined, one changed(Changes) signal every panel refreshes from, and no store session opened on the
GUI thread during the window's flows."""
from __future__ import annotations

import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from hotich_desktop.core.changes import Changes, Done
from hotich_desktop.core.entries import edit as entry_edit
from hotich_desktop.core.errors import Conflict, Refused
from hotich_desktop.core.export import outbox as core_outbox
from hotich_desktop.ui.backup_dialog import BackupDialog
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.dialogs import SettingsDialog
from hotich_desktop.ui.main_window import MainWindow
from hotich_desktop.ui.operations import DIALOG, SILENT, Ops, QueryOp, WorkOp, WriteOp, error_text
from hotich_desktop.ui.page_view import rect_to_polygon
from hotich_desktop.ui.report_dialog import ReportDialog
from hotich_desktop.ui.search_dialog import SearchDialog
from hotich_desktop.ui.template_dialog import TemplateDialog
from hotich_desktop.ui.users_dialog import UsersDialog
from tests.conftest import set_office
from tests.core.export.upload_server import UploadServer
from tests.ui.synthetic import book_with_entries

RECORDS = [
    {"so": "1", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh", "gioi_tinh": "Nữ",
     "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Kinh"},
    {"so": "2", "ngay_dang_ky": "19/07/1998", "ho_ten": "Lò Văn Páo", "gioi_tinh": "Nam",
     "ngay_sinh": "01/07/1998", "noi_sinh": "Bệnh viện huyện Sìn Hồ", "dan_toc": "Thái"},
]


class Overlap:
    """Wraps a function to count how many calls run at the same moment."""

    def __init__(self, fn, pause: float = 0.15) -> None:  # noqa: ANN001
        self.fn, self.pause = fn, pause
        self.running = self.most = self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204
        with self.lock:
            self.running += 1
            self.calls += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(self.pause)  # long enough for a second call to start beside it, if the queue let it
            return self.fn(*args, **kwargs)
        finally:
            with self.lock:
                self.running -= 1


# -- the operations module on its own ---------------------------------------------------------------------
def test_writes_run_one_at_a_time_in_order_and_emit_one_changed(qtbot) -> None:
    ops = Ops()
    seen: list[tuple[Changes, object]] = []
    ops.changed.connect(lambda c, s: seen.append((c, s)))
    order: list[int] = []
    slow = Overlap(lambda n: order.append(n) or Done(n, Changes.of(entries=[n])))
    for n in range(4):
        WriteOp(ops, slow, n, source="test").run()
    qtbot.waitUntil(lambda: ops.busy == 0, timeout=10000)
    assert slow.most == 1 and order == [0, 1, 2, 3]
    assert [c.entries for c, _s in seen] == [frozenset({n}) for n in range(4)] and {s for _c, s in seen} == {"test"}
    ops.close()


def test_long_work_runs_beside_the_write_queue_and_sends_its_writes_through_it(qtbot) -> None:
    """A page being read (seconds) does not hold the write queue: a clerk's save waited for meanwhile
    lands at once; the work's own store writes run on the one write thread, and closing waits for both."""
    ops = Ops()
    seen: list[Changes] = []
    ops.changed.connect(lambda c, _s: seen.append(c))
    reading = threading.Event()
    may_finish = threading.Event()
    threads: dict[str, object] = {}

    def store(n: int) -> int:
        threads.setdefault("store", []).append(threading.get_ident())
        return n

    def read_page(page: int, writer) -> Done:  # noqa: ANN001 - the writer WorkOp hands in
        threads["work"] = threading.get_ident()
        assert writer(store, 1) == 1  # e.g. the claim
        reading.set()
        assert may_finish.wait(20)  # detection and OCR
        writer(store, 2)  # the entries
        return Done(page, Changes.of(pages=[page]))

    work = WorkOp(ops, read_page, 5, key=("process", 5)).run()
    assert reading.wait(10)
    save = WriteOp(ops, store, 3, changes=Changes.of(entries=[3]))
    assert save.run().wait() == 3  # answered while the page is still being read
    save_thread = threads["store"][-1]
    assert not work.finished and threads["work"] not in (save_thread, threading.get_ident())
    assert WorkOp(ops, read_page, 5, key=("process", 5)).run() is work  # a page queued twice is joined
    may_finish.set()
    qtbot.waitUntil(lambda: ops.busy == 0, timeout=10000)
    assert work.value == 5 and [c.pages or c.entries for c in seen] == [frozenset({3}), frozenset({5})]
    assert set(threads["store"]) == {save_thread}  # every write on the one write thread
    with pytest.raises(RuntimeError):
        ops.on_write_thread(store, 4)  # never from the GUI thread
    ops.close()


def test_a_write_with_the_same_key_in_flight_is_joined_not_run_again(qtbot) -> None:
    ops = Ops()
    sent = Overlap(lambda package: f"R-{package}")
    answers: list[str] = []
    first = WriteOp(ops, sent, 7, key=("package", 7), success=answers.append,
                    changes=Changes.of(packages=[7])).run()
    second = WriteOp(ops, sent, 7, key=("package", 7), success=answers.append).run()
    assert second is first
    qtbot.waitUntil(lambda: ops.busy == 0, timeout=10000)
    assert sent.calls == 1 and answers == ["R-7", "R-7"]
    WriteOp(ops, sent, 7, key=("package", 7)).run()  # once finished, the key is free again
    qtbot.waitUntil(lambda: ops.busy == 0, timeout=10000)
    assert sent.calls == 2
    ops.close()


def test_failures_go_to_one_place_in_vietnamese(qtbot) -> None:
    ops = Ops()
    said: list[tuple[str, str]] = []
    ops.failed.connect(lambda m, w: said.append((m, w)))

    def refuse() -> None:
        raise Refused("Không được tự phê duyệt hồ sơ do chính mình nhập.")

    def conflict() -> None:
        raise Conflict("Hồ sơ", 3, {"ho_ten": "Lò Văn Páo", "so": "2"}, 2)

    WriteOp(ops, refuse).run()
    WriteOp(ops, conflict, mine={"ho_ten": "Lò Văn Pao", "so": "2"}).run()
    WriteOp(ops, refuse, where=SILENT).run()
    QueryOp(ops, lambda: 1 / 0).run()
    qtbot.waitUntil(lambda: ops.busy == 0, timeout=10000)
    assert len(said) == 3  # the silent one is left to its caller
    assert ("Không được tự phê duyệt hồ sơ do chính mình nhập.", DIALOG) in said
    merge = next(m for m, _w in said if "đã có người sửa" in m)
    assert "ho_ten: «Lò Văn Páo» ≠ «Lò Văn Pao»" in merge and "so:" not in merge  # only what differs
    assert any(m.startswith("Lỗi không mong đợi") for m, _w in said)
    assert error_text(ValueError("x")) == "Lỗi không mong đợi: x"
    op = WriteOp(ops, refuse, where=SILENT).run()
    with pytest.raises(Refused):
        op.wait()
    ops.close()


# -- the window --------------------------------------------------------------------------------------------
class GuiThreadGuard:
    """Wraps the store's session(): every session opened on the GUI thread while armed is recorded."""

    def __init__(self, svc) -> None:  # noqa: ANN001
        self.gui = QApplication.instance().thread()
        self.armed = False
        self.on_gui: list[str] = []
        self.off_gui = 0
        original = svc.store.session

        def session(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            if self.armed:
                if QThread.currentThread() is self.gui or QThread.currentThread() == self.gui:
                    import traceback

                    self.on_gui.append("".join(traceback.format_stack(limit=8)))
                else:
                    self.off_gui += 1
            return original(*args, **kwargs)

        svc.store.session = session

    @contextmanager
    def paused(self):  # noqa: ANN201 - the test's own checks read the store on the GUI thread
        self.armed = False
        try:
            yield
        finally:
            self.armed = True


@pytest.fixture
def desk(tmp_path: Path):
    svc, clerk, _scanner = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.ocr_enabled, settings.watch_folders = False, []
    settings.save(svc.workspace.settings_path)
    book = svc.books.list(clerk)[0]
    ids = book_with_entries(svc, clerk, tmp_path / "in", book.id)
    for entry_id, record in zip(ids, RECORDS):
        svc.save_record(clerk, entry_id, record, submit=True)
    boss = svc.users.login("kiemtra", "kiemtra123")
    guard = GuiThreadGuard(svc)
    yield svc, boss, book, ids, guard
    svc.close()


def open_window(qtbot, svc, actor) -> MainWindow:  # noqa: ANN001
    win = MainWindow(svc, actor)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.busy == 0 and len(win.entries) == 3 and win.current == 0, timeout=30000)
    return win


def key(qtbot, win, k) -> None:  # noqa: ANN001
    """A key pressed where the focus is, as the clerk's keyboard does (window shortcuts included)."""
    qtbot.keyClick(QApplication.focusWidget() or win, k)


def idle(qtbot, win, condition=lambda: True, timeout: int = 30000) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: win.busy == 0 and condition(), timeout=timeout)


def test_every_write_refreshes_the_panels_from_changed_and_no_store_call_runs_on_the_gui_thread(
        qtbot, desk, monkeypatch) -> None:
    svc, boss, book, ids, guard = desk
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, message, *a, **k: said.append(message)))
    guard.armed = True
    win = open_window(qtbot, svc, boss)
    changes: list[tuple[Changes, object]] = []
    win.ops.changed.connect(lambda c, s: changes.append((c, s)))
    win.toggle_review()
    queue = win.review_dock.widget()
    idle(qtbot, win, lambda: queue.loaded)
    assert {r.entry_id for r in queue.rows} == set(ids[:2])

    # Save: the entry's record changes; the title shows its new status, the page list is read again.
    win.form.rows["noi_sinh"].edit.setText("Trạm y tế xã Nậm Tăm")
    win.save_record()
    idle(qtbot, win, lambda: any(ids[0] in c.entries for c, _s in changes))
    with guard.paused():
        assert svc.entries.info(ids[0]).fields["noi_sinh"] == "Trạm y tế xã Nậm Tăm"

    # Page delete and restore: the page list and the entry panel follow the page's Changes.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(b for b in box.buttons()
                                                              if b.text() == "Xóa trang").click())
    win.page_actions.delete()
    idle(qtbot, win)
    assert said == []
    idle(qtbot, win, lambda: win.pages.count() == 0 and win.entries == [])
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda _w, _t, _l, items, *_a, **_k: (items[0], True)))
    win.page_actions.restore()
    idle(qtbot, win, lambda: win.pages.count() == 1 and len(win.entries) == 3)

    # Approve (F9) from the window: the queue, which the approve code never calls, drops the entry.
    win.show_entry(0)
    win.review.approve()  # F9
    idle(qtbot, win)
    assert said == []
    idle(qtbot, win, lambda: queue.loaded and ids[0] not in {r.entry_id for r in queue.rows})
    win.show_entry(0)
    idle(qtbot, win)
    assert "đã duyệt" in win.entry_title.text()  # the entry panel took the new status from changed

    # Return (F10): the queue shows the reason's entry as returned, the form says why.
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Sai ngày sinh", True)))
    win.show_entry(1)
    win.review.return_entry()  # F10
    idle(qtbot, win, lambda: "Sai ngày sinh" in win.returned.text())
    idle(qtbot, win, lambda: queue.loaded and all(r.status == "returned" for r in queue.rows
                                                  if r.entry_id == ids[1]))

    # A box drag: the entry's PDF name on screen follows the core's rename without a hand-picked reload.
    box = win.view.boxes[2]
    moved = box.scene_rect().translated(0, 30)
    win.view.box_changed.emit(box.entry_id, moved)
    idle(qtbot, win, lambda: abs(win.entries[2].polygon[0][1] - moved.top()) < 1)

    # Export from the outbox: the status bar's count of waiting packages follows from changed(packages).
    win.open_outbox()
    outbox = win.outbox
    idle(qtbot, win, lambda: outbox.loaded)
    outbox.export_current(confirm=False)
    idle(qtbot, win, lambda: outbox.table.rowCount() == 1 and "1 gói chờ gửi" in win.outbox_label.text())

    # Upload by the timer: the outbox table (not called by the timer) shows the server's receipt.
    server = UploadServer(svc.workspace.root.parent / "server")
    with guard.paused():  # the test's own set-up, not the window's
        set_office(svc, upload_url=server.url)
        settings = svc.settings.get()
        settings.upload_token = server.token
        settings.save(svc.workspace.settings_path)
    win.outbox_tick()
    idle(qtbot, win, lambda: not win.uploading and win.outbox_label.text() == ""
         and "máy chủ đã nhận" in outbox.table.item(0, 3).text())
    server.stop()

    # The dialogs read through the stage objects on the query pool and write on the window's one queue.
    with guard.paused():
        admin = svc.users.login("quantri", "quantri123")
    users = UsersDialog(svc, admin, win, win.ops)
    idle(qtbot, win, lambda: users.loaded and users.table.rowCount() == 3)
    users.table.selectRow([users.table.item(i, 0).text() for i in range(3)].index("canbo"))
    users.toggle_active()
    idle(qtbot, win, lambda: users.loaded and any(c.users for c, _s in changes))
    search = SearchDialog(svc, boss, win, win.ops)
    search.query.setText("Dương Kim")
    search.run()
    idle(qtbot, win, lambda: search.searched == "Dương Kim" and search.table.rowCount() == 1)
    report = ReportDialog(svc, win, boss, win.ops)
    idle(qtbot, win, lambda: report.loaded)
    report.save(".json", str(svc.workspace.root.parent / "tien-do"))
    idle(qtbot, win, lambda: report.saved is not None)
    assert report.saved.name.startswith("tien-do") and report.progress.office_code == "xa-Demo"
    template = TemplateDialog(svc, admin, win, win.ops)
    template.use_default()
    idle(qtbot, win, lambda: "mặc định" in template.message.text())

    opened: list[BackupDialog] = []
    monkeypatch.setattr(BackupDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    win.manage_backup()  # the office's backup settings read on the pool, then shown
    idle(qtbot, win, lambda: len(opened) == 1)

    # The settings: read on the pool, saved through the queue, each desk's office the store's.
    def edit_and_accept(dialog: SettingsDialog) -> int:
        dialog.naming.setText("{type}.{year}.{volume}.{number}.pdf")
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", edit_and_accept)
    before = len(changes)
    win.open_settings()
    idle(qtbot, win, lambda: any(c.settings for c, _s in changes[before:]))
    with guard.paused():
        assert svc.settings.get().naming_pattern == "{type}.{year}.{volume}.{number}.pdf"

    kinds = [c for c, _s in changes]
    assert any(c.packages for c in kinds) and any(c.pages for c in kinds) and any(c.entries for c in kinds)
    assert said == [] and guard.off_gui > 0
    assert guard.on_gui == [], guard.on_gui[0]
    guard.armed = False
    win.close()


def test_two_quick_drags_of_one_box_are_written_one_after_the_other(qtbot, desk, monkeypatch) -> None:
    svc, boss, book, ids, guard = desk
    win = open_window(qtbot, svc, boss)
    slow = Overlap(entry_edit.set_box)
    monkeypatch.setattr(entry_edit, "set_box", slow)
    box = win.view.boxes[1]
    first, second = box.scene_rect().translated(0, 20), box.scene_rect().translated(0, 45)
    win.view.box_changed.emit(box.entry_id, first)
    win.view.box_changed.emit(box.entry_id, second)  # before the first re-cut is done
    idle(qtbot, win, lambda: slow.calls == 2)
    assert slow.most == 1  # never two re-cuts of one entry at once
    assert svc.entries.info(box.entry_id).polygon == rect_to_polygon(second)  # the later drag wins
    assert (svc.workspace.root / svc.entries.info(box.entry_id).pdf).is_file()
    win.close()


def test_one_package_is_never_sent_twice(qtbot, desk, monkeypatch) -> None:
    svc, boss, book, ids, guard = desk
    svc.review.approve(boss, ids[0])
    win = open_window(qtbot, svc, boss)
    win.open_outbox()
    outbox = win.outbox
    outbox.export_current(confirm=False)
    idle(qtbot, win, lambda: outbox.loaded and outbox.table.rowCount() == 1)
    server = UploadServer(svc.workspace.root.parent / "server")
    set_office(svc, upload_url=server.url)
    settings = svc.settings.get()
    settings.upload_token = server.token
    settings.save(svc.workspace.settings_path)
    sends: Counter[int] = Counter()
    deliver = core_outbox.deliver

    def counted(svc_, actor, package_id, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        sends[package_id] += 1
        time.sleep(0.2)  # a slow line: the other buttons are pressed while this send is on its way
        return deliver(svc_, actor, package_id, *args, **kwargs)

    monkeypatch.setattr(core_outbox, "deliver", counted)
    outbox.table.selectRow(0)
    outbox.upload_selected()
    outbox.upload_selected()   # a second click on the same package
    outbox.upload_all()        # "send all" while it is on its way
    win.outbox_tick()          # and the timer
    idle(qtbot, win, lambda: not win.uploading and outbox.loaded)
    idle(qtbot, win, lambda: "máy chủ đã nhận" in outbox.table.item(0, 3).text())
    package_id = outbox.table.item(0, 0).data(Qt.UserRole)
    assert sends == Counter({package_id: 1})
    assert len(server.received()) == 1
    server.stop()
    win.close()


def test_a_refused_write_is_said_once_and_nothing_refreshes(qtbot, desk, monkeypatch) -> None:
    svc, boss, book, ids, guard = desk
    win = open_window(qtbot, svc, boss)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, message, *a, **k: said.append(message)))
    changes: list[Changes] = []
    win.ops.changed.connect(lambda c, _s: changes.append(c))
    win.show_entry(2)  # never saved: there is no record to approve
    idle(qtbot, win)
    win.review.approve()  # F9
    idle(qtbot, win, lambda: bool(said))
    assert len(said) == 1 and "chưa có hồ sơ" in said[0] and changes == []
    win.close()


def test_a_late_answer_after_the_window_closed_is_dropped(qtbot, desk) -> None:
    svc, boss, book, ids, guard = desk
    win = open_window(qtbot, svc, boss)
    ops = win.ops
    got: list[object] = []
    QueryOp(ops, lambda: time.sleep(0.3) or 1, success=got.append).run()
    win.close()
    qtbot.wait(500)
    assert got == [] and ops.closed
