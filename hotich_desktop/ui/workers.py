"""The one worker pattern: long work runs in QThreadPool, results and progress come back as signals.

The GUI thread never waits on intake, detection, OCR or export.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.errors import HotichError

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    progress = Signal(int, int, str)   # done, total, what
    finished = Signal(object)          # the function's result
    failed = Signal(str)               # a message for the clerk


class Worker(QRunnable):
    """Runs `fn(*args, progress=callback, **kwargs)` when `wants_progress`, else `fn(*args, **kwargs)`."""

    def __init__(self, fn: Callable[..., Any], *args: Any, wants_progress: bool = False, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self.wants_progress = wants_progress
        # Python owns the worker (and its signals) until the result is delivered: if Qt deleted it first,
        # a queued signal would reach a dead object.
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            if self.wants_progress:
                self.kwargs["progress"] = self.signals.progress.emit
            result = self.fn(*self.args, **self.kwargs)
        except HotichError as exc:
            self.signals.failed.emit(exc.message)
        except Exception as exc:  # shown to the clerk, kept in the log for the technician
            log.error("background work failed: %s", traceback.format_exc())
            self.signals.failed.emit(f"Lỗi không mong đợi: {exc}")
        else:
            # Wrapped in a fresh tuple: emitting a bare None through Signal(object) upsets refcounts in
            # some PySide6 releases (seen as "deallocating None").
            self.signals.finished.emit((result,))


def run_in_background(pool: QThreadPool, keep: set[Worker], fn: Callable[..., Any], *args: Any,
                      on_done: Callable[[Any], None] | None = None, on_error: Callable[[str], None] | None = None,
                      on_progress: Callable[[int, int, str], None] | None = None, **kwargs: Any) -> Worker:
    worker = Worker(fn, *args, wants_progress=on_progress is not None, **kwargs)
    keep.add(worker)
    if on_done:
        worker.signals.finished.connect(lambda boxed: on_done(boxed[0]))
    if on_error:
        worker.signals.failed.connect(on_error)
    if on_progress:
        worker.signals.progress.connect(on_progress)
    worker.signals.finished.connect(lambda _r: keep.discard(worker))
    worker.signals.failed.connect(lambda _m: keep.discard(worker))
    pool.start(worker)
    return worker
