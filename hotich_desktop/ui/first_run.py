"""First start on a new machine: the office (its name and code go into every export), the administrator,
the scanner folder and the first clerk, each password typed twice. Nothing is written until "Xong"."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QWidget,
                               QWizard, QWizardPage)

from ..core.backup.crypto import MIN_PASSPHRASE
from ..core.errors import HotichError
from ..core.roles import Actor
from ..core.service import Service
from ..core.store import cipher
from .widgets import field_with_button

CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,39}")


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.Password)
    return edit


class _Page(QWizardPage):
    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.form = QFormLayout(self)
        note = QLabel(intro)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)

    def finish(self) -> None:
        self.form.addRow(self.error)

    def refuse(self, message: str) -> bool:
        self.error.setText(message)
        return False


class OfficePage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Cơ quan"), self.tr("Tên và mã của UBND xã/phường: có trong mọi gói dữ liệu xuất đi."))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("ví dụ: UBND xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("mã đơn vị hành chính, ví dụ: 17707"))
        self.form.addRow(self.tr("Tên cơ quan"), self.name)
        self.form.addRow(self.tr("Mã cơ quan"), self.code)
        self.finish()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if len(self.name.text().strip()) < 5:
            return self.refuse(self.tr("Hãy ghi đủ tên cơ quan."))
        code = self.code.text().strip()
        if not CODE.fullmatch(code) or code.lower() == "xa-demo":
            return self.refuse(self.tr("Mã cơ quan gồm chữ số/chữ cái không dấu (2–40 ký tự), không dùng mã mẫu."))
        return True


class AccountPage(_Page):
    """A login, a full name and a password typed twice."""

    def __init__(self, title: str, intro: str, login: str, optional: bool = False) -> None:
        super().__init__(title, intro)
        self.optional = optional
        self.login = QLineEdit(login)
        self.full_name = QLineEdit()
        self.password, self.again = _password(), _password()
        self.form.addRow(self.tr("Tên đăng nhập"), self.login)
        self.form.addRow(self.tr("Họ và tên"), self.full_name)
        self.form.addRow(self.tr("Mật khẩu (ít nhất 6 ký tự)"), self.password)
        self.form.addRow(self.tr("Nhập lại mật khẩu"), self.again)
        self.finish()

    def wanted(self) -> bool:
        return not self.optional or bool(self.login.text().strip() or self.password.text())

    def validatePage(self) -> bool:  # noqa: N802
        if not self.wanted():
            return True
        login = self.login.text().strip()
        if not login or any(c.isspace() for c in login):
            return self.refuse(self.tr("Tên đăng nhập không được trống hay có khoảng trắng."))
        if not self.full_name.text().strip():
            return self.refuse(self.tr("Hãy ghi họ và tên."))
        if len(self.password.text()) < 6:
            return self.refuse(self.tr("Mật khẩu phải có ít nhất 6 ký tự."))
        if self.password.text() != self.again.text():
            self.again.clear()
            return self.refuse(self.tr("Hai lần nhập mật khẩu không giống nhau."))
        return True


class ScannerPage(_Page):
    def __init__(self) -> None:
        super().__init__(self.tr("Thư mục máy quét"),
                         self.tr("Thư mục máy quét lưu ảnh vào; chương trình tự nhận trang mới. Có thể chọn sau ở "
                                 "Tệp → Cài đặt."))
        self.folder = QLineEdit()
        self.form.addRow(self.tr("Thư mục"), field_with_button(self.folder, self.tr("Chọn…"), self.choose))
        self.finish()

    def validatePage(self) -> bool:
        """A mistyped folder would leave the desk waiting for pages that never come, without a word."""
        text = self.folder.text().strip()
        if text and not Path(text).is_dir():
            return self.refuse(self.tr("Không có thư mục «%1». Bấm «Chọn…» để chọn thư mục máy quét lưu ảnh, "
                                       "hoặc để trống và chọn sau.").replace("%1", text))
        return True

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục máy quét"),
                                                  options=QFileDialog.ShowDirsOnly | QFileDialog.DontUseNativeDialog)
        if folder:
            self.folder.setText(folder)


class ProtectionPage(_Page):
    """Data at rest, said plainly: the database file is not encrypted by the app, so the disk must be; and
    the office's backup passphrase (optional here, Quản trị → Sao lưu hằng ngày later)."""

    def __init__(self) -> None:
        super().__init__(self.tr("Bảo vệ dữ liệu"),
                         self.tr("Tệp dữ liệu trên máy này KHÔNG tự mã hóa: máy bị mất là lộ dữ liệu công dân. Hãy mã hóa "
                                 "ổ đĩa: Windows bật BitLocker (Cài đặt → Quyền riêng tư và bảo mật → Mã hóa thiết bị, "
                                 "hoặc Control Panel → BitLocker Drive Encryption) cho ổ chứa thư mục dữ liệu; Linux cài "
                                 "với mã hóa toàn ổ (LUKS). Sao lưu hằng ngày vào USB hoặc ổ khác được mã hóa bằng mật "
                                 "khẩu sao lưu dưới đây (ghi ra giấy, cất nơi an toàn; để trống nếu đặt sau)."))
        self.folder = QLineEdit()
        self.passphrase, self.again = _password(), _password()
        self.form.addRow(self.tr("Thư mục sao lưu"), field_with_button(self.folder, self.tr("Chọn…"), self.choose))
        self.form.addRow(self.tr("Mật khẩu sao lưu"), self.passphrase)
        self.form.addRow(self.tr("Nhập lại"), self.again)
        # SQLCipher where its wheel is installed: the store itself encrypted with this passphrase.
        self.encrypt = QCheckBox(self.tr("Mã hóa luôn tệp cơ sở dữ liệu bằng mật khẩu này (hỏi khi mở ứng dụng)"))
        self.encrypt.setChecked(cipher.available())
        self.encrypt.setEnabled(cipher.available())
        if not cipher.available():
            self.encrypt.setToolTip(self.tr("Máy này thiếu gói SQLCipher: hãy mã hóa ổ đĩa như trên."))
        self.form.addRow("", self.encrypt)
        self.finish()

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục sao lưu"),
                                                  options=QFileDialog.ShowDirsOnly | QFileDialog.DontUseNativeDialog)
        if folder:
            self.folder.setText(folder)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if self.passphrase.text() != self.again.text():
            return self.refuse(self.tr("Hai lần nhập mật khẩu sao lưu không giống nhau."))
        if self.passphrase.text() and len(self.passphrase.text()) < MIN_PASSPHRASE:
            return self.refuse(self.tr("Mật khẩu sao lưu phải có ít nhất %1 ký tự.").replace("%1", str(MIN_PASSPHRASE)))
        return True


class FirstRunWizard(QWizard):
    def __init__(self, svc: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Cài đặt lần đầu"))
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage)
        self.office = OfficePage()
        self.admin = AccountPage(self.tr("Người quản trị"), self.tr("Tài khoản quản lý người dùng và cài đặt."),
                                 "quantri")
        self.scanner = ScannerPage()
        self.clerk = AccountPage(self.tr("Cán bộ nhập liệu đầu tiên"),
                                 self.tr("Người nhập hồ sơ hằng ngày (có thể thêm sau ở Quản trị → Người dùng). "
                                         "Để trống nếu chưa cần."), "", optional=True)
        self.protection = ProtectionPage()
        for page in (self.office, self.admin, self.scanner, self.clerk, self.protection):
            self.addPage(page)

    def accept(self) -> None:
        """Writes everything at the end; a refusal from the core is shown on the last page."""
        folder = self.scanner.folder.text().strip()
        try:
            admin = self.svc.users.create(None, self.admin.login.text().strip(), self.admin.password.text(), "admin",
                                         self.admin.full_name.text().strip()).value
            self.svc.settings.update(admin, {"office_code": self.office.code.text().strip(),
                                             "office_name": self.office.name.text().strip(),
                                             "watch_folders": [folder] if folder else []})
            if self.clerk.wanted():
                self.svc.users.create(admin, self.clerk.login.text().strip(), self.clerk.password.text(), "clerk",
                                     self.clerk.full_name.text().strip())
            if self.protection.passphrase.text():
                self.svc.backups.set_passphrase(admin, self.protection.passphrase.text())
                if self.protection.encrypt.isChecked() and self.svc.store.is_sqlite:
                    self.svc.backups.encrypt_store(admin, self.protection.passphrase.text())
            if self.protection.folder.text().strip():
                self.svc.backups.configure(admin, self.protection.folder.text().strip(), 7, 17)
        except HotichError as exc:
            self.protection.refuse(exc.message)
            return
        self.actor = admin
        super().accept()
