"""Scanner files intake could not use, with the reason in the clerk's words, and "Thử lại" after the
page was scanned again or the copy finished. Read through svc.intake on the query pool; a retry is a write on
the window's one write queue."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from ..core.intake.ingest import IngestReport
from ..core.intake.retry import QuarantinedFile
from ..core.roles import Actor
from ..core.service import Service
from .operations import SILENT, Ops, QueryOp, WriteOp
from .widgets import button_row, read_only_table


class QuarantineDialog(QDialog):
    def __init__(self, svc: Service, actor: Actor, book_id: Callable[[], int | None],
                 on_intake: Callable[[IngestReport], None], parent: QWidget | None = None,
                 ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor, self.book_id, self.on_intake = svc, actor, book_id, on_intake
        self.ops = ops or Ops(self)
        self.loaded = False
        self.setWindowTitle(self.tr("Tệp bị cách ly"))
        self.rows: list[QuarantinedFile] = []
        self.table = read_only_table([self.tr("Tệp"), self.tr("Lúc"), self.tr("Lý do"),
                                      self.tr("Còn ở thư mục quét")], 2)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.retry())
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Các tệp dưới đây không nhận được. Hãy quét lại trang (cùng tên tệp) "
                                        "hoặc chờ chép xong, rồi bấm «Thử lại».")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(button_row([(self.tr("Thử lại"), self.retry, actor.may("intake")),
                                     (self.tr("Làm mới"), self.refresh, True), (self.tr("Đóng"), self.accept, True)]))
        self.resize(900, 420)
        self.refresh()

    def refresh(self) -> None:
        self.loaded = False
        QueryOp(self.ops, self.svc.intake.quarantined_files, self.actor, success=self._show,
                failure=lambda exc: self._said(getattr(exc, "message", str(exc)))).run()

    def _said(self, message: str) -> None:
        self.message.setText(message)
        self.loaded = True

    def _show(self, rows: list[QuarantinedFile]) -> None:
        self.rows = rows
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for col, value in enumerate((r.name, f"{r.at:%d/%m/%Y %H:%M}", r.reason,
                                         self.tr("có") if r.present else self.tr("không"))):
                cell = QTableWidgetItem(value)
                cell.setToolTip(r.path if col == 0 else value)
                self.table.setItem(i, col, cell)
        self.table.resizeColumnToContents(0)
        self.loaded = True

    def retry(self) -> None:
        row = self.table.currentRow()
        book = self.book_id()
        if not 0 <= row < len(self.rows) or book is None:
            self.message.setText(self.tr("Hãy chọn một tệp (và mở một sổ)."))
            return
        name = self.rows[row].name
        self.loaded = False

        def answered(report: IngestReport) -> None:
            if report.pages:
                self.message.setText(self.tr("Đã nhận {0}.").format(name))
            elif report.quarantined:
                self.message.setText(self.tr("Vẫn chưa đọc được: {0}").format(report.quarantined[0]["reason"]))
            self.on_intake(report)
            self.refresh()

        WriteOp(self.ops, self.svc.intake.retry, self.actor, book, self.rows[row].id, source=self, success=answered,
                failure=lambda exc: self._said(getattr(exc, "message", str(exc))), where=SILENT).run()
