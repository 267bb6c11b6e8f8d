"""The status bar: who is signed in, busy work with its progress, waiting packages, quarantined scans, and
the one place where a failed operation is said (a dialog, or a line in the bar)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from ...core.changes import Changes
from ...core.export.outbox import waiting_packages
from ...core.intake.retry import quarantined_files
from ...core.roles import ROLE_LABELS
from ..dialogs import tell
from ..operations import DIALOG, QueryOp

if TYPE_CHECKING:
    from ..main_window import MainWindow


class StatusController(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win, self.ops = win, win.ops
        bar = win.statusBar()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.who = QLabel(f"{win.actor.login} — {ROLE_LABELS[win.actor.role]}")
        self.outbox_label = QLabel()
        self.quarantine_button = QPushButton()
        self.quarantine_button.setFlat(True)
        self.quarantine_button.setStyleSheet("color: #c62828")
        self.quarantine_button.hide()
        for widget in (self.quarantine_button, self.progress, self.outbox_label, self.who):
            bar.addPermanentWidget(widget)
        self.ops.busy_changed.connect(self._busy)
        self.ops.started.connect(self._started)
        self.ops.progress.connect(self._progress)
        self.ops.failed.connect(self._failed)
        self.ops.changed.connect(self._changed)

    def message(self, text: str) -> None:
        self.win.statusBar().showMessage(text, 10000)

    def _started(self, label: str) -> None:
        self.progress.show()
        self.progress.setRange(0, 0)
        self.win.statusBar().showMessage(label)

    def _busy(self, busy: int) -> None:
        if busy == 0:
            self.progress.hide()
            self.win.statusBar().clearMessage()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.show()
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.win.statusBar().showMessage(self.tr("Đang xử lý {0}/{1}: {2}").format(done, total, what))

    def _failed(self, message: str, where: str) -> None:
        if where == DIALOG:
            tell(self.win, message)
        else:
            self.message(message)

    def _changed(self, changes: Changes, _source: object) -> None:
        if changes.packages:
            self.count_outbox()
        if changes.intake:
            self.count_quarantine()

    def count_outbox(self) -> None:
        def show(waiting: int) -> None:
            self.outbox_label.setText(self.tr("Hộp thư đi: {0} gói chờ gửi").format(waiting) if waiting else "")

        QueryOp(self.ops, waiting_packages, self.win.svc, success=show).run()

    def count_quarantine(self) -> None:
        """A lasting, clickable count in the status bar: a rejected scan is not a 10-second message."""
        def show(files: list) -> None:
            self.quarantine_button.setText(self.tr("⚠ {0} tệp bị cách ly").format(len(files)))
            self.quarantine_button.setVisible(bool(files) and self.win.actor.may("intake"))

        QueryOp(self.ops, quarantined_files, self.win.svc, success=show).run()
