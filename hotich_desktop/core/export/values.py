"""One record as a 158 row: stored values converted (dates with dots, codes), then the values the clerk
should never type derived from the record, the book and the office settings."""
from __future__ import annotations

import re
from collections.abc import Mapping

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..records.forms import FieldDef, FormDef
from .columns import code_list
from .words import date_words

GENDER_CODES = {"Nam": "1", "Nữ": "2", "Không rõ": "3"}
_RELATION = re.compile(r"^(?P<name>.*?)[\s,;-]*\((?P<rel>[^()]{1,40})\)\s*$")
_DATE_158 = re.compile(r"((\d{2}\.){0,2}\d{4})")
# Date columns whose words the books also write ("bằng chữ"): words column -> date column.
WORDS_OF = {"nksNgaySinhBangChu": "nksNgaySinh", "nktNgayChetGhiBangChu": "nktNgayChet"}
# Columns the exporter fills itself, whatever the form says (the template check lists them as filled).
BOOK_COLUMNS = ("STT", "quyenSo", "trangSo", "noiDangKy", "noiCap")
DERIVED = (*BOOK_COLUMNS, "loaiDangKy", "nksLoaiKhaiSinh", *WORDS_OF, "nycQuanHe")


def export_value(fdef: FieldDef, value: str) -> str:
    v = (value or "").strip()
    if not v:
        return ""
    if fdef.type in ("date", "partial_date") and re.fullmatch(r"(\d{2}/){0,2}\d{4}", v):
        return v.replace("/", ".")
    if fdef.type == "gender":
        return GENDER_CODES.get(v, "3")
    return v


def excel_safe(text: str) -> tuple[str, bool]:
    """Excel cannot store control characters: they are removed, and the caller is told."""
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned, cleaned != text


def volume_text(volume: str, year: int) -> str:
    """`quyenSo` as NN/YYYY."""
    if "/" in volume:
        return volume
    digits = "".join(re.findall(r"\d", volume)) or "1"
    return f"{int(digits):02d}/{year}"


def split_relation(text: str) -> tuple[str, str]:
    """"Ngô Văn Dũng (cha)" -> ("Ngô Văn Dũng", "cha"): the relation has its own 158 column."""
    m = _RELATION.match((text or "").strip())
    if not m or not m.group("name").strip():
        return (text or "").strip(), ""
    return m.group("name").strip(), m.group("rel").strip()


def birth_kind(father: str, mother: str) -> str:
    """`nksLoaiKhaiSinh` from which parents the entry names (5, a foundling, only the clerk can say)."""
    if father and mother:
        return "1"
    if father:
        return "2"
    if mother:
        return "3"
    return "4"


def _year_of(date_text: str) -> int | None:
    m = re.search(r"(\d{4})$", (date_text or "").strip())
    return int(m.group(1)) if m else None


def row_values(form: FormDef, fields: Mapping[str, str], *, stt: int, book_year: int, volume: str,
               page: str, office_name: str) -> dict[str, str]:
    """Every 158 column this record fills, as text; columns left out stay empty in the workbook."""
    values: dict[str, str] = {}
    for f in form.fields:
        value = export_value(f, fields.get(f.key, ""))
        for col in f.columns:
            if value or col not in values:
                values[col] = value
    values.update({"STT": str(stt), "quyenSo": volume_text(volume, book_year), "trangSo": page or "",
                   "noiDangKy": office_name, "noiCap": office_name})
    if not values.get("loaiDangKy"):
        reg_year = _year_of(fields.get("ngay_dang_ky", ""))
        values["loaiDangKy"] = "1" if reg_year in (None, book_year) else ""
    name, relation = split_relation(values.get("nycHoTen", ""))
    if relation:
        values["nycHoTen"] = name
        values["nycQuanHe"] = values.get("nycQuanHe") or relation
    if form.book_type == "khai_sinh":
        shared = {c for f in form.fields if len(f.columns) > 1 for c in f.columns}
        for parent in ("cha", "me"):  # the parents' shared residence only for a parent the entry names
            if not values.get(f"{parent}HoTen"):
                for col in [c for c in shared if c.startswith(parent)]:
                    values[col] = ""
        if not values.get("nksLoaiKhaiSinh"):
            values["nksLoaiKhaiSinh"] = birth_kind(values.get("chaHoTen", ""), values.get("meHoTen", ""))
    for words_col, date_col in WORDS_OF.items():
        if not values.get(words_col) and values.get(date_col):
            values[words_col] = date_words(values[date_col].replace(".", "/"))
    for col in [c for c in values if c.endswith("NoiCuTru") and values[c]]:
        kind = col[: -len("NoiCuTru")] + "LoaiCuTru"
        if not values.get(kind):
            values[kind] = "1"
    return values


def row_problems(values: Mapping[str, str], required: tuple[str, ...], columns: set[str]) -> list[str]:
    """What a 158 import would refuse in this row: a required column empty, a code outside its list,
    a date not in dd.mm.yyyy / mm.yyyy / yyyy."""
    out = [f"thiếu {col}" for col in required if col in columns and not values.get(col)]
    for col in sorted(columns):
        v = values.get(col, "")
        if not v:
            continue
        codes = code_list(col)
        if codes and v not in codes:
            out.append(f"{col} = «{v}» không có trong danh mục ({', '.join(codes)})")
        elif _is_date_column(col) and not _DATE_158.fullmatch(v):
            out.append(f"{col} = «{v}» không phải ngày dd.mm.yyyy")
    return out


def _is_date_column(col: str) -> bool:
    return ("Ngay" in col or col.startswith("ngay")) and "BangChu" not in col and "GioPhut" not in col
