"""What the clerk does to a whole page: keep it despite a header warning, move it to the right book,
delete it (recoverable) and bring it back. The core checks and audits every step."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QWidget

from ..core.intake import pages as page_edit
from ..core.booktypes import BOOK_TYPES
from ..core.entries.processing import process_book
from .dialogs import tell

if TYPE_CHECKING:
    from .main_window import MainWindow


class MismatchBar(QWidget):
    """Shown above a page whose header names another book: move it, or keep it here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("background: #fff3cd; color: #664d03")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.move = QPushButton(self.tr("Chuyển sang sổ đúng…"))
        self.keep = QPushButton(self.tr("Vẫn giữ ở sổ này"))
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.move)
        row.addWidget(self.keep)
        self.hide()


class PageActions(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win

    def _run(self, fn, *args) -> bool:  # noqa: ANN001
        try:
            fn(self.win.svc, self.win.actor, *args)
        except Exception as exc:  # noqa: BLE001 - the core's refusal, in its words
            tell(self.win, getattr(exc, "message", str(exc)))
            return False
        return True

    def keep(self) -> None:
        win = self.win
        if win.page is not None and self._run(page_edit.keep_page, win.page.id):
            win.page = None
            win.refresh_pages()
            win.process_pending()

    def move(self) -> None:
        """Offers the books (the one the header names first, created if it does not exist yet)."""
        win = self.win
        if win.page is None or win.book is None or not win.keep_draft():
            return
        svc = win.svc
        named_type, named_year = page_edit.header_of(svc, win.page.id)
        choices: list[tuple[str, object]] = []
        if named_type and named_year and not any(b.book_type == named_type and b.year == named_year
                                                 for b in svc.books()):
            choices.append((self.tr("Sổ mới: {0} năm {1}, quyển 1").format(BOOK_TYPES[named_type].title,
                                                                            named_year), (named_type, named_year)))
        books = sorted((b for b in svc.books() if b.id != win.book.id),
                       key=lambda b: (b.book_type != named_type, b.year != named_year, b.id))
        choices += [(f"{BOOK_TYPES[b.book_type].title} — {b.year} — quyển {b.volume}", b.id) for b in books]
        if not choices:
            tell(win, self.tr("Chưa có sổ nào khác. Hãy tạo sổ mới trước (Sổ mới…)."))
            return
        label, ok = QInputDialog.getItem(win, self.tr("Chuyển trang sang sổ khác"), self.tr("Chuyển trang này sang:"),
                                         [c[0] for c in choices], 0, False)
        if not ok:
            return
        target = dict(choices)[label]
        if isinstance(target, tuple):
            try:
                target = svc.open_book(win.actor, target[0], target[1], "1").id
            except Exception as exc:  # noqa: BLE001
                tell(win, getattr(exc, "message", str(exc)))
                return
        if self._run(page_edit.move_page, win.page.id, target):
            win._status_message(self.tr("Đã chuyển trang sang: {0}").format(label))
            win.page = None
            win.reload_books(win.book.id)
            win.background(process_book, svc, win.actor, target, on_error=win._status_message,
                           label=self.tr("Đang tìm mục ở sổ mới…"))

    def delete(self) -> None:
        win = self.win
        if win.page is None or not win.keep_draft():
            return
        answer = QMessageBox(QMessageBox.Question, self.tr("Xóa trang"),
                             self.tr("Xóa trang «{0}» khỏi sổ? Các mục của trang rời hàng đợi; có thể khôi phục lại "
                                     "(Trang → Khôi phục trang đã xóa…).").format(win.page.source_name), parent=win)
        yes = answer.addButton(self.tr("Xóa trang"), QMessageBox.DestructiveRole)
        answer.addButton(self.tr("Không xóa"), QMessageBox.RejectRole)
        answer.exec()
        if answer.clickedButton() is not yes:
            return
        if self._run(page_edit.delete_page, win.page.id):
            win.page = None
            win.current = -1
            win.entries = []
            win.refresh_pages(keep_row=False)

    def restore(self) -> None:
        win = self.win
        if win.book is None:
            return
        gone = page_edit.deleted_pages(win.svc, win.book.id)
        if not gone:
            tell(win, self.tr("Sổ này không có trang nào đã xóa."))
            return
        labels = [f"{p.source_name} (trang {int(p.order)})" for p in gone]
        label, ok = QInputDialog.getItem(win, self.tr("Khôi phục trang"), self.tr("Trang đã xóa:"), labels, 0, False)
        if ok and self._run(page_edit.restore_page, gone[labels.index(label)].id):
            win.refresh_pages()
