"""The outbox: its screen, and the timer that counts waiting packages and, with a target set, sends those
whose retry time has come — on the same one write queue as "send all", so one package is never sent twice."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ...core.export.targets.schedule import RetrySchedule, deliver_due
from ..operations import STATUS, WriteOp
from ..outbox_panel import SEND_WAITING, OutboxPanel, sent_changes

if TYPE_CHECKING:
    from ..main_window import MainWindow

OUTBOX_CHECK_MS = 120_000  # how often waiting packages are counted and, with a target set, sent again


class OutboxController(QObject):
    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win, self.ops, self.svc, self.actor = win, win.ops, win.svc, win.actor
        self.panel: OutboxPanel | None = None
        self.schedule = RetrySchedule()
        self.uploading = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(OUTBOX_CHECK_MS)

    def open(self) -> None:
        if self.panel is None:
            self.panel = OutboxPanel(self.svc, self.actor, self.ops,
                                     lambda: self.win.pager.book.id if self.win.pager.book else None, self.win,
                                     self.schedule)
        else:
            self.panel.refresh()
        self.panel.show()
        self.panel.raise_()

    def tick(self) -> None:
        """Counts waiting packages; with a target set, sends those whose retry time has come (queued).
        Also starts the daily backup when it is due."""
        self.win.backup_tick()
        self.win.status.count_outbox()
        if self.uploading or not self.actor.may("export"):  # no target set: deliver_due sends nothing
            return
        self.uploading = True

        def finished(_result: object = None) -> None:
            self.uploading = False

        WriteOp(self.ops, deliver_due, self.svc, self.actor, self.schedule, key=SEND_WAITING, source=self,
                changes=sent_changes, success=finished, failure=finished, where=STATUS).run()
