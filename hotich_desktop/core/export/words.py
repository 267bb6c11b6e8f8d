"""Numbers and dates in Vietnamese words, as the books write a birth or death date ("bằng chữ").

"Ngày hai mươi tháng mười năm một nghìn chín trăm chín mươi tám"; years use "nghìn", "không trăm" and "linh"
(2005: "hai nghìn không trăm linh năm"), units after a ten use "mốt", "tư" and "lăm" (21, 24, 25), as
certificates are written.
"""
from __future__ import annotations

import re

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")


def _below_hundred(n: int, inside: bool) -> str:
    """0..99; `inside` when hundreds came before (then 5 -> "linh năm", 0 -> "")."""
    tens, unit = divmod(n, 10)
    if tens == 0:
        if unit == 0:
            return ""
        return f"linh {DIGITS[unit]}" if inside else DIGITS[unit]
    head = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 4 and tens > 1:
        tail = "tư"
    elif unit == 5:
        tail = "lăm"
    else:
        tail = DIGITS[unit]
    return f"{head} {tail}"


def _below_thousand(n: int, inside: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not inside:
        return _below_hundred(rest, False)
    if hundreds == 0 and rest == 0:
        return ""
    words = f"{DIGITS[hundreds]} trăm"
    tail = _below_hundred(rest, True)
    return f"{words} {tail}" if tail else words


def number_words(n: int) -> str:
    """0..999,999 in words: 1998 -> "một nghìn chín trăm chín mươi tám"."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"number out of range: {n}")
    if n == 0:
        return DIGITS[0]
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _below_thousand(rest, False)
    head = f"{_below_thousand(thousands, False)} nghìn"
    tail = _below_thousand(rest, True)
    return f"{head} {tail}" if tail else head


def date_words(value: str) -> str:
    """A stored date (dd/mm/yyyy, mm/yyyy or yyyy) in words; "" for anything else."""
    v = (value or "").strip()
    m = re.fullmatch(r"(?:(?:(\d{1,2})/)?(\d{1,2})/)?(\d{4})", v)
    if not m:
        return ""
    day, month, year = (int(g) if g else 0 for g in m.groups())
    if month > 12 or day > 31 or (day and not month):
        return ""
    parts = []
    if day:
        parts.append(f"ngày {number_words(day)}")
    if month:
        parts.append(f"tháng {MONTHS[month]}")
    parts.append(f"năm {number_words(year)}")
    text = " ".join(parts)
    return text[0].upper() + text[1:]
