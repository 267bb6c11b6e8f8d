"""One window per data folder: the lock refuses a second holder and vanishes with its process."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hotich_desktop.core.errors import StoreError
from hotich_desktop.core.instance import LOCK_NAME, AlreadyRunning, WindowLock

HOLD = """
import sys, time
from hotich_desktop.core.instance import WindowLock
lock = WindowLock(sys.argv[1]).acquire()  # kept: a collected lock is released
print("held", flush=True)
time.sleep(120)
"""


def _holder(root: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(root)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_lock_in_same_process_is_refused(tmp_path: Path) -> None:
    first = WindowLock(tmp_path).acquire()
    with pytest.raises(AlreadyRunning) as refused:
        WindowLock(tmp_path).acquire()
    assert "đã được mở" in refused.value.message and str(tmp_path) in refused.value.message
    assert str(os.getpid()) in refused.value.message  # who holds it, from the owner note
    first.release()
    with WindowLock(tmp_path) as again:  # freed: the next window gets it
        assert again.held
    assert not again.held


def test_other_folder_is_independent(tmp_path: Path) -> None:
    with WindowLock(tmp_path / "a"), WindowLock(tmp_path / "b") as b:
        assert b.held


def test_lock_held_by_another_process_then_freed_by_kill(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    try:
        with pytest.raises(AlreadyRunning, match=f"tiến trình {proc.pid}"):
            WindowLock(tmp_path).acquire()
    finally:
        proc.send_signal(signal.SIGKILL)  # a crash: no clean release, the OS frees the lock
        proc.wait(timeout=30)
    assert (tmp_path / LOCK_NAME).exists()  # the file stays; only the OS lock matters
    with WindowLock(tmp_path) as lock:
        assert lock.held


def test_unwritable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        target = Path("/proc/hotich-khong-the-tao")  # even root cannot create folders in /proc
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        target = ro / "ws"
    with pytest.raises(StoreError, match="Không mở được thư mục dữ liệu"):
        WindowLock(target).acquire()
