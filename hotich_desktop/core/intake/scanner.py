"""Which files in a watched folder are page files, complete, and in scanning order."""
from __future__ import annotations

import fnmatch
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from natsort import os_sort_keygen

from ..imaging.loader import IMAGE_SUFFIXES

IGNORED = ("*.tmp", "~*", ".*", "*.part", "*.crdownload", "*.partial", "Thumbs.db", "desktop.ini")
DONE_FOLDER = "da-nhan"  # "received": where originals go when the settings ask to move them
# A JPEG, PNG or PDF without its end mark that changed this recently is still being written (a scanner or a
# phone sync pausing between chunks), not broken: it waits rather than filling the quarantine with one row per
# growing copy. Older than this, it is taken and quarantined with its reason.
UNFINISHED_GRACE_SECONDS = 30.0
END_MARKS = {".jpg": (b"\xff\xd9", 1024), ".jpeg": (b"\xff\xd9", 1024), ".png": (b"IEND", 64),
             ".pdf": (b"%%EOF", 1024)}


@dataclass(frozen=True)
class Candidate:
    path: Path
    size: int
    mtime: float


def is_page_file(path: Path) -> bool:
    name = path.name
    if any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED):
        return False
    return path.suffix.lower() in IMAGE_SUFFIXES


def candidates(folder: Path) -> list[Candidate]:
    """Page files directly in `folder`, natural order of names then mtime; unreadable entries skipped."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    except PermissionError as exc:
        from ..errors import BadInput

        raise BadInput(f"Không có quyền đọc thư mục «{folder}».") from exc
    for entry in entries:
        path = Path(entry.path)
        try:
            if not entry.is_file(follow_symlinks=False) or not is_page_file(path):
                continue
            st = entry.stat()
        except OSError:
            continue  # vanished or unreadable between listing and stat
        found.append(Candidate(path, st.st_size, st.st_mtime))
    key = os_sort_keygen()
    return sorted(found, key=lambda c: (key(c.path.name), c.mtime))


def refused(folder: Path) -> list[tuple[Path, str]]:
    """Names that look like page files but are not regular files (symlinks, devices, FIFOs), with why."""
    from .regular import not_regular

    out = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        path = Path(entry.path)
        if not is_page_file(path):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                continue
        except OSError:
            continue
        reason = not_regular(path)
        if reason and not entry.is_dir(follow_symlinks=False):
            out.append((path, reason))
    return sorted(out)


def is_complete(candidate: Candidate, stable_seconds: float, now: float | None = None) -> bool:
    """Complete = unchanged since it was seen, old enough, non-growing, and it opens for reading."""
    now = time.time() if now is None else now
    try:
        st = candidate.path.stat()
    except OSError:
        return False
    if st.st_size != candidate.size or st.st_mtime != candidate.mtime:
        return False
    if now - st.st_mtime < stable_seconds:
        return False
    try:
        with candidate.path.open("rb") as fh:
            return now - st.st_mtime >= UNFINISHED_GRACE_SECONDS or ends_whole(fh, candidate.path.suffix, st.st_size)
    except OSError:  # still locked by the scanner software (Windows)
        return False


def ends_whole(fh: BinaryIO, suffix: str, size: int) -> bool:
    """The file carries its format's end mark near its end (TIFF has none: always True)."""
    mark = END_MARKS.get(suffix.lower())
    if mark is None:
        return True
    fh.seek(max(0, size - mark[1]))
    return mark[0] in fh.read(mark[1])
