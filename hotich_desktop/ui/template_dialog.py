"""Choosing the province's own 158 template per book type: pick a file, read its check report, then use it
(admin only; the core checks the role again, copies the file into the workspace and records it in the audit).
The choice is written through svc.outbox on the window's write queue, never on the GUI thread."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ..core.booktypes import BOOK_TYPES
from ..core.errors import HotichError
from ..core.export.template import check_template, report_text, template_path
from ..core.roles import Actor
from ..core.service import Service
from .operations import SILENT, Ops, WriteOp


class TemplateDialog(QDialog):
    def __init__(self, svc: Service, actor: Actor, parent: QWidget | None = None, ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tệp mẫu xuất 158"))
        self.svc, self.actor = svc, actor
        self.ops = ops or Ops(self)
        self.chosen: Path | None = None
        self.book_type = QComboBox()
        for key, bt in BOOK_TYPES.items():
            self.book_type.addItem(f"{bt.code} — {bt.title}", key)
        self.book_type.currentIndexChanged.connect(self._show_current)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setMinimumSize(560, 320)
        self.message = QLabel()
        self.message.setWordWrap(True)
        pick = QPushButton(self.tr("Chọn tệp…"))
        pick.clicked.connect(self._pick)
        self.use = QPushButton(self.tr("Dùng tệp này"))
        self.use.clicked.connect(self.apply)
        self.default = QPushButton(self.tr("Dùng mẫu mặc định"))
        self.default.clicked.connect(self.use_default)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        admin = actor.may("manage_settings")
        self.use.setEnabled(False)
        self.default.setEnabled(admin)
        pick.setEnabled(admin)
        buttons = QHBoxLayout()
        for b in (pick, self.use, self.default, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.book_type)
        layout.addWidget(self.current)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        if not admin:
            self.message.setText(self.tr("Chỉ quản trị viên đổi được tệp mẫu."))
        self._show_current()

    def selected_type(self) -> str:
        return str(self.book_type.currentData())

    def _show_current(self) -> None:
        override = self.svc.settings.desk().templates.get(self.selected_type(), "")
        path = template_path(self.selected_type(), override)
        self.current.setText(self.tr("Đang dùng: {0}").format(override or self.tr("mẫu mặc định của chương trình")))
        self.chosen = None
        self.use.setEnabled(False)
        self.show_report(path)

    def _pick(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Tệp mẫu Excel"), "", self.tr("Sổ Excel (*.xlsx)"),
                                              options=QFileDialog.DontUseNativeDialog)
        if name:
            self.choose(Path(name))

    def choose(self, path: Path) -> None:
        """Shows the check report of a picked file; it can be used only when the export would accept it."""
        ok = self.show_report(path)
        self.chosen = path if ok else None
        self.use.setEnabled(ok and self.actor.may("manage_settings"))

    def show_report(self, path: Path) -> bool:
        try:
            report = check_template(path, self.selected_type())
        except HotichError as exc:
            self.report.setPlainText(exc.message)
            return False
        self.report.setPlainText(report_text(report))
        return bool(report["ok"])

    def apply(self) -> None:
        if self.chosen is None:
            return
        self._write(self.tr("Đã dùng tệp mẫu {0} cho loại sổ này.").format(self.chosen.name),
                    self.svc.outbox.set_template, self.chosen)

    def use_default(self) -> None:
        self._write(self.tr("Đã trở lại mẫu mặc định."), self.svc.outbox.reset_template)

    def _write(self, said: str, fn: Callable[..., object], *more: object) -> None:
        """Queued; the answer (or the core's refusal) comes back to the dialog's message line."""
        args = (self.actor, self.selected_type(), *more)
        self.message.setText(self.tr("Đang lưu…"))

        def saved(_value: object) -> None:
            self.message.setText(said)
            self._show_current()

        WriteOp(self.ops, fn, *args, source=self, success=saved, where=SILENT,
                failure=lambda exc: self.message.setText(getattr(exc, "message", str(exc)))).run()
