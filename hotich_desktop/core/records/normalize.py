"""Normalising values the way the form stores them: dates dd/mm/yyyy (partial kept partial), Nam/Nữ,
names in NFC with each word capitalised, ethnicity and nationality fuzzy-matched to the code lists."""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from rapidfuzz import fuzz, process, utils

from .forms import FieldDef, FormDef, code_list

_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\D{0,12}tháng\s*(\d{1,2})\D{0,12}năm\s*(\d{2,4})", re.I)
_MONTH_YEAR_WORDS = re.compile(r"tháng\s*(\d{1,2})\D{0,12}năm\s*(\d{2,4})", re.I)
_NUMBERS = re.compile(r"\d+")


def nfc(text: Any) -> str:
    s = unicodedata.normalize("NFC", str(text or ""))
    s = "".join(ch for ch in s if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return " ".join(s.split())


def _year(y: str, pivot: int = 30) -> int:
    n = int(y)
    if len(y) <= 2:
        n += 2000 if n <= pivot else 1900
    return n


def _valid_day(d: int, m: int, y: int) -> bool:
    import calendar

    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1] and 1850 <= y <= 2100


def normalize_date(text: str, partial_ok: bool = True) -> str:
    """'6/4/78', '06-04-1978', 'ngày 6 tháng 4 năm 1978' -> '06/04/1978'; '4/1978' -> '04/1978'; '1978'."""
    s = nfc(text)
    if not s:
        return ""
    s = s.replace("O", "0").replace("o", "0") if re.fullmatch(r"[\dOo/.\-\s]+", s) else s
    m = _DATE_WORDS.search(s)
    nums = list(m.groups()) if m else None
    if not nums:
        m2 = _MONTH_YEAR_WORDS.search(s)
        nums = list(m2.groups()) if m2 else _NUMBERS.findall(s)
    if len(nums) >= 3:
        d, mo, y = int(nums[0]), int(nums[1]), _year(nums[2])
        return f"{d:02d}/{mo:02d}/{y:04d}" if _valid_day(d, mo, y) else s
    if len(nums) == 2 and partial_ok:
        mo, y = int(nums[0]), _year(nums[1])
        return f"{mo:02d}/{y:04d}" if 1 <= mo <= 12 else s
    if len(nums) == 1 and partial_ok and len(nums[0]) == 4:
        return nums[0]
    if len(nums) == 1 and len(nums[0]) == 8:  # 06041978
        d, mo, y = int(nums[0][:2]), int(nums[0][2:4]), int(nums[0][4:])
        return f"{d:02d}/{mo:02d}/{y:04d}" if _valid_day(d, mo, y) else s
    return s


def normalize_gender(text: str) -> str:
    key = utils.default_process(nfc(text))
    if not key:
        return ""
    from unidecode import unidecode

    flat = unidecode(key)
    if flat in ("nam", "trai", "m", "male"):
        return "Nam"
    if flat in ("nu", "gai", "f", "female"):
        return "Nữ"
    if flat in ("khong ro", "kr", "khong xac dinh"):
        return "Không rõ"
    return nfc(text)


def capitalise_name(text: str) -> str:
    words = nfc(text).split(" ")
    return " ".join(w[:1].upper() + w[1:].lower() if w else w for w in words)


@functools.cache
def _code_lookup(list_name: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A code list's names and aliases by their folded form, and by that form without accents: built
    once per list (a store-wide count checks thousands of records against the same list)."""
    from unidecode import unidecode

    codes = code_list(list_name)
    lookup = {utils.default_process(i["name"]): i["name"] for i in codes["items"]}
    lookup.update({utils.default_process(a): t for a, t in codes.get("aliases", {}).items()})
    flat: dict[str, list[str]] = {}
    for k, target in lookup.items():
        flat.setdefault(unidecode(k), []).append(target)
    return lookup, flat


def match_code(list_name: str, text: str, cutoff: float = 80) -> tuple[str, float]:
    """Best code-list name for `text` and a 0..1 score; the text itself with 0 when nothing is close."""
    value = nfc(text)
    if not value:
        return "", 1.0
    lookup, flat = _code_lookup(list_name)
    key = utils.default_process(value)
    if key in lookup:
        return lookup[key], 1.0
    from unidecode import unidecode

    same = set(flat.get(unidecode(key), []))
    if len(same) == 1:  # typed without diacritics ("thai"), and only one group reads that way
        return same.pop(), 0.95
    best = process.extractOne(key, list(lookup), scorer=fuzz.ratio, score_cutoff=cutoff)
    if best:
        return lookup[best[0]], best[1] / 100
    return value, 0.0


SURE = 0.95  # a list name, an alias, or the one name that reads so without diacritics ("thai" -> "Thái")


def snap_code(list_name: str, text: str) -> str:
    """The list's spelling when the text surely means it; otherwise the text as typed, so the check flags it
    and offers the close name ("Kinhh": "Có phải «Kinh»?") instead of taking a guess silently."""
    name, score = match_code(list_name, text)
    return name if score >= SURE else nfc(text)


def normalize_value(fdef: FieldDef, value: Any) -> str:
    s = nfc(value)
    if not s:
        return ""
    t = fdef.type
    if t == "date":
        return normalize_date(s, partial_ok=True)
    if t == "partial_date":
        return normalize_date(s, partial_ok=True)
    if t == "gender":
        return normalize_gender(s)
    if t == "name":
        return capitalise_name(s)
    if t in ("ethnicity", "nationality"):
        return snap_code("dan_toc" if t == "ethnicity" else "quoc_tich", s)
    if t == "regno":
        m = re.match(r"\s*0*(\d+)(\s*/\s*\d{2,4})?", s)
        return (m.group(1) + (m.group(2) or "").replace(" ", "")) if m else s
    if t == "choice":
        digits = re.findall(r"\d", s)
        return digits[0] if digits and digits[0] in fdef.choices else s
    return s


def normalize_fields(form: FormDef, fields: dict[str, Any]) -> dict[str, str]:
    """Normalises known keys; unknown keys are kept as text so nothing a caller sent is lost silently."""
    out: dict[str, str] = {}
    for key, value in fields.items():
        fdef = form.field(key)
        out[key] = normalize_value(fdef, value) if fdef else nfc(value)
    return out
