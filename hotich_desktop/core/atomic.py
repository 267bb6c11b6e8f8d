"""The one way this app writes files: temp file in the same folder, fsync, rename, fsync the folder.

A crash at any moment leaves either the old file or the new one, never half of one.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import HotichError


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; rename is durable enough there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_fsync_dir = fsync_dir  # the name the export modules import


def disk_error_message(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"Ổ đĩa đã đầy, không ghi được tệp {path}. Hãy giải phóng dung lượng rồi thử lại."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Không có quyền ghi vào {path.parent}. Hãy chọn thư mục khác hoặc kiểm tra quyền truy cập."
    return f"Không ghi được tệp {path}: {exc.strerror or exc}"


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO]:
    """Yields a file object; on clean exit the content replaces `path` atomically."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise HotichError(disk_error_message(exc, path)) from exc
    tmp_path = Path(tmp)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_path, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp_path.unlink(missing_ok=True)
        raise HotichError(disk_error_message(exc, path)) from exc
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    with atomic_writer(path, "wb") as fh:
        fh.write(data)
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    with atomic_writer(path, "w") as fh:
        fh.write(text)
    return Path(path)


def copy_file(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> Path:
    """Copies through a temp file so a crash never leaves a partial `dst`."""
    with open(src, "rb") as fin, atomic_writer(dst, "wb") as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)
    return Path(dst)


def rename_no_clobber(src: Path, dst: Path) -> None:
    """Moves src to dst and refuses to replace an existing file (os.link fails when dst exists)."""
    try:
        os.link(src, dst)
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links (FAT on a USB stick)
        if dst.exists():
            raise FileExistsError(dst)
        os.replace(src, dst)
        fsync_dir(dst.parent)
        return
    os.unlink(src)
    fsync_dir(dst.parent)


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """The file's SHA-256, read in chunks so a large package never sits in memory whole."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()
