"""Watching scanner folders: watchdog events make intake prompt, a periodic rescan makes it certain.

Watchers miss events (network shares, sleep), so the rescan is the truth. A file is taken only once it has
stopped changing for `stable_seconds`. Runs on its own thread; the window and `hotich watch` both use it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import HotichError
from ..roles import Actor
from .ingest import IngestReport, ingest_candidates
from .scanner import Candidate, candidates, is_complete, refused

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

log = logging.getLogger(__name__)
REPORT_EVERY = 10


class FolderWatcher:
    def __init__(self, svc: Service, actor: Actor, book_id: int, folders: list[Path],
                 on_report: Callable[[IngestReport], None], on_error: Callable[[str], None] | None = None,
                 writer: Callable[..., Any] | None = None) -> None:
        """`writer(fn, *args)` runs the intake's store writes and returns fn's value: in this thread for the
        command line, on the window's one write queue there (Ops.on_write_thread), so a page taken in never
        writes beside a clerk's save."""
        self.svc, self.actor, self.book_id = svc, actor, book_id
        self.writer = writer or (lambda fn, *args: fn(*args))
        self.folders = folders
        self.on_report, self.on_error = on_report, on_error or (lambda msg: log.warning("%s", msg))
        settings = svc.settings.get()
        self.rescan_seconds = settings.rescan_seconds
        self.stable_seconds = settings.stable_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._observer = None
        self._handled: dict[Path, tuple[int, float]] = {}  # files already decided, as they were then
        self._refused: set[Path] = set()  # symlinks, devices, FIFOs already reported (once each)

    def start(self) -> None:
        self._start_events()
        self._thread = threading.Thread(target=self._loop, name="hotich-watch", daemon=True)
        self._thread.start()

    def _start_events(self) -> None:
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return
        wake = self._wake

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:  # noqa: ANN001
                wake.set()

        self._observer = Observer()
        for folder in self.folders:
            if folder.is_dir():
                self._observer.schedule(Handler(), str(folder), recursive=False)
        self._observer.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=30)

    def scan_once(self) -> bool:
        """Ingests what is complete now; True when something is still settling (scan again soon)."""
        ready: list[Candidate] = []
        settling = False
        known = set()
        for folder in self.folders:
            try:
                found = candidates(folder)
            except HotichError as exc:
                self.on_error(exc.message)
                continue
            for cand in found:
                known.add(cand.path)
                if self._handled.get(cand.path) == (cand.size, cand.mtime):
                    continue
                if is_complete(cand, self.stable_seconds):
                    ready.append(cand)
                else:
                    settling = True
        for gone in set(self._handled) - known:
            del self._handled[gone]
        self._report_refused()
        for start in range(0, len(ready), REPORT_EVERY):  # small batches: each page shows up promptly
            batch = ready[start:start + REPORT_EVERY]
            try:
                report = self.writer(ingest_candidates, self.svc, self.actor, self.book_id, batch)
            except HotichError as exc:
                self.on_error(exc.message)
                return True
            waiting = set(report.waiting)
            for cand in batch:
                if cand.path.name not in waiting:
                    self._handled[cand.path] = (cand.size, cand.mtime)
            self.on_report(report)
            if self._stop.is_set():
                break
        return settling

    def _report_refused(self) -> None:
        """Non-regular names are told once (never opened, never copied), again only if they come back."""
        found = {path: why for folder in self.folders for path, why in refused(folder)}
        new = [{"file": p.name, "reason": why} for p, why in found.items() if p not in self._refused]
        self._refused = set(found)
        if new:
            self.on_report(IngestReport(refused=new))

    def _loop(self) -> None:
        while not self._stop.is_set():
            settling = self.scan_once()
            self._wake.wait(self.stable_seconds if settling else self.rescan_seconds)
            self._wake.clear()
            if not self._stop.is_set() and settling:
                time.sleep(0.05)
