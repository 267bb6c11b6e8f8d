"""Template workbooks: the province's own file (or ours from resources/templates) decides the columns.

A header cell's key is the first token of its first line, case-sensitive, after stripping spaces, so real
headers with trailing spaces and code hints (`loaiDangKy \\ni=[1,2,3]`) match; an unknown or repeated key is
an error naming the column letter, never a silently dropped column. The header row, the `Ghi chu` sheet and
the column formats are left exactly as the template has them.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import BadInput
from ..records.forms import load_form
from ..workspace import resources_dir
from .columns import COMMON_HEAD, code_hint, code_list, column_spec, known_keys
from .values import DERIVED

SHEET = "DL Import"
NOTES = "Ghi chu"


def column_key(header: object) -> str:
    """`"loaiDangKy  \\ni=[1,2]"` -> `"loaiDangKy"`; `"noiDangKy UBND …"` -> `"noiDangKy"`."""
    lines = str(header if header is not None else "").splitlines()
    first = lines[0].split() if lines else []
    return first[0] if first else ""


def default_columns(book_type: str) -> list[str]:
    return list(column_spec(book_type).columns)


def build_template(book_type: str, path: Path) -> Path:
    """Writes our template for a book type (the files in resources/templates come from here)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    for i, key in enumerate(default_columns(book_type), 1):
        hint = code_hint(key)
        cell = ws.cell(row=1, column=i, value=f"{key} \n{hint}" if hint else key)
        cell.font = bold
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = max(10, min(40, len(key) + 4))
        dim.number_format = "@"
    ws.freeze_panes = "A2"
    notes = wb.create_sheet(NOTES)
    rows = [(col, ", ".join(f"{k} {v}" for k, v in code_list(col).items()))
            for col in ("loaiDangKy", "GioiTinh", "nksLoaiKhaiSinh", "LoaiCuTru", "LoaiGiayToTuyThan")]
    rows.append(("Ngày", "dd.mm.yyyy; thiếu ngày: mm.yyyy; chỉ năm: yyyy"))
    rows.append(("Dân tộc, quốc tịch", "ghi tên (Kinh, Việt Nam), không ghi mã"))
    for r, (k, v) in enumerate(rows, 1):
        notes.cell(row=r, column=1, value=k)
        notes.cell(row=r, column=2, value=v)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def template_path(book_type: str, override: str = "") -> Path:
    return Path(override) if override else resources_dir() / "templates" / f"{book_type}.xlsx"


def open_template(path: Path, read_only: bool = False):  # noqa: ANN201 - an openpyxl Workbook
    if not path.is_file():
        raise BadInput(f"Không có tệp mẫu Excel «{path}».")
    try:
        wb = load_workbook(path, read_only=read_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise BadInput(f"Tệp mẫu «{path.name}» không phải sổ Excel (.xlsx) đọc được.") from exc
    if SHEET not in wb.sheetnames:
        raise BadInput(f"Tệp mẫu «{path.name}» không có trang tính «{SHEET}».")
    return wb


@dataclass
class HeaderScan:
    columns: dict[str, int] = field(default_factory=dict)  # key -> 1-based column
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (letter, key)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (letter, key, first letter)

    @property
    def errors(self) -> list[str]:
        out = [f"cột {letter}: «{key}» không phải tên cột 158 của loại sổ này" for letter, key in self.unknown]
        out += [f"cột {letter}: «{key}» trùng với cột {first}" for letter, key, first in self.duplicates]
        return out


def scan_header(wb, book_type: str) -> HeaderScan:  # noqa: ANN001
    known = known_keys(book_type)
    scan = HeaderScan()
    ws = wb[SHEET]
    first_row = next(ws.iter_rows(min_row=1, max_row=1), ())
    for cell in first_row:
        key = column_key(cell.value)
        if not key:
            continue
        letter = get_column_letter(cell.column)
        if key not in known:
            scan.unknown.append((letter, key))
        elif key in scan.columns:
            scan.duplicates.append((letter, key, get_column_letter(scan.columns[key])))
        else:
            scan.columns[key] = cell.column
    return scan


def read_columns(wb, book_type: str, name: str = "") -> dict[str, int]:  # noqa: ANN001
    """The template's columns; an unknown or repeated key refuses the template, naming the column."""
    scan = scan_header(wb, book_type)
    if scan.errors:
        raise BadInput(f"Tệp mẫu «{name}» có tiêu đề cột sai: " + "; ".join(scan.errors[:10]) + ".")
    if not scan.columns:
        raise BadInput(f"Tệp mẫu «{name}» không có dòng tiêu đề ở trang «{SHEET}».")
    return scan.columns


def filled_by(book_type: str) -> dict[str, list[str]]:
    """158 key -> what fills it: form field keys, or "(tự động)" for values the exporter derives."""
    out: dict[str, list[str]] = {}
    for f in load_form(book_type).fields:
        for col in f.columns:
            out.setdefault(col, []).append(f.key)
    for col in DERIVED:
        out.setdefault(col, []).append("(tự động)")
    for col in [c for c in out if c.endswith("NoiCuTru")]:
        out.setdefault(col[: -len("NoiCuTru")] + "LoaiCuTru", []).append("(tự động)")
    return out


def check_template(path: Path, book_type: str) -> dict[str, Any]:
    """The report an admin sees on choosing a template: keys found (with letters), which form fields
    fill them, which columns stay empty, unknown or repeated keys, and 158 columns the file lacks."""
    wb = open_template(path, read_only=True)
    try:
        scan = scan_header(wb, book_type)
        ws = wb[SHEET]
        body_rows = sum(1 for row in ws.iter_rows(min_row=2, values_only=True) if any(v not in (None, "") for v in row))
        sheets = list(wb.sheetnames)
    finally:
        wb.close()
    fills = filled_by(book_type)
    spec = column_spec(book_type)
    found = [{"column": get_column_letter(c), "key": k, "filled_by": fills.get(k, [])}
             for k, c in sorted(scan.columns.items(), key=lambda kv: kv[1])]
    return {
        "file": str(path), "book_type": book_type, "ok": not scan.errors,
        "found": found,
        "empty": [f["key"] for f in found if not f["filled_by"]],
        "unknown": [{"column": letter, "key": key} for letter, key in scan.unknown],
        "duplicates": [{"column": letter, "key": key, "first": first} for letter, key, first in scan.duplicates],
        "missing": [c for c in spec.columns if c not in scan.columns],
        "sample_rows": body_rows, "notes_sheet": NOTES in sheets, "errors": scan.errors,
    }


def report_text(report: dict[str, Any]) -> str:
    """The check report for a person (CLI, settings dialog)."""
    lines = [f"Tệp mẫu {Path(report['file']).name} cho sổ {report['book_type']}: "
             + ("dùng được." if report["ok"] else "KHÔNG dùng được.")]
    lines += [f"  Lỗi: {e}" for e in report["errors"]]
    lines.append(f"  Tìm thấy {len(report['found'])} cột:")
    lines += [f"    {f['column']:>3} {f['key']}: " + (", ".join(f["filled_by"]) or "(để trống)") for f in report["found"]]
    if report["empty"]:
        lines.append(f"  Cột sẽ để trống ({len(report['empty'])}): {', '.join(report['empty'])}")
    if report["missing"]:
        lines.append(f"  Cột 158 tệp mẫu không có ({len(report['missing'])}): {', '.join(report['missing'])}")
    if report["sample_rows"]:
        lines.append(f"  {report['sample_rows']} dòng mẫu dưới tiêu đề sẽ bị xóa khi xuất.")
    if not report["notes_sheet"]:
        lines.append(f"  Không có trang «{NOTES}» (không bắt buộc).")
    return "\n".join(lines)


KS_COLUMNS = default_columns("khai_sinh")
__all__ = ["COMMON_HEAD", "KS_COLUMNS", "SHEET", "build_template", "check_template", "column_key", "open_template",
           "read_columns", "report_text", "scan_header", "template_path"]
