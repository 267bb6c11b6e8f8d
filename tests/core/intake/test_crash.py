"""kill -9 at any moment of intake, then a restart: every file taken in exactly once or still waiting."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.core.intake.test_ingest import old_write, page_bytes


def _ingest_cmd(ws: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "hotich_desktop.cli.main", "--data-dir", str(ws), "ingest", str(folder),
            "--book-type", "khai_sinh", "--year", "1992", "--volume", "1", "--json", "--user", "lan"]


def _state(ws: Path) -> tuple[list[str], list[str]]:
    db = ws / "hotich.sqlite3"
    if not db.exists():
        return [], []
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            if not conn.execute(text("SELECT name FROM sqlite_master WHERE name='pages'")).first():
                return [], []
            rows = conn.execute(text("SELECT source_sha256, stored_path FROM pages")).all()
    finally:
        engine.dispose()
    return [r[0] for r in rows], [r[1] for r in rows]


def test_kill_9_during_intake_loses_nothing_and_takes_nothing_twice(tmp_path: Path) -> None:
    folder, ws = tmp_path / "in", tmp_path / "ws"
    folder.mkdir()
    for i in range(14):
        old_write(folder / f"scan_{i:03d}.jpg", page_bytes(100 + i, size=(900, 1200)))
    rng = random.Random(int(os.environ.get("HOTICH_CRASH_SEED", "7")))
    from hotich_desktop.core.service import Service

    svc = Service.open(ws)
    svc.create_user(None, "lan", "matkhau-lan", "clerk")
    svc.close()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]), HOTICH_PASSWORD="matkhau-lan")
    for _ in range(6):
        proc = subprocess.Popen(_ingest_cmd(ws, folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)
        time.sleep(rng.uniform(0.2, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        shas, stored = _state(ws)
        assert len(shas) == len(set(shas)), "a file was taken twice"
        assert all((ws / p).is_file() for p in stored), "a page points at a missing original"
    done = subprocess.run(_ingest_cmd(ws, folder), capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    shas, stored = _state(ws)
    assert len(shas) == len(set(shas)) == 14
    assert all((ws / p).is_file() for p in stored)
    assert json.loads(done.stdout)["quarantined"] == []
