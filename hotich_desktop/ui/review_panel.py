"""The review queue: filter by book, clerk, status and finding; open an entry beside its image; approve
with one key, return with a reason, approve every clean entry at once. A clerk sees their returned work."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ..core.review import QueueRow, approve_clean, review_queue
from ..core.roles import Actor
from ..core.service import Service
from .widgets import read_only_table

FINDING_FILTERS = (("", "Mọi mục"), ("any", "Có điểm cần xem"), ("clean", "Không có điểm nào"),
                   ("required", "Thiếu trường bắt buộc"), ("duplicate_number", "Trùng số đăng ký"),
                   ("duplicate_person", "Trùng người"), ("birth_after_registration", "Sinh sau ngày đăng ký"),
                   ("gender_name", "Giới tính lệch tên đệm"), ("unknown_code", "Mã không có trong danh mục"))
STATUS_FILTERS = (("", "Chờ xử lý"), ("submitted", "Chờ duyệt"), ("entered", "Đã nhập"),
                  ("returned", "Bị trả lại"), ("approved", "Đã duyệt"))


class ReviewPanel(QWidget):
    open_entry = Signal(int)

    def __init__(self, svc: Service, actor: Actor, background: Callable[..., Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor, self.background = svc, actor, background
        self.rows: list[QueueRow] = []
        self.book = QComboBox()
        self.clerk = QComboBox()
        self.status = QComboBox()
        self.finding = QComboBox()
        for value, label in STATUS_FILTERS:
            self.status.addItem(self.tr(label), value)
        for value, label in FINDING_FILTERS:
            self.finding.addItem(self.tr(label), value)
        filters = QHBoxLayout()
        for label, box in ((self.tr("Sổ"), self.book), (self.tr("Người nhập"), self.clerk),
                           (self.tr("Trạng thái"), self.status), (self.tr("Điểm cần xem"), self.finding)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
            box.currentIndexChanged.connect(self.refresh)
        self.table = read_only_table([self.tr("Sổ"), self.tr("Trang"), self.tr("Số"), self.tr("Họ tên"),
                                              self.tr("Trạng thái"), self.tr("Người nhập"),
                                              self.tr("Điểm cần xem / lý do trả lại")], 6)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        QShortcut(QKeySequence(Qt.Key_Return), self.table, activated=lambda: self._open(self.table.currentRow()))
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        reviewer = actor.may("review")
        for text, slot, shown in ((self.tr("Duyệt (F9)"), self.approve_selected, reviewer),
                                  (self.tr("Trả lại…"), self.return_selected, reviewer),
                                  (self.tr("Duyệt mọi mục không có điểm cần xem"), self.approve_all_clean, reviewer),
                                  (self.tr("Làm mới"), self.refresh, True)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setVisible(shown)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._fill_filters()
        if not reviewer:  # a clerk's queue: their own returned entries
            self.clerk.setCurrentIndex(max(0, self.clerk.findData(actor.login)))
            self.clerk.setEnabled(False)
            self.status.setCurrentIndex(self.status.findData("returned"))
        self.refresh()

    def _fill_filters(self) -> None:
        for box in (self.book, self.clerk):
            box.blockSignals(True)
            box.clear()
        self.book.addItem(self.tr("Mọi sổ"), None)
        for b in self.svc.books():
            self.book.addItem(f"{b.book_type} {b.year} q.{b.volume}", b.id)
        self.clerk.addItem(self.tr("Mọi người"), "")
        for u in self.svc.users():
            self.clerk.addItem(u["login"], u["login"])
        for box in (self.book, self.clerk):
            box.blockSignals(False)

    def refresh(self) -> None:
        self.rows = review_queue(self.svc, self.book.currentData(), self.clerk.currentData() or None,
                                 self.status.currentData() or None, self.finding.currentData() or None)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            notes = r.return_reason or "; ".join(f.message for f in r.findings if not f.accepted)
            for col, value in enumerate((r.book, str(r.page), r.number, r.name, r.status, r.clerk, notes)):
                cell = QTableWidgetItem(value)
                if col == 6 and not r.clean:
                    cell.setForeground(Qt.darkRed)
                self.table.setItem(i, col, cell)
        clean = sum(r.clean for r in self.rows)
        self.summary.setText(self.tr("{0} mục, {1} không có điểm cần xem").format(len(self.rows), clean))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.open_entry.emit(self.rows[row].entry_id)

    def _selected(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[r].entry_id for r in rows if r < len(self.rows)]

    def approve_selected(self) -> None:
        self._approve(self._selected())

    def approve_all_clean(self) -> None:
        self._approve([r.entry_id for r in self.rows if r.clean])

    def _approve(self, ids: list[int]) -> None:
        if not ids:
            self.summary.setText(self.tr("Chưa chọn mục nào."))
            return

        def finished(result: tuple[list[int], dict[int, str]]) -> None:
            approved, skipped = result
            self.refresh()
            text = self.tr("Đã duyệt {0} mục.").format(len(approved))
            if skipped:
                text += " " + self.tr("Chưa duyệt {0}: {1}").format(len(skipped), next(iter(skipped.values())))
            self.summary.setText(text)

        self.background(approve_clean, self.svc, self.actor, ids, on_done=finished,
                        on_error=self.summary.setText, label=self.tr("Đang phê duyệt…"))

    def return_selected(self) -> None:
        ids = self._selected()
        if not ids:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Trả lại"), self.tr("Lý do trả lại:"))
        if not ok:
            return
        from ..core.errors import HotichError

        try:
            for entry_id in ids:
                self.svc.return_entry(self.actor, entry_id, reason)
        except HotichError as exc:
            self.summary.setText(exc.message)
        self.refresh()
