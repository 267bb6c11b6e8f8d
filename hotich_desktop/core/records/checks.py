"""Data-quality checks of one record, run on save and again before approval.

Each finding names its field so the form can show it beside the value. Checks against other records (a number
used twice in a book, the same person anywhere in the store) work on indexed keys the caller looks up.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping

from unidecode import unidecode

from .forms import FieldDef, FormDef
from .normalize import match_code
from ..views import Finding

MIN_MARRIAGE_AGE = {"Nam": 20, "Nữ": 18}  # Luật HNGĐ 1986/2000/2014: nam từ đủ 20, nữ từ đủ 18


def parse_date(value: str) -> tuple[dt.date | None, bool]:
    """(date, exact): partial dates give the earliest day they may mean and exact=False."""
    v = (value or "").strip()
    try:
        if re.fullmatch(r"\d{2}/\d{2}/\d{4}", v):
            d, m, y = map(int, v.split("/"))
            return dt.date(y, m, d), True
        if re.fullmatch(r"\d{2}/\d{4}", v):
            m, y = map(int, v.split("/"))
            return dt.date(y, m, 1), False
        if re.fullmatch(r"\d{4}", v):
            return dt.date(int(v), 1, 1), False
    except ValueError:
        return None, False
    return None, False


def check_fields(form: FormDef, fields: Mapping[str, str]) -> list[Finding]:
    out: list[Finding] = []
    for f in form.fields:
        value = (fields.get(f.key) or "").strip()
        if f.required and not value:
            out.append(Finding("required", f.key, f"Chưa nhập «{f.label}».", "error"))
            continue
        if not value:
            continue
        if len(value) > f.max_length:
            out.append(Finding("too_long", f.key, f"«{f.label}» dài quá {f.max_length} ký tự.", "error"))
        if f.type in ("date", "partial_date"):
            date, exact = parse_date(value)
            if date is None:
                out.append(Finding("bad_date", f.key, f"«{f.label}» không phải ngày hợp lệ: {value}.", "error"))
            elif f.type == "date" and not exact:
                out.append(Finding("partial_date", f.key, f"«{f.label}» chỉ có một phần ngày tháng."))
            elif date > dt.date.today():
                out.append(Finding("future_date", f.key, f"«{f.label}» ở tương lai: {value}.", "error"))
        out.extend(_code_findings(f, value))
        if f.type == "regno" and not re.fullmatch(r"\d+(/\d{2,4})?", value):
            out.append(Finding("bad_number", f.key, f"Số đăng ký «{value}» phải là chữ số.", "error"))
    out.extend(_order_checks(form.book_type, fields))
    out.extend(_gender_cue(fields))
    return out


GENDERS = ("Nam", "Nữ", "Không rõ")


def _code_findings(f: FieldDef, value: str) -> list[Finding]:
    """Coded fields (gender, ethnicity, nationality, choices) must hold a value of their list: an error
    that blocks submitting, since the 158 package carries the code, not free text."""
    if f.type == "gender" and value not in GENDERS:
        return [Finding("unknown_code", f.key, f"«{f.label}» phải là Nam, Nữ hoặc Không rõ, không phải «{value}».",
                        "error")]
    if f.type == "ethnicity" and match_code("dan_toc", value)[1] < 1.0:
        return [Finding("unknown_code", f.key, f"Dân tộc «{value}» không có trong danh mục.", "error")]
    if f.type == "nationality" and match_code("quoc_tich", value)[1] < 1.0:
        return [Finding("unknown_code", f.key, f"Quốc tịch «{value}» không có trong danh mục.", "error")]
    if f.type == "choice" and f.choices and value not in f.choices:
        return [Finding("unknown_code", f.key, f"«{f.label}» phải là một trong {', '.join(f.choices)}, "
                                              f"không phải «{value}».", "error")]
    return []


def _before(fields: Mapping[str, str], early: str, late: str) -> bool:
    a, _ = parse_date(fields.get(early, ""))
    b, _ = parse_date(fields.get(late, ""))
    return bool(a and b and b < a)


def _order_checks(book_type: str, fields: Mapping[str, str]) -> list[Finding]:
    out = []
    if _before(fields, "ngay_sinh", "ngay_dang_ky") and book_type == "khai_sinh":
        out.append(Finding("birth_after_registration", "ngay_sinh", "Ngày sinh sau ngày đăng ký.", "error"))
    if book_type == "khai_tu":
        if _before(fields, "ngay_sinh", "ngay_chet"):
            out.append(Finding("death_before_birth", "ngay_chet", "Ngày chết trước ngày sinh.", "error"))
        if _before(fields, "ngay_chet", "ngay_dang_ky"):
            out.append(Finding("registered_before_death", "ngay_dang_ky", "Đăng ký khai tử trước ngày chết.",
                               "error"))
    if book_type == "ket_hon":
        reg, _ = parse_date(fields.get("ngay_dang_ky", ""))
        for key, sex in (("ngay_sinh_chong", "Nam"), ("ngay_sinh_vo", "Nữ")):
            born, _ = parse_date(fields.get(key, ""))
            if reg and born and (reg.year - born.year - ((reg.month, reg.day) < (born.month, born.day))
                                 < MIN_MARRIAGE_AGE[sex]):
                out.append(Finding("under_age", key, f"Chưa đủ {MIN_MARRIAGE_AGE[sex]} tuổi khi kết hôn."))
    return out


def _gender_cue(fields: Mapping[str, str]) -> list[Finding]:
    words = (fields.get("ho_ten") or "").split()
    if fields.get("gioi_tinh") == "Nam" and len(words) >= 3 and "Thị" in words[1:-1]:
        return [Finding("gender_name", "gioi_tinh", "Tên đệm «Thị» thường là nữ, nhưng giới tính là Nam.")]
    if fields.get("gioi_tinh") == "Nữ" and len(words) >= 3 and words[1] == "Văn":
        return [Finding("gender_name", "gioi_tinh", "Tên đệm «Văn» thường là nam, nhưng giới tính là Nữ.")]
    return []


def person_key(fields: Mapping[str, str]) -> str:
    """Same name, date of birth and parents (accents, case and spacing ignored); empty when too little
    is known to call two records the same person."""
    name, born = fields.get("ho_ten") or "", fields.get("ngay_sinh") or ""
    if not name.strip() or not born.strip():
        return ""
    parts = [name, born, fields.get("ho_ten_me") or "", fields.get("ho_ten_cha") or ""]
    text = "|".join(" ".join(unidecode(p).lower().split()) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def number_key(value: str) -> str:
    """The registration number as its leading digits without zeros ("007/1998" -> "7")."""
    m = re.match(r"\s*0*(\d+)", value or "")
    return m.group(1) if m else ""


def duplicate_findings(number: str, same_number: int, same_person: Iterable[str]) -> list[Finding]:
    """Findings from what the store says about this record's number (in its book) and person (anywhere)."""
    out = []
    if same_number:
        out.append(Finding("duplicate_number", "so", f"Số {number} đã có trong sổ này.", "error"))
    places = sorted(set(same_person))
    if places:
        out.append(Finding("duplicate_person", "ho_ten", "Người này có vẻ đã được đăng ký (trùng tên, ngày sinh "
                                                         f"và cha mẹ): {', '.join(places[:3])}."))
    return out


def sequence_gaps(numbers: Iterable[str]) -> list[int]:
    """Missing registration numbers between the first and the last in a book's year."""
    got = sorted({int(m.group()) for n in numbers if (m := re.match(r"\d+", n or ""))})
    if not got:
        return []
    have = set(got)
    return [n for n in range(got[0], got[-1] + 1) if n not in have]
