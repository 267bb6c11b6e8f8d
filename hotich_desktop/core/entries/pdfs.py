"""From a page frame and entry outlines to named PDF files on disk (atomic, never overwriting)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import naming
from ..atomic import disk_error_message, fsync_dir
from ..errors import HotichError
from ..imaging.crop import straight_crop
from ..imaging.loader import Frame
from ..imaging.pdf import encode


@dataclass(frozen=True)
class WrittenPdf:
    path: Path
    bytes: int
    sha256: str
    paper: str


def write_new(folder: Path, wanted: str, data: bytes) -> Path:
    """Writes `data` under `wanted` or the next free `_N` name; an existing file is never replaced.

    Each writer fills its own uniquely named temp file, then hard-links it under the first free name (the
    link fails if the name was taken meanwhile), so two desks or two runs writing the same name into one
    folder never trip over a shared temp name.
    """
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{wanted[:80]}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise HotichError(disk_error_message(exc, folder / wanted)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        while True:
            target = folder / naming.unique(wanted, lambda n: (folder / n).exists())
            try:
                os.link(tmp, target)  # fails if another writer took the name meanwhile
            except FileExistsError:
                continue
            except OSError:  # no hard links (FAT): rename, after checking again
                if target.exists():
                    continue
                os.replace(tmp, target)
            fsync_dir(folder)
            return target
    except OSError as exc:
        raise HotichError(disk_error_message(exc, folder / wanted)) from exc
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class PdfName:
    """What an entry's file name is made of besides its record: the book, the page's printed number and
    the office's naming pattern. The one rule for naming an entry's PDF, when it is cut, re-cut or renamed."""

    book_type: str
    year: int
    volume: str
    page_number: str = ""
    pattern: str = naming.DEFAULT_NAMING

    def name(self, fields: Mapping[str, str], paper: str) -> str:
        parts = naming.NameParts(self.book_type, self.year, self.volume, fields.get("so", ""),
                                 naming.person_name(self.book_type, fields), fields.get("gioi_tinh", ""), paper,
                                 self.page_number)
        return naming.render(parts, self.pattern)


def entry_pdf(frame: Frame, polygon: Sequence[Sequence[float]], folder: Path, name: PdfName,
              fields: Mapping[str, str]) -> WrittenPdf:
    """Crops, encodes under the budget and writes under the entry's name (the next free one)."""
    crop = straight_crop(frame.image, polygon, frame.dpi)
    pdf = encode(crop, frame.dpi)
    paper = naming.paper_size(frame.image.width, frame.image.height, frame.dpi)  # the page's sheet
    path = write_new(folder, name.name(fields, paper), pdf.data)
    return WrittenPdf(path, len(pdf.data), hashlib.sha256(pdf.data).hexdigest(), paper)
