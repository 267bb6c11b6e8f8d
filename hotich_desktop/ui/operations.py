"""The window's one way to touch the store (after Anki's aqt/operations and Picard's one-thread save pool).

- `QueryOp` reads on a small worker pool: the GUI thread never waits on the database or a page image.
- `WorkOp` runs long work (detecting and reading a page: seconds) on its own worker, its store writes sent
  to the write queue one by one (`Ops.on_write_thread`), so a clerk's save never waits behind a page.
- `WriteOp` writes, every one of them through ONE one-thread queue: two quick box drags of one entry, or the
  timer's upload and "upload all", run one after the other, never together. A write with a `key` that is
  already queued or running is not queued again: the caller joins the one in flight (one package is never
  sent twice because two buttons were pressed).
- A write's success emits ONE app-wide `Ops.changed(Changes, source)`; each panel refreshes from it only what
  the `Changes` touch, instead of every call site picking its own reloads.
- Every failure goes to one place, `Ops.failed(message, where)`, already in Vietnamese (a `Conflict` lists
  the other desk's values beside this desk's, so the clerk can merge them).
"""
from __future__ import annotations

import logging
import threading
import traceback
from collections import deque
from collections.abc import Callable, Hashable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from ..core.changes import NOTHING, Changes, Done
from ..core.errors import Conflict, HotichError

log = logging.getLogger(__name__)

QUERY_THREADS = 2  # commune PCs have two cores; page images and the queue are read beside the writes
WORK_THREADS = 1  # one page at a time: its entries are read on both cores already (core/ocr/engine.py)
DIALOG, STATUS, SILENT = "dialog", "status", "silent"  # where a failure is shown


def error_text(exc: BaseException, mine: dict[str, Any] | None = None) -> str:
    """The clerk's message for a failure: the core's Vietnamese text, a Conflict's differing values."""
    if isinstance(exc, Conflict):
        lines = [f"{k}: «{theirs}» ≠ «{mine_}»" for k, theirs, mine_ in exc.differences(mine or {})]
        return "\n".join([exc.message, *lines[:12]])
    if isinstance(exc, HotichError):
        return exc.message
    return f"Lỗi không mong đợi: {exc}"


class _Signals(QObject):
    done = Signal(object)              # (result,) — boxed: a bare None upsets some PySide6 releases
    error = Signal(object)             # the exception
    progress = Signal(int, int, str)   # done, total, what


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, wants_progress: bool) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self.wants_progress = wants_progress
        self.outcome: tuple[bool, Any] | None = None  # (ok, result or exception), set before it is signalled
        self.setAutoDelete(False)  # Python keeps it until its answer has reached the GUI thread

    def run(self) -> None:
        try:
            if self.wants_progress:
                self.kwargs["progress"] = self.signals.progress.emit
            result = self.fn(*self.args, **self.kwargs)
        except HotichError as exc:
            self.outcome = (False, exc)
            self.signals.error.emit(exc)
        except Exception as exc:  # shown to the clerk, kept in the log for the technician
            log.error("background work failed: %s", traceback.format_exc())
            self.outcome = (False, exc)
            self.signals.error.emit(exc)
        else:
            self.outcome = (True, result)
            self.signals.done.emit((result,))


class Ops(QObject):
    """One per window: the two pools, the busy count, the changed signal, the one error outlet."""

    changed = Signal(object, object)   # Changes, source (the object that asked; a panel may skip its own)
    failed = Signal(str, str)          # message, where (DIALOG or STATUS)
    busy_changed = Signal(int)
    progress = Signal(int, int, str)
    started = Signal(str)              # a label for the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gui_thread = QThread.currentThread()
        self.queries = QThreadPool(self)
        self.queries.setMaxThreadCount(QUERY_THREADS)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)  # the one write queue
        self.work = QThreadPool(self)
        self.work.setMaxThreadCount(WORK_THREADS)
        self.busy = 0
        self.closed = False
        self.jobs: set[_Job] = set()
        # Finished jobs are kept a while: the pool thread may still be returning from run() when the answer
        # reaches the GUI thread, and a Python-owned runnable freed then would be a use after free.
        self.done_jobs: deque[_Job] = deque(maxlen=256)
        self.in_flight: dict[Hashable, WriteOp] = {}
        self.done_calls: deque[QRunnable] = deque(maxlen=256)  # on_write_thread's, kept like done_jobs
        self._calls_lock = threading.Lock()

    def _start(self, label: str) -> None:
        self.busy += 1
        self.busy_changed.emit(self.busy)
        if label:
            self.started.emit(label)

    def _end(self) -> None:
        self.busy = max(0, self.busy - 1)
        self.busy_changed.emit(self.busy)

    def _launch(self, pool: QThreadPool, fn: Callable[..., Any], args: tuple, kwargs: dict, progress: bool,
                on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> _Job:
        job = _Job(fn, args, kwargs, progress)
        self.jobs.add(job)
        job.signals.done.connect(lambda boxed: (self._retire(job), on_done(boxed[0])))
        job.signals.error.connect(lambda exc: (self._retire(job), on_error(exc)))
        if progress:
            job.signals.progress.connect(self.progress)
        pool.start(job)
        return job

    def _retire(self, job: _Job) -> None:
        self.jobs.discard(job)
        self.done_jobs.append(job)

    def alive(self) -> bool:
        """False once the window is closed or gone: a late answer (queued signals outlive a closed window)
        is dropped instead of reaching dead widgets."""
        return not self.closed and shiboken6.isValid(self)

    def report(self, exc: BaseException, where: str = DIALOG, mine: dict[str, Any] | None = None) -> None:
        if where != SILENT:
            self.failed.emit(error_text(exc, mine), where)

    def on_write_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Runs fn(*args) on the one write thread and waits for its value or error: the writer a WorkOp's
        function gets. Only from a worker thread (the GUI thread never waits for the write queue this way)."""
        if QThread.currentThread() is self.gui_thread:
            raise RuntimeError("on_write_thread is for worker threads")
        box: dict[str, Any] = {}
        ready = threading.Event()

        class _Call(QRunnable):
            def run(self) -> None:  # noqa: PLR6301
                try:
                    box["value"] = fn(*args)
                except BaseException as exc:  # handed to the waiting worker, raised there
                    box["error"] = exc
                finally:
                    ready.set()

        call = _Call()
        call.setAutoDelete(False)  # Python keeps it, a while after it has run, as it keeps finished jobs
        self.writes.start(call)
        ready.wait()
        with self._calls_lock:
            self.done_calls.append(call)
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def close(self, wait_ms: int = 30000) -> None:
        """Lets running work and queued writes finish (nothing half-saved); answers arriving afterwards are
        dropped. Work first: its last writes go to the write queue."""
        self.work.waitForDone(wait_ms)
        self.writes.waitForDone(wait_ms)
        self.queries.waitForDone(wait_ms)
        self.closed = True


class QueryOp:
    """A read on the query pool: `success(result)` on the GUI thread, failures to `failure` or `Ops.failed`."""

    def __init__(self, ops: Ops, fn: Callable[..., Any], *args: Any, success: Callable[[Any], None] | None = None,
                 failure: Callable[[BaseException], None] | None = None, where: str = STATUS, label: str = "",
                 progress: bool = False, **kwargs: Any) -> None:
        self.ops, self.fn, self.args, self.kwargs = ops, fn, args, kwargs
        self.success, self.failure, self.where, self.label, self.with_progress = success, failure, where, label, progress

    def run(self) -> QueryOp:
        self.ops._start(self.label)
        self.ops._launch(self.ops.queries, self.fn, self.args, self.kwargs, self.with_progress, self._done,
                         self._failed)
        return self

    def _done(self, result: Any) -> None:
        if not self.ops.alive():
            return
        self.ops._end()
        if self.success:
            self.success(result)

    def _failed(self, exc: BaseException) -> None:
        if not self.ops.alive():
            return
        self.ops._end()
        if self.failure:
            self.failure(exc)
        else:
            self.ops.report(exc, self.where)


class WriteOp:
    """A write on the one-thread queue. `changes` says what it touched when the call does not answer with
    `Done` (a fixed `Changes`, or a function of the result). On success: `success(value)`, then
    `Ops.changed(changes, source)`; on failure: `failure(exc)` if given, and the message to `Ops.failed`
    (unless `where` is SILENT). `key`: a write with the same key already queued or running is joined."""

    def __init__(self, ops: Ops, fn: Callable[..., Any], *args: Any,
                 changes: Changes | Callable[[Any], Changes] | None = None, key: Hashable | None = None,
                 source: object = None, success: Callable[[Any], None] | None = None,
                 failure: Callable[[BaseException], None] | None = None, where: str = DIALOG,
                 mine: dict[str, Any] | None = None, label: str = "", progress: bool = False,
                 **kwargs: Any) -> None:
        self.ops, self.fn, self.args, self.kwargs = ops, fn, args, kwargs
        self.changes, self.key, self.source = changes, key, source
        self.successes = [success] if success else []
        self.failures = [failure] if failure else []
        self.where, self.mine, self.label, self.with_progress = where, mine, label, progress
        self.finished = False
        self.value: Any = None
        self.error: BaseException | None = None
        self.job: _Job | None = None

    def run(self) -> WriteOp:
        """Queues the write; returns the op that will answer (an equal one already in flight, if any)."""
        if self.key is not None and self.key in self.ops.in_flight:
            joined = self.ops.in_flight[self.key]
            joined.successes += self.successes
            joined.failures += self.failures
            return joined
        if self.key is not None:
            self.ops.in_flight[self.key] = self
        self.ops._start(self.label)
        self.job = self.ops._launch(self._pool(), self.fn, self.args, self.kwargs, self.with_progress,
                                    self._done, self._failed)
        return self

    def _pool(self) -> QThreadPool:
        return self.ops.writes

    def wait(self) -> Any:
        """Waits for this write (the save before leaving an entry must land before the clerk moves on);
        returns its value or raises its error. The store call still runs on the write thread; the GUI thread
        only waits, with no nested event loop (a nested loop would let the window be closed or deleted
        under the caller's feet)."""
        while not self.finished and self.job is not None and self.job.outcome is None:
            self._pool().waitForDone(50)
        if not self.finished and self.job is not None and self.job.outcome is not None:
            ok, payload = self.job.outcome  # answered now; its queued signal, arriving later, is ignored
            (self._done if ok else self._failed)(payload)
        if self.error is not None:
            raise self.error
        return self.value

    def _settle(self) -> bool:
        """Marks the write finished; False when the window is gone (nothing is shown then)."""
        self.finished = True
        if not self.ops.alive():
            return False
        if self.key is not None and self.ops.in_flight.get(self.key) is self:
            del self.ops.in_flight[self.key]
        self.ops._end()
        return True

    def _done(self, result: Any) -> None:
        if self.finished:
            return
        changes = NOTHING
        if isinstance(result, Done):
            result, changes = result.value, result.changes
        self.value = result
        if not self._settle():
            return
        if callable(self.changes):
            changes = changes | self.changes(result)
        elif isinstance(self.changes, Changes):
            changes = changes | self.changes
        try:
            for success in self.successes:
                success(result)
        finally:
            if changes and self.ops.alive():
                self.ops.changed.emit(changes, self.source)

    def _failed(self, exc: BaseException) -> None:
        if self.finished:
            return
        self.error = exc
        if not self._settle():
            return
        for failure in self.failures:
            failure(exc)
        self.ops.report(exc, self.where, self.mine)


class WorkOp(WriteOp):
    """Long work on the work thread, answered like a write (key, changes, success, failure). Its function
    gets `writer=Ops.on_write_thread` and sends every store write through it, so writes stay on the one
    write thread while the seconds of work run beside it."""

    def __init__(self, ops: Ops, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(ops, fn, *args, **kwargs)
        self.kwargs["writer"] = ops.on_write_thread

    def _pool(self) -> QThreadPool:
        return self.ops.work
