"""What this desk remembers of its last snapshot in each backup folder, so the next run needs no passphrase.

The daily job cannot read the backup folder (only the passphrase opens it), so the last snapshot's file list,
its store chain, its digests and the row index the next delta is computed against are kept in the
workspace's cache (private, 0600, never backed up). If this record is missing or names another snapshot
than the folder's newest (a run killed after its commit, a reinstalled desk), the next run takes a new base
copy and hashes every file again; objects already in the folder are not written twice.
"""
from __future__ import annotations

import datetime as dt
import json
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from .. import atomic
from ..workspace import Workspace
from .repo import BackupRepo


def _folder(ws: Workspace) -> Path:
    return ws.cache / "backup"


def name_key(ws: Workspace) -> bytes:
    """The key object names are hashed with (so names do not reveal which file a folder holds); made once."""
    path = _folder(ws) / "names.key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = os.urandom(32)
    atomic.write_bytes(path, key)
    return key


def _path(ws: Workspace, repo: BackupRepo) -> Path:
    return _folder(ws) / f"last-{repo.id}.bin"


# marshal, not JSON: this record holds a hash per row of the store (a million at 300,000 records) and is
# read and written on every daily run, where JSON cost seconds of CPU. It is this desk's private cache
# (0600, never backed up); a record written by another Python version is simply not used (a new base).
MAGIC = b"HOTICH-STATE-3 " + f"{sys.version_info[0]}.{sys.version_info[1]}".encode("ascii") + b"\n"


def load(ws: Workspace, repo: BackupRepo) -> dict[str, Any] | None:
    """The record of the folder's newest snapshot, or None (then the run starts a new chain)."""
    stamps = repo.snapshots()
    path = _path(ws, repo)
    if not stamps or not path.exists():
        return None
    try:
        blob = path.read_bytes()
        if not blob.startswith(MAGIC):
            return None
        last = marshal.loads(blob[len(MAGIC):])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(last, dict) or last.get("stamp") != stamps[-1]:
        return None
    return last


def save(ws: Workspace, repo: BackupRepo, stamp: str, manifest: dict[str, Any], digests: dict[str, Any],
         index: dict[str, Any]) -> None:
    blob = marshal.dumps({"stamp": stamp, "manifest": manifest, "digests": digests, "index": index})
    atomic.write_bytes(_path(ws, repo), MAGIC + blob)  # not compressed: CPU is what a busy desk lacks
    _path(ws, repo).with_name(f"last-{repo.id}.json.z").unlink(missing_ok=True)  # the JSON record of before


KEEP_LOG_DAYS = 40  # a backup folder not written for this long reads the whole store again next time


def log_floor(ws: Workspace, repo: BackupRepo, seq: int) -> int:
    """Records how far this folder has read the store's change log; returns how far every folder this desk
    wrote in the last KEEP_LOG_DAYS has read (the log may be pruned up to there)."""
    path = _folder(ws) / "log-marks.json"
    try:
        marks = json.loads(path.read_text(encoding="utf-8"))
        marks = marks if isinstance(marks, dict) else {}
    except (OSError, ValueError):
        marks = {}
    now = dt.datetime.now(dt.timezone.utc)
    marks[repo.id] = {"seq": seq, "at": now.isoformat()}
    recent = {}
    for folder, mark in marks.items():
        try:
            if now - dt.datetime.fromisoformat(mark["at"]) < dt.timedelta(days=KEEP_LOG_DAYS):
                recent[folder] = mark
        except (KeyError, TypeError, ValueError):
            continue
    atomic.write_text(path, json.dumps(recent))
    return min(int(m["seq"]) for m in recent.values())
