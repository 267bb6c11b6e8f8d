"""The 158 column lists, required columns and code lists, read from resources/export158.json (data, not code).

KS, KT, KH, HN and CMC have public column lists; the other book types (GH, TD, LH) have none, so their
columns are the common head plus whatever their form maps to, and the province's own template decides.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from ..errors import BadInput
from ..records.forms import load_form
from ..workspace import resources_dir

COMMON_HEAD = ("STT", "so", "quyenSo", "trangSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nguoiKy",
               "chucVuNguoiKy", "nguoiThucHien", "ghiChu")


@dataclass(frozen=True)
class ColumnSpec:
    book_type: str
    columns: tuple[str, ...]      # in template order, STT first
    required: tuple[str, ...]     # an import refuses a row without these
    published: bool               # True when the list comes from the public 158 converters


@functools.cache
def _data() -> dict:
    path = resources_dir() / "export158.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"Không đọc được danh mục cột 158 ({path.name}): {exc}") from exc


@functools.cache
def column_spec(book_type: str) -> ColumnSpec:
    raw = _data()["types"].get(book_type)
    if raw:
        return ColumnSpec(book_type, tuple(raw["columns"]), tuple(raw.get("required", ())), True)
    cols = list(COMMON_HEAD)
    for f in load_form(book_type).fields:
        cols += [c for c in f.columns if c not in cols]
    return ColumnSpec(book_type, tuple(cols), ("STT", "so", "quyenSo", "ngayDangKy"), False)


def known_keys(book_type: str) -> set[str]:
    """Every header key a template of this type may carry: its 158 list and whatever its form maps to."""
    keys = set(column_spec(book_type).columns)
    for f in load_form(book_type).fields:
        keys.update(f.columns)
    return keys


def code_list(column: str) -> dict[str, str]:
    """The codes a column takes ({} for free text): by exact name, else by a code-list suffix."""
    data = _data()
    codes = data["codes"]
    if column in codes:
        return codes[column]
    for suffix in data.get("code_suffixes", ()):
        if column.endswith(suffix):
            return codes[suffix]
    return {}


def code_hint(column: str) -> str:
    """The second header line real templates carry: `i=[1,2,3]`."""
    codes = code_list(column)
    return f"i=[{','.join(codes)}]" if codes else ""
