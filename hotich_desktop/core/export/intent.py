"""An export as one transaction of intent, so the folder never disagrees with the store.

1. The store records the intent: an outbox row in state ``preparing`` owned by this process (host:pid).
2. The package is built aside in a hidden folder ``.<name>.new-<id>`` and fsynced; its manifest names the
   package id.
3. The old package is moved aside to ``.<name>.old-<id>``, the new one renamed into place.
4. One store transaction makes the row current (``queued``, manifest hash recorded) and supersedes the old.
5. The old copy is removed and the row's owner cleared.

A crash anywhere before 4 is undone on the next start (the row is still ``preparing`` and its owner is dead):
the new folder is dropped, the old one put back, the row deleted. A crash after 4 only leaves the old copy,
which the next start removes. Either the old package is current or the new one, never a mix.
"""
from __future__ import annotations

import logging
import os
import shutil
import socket
from pathlib import Path

from sqlalchemy import delete, select

from ..atomic import _fsync_dir
from ..store.db import Store
from ..store.models import ExportPackage, utcnow
from ..lifecycle import PackageStatus

log = logging.getLogger(__name__)
STALE_SECONDS = 6 * 3600  # an owner on another machine, or one whose liveness cannot be checked


_TOKEN = os.urandom(4).hex()  # tells this process from an earlier one that had the same pid


def owner_tag() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{_TOKEN}"


def staged(final: Path, package_id: int) -> Path:
    return final.with_name(f".{final.name}.new-{package_id}")


def aside(final: Path, package_id: int) -> Path:
    return final.with_name(f".{final.name}.old-{package_id}")


def dropped(final: Path, package_id: int) -> Path:
    return final.with_name(f".{final.name}.drop-{package_id}")


def _alive(owner: str, created_age: float) -> bool:
    host, pid, token = (owner.split(":") + ["", "", ""])[:3]
    if host != socket.gethostname() or not pid.isdigit():
        return created_age < STALE_SECONDS  # another desk's export: only its own restart may undo it
    if int(pid) == os.getpid():
        return token == _TOKEN  # the same pid with another token: an earlier process that crashed
    if os.name == "nt":  # os.kill(pid, 0) would end the process on Windows
        return created_age < STALE_SECONDS
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def manifest_package_id(folder: Path) -> int | None:
    import json

    try:
        return int(json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("package_id"))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def swap_in(new: Path, final: Path, package_id: int) -> None:
    """The old package stays whole (aside) until the store commits the new one."""
    if final.exists():
        os.replace(final, aside(final, package_id))
    os.replace(new, final)
    _fsync_dir(final.parent)


def roll_back_files(final: Path, package_id: int) -> None:
    """Puts back what was current before package `package_id` was attempted; idempotent, so a crash
    during the roll-back itself is finished by the next start."""
    old, new, drop = aside(final, package_id), staged(final, package_id), dropped(final, package_id)
    if final.exists() and manifest_package_id(final) == package_id:
        os.replace(final, drop)  # the swap happened but the store never said so
    if not final.exists() and old.exists():
        os.replace(old, final)
    for leftover in (new, drop, old):
        if leftover.exists() and leftover != final:
            shutil.rmtree(leftover, ignore_errors=True)
    if final.parent.exists():
        _fsync_dir(final.parent)


def finish_files(final: Path, package_id: int) -> None:
    """After the commit: the old copy and any staging leftovers of this package go."""
    for leftover in (aside(final, package_id), staged(final, package_id), dropped(final, package_id)):
        shutil.rmtree(leftover, ignore_errors=True)


def recover_exports(store: Store) -> list[int]:
    """On start: undoes exports whose process died before the commit, cleans up after those that died
    after it. Returns the ids of the rows it rolled back."""
    now = utcnow()
    rolled: list[int] = []
    with store.session() as s:
        pending = [(p.id, p.path, p.status, p.owner, (now - p.created_at).total_seconds())
                   for p in s.scalars(select(ExportPackage).where(ExportPackage.owner != ""))]
    for package_id, path, status, owner, age in pending:
        if _alive(owner, age):
            continue
        final = Path(path)
        try:
            if status == PackageStatus.PREPARING:
                roll_back_files(final, package_id)
            else:
                finish_files(final, package_id)
        except OSError as exc:  # a folder on a stick that is not plugged in: try again next start
            log.warning("could not recover export %s at %s: %s", package_id, final, exc)
            continue
        with store.session() as s:
            if status == PackageStatus.PREPARING:
                s.execute(delete(ExportPackage).where(ExportPackage.id == package_id,
                                                      ExportPackage.status == PackageStatus.PREPARING))
                rolled.append(package_id)
            else:
                item = s.get(ExportPackage, package_id)
                if item is not None:
                    item.owner = ""
    return rolled
