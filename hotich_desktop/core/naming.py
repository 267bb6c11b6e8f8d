"""Entry PDF names from the pattern in the settings (the naming contract, spec naming.md).

The default `{type}.{year}.{volume}.{number}.{name}.{paper}.pdf` gives `KS.1992.01.047.Cam-Dieu-Thuy.A4.pdf`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from unidecode import unidecode

from .booktypes import book_type
from .workspace import DEFAULT_NAMING

UNKNOWN = "KR"
MAX_NAME = 150
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
PAPER_MM = {"A5": (148, 210), "A4": (210, 297), "A3": (297, 420)}


@dataclass(frozen=True)
class NameParts:
    book_type: str
    year: int
    volume: str
    number: str = ""
    person: str = ""
    gender: str = ""
    paper: str = "A4"
    page: str = ""


def ascii_words(text: str) -> str:
    """'Cầm Diệu Thúy' -> 'Cam-Dieu-Thuy' (đ -> d, case kept, anything else dropped)."""
    flat = unidecode((text or "").replace("đ", "d").replace("Đ", "D"))
    words = re.findall(r"[A-Za-z0-9]+", flat)
    return "-".join(words)


def digits(text: str, width: int) -> str:
    found = "".join(re.findall(r"\d", str(text or "")))
    return found.lstrip("0").zfill(width) if found else UNKNOWN


def paper_size(width_px: float, height_px: float, dpi: float) -> str:
    """The smallest standard sheet the crop's physical size fits on (long side compared with long side)."""
    if dpi <= 0:
        return "A4"
    long_mm, short_mm = sorted((width_px / dpi * 25.4, height_px / dpi * 25.4), reverse=True)
    for name in ("A5", "A4", "A3"):
        w, h = PAPER_MM[name]
        if long_mm <= h * 1.03 and short_mm <= w * 1.03:
            return name
    return "A3"


def gender_token(value: str) -> str:
    v = ascii_words(value).lower()
    return {"nam": "Nam", "nu": "Nu"}.get(v, UNKNOWN)


def person_name(btype: str, fields: Mapping[str, str]) -> str:
    names = [ascii_words(fields.get(key, "")) for key in book_type(btype).person_fields]
    names = [n for n in names if n]
    return "-".join(names) if names else UNKNOWN


def render(parts: NameParts, pattern: str = DEFAULT_NAMING) -> str:
    tokens = {
        "type": book_type(parts.book_type).code,
        "year": str(parts.year) if parts.year else UNKNOWN,
        "volume": digits(parts.volume.split("/")[0] if parts.volume else "", 2),
        "number": digits(parts.number, 3),
        "name": ascii_words(parts.person) or UNKNOWN,
        "gender": gender_token(parts.gender),
        "paper": parts.paper or "A4",
        "page": digits(parts.page, 3),
    }
    name = re.sub(r"\{(\w+)\}", lambda m: tokens.get(m.group(1), UNKNOWN), pattern)
    return sanitize(name)


def sanitize(name: str) -> str:
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = re.sub(r"[^A-Za-z0-9._-]", "", stem.replace(" ", "-"))
    stem = re.sub(r"\.{2,}", ".", stem).strip(".")
    parts = [p or UNKNOWN for p in stem.split(".")]
    while len(parts) < 5:  # with "pdf", at least six dot-separated parts
        parts.append(UNKNOWN)
    if parts[0].upper() in RESERVED:
        parts[0] = parts[0] + "_"
    stem = ".".join(parts)[: MAX_NAME - 8]
    return stem.rstrip(".-") + ".pdf"


def unique(name: str, taken: Callable[[str], bool]) -> str:
    """The later of two equal names gets _2, _3, … before .pdf."""
    if not taken(name):
        return name
    stem = name[:-4]
    n = 2
    while taken(f"{stem}_{n}.pdf"):
        n += 1
    return f"{stem}_{n}.pdf"
