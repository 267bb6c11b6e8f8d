"""Files intake cannot use: a copy and a reason file in quarantine/, the original left where it was."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from ..atomic import atomic_writer, write_text
from ..errors import HotichError
from .regular import open_regular


def quarantine(folder: Path, source: Path, reason: str) -> Path | None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}_{source.name}"
    folder.mkdir(parents=True, exist_ok=True)
    try:  # only a regular file is ever copied: never what a symlink points to, never a device
        with open_regular(source) as fin, atomic_writer(target, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1024 * 1024)
    except (OSError, HotichError):
        target = None  # the file is gone, unreadable or not a regular file: the reason is still kept
    write_text(folder / f"{stamp}_{source.name}.ly-do.txt", f"{source}\n{reason}\n")
    return target
