"""Small widget helpers shared by the list screens (outbox, review queue, users)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QWidget)

from ..core.lifecycle import ENTRY_LABELS, PAGE_LABELS


# What the clerk reads for each page or entry status (the words live in core.lifecycle; callers pass them
# through self.tr()).
STATUS_LABELS: dict[str, str] = {**{str(k): v for k, v in PAGE_LABELS.items()},
                                 **{str(k): v for k, v in ENTRY_LABELS.items()}}


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
        # Called with no argument: clicked(bool) would fill a slot's first default (the outbox's
        # export_current(confirm=True) got False and exported a half-approved book without asking).
        button.clicked.connect(lambda _checked=False, slot=slot: slot())
        button.setVisible(shown)
        row.addWidget(button)
    return row


def field_with_button(edit: QLineEdit, text: str, slot: Callable[[], object]) -> QWidget:
    """A path field with its "Chọn…" button beside it, as one form row's widget."""
    button = QPushButton(text)
    button.clicked.connect(slot)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    holder = QWidget()
    holder.setLayout(row)
    return holder


class ElidedLabel(QLabel):
    """One line that never widens its column: a long text (a PDF name) is cut in the middle with "…",
    the whole text in the tooltip."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setToolTip(text)
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, super().sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        painter.setFont(self.font())
        shown = self.fontMetrics().elidedText(self.text(), Qt.ElideMiddle, self.contentsRect().width())
        painter.drawText(self.contentsRect(), int(self.alignment()), shown)


def ask_return_reason(parent: QWidget) -> str | None:
    """The reason for returning an entry, asked again while it is empty (Enter on an empty box used to close
    the dialog and leave the supervisor to press F10 again); None when cancelled."""
    title = QCoreApplication.translate("widgets", "Trả lại")
    label = QCoreApplication.translate("widgets", "Lý do trả lại:")
    prompt = label
    while True:
        text, ok = QInputDialog.getText(parent, title, prompt)
        if not ok:
            return None
        if text.strip():
            return text.strip()
        prompt = QCoreApplication.translate("widgets", "Hãy ghi lý do: người nhập cần biết phải sửa gì.") + "\n" + label
