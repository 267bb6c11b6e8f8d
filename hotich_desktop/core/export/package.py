"""Writing one book's 158 package atomically: build in a temp folder, check, fsync, rename.

    <TYPE>.<YEAR>.<VOLUME>.<office>/  <same>.xlsx  <same>.zip  manifest.json
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ... import __version__
from ..atomic import _fsync_dir, disk_error_message, sha256_file
from ..booktypes import book_type as get_book_type
from ..errors import HotichError, Refused
from ..naming import ascii_words
from ..views import BookInfo
from .pdfbudget import within_budget
from .template import template_path
from .workbook import RowSource
from .workbook import fill_workbook as fill_rows

Progress = Callable[[int, int, str], None]


@dataclass
class ExportRow:
    entry_id: int
    fields: dict[str, str]
    pdf: Path
    page_number: str
    approved_by: str
    record_hash: str


@dataclass
class Package:
    folder: Path
    files: list[dict[str, Any]]
    rows: list[ExportRow]
    content_hash: str
    warnings: list[str] = field(default_factory=list)


def package_name(book: BookInfo) -> str:
    volume = "".join(re.findall(r"\d", book.volume.split("/")[0])) or "1"
    office = ascii_words(book.office_code).replace("--", "-") or "KR"
    return f"{get_book_type(book.book_type).code}.{book.year}.{int(volume):02d}.{office}"


def sort_key(row: ExportRow) -> tuple[int, str]:
    m = re.match(r"\d+", row.fields.get("so", ""))
    return (int(m.group()) if m else 10**9, row.fields.get("so", ""))


def content_hash(rows: list[ExportRow], template: Path, office_name: str = "", partial: bool = False) -> str:
    """What the package says, independent of file timestamps: equal hash = the same package."""
    digest = hashlib.sha256(template.read_bytes())
    digest.update(json.dumps([office_name, partial]).encode())
    for row in rows:
        digest.update(json.dumps([row.entry_id, row.record_hash, row.pdf.name, sha256_file(row.pdf)]).encode())
    return digest.hexdigest()




_READABLE: dict[tuple[str, int, int], bool] = {}  # PDFs parsed once in this process (path, size, mtime)


def check_pdfs(rows: list[ExportRow]) -> None:
    problems = []
    names = [r.pdf.name for r in rows]
    twice = sorted(n for n, k in Counter(names).items() if k > 1)
    if twice:
        raise Refused("Chưa xuất được, dòng và tệp PDF không khớp: hai dòng cùng một tệp PDF: " + ", ".join(twice[:5]))
    for row in rows:
        label = f"mục {row.entry_id} (số {row.fields.get('so', '?')})"
        if not row.pdf.is_file():
            problems.append(f"{label}: thiếu tệp PDF {row.pdf.name}")
            continue
        try:
            stat = row.pdf.stat()
            key = (str(row.pdf), stat.st_size, stat.st_mtime_ns)
            if key not in _READABLE:
                if len(PdfReader(row.pdf).pages) < 1:
                    raise PdfReadError("no pages")
                _READABLE[key] = True
        except (PdfReadError, ValueError, OSError) as exc:
            problems.append(f"{label}: PDF hỏng ({str(exc)[:60]})")
    if problems:
        raise Refused("Chưa xuất được, tệp PDF có vấn đề: " + "; ".join(problems[:10]))


def fill_workbook(book: BookInfo, rows: list[ExportRow], template: Path, office_name: str, out: Path
                  ) -> tuple[list[str], int]:
    """The workbook, refused when a row would not pass a 158 import (the export check)."""
    filled = fill_rows(book.book_type, book.year, book.volume, office_name,
                       [RowSource(r.fields, r.page_number) for r in rows], template, out)
    if filled.problems:
        raise Refused(f"Chưa xuất được, {len(filled.problems)} dòng chưa đủ cho phần mềm 158: "
                      + " | ".join(filled.problems[:10]))
    return filled.warnings, len(filled.values)


def check_pairs(rows: list[ExportRow], zip_path: Path, body: int) -> None:
    """Every row has exactly one PDF in the zip and every PDF one row; the workbook got exactly the rows
    (`body`: the rows written under the header; the tests read whole workbooks back)."""
    names = [r.pdf.name for r in rows]
    with zipfile.ZipFile(zip_path) as zf:
        in_zip = zf.namelist()
    problems = []
    if len(set(names)) != len(names):
        problems.append("hai dòng cùng một tệp PDF")
    if sorted(in_zip) != sorted(set(names)):
        problems.append(f"{len(in_zip)} tệp PDF cho {len(names)} dòng")
    if body != len(rows):
        problems.append(f"sổ Excel có {body} dòng, gói có {len(rows)} hồ sơ")
    if problems:
        raise Refused("Chưa xuất được, dòng và tệp PDF không khớp: " + "; ".join(problems))


def build_package(book: BookInfo, rows: list[ExportRow], folder: Path, office_name: str, approved_note: str,
                  template_override: str = "", progress: Progress | None = None,
                  extra: dict[str, Any] | None = None, partial: dict[str, Any] | None = None) -> Package:
    """Writes the package's files into `folder` (a hidden staging folder the caller owns) and fsyncs them;
    `extra` goes into the manifest (package id, version, the audit chain's head). `partial`: set when the
    supervisor confirmed exporting a book with entries not yet approved; the manifest says so and lists them."""
    if not rows:
        raise Refused("Sổ chưa có hồ sơ nào được phê duyệt: chưa có gì để xuất.")
    rows = sorted(rows, key=sort_key)
    check_pdfs(rows)
    template = template_path(book.book_type, template_override)
    name = package_name(book)
    folder.mkdir(parents=True, exist_ok=False)
    warnings, written = fill_workbook(book, rows, template, office_name, folder / f"{name}.xlsx")
    pdf_rows = []
    scratch = folder / ".pdf"
    with zipfile.ZipFile(folder / f"{name}.zip", "w", compression=zipfile.ZIP_STORED) as zf:
        for i, row in enumerate(rows, 1):
            src = within_budget(row.pdf, scratch)
            zf.write(src, arcname=row.pdf.name)
            pdf_rows.append({"STT": i, "so": row.fields.get("so", ""), "pdf": row.pdf.name,
                             "pdf_bytes": src.stat().st_size, "entry_id": row.entry_id, "reencoded": src != row.pdf})
            if progress:
                progress(i, len(rows), row.pdf.name)
    shutil.rmtree(scratch, ignore_errors=True)
    check_pairs(rows, folder / f"{name}.zip", written)
    files = [_file_entry(folder / f"{name}.xlsx"), _file_entry(folder / f"{name}.zip")]
    manifest = {
        "package": name, "book": book.as_json(), "office": book.office_code, "records": len(rows),
        "rows": pdf_rows, "partial": bool(partial), **({"not_included": partial} if partial else {}),
        "files": files, "approved_by": approved_note, "app_version": __version__,
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"), **(extra or {}),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    _fsync_tree(folder)
    _fsync_dir(folder)
    files.append(_file_entry(folder / "manifest.json"))
    return Package(folder, files, rows, content_hash(rows, template, office_name, bool(partial)), warnings)


def write_package(book: BookInfo, rows: list[ExportRow], out_dir: Path, office_name: str, approved_note: str,
                  template_override: str = "", progress: Progress | None = None) -> Package:
    """A package written straight into `out_dir` without the store (tools and tests); the app's exports go
    through `outbox.export_book`, which makes the swap part of a store transaction."""
    name = package_name(book)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir, name)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_dir))
        tmp.rmdir()
    except OSError as exc:
        raise HotichError(disk_error_message(exc, out_dir / name)) from exc
    try:
        package = build_package(book, rows, tmp, office_name, approved_note, template_override, progress)
        final = out_dir / name
        _replace_dir(tmp, final)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise HotichError(disk_error_message(exc, out_dir / name)) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    package.folder = final
    return package


def _file_entry(path: Path) -> dict[str, Any]:
    return {"name": path.name, "bytes": path.stat().st_size, "sha256": sha256_file(path)}


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        with path.open("rb") as fh:
            os.fsync(fh.fileno())


def recover(out_dir: Path, name: str, stale_after: float = 3600.0) -> None:
    """Undoes what a crash during an export left behind: the previous package is put back if the new one
    never took its place; a finished swap's old copy and abandoned temporary folders are removed."""
    final = out_dir / name
    olds = sorted(out_dir.glob(f".{name}.old-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not final.exists():
        whole = [o for o in olds if (o / "manifest.json").exists()]
        if whole:
            os.replace(whole[0], final)
            olds.remove(whole[0])
    for leftover in olds:
        shutil.rmtree(leftover, ignore_errors=True)
    now = time.time()
    for tmp in out_dir.glob(f".{name}.*"):
        if tmp.is_dir() and now - tmp.stat().st_mtime > stale_after:
            shutil.rmtree(tmp, ignore_errors=True)


def _replace_dir(new: Path, final: Path) -> None:
    """The old package stays whole until the new one is in place (rename is atomic on one disk)."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    os.replace(new, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
