"""The clerk's workstation: the book's pages, the page with its boxes, the record form, progress.

The window lays the screen out and wires the menus; the work is done by one controller per job
(controllers/: pages, entry, review, outbox, intake, status). Every store call goes through `self.ops`
(ui/operations.py): reads on a worker pool, writes on one write queue, and one `changed(Changes)` signal
that each controller listens to."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMainWindow,
                               QPushButton, QSplitter, QTableWidgetItem, QToolBar, QVBoxLayout, QWidget)

from ..core.changes import Changes
from ..core.roles import Actor
from ..core.service import Service
from ..core.workspace import Settings
from .controllers.entry import EntryController
from .controllers.intake import IntakeController
from .controllers.outbox import OUTBOX_CHECK_MS, OutboxController  # noqa: F401 - the timer's period, for tests
from .controllers.pages import PagesController
from .controllers.review import ReviewController
from .controllers.status import StatusController
from .dialogs import NewBookDialog, SettingsDialog
from .entry_form import EntryForm
from .operations import DIALOG, Ops, QueryOp, WriteOp
from .page_actions import MismatchBar, PageActions
from .page_view import PageView
from .population_panel import PopulationPanel
from .reads import THUMB
from .users_dialog import UsersDialog
from .widgets import ElidedLabel


class MainWindow(QMainWindow):
    def __init__(self, svc: Service, actor: Actor, prefs: QSettings | None = None) -> None:
        super().__init__()
        self.svc, self.actor = svc, actor
        self.prefs = prefs or QSettings("hotich", "hotich_desktop")
        self.ops = Ops(self)
        self.backing_up = False
        self.setWindowTitle(self.tr("Số hóa sổ hộ tịch"))
        self.view = PageView()
        self.form = EntryForm()
        self.mismatch = MismatchBar()
        self.population = PopulationPanel()
        self.population.hide()
        self.status = StatusController(self)
        self.entry = EntryController(self)
        self.pager = PagesController(self)
        self.intake = IntakeController(self)
        self.review = ReviewController(self)
        self.outboxes = OutboxController(self)
        self.page_actions = PageActions(self)
        self._build()
        self._menus()
        self._fit_to_screen()
        self.pager.reload_books()
        self.status.count_outbox()
        self.status.count_quarantine()
        self.intake.check_ocr()

    # -- what tests and dialogs read ------------------------------------------------------------------
    busy = property(lambda self: self.ops.busy)
    book = property(lambda self: self.pager.book)
    page = property(lambda self: self.entry.page)
    page_image = property(lambda self: self.entry.page_image)
    entries = property(lambda self: self.entry.entries)
    current = property(lambda self: self.entry.current)
    pages = property(lambda self: self.pager.list)
    outbox = property(lambda self: self.outboxes.panel)
    uploading = property(lambda self: self.outboxes.uploading)
    retry_schedule = property(lambda self: self.outboxes.schedule)
    review_dock = property(lambda self: self.review.dock)
    outbox_label = property(lambda self: self.status.outbox_label)
    quarantine_button = property(lambda self: self.status.quarantine_button)

    def save_record(self, submit: bool = False) -> None:
        self.entry.save_record(submit)

    def show_entry(self, index: int) -> None:
        self.entry.show_entry(index)

    def keep_draft(self, ask: bool = True) -> bool:
        return self.entry.keep_draft(ask)

    def _ask_discard(self, message: str) -> bool:
        return self.entry.ask_discard(message)

    def toggle_review(self) -> None:
        self.review.toggle()

    def open_outbox(self) -> None:
        self.outboxes.open()

    def outbox_tick(self) -> None:
        self.outboxes.tick()

    def _on_intake(self, report) -> None:  # noqa: ANN001
        self.intake.on_intake(report)

    def _count_quarantine(self) -> None:
        self.status.count_quarantine()

    def _status_message(self, message: str) -> None:
        self.status.message(message)

    # -- layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QToolBar(self.tr("Sổ"))
        bar.setObjectName("book_bar")
        self.addToolBar(bar)
        bar.addWidget(QLabel(self.tr("Sổ: ")))
        bar.addWidget(self.pager.book_box)
        new_book = QPushButton(self.tr("Sổ mới…"))
        new_book.clicked.connect(self.new_book)
        bar.addWidget(new_book)
        self.mismatch.move.clicked.connect(self.page_actions.move)
        self.mismatch.keep.clicked.connect(self.page_actions.keep)
        self.entry_title = QLabel()
        self.entry_title.setStyleSheet("font-weight: bold; font-size: 15px")
        self.entry_pdf = ElidedLabel()  # the PDF's name: seen after every rename, never widening the column
        self.entry_pdf.setStyleSheet("color: #555")
        self.returned = QLabel()
        self.returned.setStyleSheet("color: #c62828")
        self.returned.setWordWrap(True)
        save = QPushButton(self.tr("Lưu (Ctrl+S)"))
        save.clicked.connect(lambda: self.save_record())
        submit = QPushButton(self.tr("Gửi duyệt (Ctrl+Enter)"))
        submit.clicked.connect(lambda: self.save_record(submit=True))
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(submit)
        right = QWidget()
        col = QVBoxLayout(right)
        self.ocr_notice = QLabel()
        self.ocr_notice.setWordWrap(True)
        self.ocr_notice.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px")
        self.ocr_notice.hide()
        col.addWidget(self.ocr_notice)
        col.addWidget(self.entry_title)
        col.addWidget(self.entry_pdf)
        col.addWidget(self.returned)
        col.addWidget(self.form, 1)
        col.addWidget(self.population)
        col.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.pages)
        middle = QWidget()
        page_col = QVBoxLayout(middle)
        page_col.setContentsMargins(0, 0, 0, 0)
        page_col.addWidget(self.mismatch)
        page_col.addWidget(self.view, 1)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([THUMB + 52, 700, 520])
        split.setObjectName("main_split")
        self.split = split
        self.setCentralWidget(split)
        self.quarantine_button.clicked.connect(self.open_quarantine)

    def _action(self, menu, text: str, slot, shortcut=None, allowed: bool = True) -> QAction:  # noqa: ANN001
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        act.setVisible(allowed)
        menu.addAction(act)
        self.addAction(act)  # shortcuts work wherever the focus is
        return act

    def _menus(self) -> None:
        may = self.actor.may
        m = self.menuBar().addMenu(self.tr("&Tệp"))
        self._action(m, self.tr("Nhận trang từ thư mục…"), self.intake.ingest_now, "Ctrl+O", may("intake"))
        self._action(m, self.tr("Tệp bị cách ly…"), self.open_quarantine, None, may("intake"))
        self._action(m, self.tr("Cài đặt…"), self.open_settings, "Ctrl+,")
        self._action(m, self.tr("Đăng xuất / đổi người dùng…"), self.switch_user, "Ctrl+L")
        self._action(m, self.tr("Thoát"), self.close, "Ctrl+Q")
        m = self.menuBar().addMenu(self.tr("&Sửa"))
        undo = self.view.undo_stack.createUndoAction(self, self.tr("Hoàn tác"))
        undo.setShortcut(QKeySequence.Undo)
        redo = self.view.undo_stack.createRedoAction(self, self.tr("Làm lại"))
        redo.setShortcut(QKeySequence.Redo)
        m.addAction(undo)
        m.addAction(redo)
        self._action(m, self.tr("Thêm khung"), self.view.add_box_at_view_centre, "Ctrl+N", may("enter"))
        self._action(m, self.tr("Xóa khung đang chọn"), self.view.delete_selected, "Delete", may("enter"))
        self._action(m, self.tr("Lưu hồ sơ"), lambda: self.save_record(), "Ctrl+S", may("enter"))
        self._action(m, self.tr("Lưu và gửi duyệt"), lambda: self.save_record(submit=True), "Ctrl+Return",
                     may("enter"))
        m = self.menuBar().addMenu(self.tr("&Trang"))
        page_acts = [
            self._action(m, self.tr("Chuyển trang sang sổ khác…"), self.page_actions.move, None, may("manage_books")),
            self._action(m, self.tr("Xóa trang…"), self.page_actions.delete, "Ctrl+Shift+Delete", may("manage_books")),
            self._action(m, self.tr("Khôi phục trang đã xóa…"), self.page_actions.restore, None, may("manage_books")),
        ]
        self.pages.setContextMenuPolicy(Qt.ActionsContextMenu)
        self.pages.addActions(page_acts)
        m = self.menuBar().addMenu(self.tr("&Xem"))
        self._action(m, self.tr("Tìm hồ sơ…"), self.open_search, "Ctrl+F")
        self._action(m, self.tr("Mục sau"), self.entry.next_entry, "PgDown")
        self._action(m, self.tr("Mục trước"), self.entry.previous_entry, "PgUp")
        self._action(m, self.tr("Vừa chiều rộng"), self.view.fit_width, "Ctrl+0")
        zoom_in = self._action(m, self.tr("Phóng to"), lambda: self.view.zoom(1.25), "Ctrl++")
        zoom_out = self._action(m, self.tr("Thu nhỏ"), lambda: self.view.zoom(0.8), "Ctrl+-")
        # Every keyboard's way of typing them: "+" often needs Shift ("Ctrl+="), and the keypad's keys.
        zoom_in.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+="), QKeySequence("Ctrl+Shift+="),
                              QKeySequence(QKeySequence.ZoomIn)])
        zoom_out.setShortcuts([QKeySequence("Ctrl+-"), QKeySequence(QKeySequence.ZoomOut)])
        for act in (zoom_in, zoom_out):
            act.setShortcutContext(Qt.WindowShortcut)
        m = self.menuBar().addMenu(self.tr("&Duyệt"))
        m.menuAction().setVisible(may("review") or may("enter"))
        self._action(m, self.tr("Hàng đợi duyệt") if may("review") else self.tr("Hồ sơ bị trả lại cho tôi"),
                     self.toggle_review, "F8", may("review") or may("enter"))
        self._action(m, self.tr("Phê duyệt mục này"), self.review.approve, "F9", may("review"))
        self._action(m, self.tr("Trả lại mục này…"), self.review.return_entry, "F10", may("review"))
        m = self.menuBar().addMenu(self.tr("&Xuất"))
        m.menuAction().setVisible(may("export") or may("report"))
        self._action(m, self.tr("Hộp thư đi…"), self.open_outbox, "Ctrl+E", may("export"))
        self._action(m, self.tr("Báo cáo tiến độ ngày…"), self.open_report, "Ctrl+R", may("report"))
        m = self.menuBar().addMenu(self.tr("Đối &chiếu"))
        m.menuAction().setVisible(may("read_records"))
        self._action(m, self.tr("Danh sách sai lệch hộ tịch – dân cư…"), self.open_discrepancies, None,
                     may("read_records"))
        self._action(m, self.tr("Nhập dữ liệu dân cư…"), self.import_population, None, may("discrepancies"))
        self._action(m, self.tr("Xóa dữ liệu dân cư…"), self.purge_population, None, may("purge_population"))
        m = self.menuBar().addMenu(self.tr("&Quản trị"))
        m.menuAction().setVisible(may("manage_users"))
        self._action(m, self.tr("Người dùng…"), self.manage_users, None, may("manage_users"))
        self._action(m, self.tr("Tệp mẫu xuất 158…"), self.manage_templates, None, may("manage_settings"))
        self._action(m, self.tr("Sao lưu hằng ngày…"), self.manage_backup, None, may("manage_settings"))
        m = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        self._action(m, self.tr("Phím tắt"), self.show_shortcuts, "F1")

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) for every action this user has, in menu order."""
        rows = []
        for menu_action in self.menuBar().actions():
            if not menu_action.isVisible() or menu_action.menu() is None:
                continue
            for act in menu_action.menu().actions():
                # dict: once each (zoom out's Ctrl+- is also the platform's ZoomOut key, F1 showed it twice)
                keys = list(dict.fromkeys(k.toString(QKeySequence.NativeText) for k in act.shortcuts()
                                          if not k.isEmpty()))
                if act.isVisible() and keys:
                    rows.append((act.text().replace("&", ""), ", ".join(keys[:2])))
        rows += [(self.tr("Sang ô sau / ô trước"), "Tab, Shift+Tab"),
                 (self.tr("Xác nhận ô, ở ô cuối thì gửi duyệt"), "Enter"),
                 (self.tr("Phóng to, thu nhỏ trang bằng chuột"), "Ctrl + " + self.tr("lăn chuột"))]
        return rows

    def show_shortcuts(self) -> None:
        from .widgets import read_only_table

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Phím tắt"))
        rows = self.shortcut_rows()
        table = read_only_table([self.tr("Việc"), self.tr("Phím")], 0)
        table.setRowCount(len(rows))
        for i, (what, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(what))
            table.setItem(i, 1, QTableWidgetItem(keys))
        table.resizeColumnToContents(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(close)
        dialog.resize(520, min(600, self.height() - 40))
        self.shortcuts_dialog = dialog
        dialog.show()

    # -- books, settings, users ----------------------------------------------------------------------
    def new_book(self) -> None:
        dialog = NewBookDialog(self)
        if dialog.exec():
            WriteOp(self.ops, self.svc.books.open, self.actor, dialog.book_type.currentData(), dialog.year.value(),
                    dialog.volume.text(), changes=lambda b: Changes.of(books=[b.id]), source=self,
                    success=lambda book: self.pager.show_book(book.id)).run()

    def open_quarantine(self) -> None:
        self.intake.open_quarantine()

    def open_settings(self) -> None:
        """Read on the pool (the office's items are in the store), shown, saved through the write queue."""
        QueryOp(self.ops, self.svc.settings.get, success=self._edit_settings, where=DIALOG).run()

    def _edit_settings(self, settings: Settings) -> None:
        dialog = SettingsDialog(settings, self.prefs, self, self.try_target, self.actor.may("configure_delivery"),
                                self.actor.may("office_settings"))
        if not dialog.exec():
            return
        dialog.save_prefs()
        # A stale save (another desk changed an item meanwhile) is refused by the core: errors.Conflict, shown.
        WriteOp(self.ops, self.svc.settings.update, self.actor, dialog.changes(), settings, source=self).run()
        address, password = dialog.target_choice()
        if self.actor.may("configure_delivery") and (address != settings.upload_url or password is not None):
            WriteOp(self.ops, self.svc.outbox.set_target, self.actor, address, password, source=self).run()
        WriteOp(self.ops, lambda: None, success=lambda _: self._settings_saved()).run()

    def _settings_saved(self) -> None:
        self.intake.start_watching()
        self.intake.check_ocr()

    def try_target(self, address: str, password: str | None, show: Callable[[str], None]) -> None:
        """"Thử kết nối" in the settings: signs in and checks the folder in a worker, never in the window."""
        QueryOp(self.ops, self.svc.outbox.check_connection, self.actor, address or None, password, success=show,
                failure=lambda exc: show(getattr(exc, "message", str(exc))),
                label=self.tr("Đang thử kết nối tới nơi nhận…")).run()

    def switch_user(self) -> None:
        """Another person signs in at this desk; the current work is kept first."""
        from .dialogs import LoginDialog

        if not self.keep_draft():
            return
        dialog = LoginDialog(self.svc, self)
        if dialog.exec() != QDialog.Accepted or dialog.actor is None:
            return
        WriteOp(self.ops, self.svc.users.logout, self.actor).run()
        successor = MainWindow(self.svc, dialog.actor, self.prefs)
        app = QApplication.instance()
        app.main_window = successor  # keeps it alive after this window is gone
        successor.show()
        self.close()

    def manage_users(self) -> None:
        UsersDialog(self.svc, self.actor, self, self.ops).exec()  # its writes announce themselves (changed)

    def manage_templates(self) -> None:
        """The province's own 158 template per book type (admin; the core checks the role again)."""
        from .template_dialog import TemplateDialog

        TemplateDialog(self.svc, self.actor, self, self.ops).exec()

    def open_search(self) -> None:
        from .search_dialog import SearchDialog

        if getattr(self, "search_dialog", None) is None:
            self.search_dialog = SearchDialog(self.svc, self.actor, self, self.ops)
            self.search_dialog.open_entry.connect(self.review.open_entry)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()

    def open_report(self) -> None:
        from .report_dialog import ReportDialog

        ReportDialog(self.svc, self, self.actor, self.ops).exec()

    # -- population extract, discrepancies, backups ---------------------------------------------------
    def open_discrepancies(self) -> None:
        from .discrepancy_dialog import DiscrepancyDialog

        if getattr(self, "discrepancy_dialog", None) is None:
            self.discrepancy_dialog = DiscrepancyDialog(self.svc, self.actor, self)
            self.discrepancy_dialog.open_entry.connect(self.review.open_entry)
            # A resolution that saved a record: announced like every other write.
            self.discrepancy_dialog.changed.connect(lambda changes: self.ops.changed.emit(changes, self))
        else:
            self.discrepancy_dialog.reload()
        self.discrepancy_dialog.show()
        self.discrepancy_dialog.raise_()

    def import_population(self) -> None:
        from .discrepancy_dialog import import_population

        if import_population(self, self.svc, self.actor):
            self.entry.population_people = None
            self.entry.refresh_population()

    def purge_population(self) -> None:
        from .discrepancy_dialog import purge_population

        if purge_population(self, self.svc, self.actor):
            self.entry.population_people = None
            self.entry.refresh_population()

    def manage_backup(self) -> None:
        from .backup_dialog import BackupDialog

        QueryOp(self.ops, self.svc.settings.get, where=DIALOG,
                success=lambda settings: BackupDialog(self.svc, self.actor, self, settings).exec()).run()

    def backup_tick(self) -> None:
        """The daily backup, when due (Quản trị → Sao lưu hằng ngày), on a worker: the clerk keeps working.
        It reads the store and writes files only, so it runs on the read pool, not ahead of the clerk's saves."""
        if self.backing_up:
            return
        self.backing_up = True

        def run() -> object:
            return self.svc.backups.run_scheduled() if self.svc.backups.due() else None

        def finished(report: object) -> None:
            self.backing_up = False
            if report is not None:
                self.status.message(self.tr("Đã sao lưu hằng ngày (%1 tệp mới).").replace(
                    "%1", str(getattr(report, "new_files", 0))))

        def failed(exc: BaseException) -> None:
            self.backing_up = False
            self.status.message(self.tr("Sao lưu hằng ngày chưa được: %1 — sẽ thử lại sau.").replace(
                "%1", getattr(exc, "message", str(exc))))

        QueryOp(self.ops, run, success=finished, failure=failed).run()

    def _fit_to_screen(self) -> None:
        """Opens inside the screen it is on (1366×768 commune PCs, 125–150 % scaling): the last size and
        splitter places if they still fit, else the whole available area up to 1400×900."""
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        saved = self.prefs.value("window/geometry")
        if saved is not None and self.restoreGeometry(saved) and screen.contains(self.frameGeometry()):
            state = self.prefs.value("window/split")
            if state is not None:
                self.split.restoreState(state)
            return
        self.resize(min(1400, screen.width()), min(900, screen.height()))
        self.move(screen.topLeft())

    def closeEvent(self, event) -> None:  # noqa: ANN001
        if not self.keep_draft():
            event.ignore()
            return
        self.prefs.setValue("window/geometry", self.saveGeometry())
        self.prefs.setValue("window/split", self.split.saveState())
        self.intake.stop()
        self.outboxes.timer.stop()
        self.ops.close()  # queued writes finish; nothing is left half-saved
        super().closeEvent(event)
