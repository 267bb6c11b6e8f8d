"""Review from the window: F9 approves the shown entry (the supervisor's corrections saved first), F10
returns it with a reason, F8 shows the queue. The queue refreshes itself from `Ops.changed`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from ...core.changes import Changes
from ...core.views import EntryInfo
from ..operations import QueryOp, WriteOp
from ..review_panel import ReviewPanel
from ..widgets import ask_return_reason

if TYPE_CHECKING:
    from ..main_window import MainWindow


def entry_changes(info: EntryInfo) -> Changes:
    return Changes.of(entries=[info.id], pages=[info.page_id])


class ReviewController(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win, self.ops, self.svc, self.actor = win, win.ops, win.svc, win.actor
        self.dock: QDockWidget | None = None

    def approve(self) -> None:
        """F9: the supervisor's corrections in the form are saved first (audited as theirs), then approved."""
        entry = self.win.entry.entry()
        if entry is None or not self.win.entry.keep_draft():
            return
        entry = self.win.entry.entry()

        def done(info: EntryInfo) -> None:
            shown = self.win.entry.entry()
            if shown is not None and shown.id == info.id:
                self.after_decision(info.id)

        # The version on screen, never a later one: a record changed since is refused (Conflict).
        WriteOp(self.ops, self.svc.review.approve, self.actor, entry.id, entry.version, changes=entry_changes,
                source=self, success=done, label=self.tr("Đang phê duyệt…")).run()

    def after_decision(self, entry_id: int) -> None:
        """With the queue open the supervisor works down the queue: F9 shows the queue's next entry (the page's
        next one was often a box nobody had typed, refused by the next F9). Without it, the page's next."""
        panel = self.dock.widget() if self.dock is not None and self.dock.isVisible() else None
        ids = [r.entry_id for r in panel.rows] if panel is not None else []
        if entry_id in ids and len(ids) > 1:
            at = ids.index(entry_id)
            self.open_entry(ids[at + 1] if at + 1 < len(ids) else ids[at - 1])
        else:
            self.win.entry.next_entry()

    def return_entry(self) -> None:
        entry = self.win.entry.entry()
        if entry is None or not self.win.entry.keep_draft():
            return
        entry = self.win.entry.entry()
        reason = ask_return_reason(self.win)
        if reason is not None:
            WriteOp(self.ops, self.svc.review.return_entry, self.actor, entry.id, reason, entry.version,  # as on screen
                    changes=entry_changes, source=self).run()

    def toggle(self) -> None:
        if self.dock is None:
            panel = ReviewPanel(self.svc, self.actor, self.ops, self.win)
            panel.open_entry.connect(self.open_entry)
            self.dock = QDockWidget(self.tr("Hàng đợi duyệt") if self.actor.may("review")
                                    else self.tr("Hồ sơ bị trả lại"), self.win)
            self.dock.setObjectName("review_dock")
            self.dock.setWidget(panel)
            self.win.addDockWidget(Qt.BottomDockWidgetArea, self.dock)
            return
        self.dock.setVisible(not self.dock.isVisible())
        if self.dock.isVisible():
            self.dock.widget().refresh()

    def open_entry(self, entry_id: int) -> None:
        """Shows an entry from a queue: its book, its page, the entry selected with its form."""
        if not self.win.entry.keep_draft():
            return
        QueryOp(self.ops, self.svc.entries.context, self.actor, entry_id, success=lambda ctx: self._open(entry_id, *ctx)).run()

    def _open(self, entry_id: int, book, page) -> None:  # noqa: ANN001
        entry, pages = self.win.entry, self.win.pager
        ids = [e.id for e in entry.entries]
        if entry.page is not None and entry.page.id == page.id and entry_id in ids:
            entry.show_entry(ids.index(entry_id))
            return
        entry.pending_entry = entry_id
        if pages.book is None or pages.book.id != book.id:
            pages.wanted = page.id  # the book's page list opens that page; the pending entry is then shown
            pages.reload_books(book.id)
            return
        pages.select(page.id)
        entry.open_page(page.id)
