"""Only regular files are pages: a symlink, device, FIFO or socket in the scanner's folder is refused by
`lstat` and never opened through, so `ln -s /etc/shadow x.jpg` cannot copy a secret into quarantine."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import BadInput

# O_NOFOLLOW makes the open itself refuse a symlink swapped in after the check; O_NONBLOCK keeps a FIFO
# from blocking the open (it is then refused by fstat).
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def kind_reason(mode: int, name: str) -> str:
    """'' for a regular file, else why it is refused (Vietnamese, names the file)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISLNK(mode):
        what = "là liên kết tượng trưng (symlink) trỏ ra chỗ khác"
    elif stat.S_ISFIFO(mode):
        what = "là ống dẫn (FIFO), không phải tệp ảnh"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "là tệp thiết bị, không phải tệp ảnh"
    elif stat.S_ISSOCK(mode):
        what = "là socket, không phải tệp ảnh"
    elif stat.S_ISDIR(mode):
        what = "là thư mục"
    else:
        what = "không phải tệp thường"
    return f"«{name}» {what}: không nhận và không sao chép."


def not_regular(path: Path) -> str:
    """'' when `path` itself (not what it points to) is a regular file; else the refusal reason."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return ""  # gone: the caller treats it as waiting
    except OSError as exc:
        return f"Không đọc được thông tin tệp «{path.name}»: {exc.strerror or exc}."
    return kind_reason(mode, path.name)


def open_regular(path: Path) -> BinaryIO:
    """Opens `path` for reading only if it is a regular file at the moment of opening (checked on the
    open descriptor, so nothing can be swapped in between)."""
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:
        reason = not_regular(path)
        if reason:
            raise BadInput(reason) from exc
        raise
    try:
        reason = kind_reason(os.fstat(fd).st_mode, path.name)
        if reason:
            raise BadInput(reason)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
