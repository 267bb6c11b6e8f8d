"""Daily progress on screen, saved as xlsx or a printable PDF for the district."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QDateEdit, QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ..core.errors import HotichError
from ..core.reports.daily import COLUMNS, LABELS, daily_rows, totals, write_report
from ..core.service import Service


class ReportDialog(QDialog):
    def __init__(self, svc: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.setWindowTitle(self.tr("Báo cáo tiến độ theo ngày"))
        self.resize(900, 400)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(self.refresh)
        self.table = QTableWidget(0, 2 + len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Sổ"), self.tr("Người thực hiện"),
                                              *[self.tr(LABELS[k]) for k in COLUMNS]])
        self.message = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Ngày")))
        top.addWidget(self.day)
        top.addStretch(1)
        for text, suffix in ((self.tr("Lưu Excel…"), ".xlsx"), (self.tr("Lưu PDF để in…"), ".pdf")):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, sfx=suffix: self.save(sfx))
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.refresh()

    def chosen_day(self) -> dt.date:
        return self.day.date().toPython()

    def refresh(self) -> None:
        rows = daily_rows(self.svc, self.chosen_day())
        total = totals(rows)
        self.table.setRowCount(len(rows) + 1)
        for i, r in enumerate(rows):
            for col, value in enumerate((r.book, r.person, *[str(r.counts[k]) for k in COLUMNS])):
                self.table.setItem(i, col, QTableWidgetItem(value))
        for col, value in enumerate((self.tr("Tổng cộng"), "", *[str(total[k]) for k in COLUMNS])):
            self.table.setItem(len(rows), col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def save(self, suffix: str, path: str | None = None) -> Path | None:
        day = self.chosen_day()
        if path is None:
            start = str(Path.home() / f"bao-cao-{day:%Y-%m-%d}{suffix}")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), start,
                                                  options=QFileDialog.DontUseNativeDialog)
            if not path:
                return None
        out = Path(path).with_suffix(suffix)
        try:
            write_report(self.svc, day, out)
        except HotichError as exc:
            self.message.setText(exc.message)
            return None
        self.message.setText(self.tr("Đã lưu: {0}").format(out))
        return out
