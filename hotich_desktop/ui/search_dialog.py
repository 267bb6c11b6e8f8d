"""Find a record by name, number or date; double-click (or Enter) opens it beside its page. The search runs
through svc.records on the query pool, never on the GUI thread."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTableWidgetItem, QVBoxLayout, QWidget

from ..core.records.search import Hit
from ..core.roles import Actor
from ..core.service import Service
from .operations import Ops, QueryOp
from .widgets import STATUS_LABELS, read_only_table


class SearchDialog(QDialog):
    open_entry = Signal(int)

    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None, ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.ops = ops or Ops(self)
        self.hits: list[Hit] = []
        self.searched = ""  # the query whose hits are on screen
        self.setWindowTitle(self.tr("Tìm hồ sơ"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Họ tên (hoặc tên), số đăng ký, hay ngày đăng ký dd/mm/yyyy"))
        self.query.returnPressed.connect(self.run)
        self.table = read_only_table([self.tr("Sổ"), self.tr("Số"), self.tr("Họ tên"), self.tr("Ngày đăng ký"),
                                      self.tr("Trạng thái")], 2)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        QShortcut(QKeySequence(Qt.Key_Return), self.table, activated=lambda: self._open(self.table.currentRow()))
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.resize(760, 420)

    def run(self) -> None:
        query = self.query.text()
        QueryOp(self.ops, self.svc.records.search, self.actor, query,
                success=lambda hits: self._show(query, hits)).run()

    def _show(self, query: str, hits: list[Hit]) -> None:
        if query != self.query.text():
            return  # an older search answering after the clerk typed another
        self.hits, self.searched = hits, query
        self.table.setRowCount(len(self.hits))
        for i, h in enumerate(self.hits):
            for col, value in enumerate((h.book, h.number, h.name, h.date, self.tr(STATUS_LABELS.get(h.status, h.status)))):
                self.table.setItem(i, col, QTableWidgetItem(value))
        self.summary.setText(self.tr("{0} hồ sơ (hiện tối đa 50)").format(len(self.hits)) if self.hits
                             else self.tr("Không tìm thấy hồ sơ nào."))
        if self.hits:
            self.table.selectRow(0)
            self.table.setFocus()

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.open_entry.emit(self.hits[row].entry_id)
