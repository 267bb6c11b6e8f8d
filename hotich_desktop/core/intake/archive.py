"""The app's own archive of originals, content-addressed by SHA-256: stored once, never changed."""
from __future__ import annotations

import hashlib
from pathlib import Path

import shutil

from ..atomic import atomic_writer
from ..errors import BadInput
from .regular import open_regular

CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open_regular(path) as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        raise BadInput(f"Tệp «{path.name}» đã bị xóa trước khi đọc xong.") from None
    except PermissionError:
        raise BadInput(f"Không có quyền đọc tệp «{path.name}».") from None
    return digest.hexdigest()


def archive_path(root: Path, sha: str, suffix: str) -> Path:
    return root / sha[:2] / sha[2:4] / f"{sha}{suffix.lower()}"


def store_original(root: Path, source: Path, sha: str) -> Path:
    """Copies `source` into the archive (atomically) unless it is there already; checks the copy's hash."""
    target = archive_path(root, sha, source.suffix)
    if target.exists() and sha256_of(target) == sha:
        return target
    try:
        with open_regular(source) as fin, atomic_writer(target, "wb") as fout:
            shutil.copyfileobj(fin, fout, CHUNK)
    except FileNotFoundError:
        raise BadInput(f"Tệp «{source.name}» đã bị xóa trước khi sao chép xong.") from None
    if sha256_of(target) != sha:
        target.unlink(missing_ok=True)
        raise BadInput(f"Tệp «{source.name}» thay đổi trong khi sao chép; sẽ thử lại lần sau.")
    return target
