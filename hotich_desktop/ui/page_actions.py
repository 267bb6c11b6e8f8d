"""What the clerk does to a whole page: keep it despite a header warning, move it to the right book,
delete it (recoverable) and bring it back. The core checks and audits every step; each step is a WriteOp
whose `Changes` (the page, its old and new book) refresh the page list and the entry panel."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QWidget

from ..core.booktypes import BOOK_TYPES
from ..core.changes import Changes
from ..core.intake import pages as page_edit
from ..core.views import PageInfo
from .dialogs import tell
from .operations import QueryOp, WriteOp

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

    def _write(self, fn, *args, books: list[int], success=None) -> None:  # noqa: ANN001
        """One page step on the write queue; a refusal is shown in the core's words."""
        win = self.win
        WriteOp(win.ops, fn, win.svc, win.actor, *args, source=self, success=success,
                changes=lambda page: Changes.of(pages=[args[0]], books=books)).run()

    def keep(self) -> None:
        win = self.win
        if win.page is not None and win.book is not None:
            self._write(page_edit.keep_page, win.page.id, books=[win.book.id],
                        success=lambda _p: win.intake.process_pending())

    def move(self) -> None:
        """Offers the books (the one the header names first, created if it does not exist yet)."""
        win = self.win
        if win.page is None or win.book is None or not win.keep_draft():
            return
        page_id, book_id = win.page.id, win.book.id
        QueryOp(win.ops, lambda: (page_edit.header_of(win.svc, page_id), win.svc.books.list(win.actor)),
                success=lambda found: self._choose_book(page_id, book_id, *found)).run()

    def _choose_book(self, page_id: int, book_id: int, header: tuple, books: list) -> None:  # noqa: ANN001
        win = self.win
        named_type, named_year = header
        choices: list[tuple[str, object]] = []
        if named_type and named_year and not any(b.book_type == named_type and b.year == named_year for b in books):
            choices.append((self.tr("Sổ mới: {0} năm {1}, quyển 1").format(BOOK_TYPES[named_type].title,
                                                                            named_year), (named_type, named_year)))
        others = sorted((b for b in books if b.id != book_id),
                        key=lambda b: (b.book_type != named_type, b.year != named_year, b.id))
        choices += [(f"{BOOK_TYPES[b.book_type].title} — {b.year} — quyển {b.volume}", b.id) for b in others]
        if not choices:
            tell(win, self.tr("Chưa có sổ nào khác. Hãy tạo sổ mới trước (Sổ mới…)."))
            return
        label, ok = QInputDialog.getItem(win, self.tr("Chuyển trang sang sổ khác"), self.tr("Chuyển trang này sang:"),
                                         [c[0] for c in choices], 0, False)
        if not ok:
            return
        target = dict(choices)[label]
        svc, actor = win.svc, win.actor

        def move() -> PageInfo:
            """The new book (if the header names one not yet open) and the move, as one queued write."""
            to = svc.books.open(actor, target[0], target[1], "1").value.id if isinstance(target, tuple) else target
            return page_edit.move_page(svc, actor, page_id, to)

        def moved(page: PageInfo) -> None:
            win.status.message(self.tr("Đã chuyển trang sang: {0}").format(label))
            win.intake.process_pending(page.book_id)  # found again with the other book's form

        WriteOp(win.ops, move, source=self, success=moved,
                changes=lambda page: Changes.of(pages=[page_id], books=[book_id, page.book_id])).run()

    def delete(self) -> None:
        win = self.win
        if win.page is None or win.book is None or not win.keep_draft():
            return
        answer = QMessageBox(QMessageBox.Question, self.tr("Xóa trang"),
                             self.tr("Xóa trang «{0}» khỏi sổ? Các mục của trang rời hàng đợi; có thể khôi phục lại "
                                     "(Trang → Khôi phục trang đã xóa…).").format(win.page.source_name), parent=win)
        yes = answer.addButton(self.tr("Xóa trang"), QMessageBox.DestructiveRole)
        answer.addButton(self.tr("Không xóa"), QMessageBox.RejectRole)
        answer.exec()
        if answer.clickedButton() is yes:
            self._write(page_edit.delete_page, win.page.id, books=[win.book.id])

    def restore(self) -> None:
        win = self.win
        if win.book is None:
            return
        book_id = win.book.id
        QueryOp(win.ops, page_edit.deleted_pages, win.svc, book_id,
                success=lambda gone: self._choose_restore(book_id, gone)).run()

    def _choose_restore(self, book_id: int, gone: list[PageInfo]) -> None:
        win = self.win
        if not gone:
            tell(win, self.tr("Sổ này không có trang nào đã xóa."))
            return
        labels = [f"{p.source_name} (trang {int(p.order)})" for p in gone]
        label, ok = QInputDialog.getItem(win, self.tr("Khôi phục trang"), self.tr("Trang đã xóa:"), labels, 0, False)
        if ok:
            self._write(page_edit.restore_page, gone[labels.index(label)].id, books=[book_id])
