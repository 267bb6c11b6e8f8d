"""Quản trị → Sao lưu: the daily backup's folder, how many to keep, its hour, and the office passphrase.

The passphrase is typed here once (twice, to be sure) and never stored: the core keeps only the public key
it yields, so the scheduled backup needs no secret; restoring asks for it.
"""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QSpinBox, QWidget

from ..core.backup.keys import fingerprint
from ..core.errors import HotichError
from ..core.roles import Actor
from ..core.service import Service
from ..core.workspace import Settings
from .dialogs import _Form
from .widgets import field_with_button


class BackupDialog(_Form):
    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None,
                 settings: Settings | None = None) -> None:
        """`settings`: the office's as read on the window's query pool (read here when not given)."""
        super().__init__(self.tr("Sao lưu hằng ngày"), parent)
        self.svc, self.actor = svc, actor
        settings = settings or svc.settings.get()
        self.folder = QLineEdit(settings.backup_folder)
        self.folder.setPlaceholderText(self.tr("USB hoặc ổ khác, không nằm trong thư mục dữ liệu"))
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(settings.backup_keep)
        self.hour = QSpinBox()
        self.hour.setRange(0, 23)
        self.hour.setSuffix(self.tr(" giờ"))
        self.hour.setValue(settings.backup_hour)
        state = (self.tr("đã đặt (dấu khóa %1)").replace("%1", fingerprint(settings.backup_key))
                 if settings.backup_key else self.tr("CHƯA ĐẶT — chưa sao lưu được"))
        self.key_state = QLabel(state)
        self.passphrase, self.again = QLineEdit(), QLineEdit()
        for edit in (self.passphrase, self.again):
            edit.setEchoMode(QLineEdit.Password)
        self.passphrase.setPlaceholderText(self.tr("để trống: giữ mật khẩu đã đặt"))
        note = QLabel(self.tr("Mật khẩu sao lưu chỉ nhập ở đây, không lưu trên máy: hãy ghi ra giấy, cất nơi an toàn. "
                              "Không có nó thì không khôi phục được bản sao lưu nào."))
        note.setWordWrap(True)
        for label, widget in ((self.tr("Thư mục sao lưu"), field_with_button(self.folder, self.tr("Chọn…"), self._pick)),
                              (self.tr("Số bản giữ lại"), self.keep), (self.tr("Sao lưu từ"), self.hour),
                              (self.tr("Mật khẩu sao lưu"), self.key_state),
                              (self.tr("Mật khẩu mới"), self.passphrase), (self.tr("Nhập lại"), self.again),
                              ("", note)):
            self.layout_.addRow(label, widget)
        self.finish()

    def _pick(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục sao lưu"),
                                                  options=QFileDialog.ShowDirsOnly | QFileDialog.DontUseNativeDialog)
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        """Saves through the core (role checked, audited); a refusal stays in the dialog."""
        if self.passphrase.text() != self.again.text():
            self.error.setText(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        try:
            if self.passphrase.text():
                self.svc.backups.set_passphrase(self.actor, self.passphrase.text())
            self.svc.backups.configure(self.actor, self.folder.text().strip(), self.keep.value(), self.hour.value())
        except HotichError as exc:
            self.error.setText(exc.message)
            return
        super().accept()
