"""Admin's user list: add, change role, lock or unlock, set a new password (the core enforces who may).
The list is read on the query pool and changes go through the write queue: no store call on the GUI thread."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QInputDialog, QLabel, QLineEdit, QTableWidgetItem, QVBoxLayout, QWidget)

from ..core.roles import ROLE_LABELS, Actor, Role
from ..core.service import Service
from .dialogs import NewUserDialog
from .operations import SILENT, Ops, QueryOp, WriteOp
from .widgets import button_row, read_only_table


class UsersDialog(QDialog):
    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None, ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.svc, self.actor = svc, actor
        self.ops = ops or Ops(self)
        self.loaded = False
        self.setWindowTitle(self.tr("Người dùng"))
        self.resize(640, 360)
        self.table = read_only_table([self.tr("Tên đăng nhập"), self.tr("Họ tên"), self.tr("Vai trò"),
                                              self.tr("Trạng thái")])
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828")
        buttons = button_row([(self.tr("Thêm…"), self.add, True), (self.tr("Đổi vai trò…"), self.change_role, True),
                              (self.tr("Khóa / mở khóa"), self.toggle_active, True),
                              (self.tr("Đặt mật khẩu mới…"), self.reset_password, True)])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.loaded = False
        QueryOp(self.ops, self.svc.users.list, self.actor, success=self._show,
                failure=lambda exc: self.message.setText(getattr(exc, "message", str(exc)))).run()

    def _show(self, users: list[dict]) -> None:
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            values = (u["login"], u["full_name"], self.tr(ROLE_LABELS[Role(u["role"])]),
                      self.tr("hoạt động") if u["active"] else self.tr("đã khóa"))
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.UserRole, u)
                self.table.setItem(i, col, cell)
        self.table.resizeColumnsToContents()
        self.loaded = True

    def selected(self) -> dict | None:
        row = self.table.currentRow()
        return None if row < 0 else self.table.item(row, 0).data(Qt.UserRole)

    def _update(self, **change: object) -> None:
        user = self.selected()
        if user is None:
            self.message.setText(self.tr("Hãy chọn một người dùng."))
            return
        self.loaded = False
        WriteOp(self.ops, self.svc.users.update, self.actor, user["login"], source=self, success=lambda _done: self._changed(), failure=self._refused, where=SILENT,
                **change).run()

    def _changed(self) -> None:
        self.message.clear()
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        self.message.setText(getattr(exc, "message", str(exc)))
        self.loaded = True

    def add(self) -> None:
        if NewUserDialog(self.svc, self.actor, self).exec():
            self.refresh()

    def change_role(self) -> None:
        labels = [self.tr(ROLE_LABELS[r]) for r in Role]
        label, ok = QInputDialog.getItem(self, self.tr("Vai trò"), self.tr("Vai trò mới:"), labels, 0, False)
        if ok:
            self._update(role=list(Role)[labels.index(label)].value)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is not None:
            self._update(active=not user["active"])

    def reset_password(self) -> None:
        password, ok = QInputDialog.getText(self, self.tr("Mật khẩu mới"), self.tr("Mật khẩu mới (ít nhất 6 ký tự):"),
                                            QLineEdit.Password)
        if ok:
            self._update(password=password)
