"""The review queue: filter by book, clerk, status and finding; open an entry beside its image; approve
with one key, return with a reason, approve every clean entry at once. A clerk sees their returned work."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ..core.booktypes import BOOK_TYPES
from ..core.changes import Changes
from ..core.records.rules import rule_titles
from ..core.review.book import ANY_STATUS, QueueRow, approve_clean, review_queue
from ..core.roles import Actor
from ..core.lifecycle import EntryStatus
from ..core.service import Service
from .operations import Ops, QueryOp, WriteOp
from .widgets import STATUS_LABELS, ask_return_reason, button_row, read_only_table

# The fixed choices and the form's input checks, then one choice per rule of the rule tables
# (resources/rules): a province's new rule gets its filter without code.
FINDING_FILTERS = (("", "Mọi mục"), ("any", "Có điểm cần xem"), ("clean", "Không có điểm nào"),
                   ("required", "Thiếu trường bắt buộc"), ("bad_date", "Ngày không hợp lệ"),
                   ("bad_number", "Số đăng ký không phải chữ số"))


def finding_filters() -> list[tuple[str, str]]:
    """The filter by finding: FINDING_FILTERS, then every rule's id and title from the shipped rule tables."""
    fixed = list(FINDING_FILTERS)
    known = {value for value, _ in fixed}
    return fixed + [(rule_id, title) for rule_id, title in rule_titles() if rule_id not in known]


STATUS_FILTERS = (("", "Chờ xử lý"), (ANY_STATUS, "Mọi trạng thái"), (EntryStatus.SUBMITTED, "Chờ duyệt"), (EntryStatus.ENTERED, "Đã nhập"),
                  (EntryStatus.RETURNED, "Bị trả lại"), (EntryStatus.APPROVED, "Đã duyệt"))


class ReviewPanel(QWidget):
    open_entry = Signal(int)

    def __init__(self, svc: Service, actor: Actor, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor, self.ops = svc, actor, ops
        self.rows: list[QueueRow] = []
        self.asked = 0  # refreshes requested; an older answer arriving late is dropped
        self.note = ""
        self.loaded = False
        self.book = QComboBox()
        self.clerk = QComboBox()
        self.status = QComboBox()
        self.finding = QComboBox()
        for value, label in STATUS_FILTERS:
            self.status.addItem(self.tr(label), value)
        for value, label in FINDING_FILTERS:
            self.finding.addItem(self.tr(label), value)
        for value, label in finding_filters()[len(FINDING_FILTERS):]:
            self.finding.addItem(label, value)  # the rule table's own Vietnamese title (data, not a tr() source)
        filters = QHBoxLayout()
        for label, box in ((self.tr("Sổ"), self.book), (self.tr("Người nhập"), self.clerk),
                           (self.tr("Trạng thái"), self.status), (self.tr("Điểm cần xem"), self.finding)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
            box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table = read_only_table([self.tr("Sổ"), self.tr("Trang"), self.tr("Số"), self.tr("Họ tên"),
                                              self.tr("Trạng thái"), self.tr("Người nhập"),
                                              self.tr("Điểm cần xem / lý do trả lại")], 6)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        QShortcut(QKeySequence(Qt.Key_Return), self.table, activated=lambda: self._open(self.table.currentRow()))
        self.summary = QLabel()
        reviewer = actor.may("review")
        buttons = button_row([(self.tr("Duyệt (F9)"), self.approve_selected, reviewer),
                              (self.tr("Trả lại…"), self.return_selected, reviewer),
                              (self.tr("Duyệt mọi mục không có điểm cần xem"), self.approve_all_clean, reviewer),
                              (self.tr("Làm mới"), lambda: self.refresh(), True)])
        buttons.insertWidget(0, self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reviewer = reviewer
        QueryOp(ops, lambda: (svc.books.list(actor), svc.users.list(actor)), success=self._fill_filters).run()
        ops.changed.connect(self._changed)

    def _fill_filters(self, books_users: tuple[list, list]) -> None:
        books, users = books_users
        for box in (self.book, self.clerk):
            box.blockSignals(True)
            box.clear()
        self.book.addItem(self.tr("Mọi sổ"), None)
        for b in books:
            self.book.addItem(f"{BOOK_TYPES[b.book_type].code} {b.year} q.{b.volume}", b.id)
        self.clerk.addItem(self.tr("Mọi người"), "")
        for u in users:
            self.clerk.addItem(u["login"], u["login"])
        if not self.reviewer:  # a clerk's queue: their own returned entries
            self.clerk.setCurrentIndex(max(0, self.clerk.findData(self.actor.login)))
            self.clerk.setEnabled(False)
            self.status.setCurrentIndex(self.status.findData(EntryStatus.RETURNED))
        for box in (self.book, self.clerk):
            box.blockSignals(False)
        self.refresh()

    def _changed(self, changes: Changes, source: object) -> None:
        """Entries approved, returned or saved elsewhere in the window: the queue is read again (this panel's
        own actions refresh with their note instead)."""
        if source is not self and (changes.entries or changes.books or changes.pages):
            self.refresh(note=self.note)

    def refresh(self, note: str = "") -> None:
        """The queue and its checks come from the pool; only the newest request's answer is shown.
        `note` (what the last action did) stays beside the counts."""
        self.note = note
        self.loaded = False
        self.asked += 1
        asked = self.asked
        QueryOp(self.ops, review_queue, self.svc, self.book.currentData(), self.clerk.currentData() or None,
                self.status.currentData() or None, self.finding.currentData() or None,
                success=lambda rows: self._show(rows) if asked == self.asked else None,
                failure=lambda exc: self.summary.setText(getattr(exc, "message", str(exc))),
                label=self.tr("Đang tải hàng đợi…")).run()

    def _show(self, rows: list[QueueRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            notes = r.return_reason or "; ".join(f.message for f in r.findings if not f.accepted)
            status = self.tr(STATUS_LABELS.get(r.status, r.status))
            for col, value in enumerate((r.book, str(r.page), r.number, r.name, status, r.clerk, notes)):
                cell = QTableWidgetItem(value)
                if col == 6 and not r.clean:
                    cell.setForeground(Qt.darkRed)
                self.table.setItem(i, col, cell)
        for col in range(6):  # a name as long as it is («Hoàng Đức …» beside an empty half-screen column)
            self.table.resizeColumnToContents(col)
        clean = sum(r.clean and r.status == EntryStatus.SUBMITTED for r in rows)
        counts = self.tr("{0} mục, {1} đã gửi duyệt và không có điểm cần xem").format(len(rows), clean)
        self.summary.setText(f"{self.note} {counts}".strip())
        self.loaded = True

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.open_entry.emit(self.rows[row].entry_id)

    def _selected(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[r].entry_id for r in rows if r < len(self.rows)]

    def approve_selected(self) -> None:
        self._approve(self._selected())

    def approve_all_clean(self) -> None:
        """Only entries the clerk sent for review; saved-but-not-sent work is not theirs to approve yet."""
        self._approve([r.entry_id for r in self.rows if r.clean and r.status == EntryStatus.SUBMITTED])

    def _approve(self, ids: list[int]) -> None:
        if not ids:
            self.summary.setText(self.tr("Chưa chọn mục nào."))
            return

        def finished(result: tuple[list[int], dict[int, str]]) -> None:
            approved, skipped = result
            text = self.tr("Đã duyệt {0} mục.").format(len(approved))
            if skipped:
                text += " " + self.tr("Chưa duyệt {0}: {1}").format(len(skipped), next(iter(skipped.values())))
            self.refresh(note=text)

        shown = {r.entry_id: r.version for r in self.rows}  # approve what the supervisor saw, not a later edit
        WriteOp(self.ops, approve_clean, self.svc, self.actor, {i: shown.get(i) for i in ids}, success=finished,
                changes=lambda result: Changes.of(entries=result[0]), source=self,
                label=self.tr("Đang phê duyệt…")).run()

    def return_selected(self) -> None:
        ids = self._selected()
        if not ids:
            return
        reason = ask_return_reason(self)
        if reason is None:
            return

        def return_all() -> list[int]:
            for entry_id in ids:
                self.svc.review.return_entry(self.actor, entry_id, reason)
            return ids

        WriteOp(self.ops, return_all, changes=Changes.of(entries=ids), source=self, where="silent",
                success=lambda _ids: self.refresh(note=self.tr("Đã trả lại {0} mục.").format(len(ids))),
                failure=lambda exc: self.refresh(note=getattr(exc, "message", str(exc)))).run()
