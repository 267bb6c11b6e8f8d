"""Daily progress on screen: the day's table, the campaign's progress with its charts (drawn by the core),
saved as xlsx, a printable one-page PDF, or the JSON file the district collects; and the campaign's plan,
its books edited one row at a time.

Every store read runs on the read pool (QueryOp), every change on the one write queue (WriteOp); both
dialogs refresh on the window's `changed` signal, so a plan edited elsewhere shows here too."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QStyledItemDelegate, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ..core.booktypes import BOOK_TYPES
from ..core.changes import Changes
from ..core.errors import BadInput
from ..core.reports.campaign import CampaignInfo, PlannedBook, parse_book_list, planned
from ..core.reports.daily import COLUMNS, LABELS, totals
from ..core.reports.files import BOOK_HEAD, book_rows, books_png, daily_png
from ..core.roles import Actor
from ..core.service import Service
from .operations import SILENT, Ops, QueryOp, WriteOp, error_text


STALE_ENOUGH = 200  # queue records re-checked by a report before the dialog stores them (refresh_checks)


def _alive(widget: QWidget) -> bool:
    """False once the dialog is closed or deleted: a late answer from the pool is dropped."""
    return shiboken6.isValid(widget) and not getattr(widget, "closed", False)


class ReportDialog(QDialog):
    def __init__(self, svc: Service, parent: QWidget | None = None, actor: Actor | None = None,
                 ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.own_ops = ops is None
        self.ops = ops or Ops(self)
        self.ops.changed.connect(self._changed)
        self.progress = None
        self.loaded = False
        self.closed = False
        self.saved: Path | None = None  # the last file written
        self._asked = 0
        self._refreshing = False
        self.setWindowTitle(self.tr("Báo cáo tiến độ theo ngày"))
        self.resize(1000, 720)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(self.refresh)
        self.table = QTableWidget(0, 2 + len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Sổ"), self.tr("Người thực hiện"),
                                              *[self.tr(LABELS[k]) for k in COLUMNS]])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
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
        self.books.setEditTriggers(QAbstractItemView.NoEditTriggers)
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
        """The day's table, the figures and the charts, made on the read pool (seconds on a large store);
        the newest asked wins."""
        self.loaded = False
        self._asked += 1
        asked = self._asked
        if self.actor is not None:
            self.summary.setText(self.tr("Đang tính tiến độ…"))
        QueryOp(self.ops, _figures, self.svc, self.actor, self.chosen_day(),
                success=lambda got: self._show(asked, got), failure=lambda exc: self._failed(asked, exc)).run()

    def refresh_progress(self) -> None:
        self.refresh()

    def _changed(self, changes: Changes, _source: object) -> None:
        if _alive(self) and (changes.settings or changes.entries or changes.books or changes.pages):
            self.refresh()

    def _failed(self, asked: int, exc: BaseException) -> None:
        if _alive(self) and asked == self._asked:
            self.summary.setText(error_text(exc))
            self.loaded = True

    def _show(self, asked: int, got: tuple) -> None:
        if not _alive(self) or asked != self._asked:
            return
        rows, p, daily, books = got
        total = totals(rows)
        self.table.setRowCount(len(rows) + 1)
        for i, r in enumerate(rows):
            for col, value in enumerate((r.book, r.person, *[str(r.counts[k]) for k in COLUMNS])):
                self.table.setItem(i, col, QTableWidgetItem(value))
        for col, value in enumerate((self.tr("Tổng cộng"), "", *[str(total[k]) for k in COLUMNS])):
            self.table.setItem(len(rows), col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if p is None:
            self.summary.setText(self.tr("Đăng nhập để xem tiến độ chiến dịch."))
        else:
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
            if p.rechecked > STALE_ENOUGH and self.actor is not None and not self._refreshing:
                # many queue records had no stored findings (the rules changed): store them once, on the
                # write queue, so the next report adds up stored counts
                self._refreshing = True
                WriteOp(self.ops, self.svc.records.refresh_checks, self.actor, where=SILENT, source=self,
                        key=("refresh_checks",)).run()
        self.loaded = True

    def done(self, result: int) -> None:  # noqa: D102 - late answers are dropped; an own pool is drained
        self.closed = True
        if self.own_ops:
            self.ops.close()
        super().done(result)

    def edit_campaign(self) -> None:
        CampaignDialog(self.svc, self.actor, self, self.ops).exec()

    def save(self, suffix: str, path: str | None = None) -> Path | None:
        """Writes the report on the read pool (it reads the store and writes a file, never the store);
        returns where it goes, `saved` says when it is there."""
        day = self.chosen_day()
        if path is None:
            code = self.progress.office_code if self.progress else ""  # read with the figures, on the pool
            name = f"tien-do-{code}-{day:%Y-%m-%d}" if suffix == ".json" else f"bao-cao-{day:%Y-%m-%d}"
            start = str(Path.home() / f"{name}{suffix}")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), start,
                                                  options=QFileDialog.DontUseNativeDialog)
            if not path:
                return None
        out = Path(path).with_suffix(suffix)
        self.saved = None
        self.message.setText(self.tr("Đang lưu…"))
        QueryOp(self.ops, _write, self.svc, self.actor, day, out, success=lambda _: self._saved(out),
                failure=self._save_failed).run()
        return out

    def _saved(self, out: Path) -> None:
        if _alive(self):
            self.saved = out
            self.message.setText(self.tr("Đã lưu: {0}").format(out))

    def _save_failed(self, exc: BaseException) -> None:
        if _alive(self):
            self.message.setText(error_text(exc))


def _figures(svc: Service, actor: Actor | None, day: dt.date) -> tuple:
    """On the read pool: the day's table, then the figures and the two charts (matplotlib's Agg needs no
    GUI thread); without a login, the day's table only."""
    rows = svc.reports.daily(day)
    if actor is None:
        return rows, None, b"", b""
    p = svc.reports.progress(actor, day)
    return rows, p, daily_png(p, 240, 80, 100), books_png(p, 240, 70, 100)


def _write(svc: Service, actor: Actor | None, day: dt.date, out: Path) -> None:
    if actor is not None:
        svc.reports.write(actor, day, out)
    else:
        svc.reports.write_daily(day, out)


# -- the plan ----------------------------------------------------------------------------------------------
KEY = Qt.UserRole + 1      # column 0: the book type's key
ORIGIN = Qt.UserRole + 2   # column 0: (type, year, volume) of the row as stored; None for a new row
HEAD = ("Loại sổ", "Năm", "Quyển", "Số hồ sơ dự kiến")


class _TypeDelegate(QStyledItemDelegate):
    """The book type picked from the list, not typed."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:  # noqa: N802 - Qt's name
        box = QComboBox(parent)
        for bt in BOOK_TYPES.values():
            box.addItem(_type_text(bt.key), bt.key)
        return box

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(KEY))))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), KEY)
        model.setData(index, editor.currentText(), Qt.DisplayRole)


def _type_text(key: str) -> str:
    return f"{BOOK_TYPES[key].code} – {BOOK_TYPES[key].title.removeprefix('Sổ ')}"


class CampaignDialog(QDialog):
    """The plan (supervisor or admin): name and dates, saved together; the books in a grid, each row written
    when it is complete (type, year, volume; expected records if known); a row removed with its button;
    or the whole list replaced from the province's xlsx/csv."""

    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None, ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.own_ops = ops is None
        self.ops = ops or Ops(self)
        self.ops.changed.connect(self._changed)
        self.plan: CampaignInfo | None = None
        self.loaded = False
        self.closed = False
        self.pending = 0  # writes queued and not answered
        self._filling = False
        self.setWindowTitle(self.tr("Kế hoạch chiến dịch số hóa"))
        self.resize(760, 620)
        today = QDate.currentDate()
        self.name = QLineEdit()
        self.start, self.end = QDateEdit(today), QDateEdit(today.addDays(25))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        save_dates = QPushButton(self.tr("Lưu tên và ngày"))
        save_dates.clicked.connect(self.save_dates)
        form = QFormLayout()
        form.addRow(self.tr("Tên đợt"), self.name)
        form.addRow(self.tr("Ngày bắt đầu"), self.start)
        form.addRow(self.tr("Ngày kết thúc"), self.end)
        form.addRow("", save_dates)
        self.grid = QTableWidget(0, len(HEAD))
        self.grid.setHorizontalHeaderLabels([self.tr(h) for h in HEAD])
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.grid.setItemDelegateForColumn(0, _TypeDelegate(self.grid))
        self.grid.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.grid.itemChanged.connect(self._edited)
        add, remove = QPushButton(self.tr("Thêm sổ")), QPushButton(self.tr("Xóa sổ đã chọn"))
        add.clicked.connect(self.add_row)
        remove.clicked.connect(self.remove_selected)
        self.list_path = QLineEdit()
        self.list_path.setPlaceholderText(self.tr("tệp .xlsx hoặc .csv: Loại sổ, Năm, Quyển, Số hồ sơ dự kiến"))
        pick, take = QPushButton(self.tr("Chọn…")), QPushButton(self.tr("Thay danh sách bằng tệp"))
        pick.clicked.connect(self.choose_list)
        take.clicked.connect(self.import_list)
        rows = QHBoxLayout()
        rows.addWidget(add)
        rows.addWidget(remove)
        rows.addStretch(1)
        from_file = QHBoxLayout()
        from_file.addWidget(self.list_path, 1)
        from_file.addWidget(pick)
        from_file.addWidget(take)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Các sổ cần số hóa (mỗi dòng được lưu khi đủ loại sổ, năm và quyển):")))
        layout.addWidget(self.grid, 1)
        layout.addLayout(rows)
        layout.addLayout(from_file)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload()

    # -- reading ---------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.loaded = False
        QueryOp(self.ops, self.svc.reports.campaign, success=self._show,
                failure=lambda exc: self._say(error_text(exc))).run()

    def _changed(self, changes: Changes, source: object) -> None:
        if _alive(self) and changes.settings and source is not self:
            self.reload()

    def _show(self, plan: CampaignInfo | None) -> None:
        if not _alive(self):
            return
        self.plan = plan
        if plan is not None:
            self.name.setText(plan.name)
            self.start.setDate(QDate(plan.start))
            self.end.setDate(QDate(plan.end))
        self._fill(plan.books if plan else ())
        count = len(plan.books) if plan else 0
        self.message.setText(self.tr("Hiện có {0} sổ trong kế hoạch.").format(count) if plan
                             else self.tr("Chưa có kế hoạch: lưu tên và ngày trước, rồi thêm sổ."))
        self.loaded = True

    def _fill(self, books: tuple[PlannedBook, ...] | list[PlannedBook]) -> None:
        self._filling = True
        try:
            self.grid.setRowCount(len(books))
            for i, b in enumerate(books):
                kind = QTableWidgetItem(_type_text(b.book_type))
                kind.setData(KEY, b.book_type)
                kind.setData(ORIGIN, list(b.key))
                self.grid.setItem(i, 0, kind)
                for col, value in enumerate((str(b.year), b.volume, "" if b.expected is None else str(b.expected)), 1):
                    self.grid.setItem(i, col, QTableWidgetItem(value))
        finally:
            self._filling = False

    # -- writing, a row at a time ----------------------------------------------------------------------------
    def add_row(self) -> None:
        self._filling = True
        try:
            row = self.grid.rowCount()
            self.grid.insertRow(row)
            for col in range(len(HEAD)):
                self.grid.setItem(row, col, QTableWidgetItem(""))
        finally:
            self._filling = False
        self.grid.setCurrentCell(row, 0)
        self.grid.editItem(self.grid.item(row, 0))

    def _cell(self, row: int, col: int) -> str:
        item = self.grid.item(row, col)
        return item.text().strip() if item is not None else ""

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row = item.row()
        kind_item = self.grid.item(row, 0)
        kind = (kind_item.data(KEY) if kind_item is not None else None) or self._cell(row, 0)
        year, volume, expected = self._cell(row, 1), self._cell(row, 2), self._cell(row, 3)
        if not (kind and year and volume):
            return  # written when the row is complete
        try:
            book = planned(kind, year, volume, expected or None)
        except BadInput as exc:
            self._say(self.tr("Dòng {0}: {1}").format(row + 1, exc.message))
            return
        origin = kind_item.data(ORIGIN) if kind_item is not None else None
        if kind_item is not None:  # the next edit of this row changes this book (writes run in order)
            self._filling = True
            kind_item.setData(ORIGIN, list(book.key))
            self._filling = False
        self._write(self.svc.reports.put_book, self.actor, book, tuple(origin) if origin else None,
                    done=self.tr("Đã lưu sổ {0} {1} quyển {2}.").format(BOOK_TYPES[book.book_type].code, book.year,
                                                                        book.volume))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.grid.selectedIndexes()}, reverse=True)
        for row in rows:
            item = self.grid.item(row, 0)
            origin = item.data(ORIGIN) if item is not None else None
            if origin:
                self._write(self.svc.reports.remove_book, self.actor, tuple(origin), done=self.tr("Đã xóa sổ."))
            else:
                self.grid.removeRow(row)  # a row never written

    def save_dates(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        books = list(self.plan.books) if self.plan else []
        self._write(self.svc.reports.set_campaign, self.actor, start, end, books, self.name.text(),
                    done=self.tr("Đã lưu tên và ngày của kế hoạch."))

    def choose_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Danh sách sổ"), str(Path.home()),
                                              self.tr("Bảng tính (*.xlsx *.csv)"),
                                              options=QFileDialog.DontUseNativeDialog)
        if path:
            self.list_path.setText(path)

    def import_list(self) -> None:
        """The province's list replaces the books (read on the pool, then saved with the dates)."""
        path = self.list_path.text().strip()
        if not path:
            self._say(self.tr("Hãy chọn tệp danh sách sổ."))
            return
        self.pending += 1
        QueryOp(self.ops, parse_book_list, Path(path), success=self._imported,
                failure=lambda exc: self._finished(error_text(exc))).run()

    def _imported(self, books: list[PlannedBook]) -> None:
        self.pending -= 1
        if not _alive(self):
            return
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self._write(self.svc.reports.set_campaign, self.actor, start, end, books, self.name.text(),
                    done=self.tr("Đã thay danh sách: {0} sổ.").format(len(books)))

    def _write(self, fn: Any, *args: Any, done: str) -> None:
        self.pending += 1
        WriteOp(self.ops, fn, *args, source=self, where=SILENT,
                success=lambda plan: self._written(plan, done),
                failure=lambda exc: self._finished(error_text(exc), reload=True)).run()

    def _written(self, plan: CampaignInfo, done: str) -> None:
        self.pending -= 1
        if _alive(self):
            self._show(plan)
            self.message.setText(done)

    def _finished(self, message: str, reload: bool = False) -> None:
        self.pending -= 1
        if _alive(self):
            self._say(message)
            if reload:  # what the store holds, not the refused row
                QueryOp(self.ops, self.svc.reports.campaign, success=lambda plan: self._keep_message(plan)).run()

    def _keep_message(self, plan: CampaignInfo | None) -> None:
        said = self.message.text()
        self._show(plan)
        self.message.setText(said)

    def _say(self, text: str) -> None:
        if _alive(self):
            self.message.setText(text)

    def done(self, result: int) -> None:  # noqa: D102
        self.closed = True
        if self.own_ops:
            self.ops.close()
        super().done(result)
