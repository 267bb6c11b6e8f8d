"""What the book's order says about the next entry: its registration number follows the previous one, its
registration date is not before the previous one and lies in the book's year; and what the law says of one
entry: a birth (a death) registered on time happened at most 60 (15) days before its registration date."""
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


@dataclass(frozen=True)
class EventWindow:
    """An event registered on time lies at most `days` before the registration date (the book type's
    late-registration rule in core/records: births 60 days, deaths 15)."""

    event: str  # the event date's field (ngay_sinh, ngay_chet)
    registered: str  # the registration date's field
    days: int


EVENT_MAX_EDITS = 1  # an unsure date is moved into the window only when OCR misread one digit of it


def event_guess(window: EventWindow, registered: str, ocr_value: str) -> str:
    """The one date in the window before `registered` that is a single digit away from what OCR read (a
    late registration, or a reading two dates of the window are as near to, stays as read: "")."""
    reg = parse_date(registered)
    digits = re.sub(r"\D", "", ocr_value or "")
    if reg is None or len(digits) < 6:
        return ""
    near = [day for day in (reg - dt.timedelta(days=back) for back in range(window.days + 1))
            if Levenshtein.distance(digits, day.strftime("%d%m%Y")) <= EVENT_MAX_EDITS]
    return fmt(near[0]) if len(near) == 1 else ""


def in_window(window: EventWindow, registered: str, value: str) -> bool:
    reg, day = parse_date(registered), parse_date(value)
    return reg is not None and day is not None and reg - dt.timedelta(days=window.days) <= day <= reg
