"""Pages coming in: the watched scanner folders, "take pages from a folder", quarantined files, and the
processing of new pages — one WorkOp per page: detection and OCR on the work thread, only the store writes
on the write thread, so a clerk's save never waits for a page being read."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from ...core.changes import Changes
from ...core.entries.processing import process_one
from ...core.intake.ingest import IngestReport, ingest_folder
from ...core.intake.watcher import FolderWatcher
from ...core.lifecycle import PAGE_FINISHED
from ...core.ocr.engine import available as ocr_available
from ...core.views import PageInfo
from ..dialogs import tell
from ..operations import STATUS, QueryOp, WorkOp, WriteOp

if TYPE_CHECKING:
    from ..main_window import MainWindow


class WatchBridge(QObject):
    """Carries the watcher thread's reports onto the GUI thread."""

    report = Signal(object)
    error = Signal(str)


class IntakeController(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win, self.ops, self.svc, self.actor = win, win.ops, win.svc, win.actor
        self.watcher: FolderWatcher | None = None
        self.bridge = WatchBridge()
        self.bridge.report.connect(self.on_intake)
        self.bridge.error.connect(lambda m: self.win.status.message(m))

    def start_watching(self) -> None:
        self.stop()
        folders = [Path(f) for f in self.svc.settings.desk().watch_folders]
        book = self.win.pager.book
        if book is None or not folders or not self.actor.may("intake"):
            return
        self.watcher = FolderWatcher(self.svc, self.actor, book.id, folders, self.bridge.report.emit,
                                     self.bridge.error.emit, writer=self.ops.on_write_thread)
        self.watcher.start()
        self.win.status.message(self.tr("Đang theo dõi thư mục máy quét: {0}").format(", ".join(map(str, folders))))

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def ingest_now(self) -> None:
        book = self.win.pager.book
        if book is None:
            tell(self.win, self.tr("Hãy chọn hoặc tạo sổ trước."))
            return
        # The folder chosen last time (else the home folder), not wherever the program was started from.
        last = str(self.win.prefs.value("intake/folder", "") or "")
        start = last if last and Path(last).is_dir() else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self.win, self.tr("Thư mục có ảnh quét"), start,
                                                  options=QFileDialog.ShowDirsOnly | QFileDialog.DontUseNativeDialog)
        if folder:
            self.win.prefs.setValue("intake/folder", folder)
            WriteOp(self.ops, ingest_folder, self.svc, self.actor, book.id, Path(folder), source=self,
                    success=self.on_intake, label=self.tr("Đang nhận trang…")).run()

    def on_intake(self, report: IngestReport) -> None:
        """A report from the watcher, a folder or a quarantined file taken again: said in the status bar; new
        pages are announced to every panel and queued for processing."""
        say = self.win.status.message
        for q in report.quarantined:
            say(self.tr("Không đọc được {0}: {1}").format(q["file"], q["reason"]))
        for d in report.duplicates:
            say(self.tr("Trang trùng, đã có: {0}").format(d["file"]))
        for r in report.refused:  # the core's reason (a symlink, device or FIFO), already Vietnamese
            say(r["reason"])
        book = self.win.pager.book
        self.ops.changed.emit(Changes.of(intake=True, books=[book.id] if book else []), self)
        if report.pages and book is not None:
            self.process_pending(book.id)

    def process_pending(self, book_id: int | None = None) -> None:
        """Queues every page of the book still to be cut and read, one write each (a page already queued is
        joined, not queued twice)."""
        book_id = book_id or (self.win.pager.book.id if self.win.pager.book else None)
        if book_id is None or not self.actor.may("intake"):
            return

        def queue(pages: list[PageInfo]) -> None:
            for p in pages:
                if p.status not in PAGE_FINISHED:
                    WorkOp(self.ops, process_one, self.svc, self.actor, p.id, key=("process", p.id), source=self,
                            changes=Changes.of(pages=[p.id], books=[p.book_id]), where=STATUS,
                            label=self.tr("Đang tìm mục và đọc chữ: {0}").format(p.source_name)).run()

        QueryOp(self.ops, self.svc.books.pages, self.actor, book_id, success=queue).run()

    def open_quarantine(self) -> None:
        from ..quarantine_dialog import QuarantineDialog

        book = lambda: self.win.pager.book.id if self.win.pager.book else None  # noqa: E731
        dialog = QuarantineDialog(self.svc, self.actor, book, self.on_intake, self.win, self.ops)
        self.win.quarantine_dialog = dialog
        dialog.finished.connect(lambda _r: self.win.status.count_quarantine())
        dialog.show()

    def check_ocr(self) -> None:
        """Without Tesseract (or its Vietnamese data) the clerk types everything; a notice says how to fix it."""
        settings = self.svc.settings.desk()
        notice = self.win.ocr_notice
        if not settings.ocr_enabled:
            notice.hide()
            return

        def show(ok: bool) -> None:
            notice.setText(self.tr("Chưa có chức năng đọc chữ tự động (Tesseract, tiếng Việt): các trường "
                                   "để trống, hãy nhập tay. Cách cài: sudo apt-get install tesseract-ocr "
                                   "tesseract-ocr-vie (Windows: cài Tesseract kèm gói tiếng Việt)."))
            notice.setVisible(not ok)

        QueryOp(self.ops, ocr_available, settings.ocr_language, success=show).run()
