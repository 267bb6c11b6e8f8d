"""The sample folder the test suite serves as `ledgers`: made once per generator version, then reused.

Pages are made into a fresh temporary folder and renamed into place, so parallel runs never see half a set.
The folder name carries a hash of the generator's source and of the set, so a change makes a new set.
"""
from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from . import SAMPLE_SET, PageSpec, write_set


def _digest(specs: tuple[PageSpec, ...]) -> str:
    h = hashlib.sha256(repr(specs).encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.read_bytes())
    return h.hexdigest()[:16]


def cache_root() -> Path:
    return Path(os.environ.get("HOTICH_PAGEGEN_CACHE") or Path(tempfile.gettempdir()) / "hotich-pagegen")


@functools.cache
def cached_set(specs: tuple[PageSpec, ...], name: str = "pages") -> Path:
    """A folder of these pages (scan_NNNN.{jpg,png,tif} + scan_NNNN.json), made on first use."""
    final = cache_root() / f"{name}-{_digest(specs)}"
    if (final / "complete").is_file():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="making-", dir=final.parent))
    try:
        write_set(work, specs)
        (work / "complete").write_text("ok\n")
        try:
            os.rename(work, final)
        except OSError:  # another run finished first (or left a broken folder behind)
            if not (final / "complete").is_file():
                shutil.rmtree(final, ignore_errors=True)
                os.rename(work, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final


def sample_folder() -> Path:
    """The test suite's `ledgers`: SAMPLE_SET's pages."""
    return cached_set(SAMPLE_SET, "samples")
