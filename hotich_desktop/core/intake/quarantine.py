"""Files intake cannot use: a copy and a reason file in quarantine/, the original left where it was."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from ..atomic import write_text


def quarantine(folder: Path, source: Path, reason: str) -> Path | None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}_{source.name}"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copy2(source, target)
    except OSError:
        target = None  # the file is gone or unreadable: the reason is still kept
    write_text(folder / f"{stamp}_{source.name}.ly-do.txt", f"{source}\n{reason}\n")
    return target
