"""What the book's order says about the next entry: its registration number follows the previous one, its
registration date is not before the previous one and lies in the book's year."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

DATE_WINDOW = 21  # days after the previous registration a guess may reach (a commune registers weekly or more)


@dataclass(frozen=True)
class Sequence:
    """The book around one entry: its year and what the nearest entries before it hold."""

    year: int
    number: int | None = None  # the registration number this entry should carry
    after: dt.date | None = None  # the previous entry's registration date

    def expected_number(self) -> str:
        return str(self.number) if self.number is not None else ""


def parse_date(value: str) -> dt.date | None:
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", (value or "").strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def number_of(value: str) -> int | None:
    m = re.fullmatch(r"0*(\d{1,6})", (value or "").strip())
    return int(m.group(1)) if m else None


def fits(seq: Sequence, value: str) -> bool:
    """A registration date the book allows here: a real date, in the book's year, not before the last one."""
    day = parse_date(value)
    return day is not None and day.year == seq.year and (seq.after is None or day >= seq.after)


def date_guess(seq: Sequence, ocr_value: str) -> str:
    """The date in the window after the previous registration whose digits are nearest what OCR read; the
    previous entry's own date when OCR read nothing (entries of one day are registered together)."""
    if seq.after is None:
        return ""
    start = seq.after
    end = min(dt.date(seq.year, 12, 31), start + dt.timedelta(days=DATE_WINDOW)) if start.year == seq.year else start
    digits = re.sub(r"\D", "", ocr_value or "")
    if not digits:
        return fmt(start)
    best, best_cost = start, None
    day = start
    while day <= end:
        cost = Levenshtein.distance(digits, day.strftime("%d%m%Y")) + (day - start).days / 100
        if best_cost is None or cost < best_cost:
            best, best_cost = day, cost
        day += dt.timedelta(days=1)
    return fmt(best)
