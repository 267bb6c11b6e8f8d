"""Issue 20: the scheduled backup killed (SIGKILL, as a power cut or a pulled plug) at the moments that
matter leaves the previous backup whole, and the next run completes a good one. The in-process test in
test_backup.py stops a backup at every one of its file-changing calls; `python -m tests.crashpoint` here kills
a real `hotich backup --scheduled` process."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hotich_desktop.core.backup import run
from hotich_desktop.core.backup.repo import BackupRepo
from hotich_desktop.core.service import Service
from tests.core.test_backup import PASS, _fill

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _points(names: list[str]) -> list[int]:
    """1-based indices: a run key written, an object half written, an object in place, the snapshot's list
    in place (its commit not yet), the snapshot committed (this desk's record not yet), the audit commit."""
    first_tmp = next(i for i, e in enumerate(names) if e.startswith("open .") and e.endswith(".tmp")
                     and ".json." not in e)
    refs = next(i for i, e in enumerate(names) if e.startswith("os.rename") and ".refs." in e)
    snap = next(i for i, e in enumerate(names) if e.startswith("os.rename") and ".snap." in e)
    key = next(i for i, e in enumerate(names) if e.startswith("os.rename") and ".json." in e)
    return sorted({key + 1, first_tmp + 1, first_tmp + 2, refs + 1, snap + 1, len(names)})


def _scheduled(ws: Path, usb: Path, n: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1")
    env.pop("HOTICH_BACKUP_PASSPHRASE", None)  # the daily run needs none
    return subprocess.run([sys.executable, "-m", "tests.crashpoint", str(n), str(usb), "--", "--data-dir", str(ws),
                           "backup", "--scheduled", "--json"], capture_output=True, text=True, env=env, timeout=300)


def _due_again(ws: Path) -> None:
    (ws / "cache" / "backup" / "scheduled.json").write_text(json.dumps({"done": "2026-01-01T00:00:00"}))


def test_scheduled_backup_killed_at_every_point_leaves_the_previous_one_whole(tmp_path: Path) -> None:
    ws, usb = tmp_path / "ws", tmp_path / "usb"
    svc = Service.open(ws)
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    _fill(svc, clerk, 2)
    svc.backups.set_passphrase(admin, PASS)
    svc.backups.configure(admin, str(usb), 2, 0)
    svc.backups.run_scheduled()
    _fill(svc, clerk, 1, volume="2")  # a day's work: new records, a new PDF
    svc.close()
    _due_again(ws)
    before = BackupRepo.open(usb, PASS).snapshots()
    shutil.copytree(ws, tmp_path / "ws-ref")
    shutil.copytree(usb, tmp_path / "usb-ref")

    counted = _scheduled(ws, usb, 0)
    assert counted.returncode == 0, counted.stderr
    names = json.loads(next(x for x in counted.stderr.splitlines() if x.startswith("CRASHEVENTS ")).split(" ", 1)[1])
    assert len(names) > 15
    for n in _points(names):
        for live, ref in ((ws, tmp_path / "ws-ref"), (usb, tmp_path / "usb-ref")):
            shutil.rmtree(live)
            shutil.copytree(ref, live)
        proc = _scheduled(ws, usb, n)
        assert proc.returncode == -signal.SIGKILL, (n, proc.stderr[-500:])
        stamps = BackupRepo.open(usb, PASS).snapshots()
        assert stamps[:len(before)] == before and len(stamps) <= len(before) + 1, n
        for stamp in stamps:  # the previous backup whole; a new one only if its commit was reached
            report = run.verify(usb, PASS, stamp)
            assert report.ok, (n, stamp, report.problems)
        svc = Service.open(ws)  # the next run (another day, or the same one after an hour) completes
        try:
            _due_again(ws)
            done = svc.backups.run_scheduled()
            assert done is not None and done.records == 3
        finally:
            svc.close()
        assert run.verify(usb, PASS).ok, n
