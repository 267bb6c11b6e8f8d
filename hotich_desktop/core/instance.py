"""One window per data folder: a second `hotich-desktop` on the same folder is refused with a clear reason.

Two windows on one workspace would both watch the scanner folder, both process the same pages and fight
over settings. The lock is an OS file lock (filelock), so it disappears with the process even after a crash
or `kill -9`: no stale lock to clear by hand. Only the WINDOW takes it: `hotich` read commands (books,
entries, outbox, report…) legitimately run beside an open window on the same workspace.
"""
from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import filelock

from . import atomic
from .errors import HotichError, StoreError

LOCK_NAME = "hotich-desktop.lock"
OWNER_NAME = "hotich-desktop.owner.json"  # who holds the lock: the OS lock file itself is truncated on acquire


class AlreadyRunning(HotichError):
    """Another window already works on this data folder."""

    exit_code = 5


class WindowLock:
    """Held for the whole life of the window; release() (or process exit) frees the folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = filelock.FileLock(str(self.root / LOCK_NAME), timeout=0)

    def acquire(self) -> WindowLock:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            raise AlreadyRunning(self._refusal()) from None
        except OSError as exc:  # read-only, full or vanished folder: say so instead of a traceback
            raise StoreError(f"Không mở được thư mục dữ liệu {self.root}: {exc.strerror or exc}") from exc
        owner = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.strftime("%Y-%m-%d %H:%M")}
        try:
            atomic.write_text(self.root / OWNER_NAME, json.dumps(owner))
        except OSError:
            pass  # the lock holds without the note; the note only makes the refusal friendlier
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            (self.root / OWNER_NAME).unlink(missing_ok=True)
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def _refusal(self) -> str:
        who = ""
        try:
            owner = json.loads((self.root / OWNER_NAME).read_text(encoding="utf-8"))
            who = f" (máy {owner.get('host', '?')}, tiến trình {owner.get('pid', '?')}, mở lúc {owner.get('since', '?')})"
        except (OSError, ValueError, AttributeError):
            pass
        return (f"Chương trình đã được mở trên thư mục dữ liệu này{who}: {self.root}\n"
                "Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại. "
                "Không thể mở hai cửa sổ trên cùng một thư mục dữ liệu.")

    def __enter__(self) -> WindowLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
