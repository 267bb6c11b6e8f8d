"""Small widget helpers shared by the list screens (outbox, review queue, users)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget


STATUS_LABELS = {"new": "mới", "detected": "đã tìm mục", "failed": "lỗi", "entered": "đã nhập",
                 "submitted": "chờ duyệt", "approved": "đã duyệt", "returned": "trả lại", "exported": "đã xuất",
                 "mismatch": "sai sổ?", "kept": "mới", "deleted": "đã xóa"}  # what the clerk reads for each status


def read_only_table(headers: Sequence[str], stretch_column: int | None = None) -> QTableWidget:
    """A table the clerk selects whole rows in and never edits in place."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    if stretch_column is not None:
        table.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.Stretch)
    return table


def button_row(buttons: Sequence[tuple[str, Callable[[], object], bool]]) -> QHBoxLayout:
    """(text, slot, shown) buttons in one row; a button the role may not use is not shown."""
    row = QHBoxLayout()
    for text, slot, shown in buttons:
        button = QPushButton(text)
        button.clicked.connect(slot)
        button.setVisible(shown)
        row.addWidget(button)
    return row
