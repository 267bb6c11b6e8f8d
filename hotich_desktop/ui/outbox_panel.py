"""The Outbox screen: export the open book, copy packages to a USB stick, upload what waits."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QFileDialog, QLabel, QTableWidgetItem, QVBoxLayout, QWidget)

from ..core.changes import Changes
from ..core.export.outbox import deliver_to_folder, export_book, not_ready, packages, upload, upload_waiting
from ..core.export.targets.schedule import RetrySchedule
from ..core.lifecycle import PACKAGE_WAITING, PackageStatus
from ..core.roles import Actor
from ..core.service import Service
from .operations import SILENT, Ops, QueryOp, WriteOp
from .widgets import button_row, read_only_table

SEND_WAITING = "send-waiting"  # the key of "send all" and the timer's sending: one of them at a time


def package_key(package_id: int) -> tuple[str, int]:
    return ("package", package_id)


def send_unless_sent(svc: Service, actor: Actor, package_id: int, seen: str) -> str:
    """Sends one package (its receipt; "" when not sent), unless it was waiting when the clerk pressed the button and has been sent since
    (by the timer or "send all", queued before this): one package is never sent twice by accident."""
    now = next((p["status"] for p in packages(svc) if p["id"] == package_id), seen)
    if seen in PACKAGE_WAITING and now not in PACKAGE_WAITING:
        return ""
    return upload(svc, actor, package_id)


def sent_changes(results: list[tuple[int, str]]) -> Changes:
    return Changes.of(packages=[p for p, _r in results])

STATUS_TEXT = {PackageStatus.QUEUED: "chờ gửi", PackageStatus.SENT: "đã chép/gửi",
               PackageStatus.FAILED: "lỗi, chờ gửi lại", PackageStatus.ACKNOWLEDGED: "máy chủ đã nhận",
               PackageStatus.SUPERSEDED: "đã có bản mới"}


class OutboxPanel(QDialog):
    """Reads are QueryOps, every export, copy and upload a WriteOp on the one write queue; the list is read
    again from `Ops.changed` whenever a package changed, whoever changed it (this screen or the timer)."""

    def __init__(self, svc: Service, actor: Actor, ops: Ops,
                 current_book: Callable[[], int | None], parent: QWidget | None = None,
                 schedule: RetrySchedule | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor, self.ops, self.current_book = svc, actor, ops, current_book
        self.items: list[dict[str, Any]] = []
        self.loaded = False
        self.schedule = schedule
        self.setWindowTitle(self.tr("Hộp thư đi"))
        self.resize(900, 420)
        self.table = read_only_table([self.tr("Gói"), self.tr("Phiên bản"), self.tr("Số hồ sơ"),
                                              self.tr("Trạng thái"), self.tr("Tạo lúc"), self.tr("Ghi chú")], 5)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = button_row([(self.tr("Xuất sổ đang mở"), self.export_current, True),
                              (self.tr("Chép sang USB / thư mục…"), self.deliver_selected, True),
                              (self.tr("Gửi tới nơi nhận"), self.upload_selected, True),
                              (self.tr("Gửi tất cả gói đang chờ"), self.upload_all, True)])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        ops.changed.connect(lambda changes, _source: self.refresh() if changes.packages else None)
        self.refresh()

    def refresh(self) -> None:
        self.loaded = False
        QueryOp(self.ops, packages, self.svc, success=self._show).run()

    def _show(self, items: list[dict[str, Any]]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            note = item["error"] or (self.tr("Biên nhận: {0}").format(item["receipt"]) if item["receipt"] else
                                     item["target"])
            wait = self.schedule.wait_left(item["id"]) if self.schedule and item["status"] == PackageStatus.FAILED else 0
            if wait:
                note += " " + self.tr("(tự gửi lại sau {0} phút)").format(max(1, round(wait / 60)))
            for col, value in enumerate((item["package"], str(item["version"]), str(item["records"]),
                                         self.tr(STATUS_TEXT.get(item["status"], item["status"])),
                                         item["created_at"].replace("T", " "), note)):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.UserRole, item["id"])
                if item["status"] == PackageStatus.FAILED:
                    cell.setForeground(Qt.red)
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        self.loaded = True

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return None if row < 0 else self.table.item(row, 0).data(Qt.UserRole)

    def _done(self, message: str) -> None:
        self.message.setText(message)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(getattr(exc, "message", str(exc)))
        self.refresh()  # a failed send is marked failed in the store

    def export_current(self, confirm: bool = True) -> None:
        book_id = self.current_book()
        if book_id is None:
            self.message.setText(self.tr("Hãy chọn sổ trước."))
            return
        from ..core.review.book import book_progress

        QueryOp(self.ops, lambda: (not_ready(self.svc, book_id), book_progress(self.svc, book_id).warning()),
                success=lambda found: self._export(book_id, *found, confirm)).run()

    def _export(self, book_id: int, waiting: int, warning: str, confirm: bool) -> None:
        warning = warning or (self.tr("Sổ còn {0} mục chưa được phê duyệt.").format(waiting) if waiting else "")
        if warning and confirm and not self._export_anyway(warning):
            self.message.setText(warning)
            return
        partial = bool(waiting)  # the supervisor said yes: the manifest records a partial book

        def finished(result: Any) -> None:
            text = self.tr("Đã xuất {0} hồ sơ vào {1}.").format(result.records, result.package)
            if result.reused:
                text = self.tr("Sổ không đổi từ lần xuất trước: dùng lại gói {0}.").format(result.package.name)
            if result.skipped:
                text += " " + self.tr("{0} mục chưa xuất (chưa duyệt hoặc đã sửa).").format(len(result.skipped))
            self._done(text)

        WriteOp(self.ops, export_book, self.svc, self.actor, book_id, self.svc.workspace.exports, partial=partial,
                changes=lambda r: Changes.of(packages=[r.package_id], books=[book_id]), source=self,
                key=("export", book_id), success=finished, failure=self._failed, where=SILENT,
                label=self.tr("Đang xuất dữ liệu…"), progress=True).run()

    def _export_anyway(self, warning: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Warning, self.tr("Sổ chưa xong"),
                          warning + "\n" + self.tr("Gói chỉ có các mục đã phê duyệt. Vẫn xuất bây giờ?"), parent=self)
        go = box.addButton(self.tr("Vẫn xuất"), QMessageBox.AcceptRole)
        box.addButton(self.tr("Để sau"), QMessageBox.RejectRole)
        box.exec()
        return box.clickedButton() is go

    def deliver_selected(self) -> None:
        package_id = self.selected_id()
        if package_id is None:
            self.message.setText(self.tr("Hãy chọn một gói trong danh sách."))
            return
        start = self.svc.settings.desk().export_target_folder or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chép gói sang"), start,
                                                  QFileDialog.ShowDirsOnly | QFileDialog.DontUseNativeDialog)
        if folder:
            WriteOp(self.ops, deliver_to_folder, self.svc, self.actor, package_id, Path(folder),
                    changes=Changes.of(packages=[package_id]), source=self, where=SILENT,
                    success=lambda dest: self._done(self.tr("Đã chép và kiểm tra: {0}").format(dest)),
                    label=self.tr("Đang chép gói…"), failure=self._failed).run()

    def upload_selected(self) -> None:
        package_id = self.selected_id()
        if package_id is None:
            self.message.setText(self.tr("Hãy chọn một gói trong danh sách."))
            return
        seen = next((p["status"] for p in self.items if p["id"] == package_id), "")
        WriteOp(self.ops, send_unless_sent, self.svc, self.actor, package_id, seen, key=package_key(package_id),
                changes=Changes.of(packages=[package_id]), source=self, where=SILENT, failure=self._failed,
                success=lambda receipt: self._done(self.tr("Máy chủ đã nhận gói (biên nhận {0}).").format(receipt)
                                                   if receipt else self.tr("Gói này đã được gửi trước đó.")),
                label=self.tr("Đang gửi lên máy chủ…")).run()

    def upload_all(self) -> None:
        def finished(results: list[tuple[int, str]]) -> None:
            self._done("\n".join(self.tr("Gói {0}: {1}").format(p, r) for p, r in results)
                       or self.tr("Không có gói nào chờ gửi."))

        WriteOp(self.ops, upload_waiting, self.svc, self.actor, key=SEND_WAITING, changes=sent_changes,
                source=self, success=finished, failure=self._failed, where=SILENT,
                label=self.tr("Đang gửi các gói đang chờ…")).run()
