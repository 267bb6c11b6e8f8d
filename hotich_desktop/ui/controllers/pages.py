"""The book chooser and the page list with thumbnails: which book and page are open. Refreshes from
`Ops.changed` when the open book, one of its pages, or the intake changed."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QComboBox, QListView, QListWidget, QListWidgetItem

from ...core.booktypes import BOOK_TYPES
from ...core.changes import Changes
from ...core.views import BookInfo, PageInfo
from ..operations import QueryOp
from ..reads import THUMB, load_thumbnail
from ..widgets import STATUS_LABELS

if TYPE_CHECKING:
    from ..main_window import MainWindow


def book_title(b: BookInfo) -> str:
    return f"{BOOK_TYPES[b.book_type].title} — {b.year} — quyển {b.volume}"


class PagesController(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win, self.ops, self.svc = win, win.ops, win.svc
        self.books: list[BookInfo] = []
        self.book: BookInfo | None = None
        self.book_box = QComboBox()
        self.book_box.setMinimumWidth(320)
        self.book_box.currentIndexChanged.connect(self._book_chosen)
        self.list = QListWidget()
        self.list.setIconSize(QSize(THUMB, int(THUMB * 1.42)))
        self.list.setViewMode(QListView.IconMode)  # the text under its thumbnail, never clipped beside it
        self.list.setFlow(QListView.TopToBottom)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Static)
        self.list.setResizeMode(QListView.Adjust)
        self.list.setWordWrap(True)
        self.list.setGridSize(QSize(THUMB + 30, int(THUMB * 1.42) + 52))
        self.list.setFixedWidth(THUMB + 52)
        self.list.currentRowChanged.connect(self._page_chosen)
        self.wanted: int | None = None  # a page to open when the list arrives (an entry from a queue)
        self.asked = 0  # page-list reads asked for; an older answer arriving late is dropped
        self.ops.changed.connect(self._changed)

    # -- books ---------------------------------------------------------------------------------------
    def reload_books(self, select_id: int | None = None, choose: bool = True) -> None:
        """Reads the books; with `choose`, opens `select_id` (else the newest), else keeps the open one."""
        QueryOp(self.ops, self.svc.books.list, self.win.actor, success=lambda books: self._fill_books(books, select_id, choose)).run()

    def _fill_books(self, books: list[BookInfo], select_id: int | None, choose: bool) -> None:
        self.books = books
        self.book_box.blockSignals(True)
        self.book_box.clear()
        for b in books:
            self.book_box.addItem(book_title(b), b.id)
        if not choose:
            self.book_box.setCurrentIndex(max(0, self.book_box.findData(self.book.id if self.book else None)))
        self.book_box.blockSignals(False)
        if not books:  # a fresh office after the first-run wizard: an empty window said nothing of what to do
            self.win.entry.clear(self.tr("Chưa có sổ nào: bấm «Sổ mới…» để mở sổ đầu tiên."))
        if books and choose:
            index = next((i for i, b in enumerate(books) if b.id == select_id), len(books) - 1)
            self.book_box.blockSignals(True)
            self.book_box.setCurrentIndex(index)
            self.book_box.blockSignals(False)
            self._book_chosen(index)

    def _book_chosen(self, index: int) -> None:
        if not 0 <= index < len(self.books):
            return
        if not self.win.entry.keep_draft():
            self.book_box.blockSignals(True)
            self.book_box.setCurrentIndex(max(0, self.book_box.findData(self.book.id if self.book else None)))
            self.book_box.blockSignals(False)
            return
        self.book = self.books[index]
        self.win.entry.set_book(self.book)
        self.refresh(keep_row=False)
        self.win.intake.start_watching()

    # -- pages ---------------------------------------------------------------------------------------
    def page_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())]

    def refresh(self, keep_row: bool = True) -> None:
        if self.book is None:
            return
        self.asked += 1
        asked, book_id = self.asked, self.book.id
        QueryOp(self.ops, self.svc.books.pages, self.win.actor, book_id,
                success=lambda pages: self._fill(pages, keep_row) if asked == self.asked else None).run()

    def _fill(self, pages: list[PageInfo], keep_row: bool) -> None:
        row = self.list.currentRow()
        shown = self.win.entry.page.id if self.win.entry.page else None
        self.list.blockSignals(True)
        known = {self.list.item(i).data(Qt.UserRole): self.list.item(i).icon() for i in range(self.list.count())}
        self.list.clear()
        for n, p in enumerate(pages, 1):
            item = QListWidgetItem(f"{n}. {STATUS_LABELS.get(p.status, p.status)}\n{p.entries} mục")
            item.setData(Qt.UserRole, p.id)
            item.setToolTip(p.source_name + (f"\n{p.error}" if p.error else ""))
            if p.id in known:
                item.setIcon(known[p.id])
            else:
                QueryOp(self.ops, load_thumbnail, self.svc, p.id,
                        success=lambda img, it=item: self._thumb(it, img)).run()
            self.list.addItem(item)
        ids = [p.id for p in pages]
        if not pages:
            self.list.blockSignals(False)
            self.win.entry.clear()
            return
        if self.wanted in ids:
            target, self.wanted = ids.index(self.wanted), None
        elif keep_row and shown in ids:
            target = ids.index(shown)
        else:
            target = row if keep_row and 0 <= row < len(pages) else 0
        self.list.setCurrentRow(target)
        self.list.blockSignals(False)
        if shown != ids[target]:
            self.win.entry.open_page(ids[target])

    def _thumb(self, item: QListWidgetItem, image: QImage) -> None:
        try:
            item.setIcon(QIcon(QPixmap.fromImage(image)))
        except RuntimeError:
            pass  # the list was rebuilt meanwhile

    def _page_chosen(self, row: int, entry_index: int = 0) -> None:
        if row < 0 or self.book is None:
            return
        page_id = self.list.item(row).data(Qt.UserRole)
        if not self.win.entry.keep_draft():
            self.select(self.win.entry.page.id if self.win.entry.page else None)
            return
        self.win.entry.open_page(page_id, entry_index)

    def select(self, page_id: int | None) -> None:
        """Moves the list's highlight without opening the page (the page already shown stays)."""
        ids = self.page_ids()
        if page_id in ids:
            self.list.blockSignals(True)
            self.list.setCurrentRow(ids.index(page_id))
            self.list.blockSignals(False)

    def step(self, delta: int) -> bool:
        """Opens the next (or previous) page at its first (or last) entry; False at either end."""
        row = self.list.currentRow() + delta
        if not 0 <= row < self.list.count():
            return False
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._page_chosen(row, 0 if delta > 0 else -1)
        return True

    def show_book(self, book_id: int) -> None:
        """Opens another book (a queue's entry, a new book)."""
        if self.book is None or self.book.id != book_id:
            self.reload_books(book_id)

    def _changed(self, changes: Changes, _source: object) -> None:
        if changes.books - {b.id for b in self.books}:
            self.reload_books(choose=False)  # a new book joins the chooser; the open one stays
        if self.book is not None and (self.book.id in changes.books or changes.intake
                                      or changes.pages & set(self.page_ids())):
            self.refresh()
