"""Daily progress (communes report to the district every day): per book and per person, from the store."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, select

from ..booktypes import BOOK_TYPES
from ..errors import BadInput
from ..lifecycle import EntryStatus
from ..store.models import Book, Entry, ExportItem, ExportPackage, Page, Record, ReviewDecision, User

if TYPE_CHECKING:  # the context is handed in; a stage never climbs back up to it
    from ..service import Service

COLUMNS = ("pages", "entries", "entered", "approved", "returned", "exported")
LABELS = {"pages": "Trang đã quét", "entries": "Mục tìm thấy", "entered": "Hồ sơ đã nhập",
          "approved": "Đã duyệt", "returned": "Trả lại", "exported": "Đã xuất"}
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("C:/Windows/Fonts"))


@dataclass
class ReportRow:
    book: str
    person: str
    counts: dict[str, int]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The clerk's calendar day, as UTC (the store keeps UTC)."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    start = local.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return start, start + dt.timedelta(days=1)


def daily_rows(svc: Service, day: dt.date) -> list[ReportRow]:
    start, end = _day_bounds(day)
    counts: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    with svc.store.session() as s:
        users = {u.id: u.login for u in s.scalars(select(User))}
        books = {b.id: b for b in s.scalars(select(Book))}

        def add(query: Any, key: str | None = None) -> None:
            """One aggregate per figure: the database counts per book and person (GROUP BY), not Python."""
            for row in s.execute(query):
                book_id, uid, n = row[0], row[1], row[-1]
                what = key or ("approved" if row[2] == EntryStatus.APPROVED else "returned")
                counts[(book_id, users.get(uid, "system"))][what] += n

        n = func.count()
        add(select(Page.book_id, Page.created_by, n).where(and_(Page.created_at >= start, Page.created_at < end))
            .group_by(Page.book_id, Page.created_by), "pages")
        add(select(Page.book_id, Page.created_by, n).join(Entry)
            .where(and_(Entry.created_at >= start, Entry.created_at < end))
            .group_by(Page.book_id, Page.created_by), "entries")
        add(select(Page.book_id, Record.entered_by, n).join(Entry, Entry.page_id == Page.id)
            .join(Record, Record.entry_id == Entry.id).where(and_(Record.entered_at >= start, Record.entered_at < end))
            .group_by(Page.book_id, Record.entered_by), "entered")
        add(select(Page.book_id, ReviewDecision.reviewer_id, ReviewDecision.decision, n)
            .join(Entry, Entry.page_id == Page.id).join(ReviewDecision, ReviewDecision.entry_id == Entry.id)
            .where(and_(ReviewDecision.created_at >= start, ReviewDecision.created_at < end))
            .group_by(Page.book_id, ReviewDecision.reviewer_id, ReviewDecision.decision))
        add(select(ExportPackage.book_id, ExportPackage.created_by, n).join(ExportItem)
            .where(and_(ExportPackage.created_at >= start, ExportPackage.created_at < end))
            .group_by(ExportPackage.book_id, ExportPackage.created_by), "exported")
    rows = []
    for (book_id, person), c in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        b = books[book_id]
        rows.append(ReportRow(f"{BOOK_TYPES[b.book_type].code} {b.year} quyển {b.volume}", person, c))
    return rows


def totals(rows: list[ReportRow]) -> dict[str, int]:
    return {k: sum(r.counts[k] for r in rows) for k in COLUMNS}


def write_report(svc: Service, day: dt.date, out: Path) -> list[ReportRow]:
    """The day's table with the campaign's progress (files.py writes it); returns the day's rows."""
    from .files import write
    from .progress import compute

    if out.suffix.lower() not in (".xlsx", ".pdf", ".json"):
        raise BadInput("Báo cáo ghi ra tệp .xlsx, .pdf hoặc .json.")
    progress = compute(svc, day)
    write(svc, progress, out)
    return progress.today


ANCHOR_LABEL = "Mốc nhật ký (hotich audit verify --anchor)"


def _table(rows: list[ReportRow]) -> list[list[str]]:
    head = ["Sổ", "Người thực hiện", *[LABELS[k] for k in COLUMNS]]
    body = [[r.book, r.person, *[str(r.counts[k]) for k in COLUMNS]] for r in rows]
    total = totals(rows)
    return [head, *body, ["Tổng cộng", "", *[str(total[k]) for k in COLUMNS]]]


def _font() -> Path | None:
    for folder in FONT_DIRS:
        for name in ("DejaVuSans.ttf", "arial.ttf"):
            if (folder / name).exists():
                return folder / name
    return None
