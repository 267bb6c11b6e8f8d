"""The clerk's workstation: pages of the book, the page with its boxes, the record form, progress."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRectF, QSettings, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QDialogButtonBox, QDockWidget, QFileDialog,
                               QHBoxLayout, QInputDialog, QLabel, QListView, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QProgressBar,
                               QPushButton, QSplitter, QTableWidgetItem, QToolBar, QVBoxLayout, QWidget)

from ..core.entries import edit as entry_edit
from ..core.errors import Conflict, HotichError
from ..core.records.forms import load_form
from ..core.ocr.engine import available as ocr_available
from ..core.intake.ingest import IngestReport, ingest_folder
from ..core.intake.watcher import FolderWatcher
from ..core.entries.processing import load_page_frame, process_book
from ..core.roles import ROLE_LABELS, Actor
from ..core.service import SaveResult, Service
from ..core import lifecycle
from ..core.lifecycle import EntryStatus, PageStatus
from ..core.views import BookInfo, EntryInfo, Finding, PageInfo
from ..core.export.outbox import waiting_packages
from ..core.export.targets.config import check_connection, set_delivery_target
from ..core.export.targets.schedule import RetrySchedule, deliver_due
from .dialogs import NewBookDialog, SettingsDialog, tell
from .entry_form import EntryForm
from .page_view import PageView, polygon_to_rect, rect_to_polygon
from .outbox_panel import OutboxPanel
from .page_actions import MismatchBar, PageActions
from .population_panel import PopulationPanel
from .report_dialog import ReportDialog
from .review_panel import ReviewPanel
from .users_dialog import UsersDialog
from .widgets import STATUS_LABELS, ElidedLabel
from .workers import run_in_background

OUTBOX_CHECK_MS = 120_000  # how often waiting packages are counted and, with a server set, sent again

THUMB = 120


def pil_to_qimage(img: Any) -> QImage:
    rgb = img.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format_RGB888).copy()


def load_page_image(svc: Service, page_id: int) -> QImage:
    """Runs in a worker: decoding a 300 dpi page takes longer than a frame."""
    return pil_to_qimage(load_page_frame(svc, page_id).image)


def load_thumbnail(svc: Service, page_id: int) -> QImage:
    frame = load_page_frame(svc, page_id)
    frame.image.thumbnail((THUMB, int(THUMB * 1.42)))
    return pil_to_qimage(frame.image)


class WatchBridge(QObject):
    """Carries the watcher thread's reports onto the GUI thread."""

    report = Signal(object)
    error = Signal(str)


class MainWindow(QMainWindow):
    def __init__(self, svc: Service, actor: Actor, prefs: QSettings | None = None) -> None:
        super().__init__()
        self.svc, self.actor = svc, actor
        self.prefs = prefs or QSettings("hotich", "hotich_desktop")
        self.pool = QThreadPool.globalInstance()
        self.book: BookInfo | None = None
        self.page: PageInfo | None = None
        self.page_image: QImage | None = None
        self.entries: list[EntryInfo] = []
        self.current = -1
        self.watcher: FolderWatcher | None = None
        self.bridge = WatchBridge()
        self.bridge.report.connect(self._on_intake)
        self.bridge.error.connect(self._status_message)
        self.busy = 0
        self.workers: set = set()
        self.processing = self.more_to_process = False
        self.uploading = self.backing_up = False
        self.retry_schedule = RetrySchedule()
        self.pending_entry: int | None = None
        self.review_dock: QDockWidget | None = None
        self.outbox: OutboxPanel | None = None
        self.setWindowTitle(self.tr("Số hóa sổ hộ tịch"))
        self._build()
        self._menus()
        self._fit_to_screen()
        self.reload_books()
        self.outbox_timer = QTimer(self)
        self.outbox_timer.timeout.connect(self.outbox_tick)
        self.outbox_timer.start(OUTBOX_CHECK_MS)
        self.refresh_outbox_count()
        self._count_quarantine()
        self.check_ocr()

    # -- layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = QToolBar(self.tr("Sổ"))
        bar.setObjectName("book_bar")
        self.addToolBar(bar)
        self.book_box = QComboBox()
        self.book_box.setMinimumWidth(320)
        self.book_box.currentIndexChanged.connect(self._book_chosen)
        bar.addWidget(QLabel(self.tr("Sổ: ")))
        bar.addWidget(self.book_box)
        new_book = QPushButton(self.tr("Sổ mới…"))
        new_book.clicked.connect(self.new_book)
        bar.addWidget(new_book)
        self.pages = QListWidget()
        self.pages.setIconSize(QSize(THUMB, int(THUMB * 1.42)))
        self.pages.setViewMode(QListView.IconMode)  # the text under its thumbnail, never clipped beside it
        self.pages.setFlow(QListView.TopToBottom)
        self.pages.setWrapping(False)
        self.pages.setMovement(QListView.Static)
        self.pages.setResizeMode(QListView.Adjust)
        self.pages.setWordWrap(True)
        self.pages.setGridSize(QSize(THUMB + 30, int(THUMB * 1.42) + 52))
        self.pages.setFixedWidth(THUMB + 52)
        self.pages.currentRowChanged.connect(self._page_chosen)
        self.view = PageView()
        self.page_actions = PageActions(self)
        self.mismatch = MismatchBar()
        self.mismatch.move.clicked.connect(self.page_actions.move)
        self.mismatch.keep.clicked.connect(self.page_actions.keep)
        self.view.box_changed.connect(self._box_changed)
        self.view.box_added.connect(self._box_added)
        self.view.box_deleted.connect(self._box_deleted)
        self.view.box_selected.connect(self._box_selected)
        self.form = EntryForm()
        self.form.confirmed.connect(lambda: self.save_record(submit=True))  # Enter on the last field
        self.form.field_left.connect(self._field_left)
        self.form.accept_requested.connect(self.accept_finding)
        self.form.completions_wanted.connect(self._completions)
        self.entry_title = QLabel()
        self.entry_title.setStyleSheet("font-weight: bold; font-size: 15px")
        self.entry_pdf = ElidedLabel()  # the PDF's name: seen after every rename, never widening the column
        self.entry_pdf.setStyleSheet("color: #555")
        self.returned = QLabel()
        self.returned.setStyleSheet("color: #c62828")
        self.returned.setWordWrap(True)
        save = QPushButton(self.tr("Lưu (Ctrl+S)"))
        save.clicked.connect(self.save_record)
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
        self.population = PopulationPanel()
        self.population.take.connect(self._take_population_value)
        self.population.note.connect(self._note_population_difference)
        self.population.hide()
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
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.who = QLabel(f"{self.actor.login} — {ROLE_LABELS[self.actor.role]}")
        self.outbox_label = QLabel()
        self.quarantine_button = QPushButton()
        self.quarantine_button.setFlat(True)
        self.quarantine_button.setStyleSheet("color: #c62828")
        self.quarantine_button.clicked.connect(self.open_quarantine)
        self.quarantine_button.hide()
        self.statusBar().addPermanentWidget(self.quarantine_button)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.outbox_label)
        self.statusBar().addPermanentWidget(self.who)

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
        self._action(m, self.tr("Nhận trang từ thư mục…"), self.ingest_now, "Ctrl+O", may("intake"))
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
        self._action(m, self.tr("Lưu hồ sơ"), self.save_record, "Ctrl+S", may("enter"))
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
        self._action(m, self.tr("Mục sau"), self.next_entry, "PgDown")
        self._action(m, self.tr("Mục trước"), self.previous_entry, "PgUp")
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
        self._action(m, self.tr("Phê duyệt mục này"), self.approve, "F9", may("review"))
        self._action(m, self.tr("Trả lại mục này…"), self.return_entry, "F10", may("review"))
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
                keys = [k.toString(QKeySequence.NativeText) for k in act.shortcuts() if not k.isEmpty()]
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

    # -- background work ----------------------------------------------------------------------------
    def background(self, fn, *args, on_done=None, on_error=None, label: str = "", with_progress: bool = False,  # noqa: ANN001, ANN201
                   **kw):
        """Runs fn on the pool with the status bar busy; a failure goes to on_error, else to a message box."""
        self.busy += 1
        self.progress.show()
        self.progress.setRange(0, 0)
        if label:
            self.statusBar().showMessage(label)

        # A result can arrive after the window is gone (queued signals outlive a closed window): drop it then.
        def done(result: Any) -> None:
            if not shiboken6.isValid(self.progress):
                return
            self._idle()
            if on_done:
                on_done(result)

        def failed(message: str) -> None:
            if not shiboken6.isValid(self.progress):
                return
            self._idle()
            (on_error or (lambda m: tell(self, m)))(message)

        return run_in_background(self.pool, self.workers, fn, *args, on_done=done, on_error=failed,
                                 on_progress=self._progress if with_progress else None, **kw)

    def _idle(self) -> None:
        self.busy -= 1
        if self.busy <= 0:
            self.busy = 0
            self.progress.hide()
            self.statusBar().clearMessage()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.statusBar().showMessage(self.tr("Đang xử lý {0}/{1}: {2}").format(done, total, what))

    def _status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    # -- books and pages ----------------------------------------------------------------------------
    def reload_books(self, select_id: int | None = None) -> None:
        books = self.svc.books()
        self.book_box.blockSignals(True)
        self.book_box.clear()
        for b in books:
            from ..core.booktypes import BOOK_TYPES

            self.book_box.addItem(f"{BOOK_TYPES[b.book_type].title} — {b.year} — quyển {b.volume}", b.id)
        self.book_box.blockSignals(False)
        if books:
            index = next((i for i, b in enumerate(books) if b.id == select_id), len(books) - 1)
            self.book_box.setCurrentIndex(index)
            self._book_chosen(index)

    def new_book(self) -> None:
        dialog = NewBookDialog(self)
        if dialog.exec():
            try:
                book = self.svc.open_book(self.actor, dialog.book_type.currentData(), dialog.year.value(),
                                          dialog.volume.text())
            except Exception as exc:  # noqa: BLE001 - shown to the clerk
                tell(self, getattr(exc, "message", str(exc)))
                return
            self.reload_books(book.id)

    def _book_chosen(self, index: int) -> None:
        book_id = self.book_box.itemData(index)
        if book_id is None:
            return
        if not self.keep_draft():
            self.book_box.blockSignals(True)
            self.book_box.setCurrentIndex(max(0, self.book_box.findData(self.book.id if self.book else None)))
            self.book_box.blockSignals(False)
            return
        self.current = -1
        self.book = self.svc.book(book_id)
        self.form.build(load_form(self.book.book_type))
        self.refresh_pages()
        self.start_watching()

    def refresh_pages(self, keep_row: bool = True) -> None:
        if self.book is None:
            return
        row = self.pages.currentRow()
        pages = self.svc.pages(self.book.id)
        self.pages.blockSignals(True)
        known = {self.pages.item(i).data(Qt.UserRole): self.pages.item(i).icon() for i in range(self.pages.count())}
        self.pages.clear()
        for n, p in enumerate(pages, 1):
            item = QListWidgetItem(f"{n}. {STATUS_LABELS.get(p.status, p.status)}\n{p.entries} mục")
            item.setData(Qt.UserRole, p.id)
            item.setToolTip(p.source_name + (f"\n{p.error}" if p.error else ""))
            if p.id in known:
                item.setIcon(known[p.id])
            else:
                self.background(load_thumbnail, self.svc, p.id, on_done=lambda img, it=item: self._thumb(it, img),
                                on_error=self._status_message)
            self.pages.addItem(item)
        self.pages.blockSignals(False)
        if pages:
            target = row if keep_row and 0 <= row < len(pages) else 0
            self.pages.setCurrentRow(target)
            if self.page is None or self.page.id != pages[target].id or target != row:
                self._page_chosen(target)

    def _thumb(self, item: QListWidgetItem, image: QImage) -> None:
        try:
            item.setIcon(QIcon(QPixmap.fromImage(image)))
        except RuntimeError:
            pass  # the list was rebuilt meanwhile

    def _page_chosen(self, row: int, entry_index: int = 0) -> None:
        if row < 0 or self.book is None:
            return
        page_id = self.pages.item(row).data(Qt.UserRole)
        if not self.keep_draft():
            self._select_page_row(self.page.id if self.page else None)
            return
        self.page = self.svc.page(page_id)
        self.background(load_page_image, self.svc, page_id, label=self.tr("Đang mở trang…"),
                        on_error=self._status_message,
                        on_done=lambda img: self._show_page(page_id, img, entry_index))

    def _select_page_row(self, page_id: int | None) -> None:
        """Moves the list's highlight without opening the page (the page already shown stays)."""
        rows = [self.pages.item(i).data(Qt.UserRole) for i in range(self.pages.count())]
        if page_id in rows:
            self.pages.blockSignals(True)
            self.pages.setCurrentRow(rows.index(page_id))
            self.pages.blockSignals(False)

    def _show_page(self, page_id: int, image: QImage, entry_index: int = 0) -> None:
        if self.page is None or self.page.id != page_id:
            return
        self.keep_draft(ask=False)  # a page re-shown after a box edit must not drop typed values
        self.page_image = image
        self.mismatch.text.setText(self.page.error if self.page.status == PageStatus.MISMATCH else "")
        self.mismatch.setVisible(self.page.status == PageStatus.MISMATCH)
        self.entries = self.svc.entries(page_id=page_id)
        self.view.show_page(image, [(e.id, polygon_to_rect(e.polygon)) for e in self.entries])
        self.current = -1
        wanted = [i for i, e in enumerate(self.entries) if e.id == self.pending_entry]
        self.pending_entry = None
        if wanted:
            self.show_entry(wanted[0])
        elif self.entries:
            self.show_entry(entry_index if entry_index >= 0 else len(self.entries) - 1)
        else:
            self.entry_title.setText(self.tr("Trang chưa có mục nào"))
            self.entry_pdf.setText("")
            self.form.set_editable(False)  # nothing to type into: no edit can be lost
            self.form.load({}, {}, None)

    # -- entries ------------------------------------------------------------------------------------
    def show_entry(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        if index != self.current and not self.keep_draft():
            return
        self.current = index
        entry = self.entries[index]
        self._update_title()
        reasons = self.svc.return_reasons(entry.id) if entry.status == EntryStatus.RETURNED else []
        self.returned.setText(self.tr("Bị trả lại: {0}").format(reasons[0]) if reasons else "")
        self.form.set_editable(self._may_edit(entry))
        self.form.load(entry.fields, entry.ocr, self.page_image)
        self.view.select_entry(entry.id)
        if entry.fields:
            self.form.show_findings(self.svc.findings(entry.id), self._may_accept)
        elif self.form.editable:
            self._learned_prefill(entry.id)
        self.refresh_population()

    # -- population extract ---------------------------------------------------------------------------
    def refresh_population(self) -> None:
        """The extract's best match for the shown record (the panel is hidden while no extract is loaded)."""
        if getattr(self, "population_people", None) is None:
            self.population_people = self.svc.discrepancies.population_size()
        entry = self.entries[self.current] if 0 <= self.current < len(self.entries) else None
        if not self.population_people or entry is None or self.book is None:
            self.population.hide()
            return
        values = self.form.values() or entry.fields
        self.population.show_match(self.svc.discrepancies.population_match(self.book.book_type, values))
        self.population.show()

    def _take_population_value(self, field: str, value: str) -> None:
        row = self.form.rows.get(field)
        if row is None or not self.form.editable:
            return
        row.edit.setText(value)
        row.edit.setFocus()
        self._field_left(field)  # saved as a draft like a typed change; the audit names the clerk

    def _note_population_difference(self, field: str, value: str) -> None:
        if not 0 <= self.current < len(self.entries) or not self.keep_draft():
            return
        note, ok = QInputDialog.getText(self, self.tr("Ghi sai lệch cho huyện"),
                                        self.tr("Ghi chú (ví dụ: sổ ghi đúng như vậy):"))
        if not ok:
            return
        try:
            self.svc.discrepancies.note_difference(self.actor, self.entries[self.current].id, field, value, note)
        except Exception as exc:  # noqa: BLE001
            tell(self, getattr(exc, "message", str(exc)))
            return
        self._status_message(self.tr("Đã ghi sai lệch vào danh sách gửi huyện."))

    def open_discrepancies(self) -> None:
        from .discrepancy_dialog import DiscrepancyDialog

        if getattr(self, "discrepancy_dialog", None) is None:
            self.discrepancy_dialog = DiscrepancyDialog(self.svc, self.actor, self)
            self.discrepancy_dialog.open_entry.connect(self.open_entry)
            self.discrepancy_dialog.changed.connect(lambda _changes: self._reload_entries())
        else:
            self.discrepancy_dialog.reload()
        self.discrepancy_dialog.show()
        self.discrepancy_dialog.raise_()

    def import_population(self) -> None:
        from .discrepancy_dialog import import_population

        if import_population(self, self.svc, self.actor):
            self.population_people = None
            self.refresh_population()

    def purge_population(self) -> None:
        from .discrepancy_dialog import purge_population

        if purge_population(self, self.svc, self.actor):
            self.population_people = None
            self.refresh_population()

    def _learned_prefill(self, entry_id: int) -> None:
        """The OCR prefill corrected by what approved records taught (core/learning), fetched on the pool and
        put into the fields the clerk has not touched yet, if the entry is still the one shown."""
        def offer(proposals: dict[str, Any]) -> None:
            if 0 <= self.current < len(self.entries) and self.entries[self.current].id == entry_id \
                    and not self.entries[self.current].fields:
                self.form.offer(proposals)

        self.background(self.svc.learning.prefill, self.actor, entry_id, on_done=offer,
                        on_error=lambda m: self._status_message(m))

    def _completions(self, key: str, text: str) -> None:
        """The likeliest values for the field being typed, asked of the service on the pool."""
        if not 0 <= self.current < len(self.entries) or self.book is None:
            return
        run_in_background(self.pool, self.workers, self.svc.learning.suggest, self.actor, self.book.id, key, text,
                          on_done=lambda found: shiboken6.isValid(self.form) and self.form.offer_completions(
                              key, text, [g.value for g in found]))

    def _update_title(self) -> None:
        if not 0 <= self.current < len(self.entries):
            return
        entry = self.entries[self.current]
        self.entry_title.setText(self.tr("Mục {0}/{1} — {2}").format(
            self.current + 1, len(self.entries), self.tr(STATUS_LABELS.get(entry.status, entry.status))))
        self.entry_pdf.setText(Path(entry.pdf).name)

    def _may_edit(self, entry: EntryInfo) -> bool:
        """Mirrors the core's rule, so the form is read-only where a save would be refused."""
        if not self.actor.may("enter"):
            return False
        return lifecycle.editable(entry.status, self.actor.may("review"))

    def _may_accept(self, finding: Finding) -> bool:
        """Who may accept a finding as the book really says it (the core checks again)."""
        if not lifecycle.acceptable(finding) or not self.actor.may("enter"):
            return False
        return finding.severity != "error" or self.actor.may("review")

    # -- keeping edits --------------------------------------------------------------------------------
    def keep_draft(self, ask: bool = True) -> bool:
        """Saves the shown entry's unsaved edits before the user moves elsewhere; True when it is fine
        to move on. If the save is refused, the user chooses between staying and dropping the edits."""
        if not 0 <= self.current < len(self.entries) or not self.form.dirty():
            return True
        entry = self.entries[self.current]
        try:
            result = self.svc.save_record(self.actor, entry.id, self.form.values(), replace=True)
        except Exception as exc:  # noqa: BLE001 - the user decides what happens to the edits
            message = getattr(exc, "message", str(exc))
            if not ask:
                self._status_message(self.tr("Chưa lưu được mục {0}: {1}").format(self.current + 1, message))
                return True
            return self._ask_discard(message)
        self._saved(result, entry)
        self._status_message(self.tr("Đã tự lưu bản nháp mục {0}").format(self.current + 1))
        return True

    def _ask_discard(self, message: str) -> bool:
        box = QMessageBox(QMessageBox.Warning, self.tr("Chưa lưu được"),
                          self.tr("Không lưu được các thay đổi của mục này: {0}").format(message), parent=self)
        stay = box.addButton(self.tr("Ở lại để sửa"), QMessageBox.RejectRole)
        box.addButton(self.tr("Bỏ các thay đổi"), QMessageBox.DestructiveRole)
        box.setDefaultButton(stay)
        box.exec()
        if box.clickedButton() is stay:
            return False
        self.form.mark_saved()  # dropped on purpose
        return True

    def _saved(self, result: SaveResult, entry: EntryInfo) -> None:
        result.entry.ocr = entry.ocr
        self.entries[self.current] = result.entry
        self.form.mark_saved()
        self._update_title()
        self.refresh_population()

    def _field_left(self, key: str) -> None:
        """Leaving a changed field saves the draft; only that field's findings are shown (the clerk has
        not reached the others yet)."""
        if not 0 <= self.current < len(self.entries) or not self.form.dirty():
            return
        entry = self.entries[self.current]
        try:
            result = self.svc.save_record(self.actor, entry.id, self.form.values(), replace=True)
        except Exception as exc:  # noqa: BLE001 - kept in the form; said in the status bar
            self._status_message(self.tr("Chưa lưu được: {0}").format(getattr(exc, "message", str(exc))))
            return
        self._saved(result, entry)
        self.form.show_findings(result.findings, self._may_accept, only={key})

    def next_entry(self) -> None:
        if self.current + 1 < len(self.entries):
            self.show_entry(self.current + 1)
        elif self.pages.currentRow() + 1 < self.pages.count():
            self.pages.blockSignals(True)
            self.pages.setCurrentRow(self.pages.currentRow() + 1)
            self.pages.blockSignals(False)
            self._page_chosen(self.pages.currentRow(), 0)

    def previous_entry(self) -> None:
        if self.current > 0:
            self.show_entry(self.current - 1)
        elif self.pages.currentRow() > 0:
            self.pages.blockSignals(True)
            self.pages.setCurrentRow(self.pages.currentRow() - 1)
            self.pages.blockSignals(False)
            self._page_chosen(self.pages.currentRow(), -1)

    def _box_selected(self, entry_id: int | None) -> None:
        for i, e in enumerate(self.entries):
            if e.id == entry_id and i != self.current:
                self.show_entry(i)

    def save_record(self, submit: bool = False) -> None:
        if not 0 <= self.current < len(self.entries):
            return
        entry = self.entries[self.current]
        if not self._may_edit(entry):
            tell(self, self.tr("Mục này đã được phê duyệt; chỉ người phê duyệt mới sửa được."))
            return
        try:
            result = self.svc.save_record(self.actor, entry.id, self.form.values(), submit=submit, replace=True,
                                          expected_version=entry.version or None)
        except Conflict as exc:  # another desk saved first: show its values; the next save merges onto them
            lines = [f"{k}: «{theirs}» ≠ «{mine}»" for k, theirs, mine in exc.differences(self.form.values())]
            tell(self, "\n".join([exc.message, *lines[:12]]))
            entry.version = exc.version
            return
        except Exception as exc:  # noqa: BLE001 - refusals are shown, the values stay in the form
            tell(self, getattr(exc, "message", str(exc)))
            return
        self._saved(result, entry)
        self.form.show_findings(result.findings, self._may_accept)
        self._status_message(self.tr("Đã gửi duyệt mục {0}").format(self.current + 1) if submit
                             else self.tr("Đã lưu mục {0}").format(self.current + 1))
        if not [f for f in result.findings if f.severity == "error" and not f.accepted]:
            self.next_entry()

    def accept_finding(self, finding: Finding) -> None:
        """The book really says it: the finding is accepted with a reason (audited by the core)."""
        if not 0 <= self.current < len(self.entries) or not self.keep_draft():
            return
        entry = self.entries[self.current]
        reason, ok = QInputDialog.getText(self, self.tr("Chấp nhận điểm cần xem"),
                                          self.tr("«{0}»\nLý do chấp nhận (ví dụ: sổ gốc ghi đúng như vậy):")
                                          .format(finding.message))
        if not ok:
            return
        try:
            self.svc.accept_finding(self.actor, entry.id, finding.code, finding.field, reason)
        except Exception as exc:  # noqa: BLE001
            tell(self, getattr(exc, "message", str(exc)))
            return
        self.form.show_findings(self.svc.findings(entry.id), self._may_accept)
        self._status_message(self.tr("Đã chấp nhận: {0}").format(finding.message))

    # -- box edits ----------------------------------------------------------------------------------
    def _box_changed(self, entry_id: int, rect: QRectF) -> None:
        before = next((e.pdf for e in self.entries if e.id == entry_id), "")

        def done(result: EntryInfo) -> None:
            self._reload_entries()
            if Path(result.pdf).name != Path(before).name:  # the clerk sees the file's new name
                self._status_message(self.tr("Khung đã sửa; tệp PDF mới: {0}").format(Path(result.pdf).name))

        # The box as this desk last saw it: another desk's change meanwhile is refused, and its box shown.
        self.background(entry_edit.set_box, self.svc, self.actor, entry_id, rect_to_polygon(rect),
                        expected_version=self._box_version(entry_id), on_done=done,
                        on_error=self._box_refused, label=self.tr("Đang cắt lại mục…"))

    def _box_version(self, entry_id: int) -> int | None:
        return next((e.box_version for e in self.entries if e.id == entry_id), None)

    def _box_refused(self, message: str) -> None:
        tell(self, message)
        self._reload_page()

    def _box_added(self, rect: QRectF) -> None:
        if self.page is None:
            return
        self.background(entry_edit.add_box, self.svc, self.actor, self.page.id, rect_to_polygon(rect),
                        on_done=lambda _e: self._reload_page(), label=self.tr("Đang thêm mục…"))

    def _box_deleted(self, entry_id: int) -> None:
        self.background(entry_edit.delete_box, self.svc, self.actor, entry_id,
                        expected_version=self._box_version(entry_id), on_done=lambda _r: self._reload_page(),
                        on_error=self._box_refused)

    def _reload_entries(self) -> None:
        """Fresh statuses and PDF names from the store; the form (and any edit in it) stays as it is."""
        if self.page is not None:
            fresh = {e.id: e for e in self.svc.entries(page_id=self.page.id)}
            for i, e in enumerate(self.entries):
                if e.id in fresh:
                    fresh[e.id].ocr = e.ocr or fresh[e.id].ocr
                    self.entries[i] = fresh[e.id]
            self._update_title()

    def _reload_page(self) -> None:
        if self.page is not None and self.page_image is not None:
            self._show_page(self.page.id, self.page_image, max(0, self.current))
        self.refresh_pages()

    # -- review -------------------------------------------------------------------------------------
    def approve(self) -> None:
        """F9: the supervisor's corrections in the form are saved first (audited as theirs), then approved."""
        if 0 <= self.current < len(self.entries):
            if not self.keep_draft():
                return
            try:
                entry = self.entries[self.current]
                self.svc.approve(self.actor, entry.id, entry.version)  # the version on screen, never a later one
            except Exception as exc:  # noqa: BLE001
                tell(self, getattr(exc, "message", str(exc)))
                return
            self._reload_entries()
            self.next_entry()

    def return_entry(self) -> None:
        if not 0 <= self.current < len(self.entries) or not self.keep_draft():
            return
        reason, ok = QInputDialog.getText(self, self.tr("Trả lại"), self.tr("Lý do trả lại:"))
        if ok:
            try:
                entry = self.entries[self.current]
                self.svc.return_entry(self.actor, entry.id, reason, entry.version)  # the version on screen
            except Exception as exc:  # noqa: BLE001
                tell(self, getattr(exc, "message", str(exc)))
                return
            self._reload_entries()
            self.show_entry(self.current)

    # -- intake -------------------------------------------------------------------------------------
    def start_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        folders = [Path(f) for f in self.svc.settings.watch_folders]
        if self.book is None or not folders or not self.actor.may("intake"):
            return
        self.watcher = FolderWatcher(self.svc, self.actor, self.book.id, folders, self.bridge.report.emit,
                                     self.bridge.error.emit)
        self.watcher.start()
        self._status_message(self.tr("Đang theo dõi thư mục máy quét: {0}").format(", ".join(map(str, folders))))

    def ingest_now(self) -> None:
        if self.book is None:
            tell(self, self.tr("Hãy chọn hoặc tạo sổ trước."))
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục có ảnh quét"),
                                                  options=QFileDialog.ShowDirsOnly | QFileDialog.DontUseNativeDialog)
        if folder:
            self.background(ingest_folder, self.svc, self.actor, self.book.id, Path(folder),
                            on_done=self._on_intake, label=self.tr("Đang nhận trang…"))

    def open_quarantine(self) -> None:
        from .quarantine_dialog import QuarantineDialog

        dialog = QuarantineDialog(self.svc, self.actor, lambda: self.book.id if self.book else None,
                                  self._on_intake, self)
        self.quarantine_dialog = dialog
        dialog.finished.connect(lambda _r: self._count_quarantine())
        dialog.show()

    def _count_quarantine(self) -> None:
        """A lasting, clickable count in the status bar: a rejected scan is not a 10-second message."""
        from ..core.intake.retry import quarantined_files

        waiting = len(quarantined_files(self.svc))
        self.quarantine_button.setText(self.tr("⚠ {0} tệp bị cách ly").format(waiting))
        self.quarantine_button.setVisible(waiting > 0 and self.actor.may("intake"))

    def _on_intake(self, report: IngestReport) -> None:
        for q in report.quarantined:
            self._status_message(self.tr("Không đọc được {0}: {1}").format(q["file"], q["reason"]))
        if report.quarantined:
            self._count_quarantine()
        for d in report.duplicates:
            self._status_message(self.tr("Trang trùng, đã có: {0}").format(d["file"]))
        for r in report.refused:  # the core's reason (a symlink, device or FIFO), already Vietnamese
            self._status_message(r["reason"])
        if report.pages and self.book is not None:
            self.refresh_pages()
            self.process_pending()

    def process_pending(self) -> None:
        """One processing run at a time; pages that arrive meanwhile are taken by the next run."""
        if self.processing:
            self.more_to_process = True
            return
        self.processing, self.more_to_process = True, False

        def finished(_result: object = None) -> None:
            self.processing = False
            self.refresh_pages()
            if self.more_to_process:
                self.process_pending()

        self.background(process_book, self.svc, self.actor, self.book.id, with_progress=True,
                        on_done=finished, label=self.tr("Đang tìm mục và đọc chữ…"),
                        on_error=lambda m: (self._status_message(m), finished()))

    # -- settings and users -------------------------------------------------------------------------
    def open_settings(self) -> None:
        settings = self.svc.settings
        dialog = SettingsDialog(settings, self.prefs, self, self.try_target, self.actor.may("configure_delivery"))
        if dialog.exec():
            try:
                dialog.apply(self.svc.workspace.settings_path)
            except HotichError as exc:  # another desk or window saved the settings meanwhile (errors.Conflict)
                tell(self, exc.message)
                return
            address, password = dialog.target_choice()
            if self.actor.may("configure_delivery") and (address != settings.upload_url or password is not None):
                try:
                    set_delivery_target(self.svc, self.actor, address, password)
                except HotichError as exc:
                    tell(self, exc.message)
            self.start_watching()
            self.check_ocr()

    def check_ocr(self) -> None:
        """Without Tesseract (or its Vietnamese data) the clerk types everything; a notice says how to fix it."""
        settings = self.svc.settings
        if not settings.ocr_enabled:
            self.ocr_notice.hide()
            return

        def show(ok: bool) -> None:
            self.ocr_notice.setText(self.tr("Chưa có chức năng đọc chữ tự động (Tesseract, tiếng Việt): các trường "
                                            "để trống, hãy nhập tay. Cách cài: sudo apt-get install tesseract-ocr "
                                            "tesseract-ocr-vie (Windows: cài Tesseract kèm gói tiếng Việt)."))
            self.ocr_notice.setVisible(not ok)

        self.background(ocr_available, settings.ocr_language, on_done=show)

    def switch_user(self) -> None:
        """Another person signs in at this desk; the current work is kept first."""
        from .dialogs import LoginDialog

        if not self.keep_draft():
            return
        dialog = LoginDialog(self.svc, self)
        if dialog.exec() != QDialog.Accepted or dialog.actor is None:
            return
        self.svc.log(self.actor.login, "logout", "user", self.actor.id)
        successor = MainWindow(self.svc, dialog.actor, self.prefs)
        app = QApplication.instance()
        app.main_window = successor  # keeps it alive after this window is gone
        successor.show()
        self.close()

    def manage_users(self) -> None:
        UsersDialog(self.svc, self.actor, self).exec()

    def manage_templates(self) -> None:
        """The province's own 158 template per book type (admin; the core checks the role again)."""
        from .template_dialog import TemplateDialog

        TemplateDialog(self.svc, self.actor, self).exec()

    # -- review queue, outbox, reports --------------------------------------------------------------
    def toggle_review(self) -> None:
        if self.review_dock is None:
            panel = ReviewPanel(self.svc, self.actor, self.background, self)
            panel.open_entry.connect(self.open_entry)
            self.review_dock = QDockWidget(self.tr("Hàng đợi duyệt") if self.actor.may("review")
                                           else self.tr("Hồ sơ bị trả lại"), self)
            self.review_dock.setObjectName("review_dock")
            self.review_dock.setWidget(panel)
            self.addDockWidget(Qt.BottomDockWidgetArea, self.review_dock)
            return
        self.review_dock.setVisible(not self.review_dock.isVisible())
        if self.review_dock.isVisible():
            self.review_dock.widget().refresh()

    def open_entry(self, entry_id: int) -> None:
        """Shows an entry from a queue: its book, its page, the entry selected with its form."""
        if not self.keep_draft():
            return
        book, page = self.svc.entry_context(entry_id)
        self.pending_entry = entry_id
        if self.book is None or self.book.id != book.id:
            self.reload_books(book.id)
        rows = [self.pages.item(i).data(Qt.UserRole) for i in range(self.pages.count())]
        if page.id in rows:
            if self.page is not None and self.page.id == page.id and self.page_image is not None:
                self._show_page(page.id, self.page_image)
            else:
                self.pages.blockSignals(True)
                self.pages.setCurrentRow(rows.index(page.id))
                self.pages.blockSignals(False)
                self._page_chosen(rows.index(page.id))

    def open_search(self) -> None:
        from .search_dialog import SearchDialog

        if getattr(self, "search_dialog", None) is None:
            self.search_dialog = SearchDialog(self.svc, self)
            self.search_dialog.open_entry.connect(self.open_entry)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()

    def open_outbox(self) -> None:
        if self.outbox is None:
            self.outbox = OutboxPanel(self.svc, self.actor, self.background,
                                      lambda: self.book.id if self.book else None, self, self.retry_schedule)
            self.outbox.changed.connect(self.refresh_outbox_count)
        self.outbox.refresh()
        self.outbox.show()
        self.outbox.raise_()

    def open_report(self) -> None:
        ReportDialog(self.svc, self, self.actor).exec()

    def refresh_outbox_count(self) -> None:
        waiting = waiting_packages(self.svc)
        self.outbox_label.setText(self.tr("Hộp thư đi: {0} gói chờ gửi").format(waiting) if waiting else "")

    def try_target(self, address: str, password: str | None, show: Callable[[str], None]) -> None:
        """"Thử kết nối" in the settings: signs in and checks the folder in a worker, never in the window."""
        self.background(check_connection, self.svc, address or None, password, on_done=show, on_error=show,
                        label=self.tr("Đang thử kết nối tới nơi nhận…"))

    def manage_backup(self) -> None:
        from .backup_dialog import BackupDialog

        BackupDialog(self.svc, self.actor, self).exec()

    def backup_tick(self) -> None:
        """The daily backup, when due (Quản trị → Sao lưu hằng ngày), on a worker: the clerk keeps working."""
        if self.backing_up or not self.svc.backups.due():
            return
        self.backing_up = True

        def finished(report: object) -> None:
            if not shiboken6.isValid(self):
                return  # the window closed meanwhile
            self.backing_up = False
            if report is not None:
                self._status_message(self.tr("Đã sao lưu hằng ngày (%1 tệp mới).").replace(
                    "%1", str(getattr(report, "new_files", 0))))

        def failed(message: str) -> None:
            if not shiboken6.isValid(self):
                return
            self.backing_up = False
            self._status_message(self.tr("Sao lưu hằng ngày chưa được: %1 — sẽ thử lại sau.").replace("%1", message))

        run_in_background(self.pool, self.workers, self.svc.backups.run_scheduled, on_done=finished, on_error=failed)

    def outbox_tick(self) -> None:
        """Counts waiting packages; with a target set, sends those whose retry time has come, in a worker.
        Also starts the daily backup when it is due."""
        self.backup_tick()
        self.refresh_outbox_count()
        if self.uploading or not self.svc.settings.upload_url or not self.actor.may("export"):
            return
        if waiting_packages(self.svc) == 0:
            return
        self.uploading = True

        def finished(_result: object = None) -> None:
            self.uploading = False
            self.refresh_outbox_count()
            if self.outbox is not None:
                self.outbox.refresh()

        self.background(deliver_due, self.svc, self.actor, self.retry_schedule, on_done=finished,
                        on_error=lambda m: (finished(), self._status_message(m)))

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
        if self.watcher is not None:
            self.watcher.stop()
        self.pool.waitForDone(30000)
        super().closeEvent(event)
