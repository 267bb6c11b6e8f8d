"""Converting stored values to the 158 workbook's text: dates with dots, codes for gender and type."""
from __future__ import annotations

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..forms import FieldDef

GENDER_CODES = {"Nam": "1", "Nữ": "2", "Không rõ": "3"}


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
