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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ... import __version__
from ..atomic import _fsync_dir, disk_error_message, sha256_file
from ..booktypes import book_type as get_book_type
from ..errors import BadInput, HotichError, Refused
from ..forms import load_form
from ..imaging.pdf import HARD_LIMIT
from ..naming import ascii_words
from ..views import BookInfo
from .template import SHEET, open_template, read_columns, template_path
from .values import excel_safe, export_value, volume_text

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


def content_hash(rows: list[ExportRow], template: Path) -> str:
    """What the package says, independent of file timestamps: equal hash = the same package."""
    digest = hashlib.sha256(template.read_bytes())
    for row in rows:
        digest.update(json.dumps([row.entry_id, row.record_hash, row.pdf.name, sha256_file(row.pdf)]).encode())
    return digest.hexdigest()




def check_pdfs(rows: list[ExportRow]) -> None:
    problems = []
    for row in rows:
        label = f"mục {row.entry_id} (số {row.fields.get('so', '?')})"
        if not row.pdf.is_file():
            problems.append(f"{label}: thiếu tệp PDF {row.pdf.name}")
            continue
        if row.pdf.stat().st_size > HARD_LIMIT:
            problems.append(f"{label}: PDF lớn hơn 100 KB")
            continue
        try:
            if len(PdfReader(row.pdf).pages) < 1:
                raise PdfReadError("no pages")
        except (PdfReadError, ValueError, OSError) as exc:
            problems.append(f"{label}: PDF hỏng ({str(exc)[:60]})")
    if problems:
        raise Refused("Chưa xuất được, tệp PDF có vấn đề: " + "; ".join(problems[:10]))


def fill_workbook(book: BookInfo, rows: list[ExportRow], template: Path, office_name: str, out: Path) -> list[str]:
    form = load_form(book.book_type)
    wb = open_template(template)
    columns = read_columns(wb)
    needed = {c for f in form.fields for c in f.columns if any(r.fields.get(f.key) for r in rows)}
    needed |= {"STT", "so", "quyenSo"}
    missing = sorted(needed - set(columns))
    if missing:
        raise BadInput(f"Tệp mẫu «{template.name}» thiếu cột: {', '.join(missing)}.")
    ws = wb[SHEET]
    warnings: list[str] = []
    for n, row in enumerate(rows, 1):
        values = {"STT": str(n), "quyenSo": volume_text(book.volume, book.year), "trangSo": row.page_number,
                  "noiDangKy": office_name}
        for f in form.fields:
            for col in f.columns:
                values[col] = export_value(f, row.fields.get(f.key, ""))
        for key, value in values.items():
            if key not in columns or value == "":
                continue
            safe, changed = excel_safe(value)
            if changed:
                warnings.append(f"Dòng {n}, cột {key}: đã bỏ ký tự điều khiển Excel không lưu được.")
            cell = ws.cell(row=n + 1, column=columns[key], value=safe)
            cell.number_format = "@"
            cell.data_type = "s"
    wb.save(out)
    return warnings


def build_package(book: BookInfo, rows: list[ExportRow], folder: Path, office_name: str, approved_note: str,
                  template_override: str = "", progress: Progress | None = None,
                  extra: dict[str, Any] | None = None) -> Package:
    """Writes the package's files into `folder` (a hidden staging folder the caller owns) and fsyncs them;
    `extra` goes into the manifest (package id, version, the audit chain's head)."""
    if not rows:
        raise Refused("Sổ chưa có hồ sơ nào được phê duyệt: chưa có gì để xuất.")
    rows = sorted(rows, key=sort_key)
    check_pdfs(rows)
    template = template_path(book.book_type, template_override)
    name = package_name(book)
    folder.mkdir(parents=True, exist_ok=False)
    warnings = fill_workbook(book, rows, template, office_name, folder / f"{name}.xlsx")
    with zipfile.ZipFile(folder / f"{name}.zip", "w", compression=zipfile.ZIP_STORED) as zf:
        for i, row in enumerate(rows, 1):
            zf.write(row.pdf, arcname=row.pdf.name)
            if progress:
                progress(i, len(rows), row.pdf.name)
    files = [_file_entry(folder / f"{name}.xlsx"), _file_entry(folder / f"{name}.zip")]
    manifest = {
        "package": name, "book": book.as_json(), "office": book.office_code, "records": len(rows),
        "rows": [{"STT": i, "so": r.fields.get("so", ""), "pdf": r.pdf.name, "entry_id": r.entry_id}
                 for i, r in enumerate(rows, 1)],
        "files": files, "approved_by": approved_note, "app_version": __version__,
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"), **(extra or {}),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    _fsync_tree(folder)
    _fsync_dir(folder)
    files.append(_file_entry(folder / "manifest.json"))
    return Package(folder, files, rows, content_hash(rows, template), warnings)


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
