"""Small dialogs: sign in, first administrator, new book, settings."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QWidget)

from ..core.booktypes import BOOK_TYPES
from ..core.errors import HotichError
from ..core.roles import Actor
from ..core.service import Service
from ..core.workspace import Settings
from .widgets import field_with_button


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)

    def finish(self) -> None:
        self.layout_.addRow(self.error)
        self.layout_.addRow(self.buttons)


class LoginDialog(_Form):
    """Signs in through the core (which slows down repeated failures)."""

    def __init__(self, svc: Service, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Đăng nhập"), parent)
        self.svc = svc
        self.actor: Actor | None = None
        self.login = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.layout_.addRow(self.tr("Tên đăng nhập"), self.login)
        self.layout_.addRow(self.tr("Mật khẩu"), self.password)
        self.finish()

    def accept(self) -> None:
        try:
            self.actor = self.svc.users.login(self.login.text().strip(), self.password.text())
        except HotichError as exc:
            self.error.setText(exc.message)
            self.password.selectAll()
            return
        super().accept()


class FirstAdminDialog(_Form):
    def __init__(self, svc: Service, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tạo tài khoản quản trị đầu tiên"), parent)
        self.svc = svc
        self.actor: Actor | None = None
        self.login = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.layout_.addRow(QLabel(self.tr("Máy này chưa có người dùng. Hãy tạo tài khoản quản trị.")))
        self.layout_.addRow(self.tr("Tên đăng nhập"), self.login)
        self.layout_.addRow(self.tr("Họ tên"), self.full_name)
        self.layout_.addRow(self.tr("Mật khẩu (ít nhất 6 ký tự)"), self.password)
        self.finish()

    def accept(self) -> None:
        try:
            self.actor = self.svc.users.create(None, self.login.text(), self.password.text(), "admin",
                                               self.full_name.text()).value
        except HotichError as exc:
            self.error.setText(exc.message)
            return
        super().accept()


class NewUserDialog(_Form):
    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Thêm người dùng"), parent)
        self.svc, self.actor = svc, actor
        self.login = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.role = QComboBox()
        for value, label in (("clerk", self.tr("Cán bộ nhập liệu")), ("supervisor", self.tr("Người phê duyệt")),
                             ("admin", self.tr("Quản trị"))):
            self.role.addItem(label, value)
        self.layout_.addRow(self.tr("Tên đăng nhập"), self.login)
        self.layout_.addRow(self.tr("Mật khẩu"), self.password)
        self.layout_.addRow(self.tr("Vai trò"), self.role)
        self.finish()

    def accept(self) -> None:
        try:
            self.svc.users.create(self.actor, self.login.text(), self.password.text(), self.role.currentData())
        except HotichError as exc:
            self.error.setText(exc.message)
            return
        super().accept()


class NewBookDialog(_Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sổ đang số hóa"), parent)
        self.book_type = QComboBox()
        for key, bt in BOOK_TYPES.items():
            self.book_type.addItem(bt.title, key)
        self.year = QSpinBox()
        self.year.setRange(1900, 2100)
        self.year.setValue(2000)
        self.volume = QLineEdit("1")
        self.layout_.addRow(self.tr("Loại sổ"), self.book_type)
        self.layout_.addRow(self.tr("Năm"), self.year)
        self.layout_.addRow(self.tr("Quyển số"), self.volume)
        self.finish()


class SettingsDialog(_Form):
    """The office's settings (shared by every desk on the store), this desk's own, and its window preferences."""

    def __init__(self, settings: Settings, prefs: QSettings, parent: QWidget | None = None,
                 try_target: Callable[[str, str | None, Callable[[str], None]], None] | None = None,
                 may_set_target: bool = True, may_change_office: bool = True) -> None:
        super().__init__(self.tr("Cài đặt"), parent)
        self.settings, self.prefs = settings, prefs
        self.folder = QLineEdit(";".join(settings.watch_folders))
        holder = field_with_button(self.folder, self.tr("Chọn…"), self._pick)
        self.move_done = QCheckBox(self.tr("Chuyển tệp đã nhận vào thư mục con «da-nhan»"))
        self.move_done.setChecked(settings.move_done)
        self.export_folder = QLineEdit(settings.export_target_folder)
        self.office_code = QLineEdit(settings.office_code)
        self.office_name = QLineEdit(settings.office_name)
        self.naming = QLineEdit(settings.naming_pattern)
        self.ocr = QCheckBox(self.tr("Đọc tự động (OCR) bằng Tesseract"))
        self.ocr.setChecked(settings.ocr_enabled)
        self.ocr_language = QLineEdit(settings.ocr_language)
        self.upload_url = QLineEdit(settings.upload_url)
        self.upload_url.setPlaceholderText(self.tr("thư mục, webdav(s)://, sftp://người@máy/thư-mục hoặc https://"))
        self.upload_token = QLineEdit()  # never shown again once saved: it lives in the encrypted store
        self.upload_token.setEchoMode(QLineEdit.Password)
        self.upload_token.setPlaceholderText(self.tr("để trống: giữ mật khẩu đã lưu"))
        self.target_result = QLabel()
        self.target_result.setWordWrap(True)
        try_button = QPushButton(self.tr("Thử kết nối"))
        try_button.setEnabled(try_target is not None)
        try_button.clicked.connect(lambda: self._try_target(try_target))
        for widget in (self.upload_url, self.upload_token):
            widget.setEnabled(may_set_target)
        for widget in (self.office_code, self.office_name, self.naming):
            widget.setEnabled(may_change_office)
        self.db_url = QLineEdit(str(prefs.value("db_url", "")))
        self.db_url.setPlaceholderText(self.tr("để trống: SQLite trên máy này"))
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(1 if prefs.value("language", "vi") == "en" else 0)
        for label, widget in ((self.tr("Thư mục máy quét"), holder), ("", self.move_done),
                              (self.tr("Thư mục xuất (USB)"), self.export_folder),
                              (self.tr("Mã đơn vị"), self.office_code), (self.tr("Tên đơn vị"), self.office_name),
                              (self.tr("Mẫu tên tệp PDF"), self.naming), ("", self.ocr),
                              (self.tr("Ngôn ngữ OCR"), self.ocr_language),
                              (self.tr("Nơi nhận gói"), self.upload_url),
                              (self.tr("Mật khẩu nơi nhận"), self.upload_token),
                              ("", try_button), ("", self.target_result),
                              (self.tr("Cơ sở dữ liệu (máy chủ)"), self.db_url), (self.tr("Ngôn ngữ"), self.language)):
            self.layout_.addRow(label, widget)
        self.finish()

    def _try_target(self, try_target: Callable[[str, str | None, Callable[[str], None]], None] | None) -> None:
        if try_target is not None:
            self.target_result.setText(self.tr("Đang thử kết nối…"))
            try_target(*self.target_choice(), self.target_result.setText)

    def target_choice(self) -> tuple[str, str | None]:
        """The delivery address and a new password (None: keep the stored one); saved by the core, audited."""
        return self.upload_url.text().strip(), self.upload_token.text() or None

    def _pick(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục máy quét"),
                                                  options=QFileDialog.ShowDirsOnly | QFileDialog.DontUseNativeDialog)
        if folder:
            self.folder.setText(folder)

    def changes(self) -> dict[str, Any]:
        """The items as typed, for svc.settings.update(actor, changes, seen=self.settings): only those that
        differ from what the dialog opened with are saved (and checked against the actor's rights)."""
        s = self.settings
        return {"watch_folders": [f for f in self.folder.text().split(";") if f.strip()],
                "move_done": self.move_done.isChecked(), "export_target_folder": self.export_folder.text().strip(),
                "office_code": self.office_code.text().strip() or s.office_code,
                "office_name": self.office_name.text().strip() or s.office_name,
                "naming_pattern": self.naming.text().strip() or s.naming_pattern,
                "ocr_enabled": self.ocr.isChecked(), "ocr_language": self.ocr_language.text().strip() or s.ocr_language}

    def save_prefs(self) -> None:
        """This desk's window preferences (QSettings): database address and language."""
        self.prefs.setValue("db_url", self.db_url.text().strip())
        self.prefs.setValue("language", self.language.currentData())


def tell(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, parent.tr("Thông báo"), message)
