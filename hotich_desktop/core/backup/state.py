"""What this desk remembers of its last snapshot in each backup folder, so the next run needs no passphrase.

The daily job cannot read the backup folder (only the passphrase opens it), so the last snapshot's file list,
its store chain, its digests and the row index the next delta is computed against are kept in the
workspace's cache (private, 0600, never backed up). If this record is missing or names another snapshot
than the folder's newest (a run killed after its commit, a reinstalled desk), the next run takes a new base
copy and hashes every file again; objects already in the folder are not written twice.
"""
from __future__ import annotations

import json
import os
import zlib
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
    return _folder(ws) / f"last-{repo.id}.json.z"


def load(ws: Workspace, repo: BackupRepo) -> dict[str, Any] | None:
    """The record of the folder's newest snapshot, or None (then the run starts a new chain)."""
    stamps = repo.snapshots()
    path = _path(ws, repo)
    if not stamps or not path.exists():
        return None
    try:
        last = json.loads(zlib.decompress(path.read_bytes()))
    except (OSError, ValueError, zlib.error):
        return None
    if not isinstance(last, dict) or last.get("stamp") != stamps[-1]:
        return None
    return last


def save(ws: Workspace, repo: BackupRepo, stamp: str, manifest: dict[str, Any], digests: dict[str, Any],
         index: dict[str, Any]) -> None:
    blob = json.dumps({"stamp": stamp, "manifest": manifest, "digests": digests, "index": index},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    atomic.write_bytes(_path(ws, repo), zlib.compress(blob, 1))
