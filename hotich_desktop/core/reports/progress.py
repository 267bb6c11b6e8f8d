"""Progress against the campaign's plan, as a district officer asks it: how far, will it finish, where stuck.

Figures are cumulative to the end of the report's day (the clerk's calendar day): a record counts as
approved on the day of its latest approval, if it is still approved or exported now, so the daily counts
add up to today's total. The queue figures (returned, waiting, open findings) are the queue as it is now.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from .. import lifecycle
from ..booktypes import BOOK_TYPES
from ..lifecycle import EntryStatus, PackageStatus
from ..records.findings import queue_findings
from ..store.models import Book, Entry, ExportItem, ExportPackage, Page, Record, ReviewDecision, utcnow
from . import campaign as campaigns
from .campaign import CampaignInfo, PlannedBook
from .daily import COLUMNS, ReportRow, _day_bounds, daily_rows

if TYPE_CHECKING:
    from ..service import Service

PACE_DAYS = 7
WAIT_DAYS = 2
SERIES_DAYS = 60  # without a campaign: this many days back at most
STATES = {"done": "Đã xong", "working": "Đang làm", "waiting": "Chưa bắt đầu"}


@dataclass
class BookLine:
    book_type: str
    year: int
    volume: str
    expected: int | None
    planned: bool  # in the campaign's list
    entries: int = 0
    entered: int = 0
    approved: int = 0
    exported: int = 0
    pages: int = 0
    pages_pending: int = 0

    @property
    def label(self) -> str:
        return f"{BOOK_TYPES[self.book_type].code} {self.year} q.{self.volume}"

    @property
    def target(self) -> int:
        """What the book will hold: its expected count, or what was found so far when none was given."""
        return self.expected if self.expected is not None else self.entries

    @property
    def state(self) -> str:
        if not self.pages and not self.entries:
            return "waiting"
        if self.entries and self.approved >= max(self.target, self.entries) and not self.pages_pending:
            return "done"
        return "working"

    def as_json(self) -> dict[str, Any]:
        return {"book_type": self.book_type, "year": self.year, "volume": self.volume, "expected": self.expected,
                "planned": self.planned, "entries": self.entries, "entered": self.entered,
                "approved": self.approved, "exported": self.exported, "state": self.state}


@dataclass(frozen=True)
class DayPoint:
    day: dt.date
    entered: int
    approved: int


def decimal_vi(x: float, digits: int = 1) -> str:
    """A decimal as a Vietnamese reader writes it: a comma before the decimals (7,7 — not 7.7, which reads
    as seventy-seven)."""
    return f"{x:.{digits}f}".replace(".", ",")


@dataclass(frozen=True)
class Projection:
    pace: float                # records approved per day over the last days counted
    pace_days: int
    remaining: int
    finish: dt.date | None     # None: nothing approved lately, no estimate
    late_days: int | None      # against the campaign's end; None without a campaign or an estimate

    def text(self) -> str:
        if self.remaining <= 0:
            return "Đã đủ số hồ sơ theo kế hoạch."
        if self.finish is None:
            return f"Còn {self.remaining} hồ sơ; {self.pace_days} ngày qua không có hồ sơ nào được duyệt: chưa ước tính được ngày xong."
        words = (f"Còn {self.remaining} hồ sơ; với nhịp {decimal_vi(self.pace)} hồ sơ/ngày ({self.pace_days} ngày qua) "
                 f"dự kiến xong ngày {self.finish:%d/%m/%Y}")
        if self.late_days is None:
            return words + "."
        return words + (f" — TRỄ {self.late_days} ngày so với hạn." if self.late_days > 0 else " — kịp tiến độ.")

    def as_json(self) -> dict[str, Any]:
        return {"pace_per_day": round(self.pace, 2), "pace_days": self.pace_days, "remaining": self.remaining,
                "finish": self.finish.isoformat() if self.finish else None, "late_days": self.late_days,
                "on_track": None if self.late_days is None else self.late_days <= 0}


@dataclass
class Progress:
    day: dt.date
    office_code: str
    office_name: str
    campaign: CampaignInfo | None
    books: list[BookLine]
    series: list[DayPoint]
    today: list[ReportRow]                       # the day's work per book and person
    returned: int = 0
    waiting_late: int = 0                        # sent for review more than WAIT_DAYS days ago
    open_finding_entries: int = 0
    open_findings: int = 0
    rechecked: int = 0                           # queue records checked now (no stored summary matched)
    projection: Projection | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def plan_total(self) -> int:
        return sum(b.target for b in self.books if b.planned or self.campaign is None)

    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(b, k) for b in self.books) for k in ("entries", "entered", "approved", "exported")}

    def book_states(self) -> dict[str, int]:
        out = dict.fromkeys(STATES, 0)
        for b in self.books:
            out[b.state] += 1
        return out

    def clerks(self) -> list[tuple[str, dict[str, int]]]:
        per: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
        for row in self.today:
            for k in COLUMNS:
                per[row.person][k] += row.counts[k]
        return sorted(per.items())

    def plan_line(self) -> list[tuple[dt.date, float]]:
        """The straight line from nothing at the start to the whole plan at the end."""
        if self.campaign is None:
            return []
        return [(self.campaign.start - dt.timedelta(days=1), 0.0), (self.campaign.end, float(self.plan_total))]

    def summary_lines(self) -> list[str]:
        t, states = self.totals(), self.book_states()
        plan = self.plan_total
        pct = f" ({decimal_vi(100 * t['approved'] / plan)}% kế hoạch)" if plan else ""
        lines = []
        if self.campaign:
            c = self.campaign
            lines.append(f"Chiến dịch{(' «' + c.name + '»') if c.name else ''}: {c.start:%d/%m/%Y} – {c.end:%d/%m/%Y}, "
                         f"{len(c.books)} sổ, kế hoạch {plan} hồ sơ"
                         + (f" ({sum(b.expected is None for b in c.books)} sổ chưa rõ số hồ sơ)"
                            if any(b.expected is None for b in c.books) else "") + ".")
        else:
            lines.append("Chưa có kế hoạch chiến dịch: tính trên các sổ đã có trong máy.")
        lines.append(f"Sổ: {states['done']} xong, {states['working']} đang làm, {states['waiting']} chưa bắt đầu.")
        lines.append(f"Lũy kế: {t['entered']} hồ sơ đã nhập, {t['approved']} đã duyệt{pct}, {t['exported']} đã xuất.")
        lines.append(f"Cần xử lý: {self.open_finding_entries} hồ sơ còn điểm cần xem, {self.returned} hồ sơ bị trả lại, "
                     f"{self.waiting_late} hồ sơ chờ duyệt quá {WAIT_DAYS} ngày.")
        if self.projection:
            lines.append("Dự báo: " + self.projection.text())
        return lines + self.notes


def compute(svc: Service, day: dt.date) -> Progress:
    """Everything the daily report shows about the campaign, with one aggregate query per figure."""
    cfg = svc.settings.get()
    end = _day_bounds(day)[1]
    offset = dt.datetime.combine(day, dt.time(12)).astimezone().utcoffset() or dt.timedelta()
    with svc.store.session() as s:
        plan = campaigns.current(s)
        books, ids = _book_lines(s, plan, end)
        first = plan.start if plan else day - dt.timedelta(days=SERIES_DAYS - 1)
        dialect = s.get_bind().dialect.name
        entered_at = _local_day(Record.entered_at, offset, dialect)
        entered_days: dict[dt.date, int] = defaultdict(int)
        for book_id, d, n in s.execute(  # one pass gives both the books' totals and the days' series
                select(Page.book_id, entered_at, func.count()).select_from(Record).join(Entry).join(Page)
                .where(Record.entered_at < end, Entry.status != EntryStatus.DELETED)
                .group_by(Page.book_id, entered_at)):
            if book_id in ids:
                ids[book_id].entered += n
            if _as_date(d) >= first:
                entered_days[_as_date(d)] += n
        latest = (select(ReviewDecision.entry_id, func.max(ReviewDecision.created_at).label("at"))
                  .where(ReviewDecision.decision == EntryStatus.APPROVED).group_by(ReviewDecision.entry_id).subquery())
        approved_at = _local_day(latest.c.at, offset, dialect)
        approved_days: dict[dt.date, int] = defaultdict(int)
        for book_id, d, n in s.execute(
                select(Page.book_id, approved_at, func.count()).select_from(latest)
                .join(Entry, Entry.id == latest.c.entry_id).join(Page)
                .where(Entry.status.in_(tuple(lifecycle.LOCKED)), latest.c.at < end)
                .group_by(Page.book_id, approved_at)):
            approved_days[_as_date(d)] += n
            if book_id in ids:
                ids[book_id].approved += n
        returned = s.scalar(select(func.count()).select_from(Entry).where(Entry.status == EntryStatus.RETURNED))
        cutoff = min(end, utcnow()) - dt.timedelta(days=WAIT_DAYS)  # now, or the day's end for a past day
        waiting = s.scalar(select(func.count()).select_from(Entry).join(Record)
                           .where(Entry.status == EntryStatus.SUBMITTED, Record.submitted_at < cutoff))
        found = queue_findings(s, svc.workspace.root)  # stored summaries added up; stale ones re-checked
    first_day = min([first, *entered_days, *approved_days]) if plan is None and (entered_days or approved_days) else first
    first_day = max(first_day, day - dt.timedelta(days=SERIES_DAYS - 1)) if plan is None else first_day
    series = [DayPoint(d, entered_days.get(d, 0), approved_days.get(d, 0)) for d in _days(first_day, day)]
    progress = Progress(day, cfg.office_code, cfg.office_name, plan, books, series, daily_rows(svc, day),
                        returned=int(returned or 0), waiting_late=int(waiting or 0),
                        open_finding_entries=found.entries, open_findings=found.findings, rechecked=found.stale)
    progress.projection = project(progress, sum(approved_days.values()), approved_days)
    return progress


def _book_lines(s: Any, plan: CampaignInfo | None, end: dt.datetime) -> tuple[list[BookLine], dict[int, BookLine]]:
    """A line per planned book (matched by type, year and volume), then the store's books outside the plan."""
    lines: dict[tuple[str, int, str], BookLine] = {}
    for b in plan.books if plan else ():
        lines[b.key] = BookLine(b.book_type, b.year, b.volume, b.expected, True)
    by_id: dict[int, BookLine] = {}
    for book_id, kind, year, volume in s.execute(select(Book.id, Book.book_type, Book.year, Book.volume)
                                                 .where(Book.created_at < end).order_by(Book.id)):
        key = PlannedBook(kind, year, volume).key
        if key not in lines:
            lines[key] = BookLine(kind, year, volume, None, False)
        by_id[book_id] = lines[key]
    live = Entry.status != EntryStatus.DELETED
    for book_id, n in s.execute(select(Page.book_id, func.count(Entry.id)).join(Entry)
                                .where(live, Entry.created_at < end).group_by(Page.book_id)):
        if book_id in by_id:
            by_id[book_id].entries = n
    for book_id, n, pending in s.execute(
            select(Page.book_id, func.count(Page.id),
                   func.sum(Page.status.in_(tuple(lifecycle.PAGE_PENDING)).cast(_int_type())))
            .where(Page.created_at < end, Page.status != lifecycle.PageStatus.DELETED).group_by(Page.book_id)):
        if book_id in by_id:
            by_id[book_id].pages, by_id[book_id].pages_pending = n, int(pending or 0)
    shipped = (select(ExportPackage.book_id, func.count(func.distinct(ExportItem.entry_id)))
               .select_from(ExportItem).join(ExportPackage)
               .where(and_(ExportPackage.created_at < end, ExportPackage.status != PackageStatus.PREPARING))
               .group_by(ExportPackage.book_id))
    for book_id, n in s.execute(shipped):
        if book_id in by_id:
            by_id[book_id].exported = n
    ordered = [line for line in lines.values() if line.planned] + sorted(
        (line for line in lines.values() if not line.planned), key=lambda b: (b.book_type, b.year, b.volume))
    return ordered, by_id


def _int_type() -> Any:
    from sqlalchemy import Integer

    return Integer()


def _local_day(column: Any, offset: dt.timedelta, dialect: str) -> Any:
    """The clerk's calendar day of a UTC timestamp, computed by the database (Viet Nam keeps one offset all
    year), so a store-wide count returns a row per day, not one per record."""
    from sqlalchemy import Date, cast, literal_column

    seconds = int(offset.total_seconds())
    if dialect == "postgresql":
        return cast(column + literal_column(f"interval '{seconds} seconds'"), Date)
    return func.date(column, f"{seconds:+d} seconds")


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)] if first <= last else []


def project(progress: Progress, approved_total: int, approved_days: dict[dt.date, int]) -> Projection:
    """The finish date at the pace of the last PACE_DAYS days (fewer when the campaign is younger)."""
    day, plan = progress.day, progress.campaign
    span = PACE_DAYS if plan is None else max(1, min(PACE_DAYS, (day - plan.start).days + 1))
    recent = sum(approved_days.get(day - dt.timedelta(days=i), 0) for i in range(span))
    pace = recent / span
    remaining = max(0, progress.plan_total - approved_total)
    if remaining == 0:
        finish: dt.date | None = max((d for d, n in approved_days.items() if n), default=day)
    elif pace > 0:
        finish = day + dt.timedelta(days=math.ceil(remaining / pace))
    else:
        finish = None
    late = (finish - plan.end).days if plan and finish else None
    return Projection(pace, span, remaining, finish, late)
