"""Daily progress on screen: the day's table, the campaign's progress with its charts (drawn by the core),
saved as xlsx, a printable one-page PDF, or the JSON file the district collects."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from ..core.errors import HotichError
from ..core.reports.daily import COLUMNS, LABELS, daily_rows, totals, write_report
from ..core.reports.files import BOOK_HEAD, book_rows, books_png, daily_png
from ..core.roles import Actor
from ..core.service import Service
from .workers import run_in_background


class ReportDialog(QDialog):
    def __init__(self, svc: Service, parent: QWidget | None = None, actor: Actor | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.progress = None
        self.loaded = False
        self._asked = 0
        self._workers: set = set()
        self.setWindowTitle(self.tr("Báo cáo tiến độ theo ngày"))
        self.resize(1000, 720)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(self.refresh)
        self.table = QTableWidget(0, 2 + len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Sổ"), self.tr("Người thực hiện"),
                                              *[self.tr(LABELS[k]) for k in COLUMNS]])
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Ngày")))
        top.addWidget(self.day)
        top.addStretch(1)
        for text, suffix in ((self.tr("Lưu Excel…"), ".xlsx"), (self.tr("Lưu PDF để in…"), ".pdf"),
                             (self.tr("Lưu tệp gửi huyện…"), ".json")):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, sfx=suffix: self.save(sfx))
            top.addWidget(button)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("Công việc trong ngày"))
        self.tabs.addTab(self._progress_tab(), self.tr("Tiến độ chiến dịch"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.refresh()

    def _progress_tab(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.daily_chart, self.book_chart = QLabel(), QLabel()
        self.books = QTableWidget(0, len(BOOK_HEAD))
        self.books.setHorizontalHeaderLabels([self.tr(h) for h in BOOK_HEAD])
        self.books.setMinimumHeight(180)
        self.plan_button = QPushButton(self.tr("Kế hoạch chiến dịch…"))
        self.plan_button.setEnabled(bool(self.actor and self.actor.may("manage_campaign")))
        self.plan_button.clicked.connect(self.edit_campaign)
        inner = QWidget()
        box = QVBoxLayout(inner)
        for widget in (self.summary, self.daily_chart, self.book_chart, self.books):
            box.addWidget(widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.plan_button)
        layout.addLayout(row)
        layout.addWidget(scroll, 1)
        return page

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
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Figures and charts are made off the GUI thread (seconds on a large store); the newest asked wins."""
        if self.actor is None:
            self.summary.setText(self.tr("Đăng nhập để xem tiến độ chiến dịch."))
            self.loaded = True
            return
        self.loaded = False
        self._asked += 1
        asked = self._asked
        self.summary.setText(self.tr("Đang tính tiến độ…"))
        run_in_background(QThreadPool.globalInstance(), self._workers, _progress_pictures, self.svc, self.actor,
                          self.chosen_day(), on_done=lambda got: self._show_progress(asked, got),
                          on_error=lambda message: self._progress_failed(asked, message))

    def _progress_failed(self, asked: int, message: str) -> None:
        if asked == self._asked:
            self.summary.setText(message)
            self.loaded = True

    def _show_progress(self, asked: int, got: tuple) -> None:
        if asked != self._asked:
            return
        p, daily, books = got
        self.progress = p
        self.summary.setText("\n".join(p.summary_lines()))
        for label, png in ((self.daily_chart, daily), (self.book_chart, books)):
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label.setPixmap(pixmap)
        lines = book_rows(p)
        self.books.setRowCount(len(lines))
        for i, line in enumerate(lines):
            for col, value in enumerate(line):
                self.books.setItem(i, col, QTableWidgetItem(str(value)))
        self.books.resizeColumnsToContents()
        self.loaded = True

    def done(self, result: int) -> None:  # noqa: D102 - wait for a drawing still under way before going
        QThreadPool.globalInstance().waitForDone(30000)
        super().done(result)

    def edit_campaign(self) -> None:
        dialog = CampaignDialog(self.svc, self.actor, self)
        if dialog.exec() == QDialog.Accepted:
            self.refresh_progress()

    def save(self, suffix: str, path: str | None = None) -> Path | None:
        day = self.chosen_day()
        if path is None:
            name = f"tien-do-{self.svc.settings.office_code}-{day:%Y-%m-%d}" if suffix == ".json" \
                else f"bao-cao-{day:%Y-%m-%d}"
            start = str(Path.home() / f"{name}{suffix}")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), start,
                                                  options=QFileDialog.DontUseNativeDialog)
            if not path:
                return None
        out = Path(path).with_suffix(suffix)
        try:
            if self.actor is not None:
                self.svc.reports.write(self.actor, day, out)
            else:
                write_report(self.svc, day, out)
        except HotichError as exc:
            self.message.setText(exc.message)
            return None
        self.message.setText(self.tr("Đã lưu: {0}").format(out))
        return out


def _progress_pictures(svc: Service, actor: Actor, day: dt.date) -> tuple:
    """In a worker thread: the figures and the two charts (matplotlib's Agg needs no GUI thread)."""
    p = svc.reports.progress(actor, day)
    return p, daily_png(p, 240, 80, 100), books_png(p, 240, 70, 100)


class CampaignDialog(QDialog):
    """The plan: start and end dates and the province's list of books (xlsx/csv) — supervisor or admin."""

    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.setWindowTitle(self.tr("Kế hoạch chiến dịch số hóa"))
        current = svc.reports.campaign()
        today = QDate.currentDate()
        self.name = QLineEdit(current.name if current else "")
        self.start = QDateEdit(QDate(current.start) if current else today)
        self.end = QDateEdit(QDate(current.end) if current else today.addDays(25))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.list_path = QLineEdit()
        self.list_path.setPlaceholderText(self.tr("tệp .xlsx hoặc .csv: Loại sổ, Năm, Quyển, Số hồ sơ dự kiến"))
        pick = QPushButton(self.tr("Chọn…"))
        pick.clicked.connect(self.choose_list)
        row = QHBoxLayout()
        row.addWidget(self.list_path, 1)
        row.addWidget(pick)
        form = QFormLayout()
        form.addRow(self.tr("Tên đợt"), self.name)
        form.addRow(self.tr("Ngày bắt đầu"), self.start)
        form.addRow(self.tr("Ngày kết thúc"), self.end)
        form.addRow(self.tr("Danh sách sổ"), row)
        self.message = QLabel(self.tr("Hiện có {0} sổ trong kế hoạch.").format(len(current.books)) if current else "")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def choose_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Danh sách sổ"), str(Path.home()),
                                              self.tr("Bảng tính (*.xlsx *.csv)"),
                                              options=QFileDialog.DontUseNativeDialog)
        if path:
            self.list_path.setText(path)

    def save(self) -> bool:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        try:
            if self.list_path.text().strip():
                self.svc.reports.import_campaign(self.actor, start, end, Path(self.list_path.text().strip()),
                                                 self.name.text())
            else:  # new dates for the same books
                current = self.svc.reports.campaign()
                self.svc.reports.set_campaign(self.actor, start, end, list(current.books) if current else [],
                                              self.name.text())
        except HotichError as exc:
            self.message.setText(exc.message)
            return False
        self.accept()
        return True
