"""The window refuses a second start on the same data folder (Vietnamese dialog); the CLI still reads beside it.

Real processes, as a clerk would double-click the icon twice: `--exit-when-shown` ends a run as soon as its
first window (the refusal box, or the sign-in dialog) is on screen, and prints what that window says.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hotich_desktop.core.instance import AlreadyRunning, WindowLock

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _first_run_window(stdout: str) -> bool:
    """A new data folder opens on its first-run window (whatever dialog that is), never on the refusal box."""
    return "cửa sổ đầu tiên đã hiện (" in stdout and "(QMessageBox)" not in stdout


def desktop(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hotich_desktop.ui.app", *args], capture_output=True, text=True,
                          env=ENV, timeout=timeout)


def _wait_until_locked(root: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, proc.stderr.read()[-2000:]
        try:
            WindowLock(root).acquire().release()
        except AlreadyRunning:
            return
        time.sleep(0.3)
    pytest.fail("the first window never took the data folder's lock")


@pytest.mark.slow
def test_second_window_on_same_folder_is_refused(tmp_path: Path) -> None:
    ws = tmp_path / "du-lieu"
    first = subprocess.Popen([sys.executable, "-m", "hotich_desktop.ui.app", "--data-dir", str(ws)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        _wait_until_locked(ws, first)
        second = desktop("--data-dir", str(ws), "--exit-when-shown")
        assert second.returncode == AlreadyRunning.exit_code, second.stderr[-2000:]
        assert "(QMessageBox)" in second.stdout
        assert "Chương trình đã được mở trên thư mục dữ liệu này" in second.stdout
        assert f"tiến trình {first.pid}" in second.stdout
        # the command line legitimately reads the same workspace while the window is open
        books = subprocess.run([sys.executable, "-m", "hotich_desktop.cli.main", "--data-dir", str(ws), "books",
                                "--json"], capture_output=True, text=True, env=ENV, timeout=120)
        assert books.returncode == 0, books.stderr
        # another folder is another workspace: its window starts
        other = desktop("--data-dir", str(tmp_path / "khac"), "--exit-when-shown")
        assert other.returncode == 0, other.stderr[-2000:]
        assert _first_run_window(other.stdout)
    finally:
        first.kill()
        first.communicate(timeout=60)
    # the first window is gone (killed, no clean exit): the folder opens again
    again = desktop("--data-dir", str(ws), "--exit-when-shown")
    assert again.returncode == 0, again.stderr[-2000:]
    assert _first_run_window(again.stdout)


def test_window_releases_the_lock_when_it_ends(tmp_path: Path) -> None:
    ws = tmp_path / "du-lieu"
    done = desktop("--data-dir", str(ws), "--exit-when-shown")
    assert done.returncode == 0, done.stderr[-2000:]
    with WindowLock(ws) as lock:
        assert lock.held
    assert not (ws / "hotich-desktop.owner.json").exists()


def test_version() -> None:
    from hotich_desktop import __version__

    out = desktop("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"hotich-desktop {__version__}"
