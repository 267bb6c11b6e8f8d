"""The daily report with campaign progress on a store of 300,000 records (goal <= 5 s), and the district's
roll-up of 50 communes' report files (goal <= 5 s).

The store is bulk-built (checks.build) and then given a campaign's shape: 25 days of entering and approving,
most records approved, some exported, a review queue of a few thousand with returned ones.
The bulk build writes no stored findings; the backfill (what migration 0012 runs: every record waiting
for review checked once and its summary stored) is timed on its own, and the report is timed before it
(every queue record re-checked: what the report cost before the summaries) and after it.
Baselines in the same run: the day's table alone (what the report was before), and reading and checking
the 50 files without drawing anything. Wall and CPU seconds are printed with the load average: the machine
is shared, and the CPU time is the steadier figure.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (puts the project on sys.path)
from checks import build
from sqlalchemy import delete, insert, select, update

from hotich_desktop.core.lifecycle import EntryStatus
from hotich_desktop.core.reports import exchange
from hotich_desktop.core.reports.campaign import PlannedBook
from hotich_desktop.core.reports.daily import daily_rows
from hotich_desktop.core.reports.progress import compute
from hotich_desktop.core.reports.service import Reports
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import Book, Entry, Record, RecordCheck, ReviewDecision

DAYS = 25


class Clock:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def shape(svc: Service, today: dt.date) -> None:
    """Statuses, entry and approval times spread over the campaign's days (bulk, no service calls)."""
    rng = random.Random(5)
    start = today - dt.timedelta(days=DAYS - 1)
    with svc.store.session() as s:
        boss = s.scalar(select(Record.entered_by).limit(1))
        ids = list(s.scalars(select(Entry.id).order_by(Entry.id)))
        status, entered, decisions = [], [], []
        for n, entry_id in enumerate(ids):
            day = start + dt.timedelta(days=min(DAYS - 1, n * DAYS // len(ids)))
            at = dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=rng.randint(0, 480))
            roll = rng.random()
            st = (EntryStatus.EXPORTED if roll < .05 else EntryStatus.APPROVED if roll < .9
                  else EntryStatus.RETURNED if roll < .92 else EntryStatus.SUBMITTED)
            status.append({"eid": entry_id, "st": str(st)})
            entered.append({"rid": entry_id, "at": at})
            if st in (EntryStatus.APPROVED, EntryStatus.EXPORTED):
                decisions.append({"entry_id": entry_id, "reviewer_id": boss, "decision": str(EntryStatus.APPROVED),
                                  "created_at": at + dt.timedelta(hours=rng.randint(1, 30))})
        conn = s.connection()
        from sqlalchemy import bindparam

        e, r = Entry.__table__, Record.__table__
        for i in range(0, len(ids), 20000):
            conn.execute(e.update().where(e.c.id == bindparam("eid")).values(status=bindparam("st")),
                         status[i:i + 20000])
            conn.execute(r.update().where(r.c.entry_id == bindparam("rid"))
                         .values(entered_at=bindparam("at"), submitted_at=bindparam("at")), entered[i:i + 20000])
        for i in range(0, len(decisions), 20000):
            s.execute(insert(ReviewDecision), decisions[i:i + 20000])
        s.execute(update(Book).values(created_at=dt.datetime.combine(start, dt.time(8))))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--per-book", type=int, default=1000)
    ap.add_argument("--communes", type=int, default=50)
    ap.add_argument("--db-url", default="", help="PostgreSQL URL to run against instead of SQLite")
    ap.add_argument("--keep", default="", help="a folder to build the store in once and reuse (SQLite)")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="hotich-progress-"))
    reuse = bool(args.keep) and (work / "ws").exists()
    svc = Service.open(work / "ws", args.db_url or None)
    today = dt.date.today()
    t0 = time.perf_counter()
    if not reuse:
        build(svc, args.records // args.per_book, args.per_book)
        shape(svc, today)
    admin = svc.users.login("admin", "matkhau1")
    with svc.store.session() as s:  # the report before: no stored findings
        s.execute(delete(RecordCheck))
    with svc.store.session() as s:
        books = s.execute(select(Book.book_type, Book.year, Book.volume)).all()
    planned = [PlannedBook(t, y, v, args.per_book) for t, y, v in books]
    planned += [PlannedBook("khai_tu", 1990 + i // 5, str(i % 5 + 1), 400) for i in range(40)]  # not started
    svc.reports.set_campaign(admin, today - dt.timedelta(days=DAYS - 1), today + dt.timedelta(days=5), planned)
    built = "reused" if reuse else f"built in {time.perf_counter() - t0:.0f} s"
    print(f"store: {args.records} records in {len(books)} books, {DAYS} days of work, {built}")

    print(load())
    with Clock() as base:
        daily_rows(svc, today)
    with Clock() as before:
        p = compute(svc, today)
    print(f"baseline, the day's table alone: {base}; campaign figures with no stored findings (every one of "
          f"{p.rechecked} queue records re-checked, {p.open_finding_entries} with findings): {before}")
    with Clock() as backfill:
        svc.records.refresh_checks(admin)
    with Clock() as figures:
        p = compute(svc, today)
    print(f"backfill (migration 0012, once): {backfill}; campaign figures from stored findings "
          f"(totals, {len(p.books)} books, series, {p.open_finding_entries} queue entries with findings, "
          f"{p.rechecked} re-checked): {figures}")
    times = {}
    for suffix in (".pdf", ".xlsx", ".json"):
        with Clock() as times[suffix]:
            svc.reports.write(admin, today, work / f"bao-cao{suffix}")
    print("whole report, figures and file: " + ", ".join(f"{k} {v}" for k, v in times.items())
          + f" (goal <= 5 s each); {load()}")
    print("  " + p.projection.text())

    folder = work / "usb"
    folder.mkdir()
    content = json.loads((work / "bao-cao.json").read_text(encoding="utf-8"))
    content.pop("sha256")
    content["books"] = content["books"][:60]  # a commune's books
    rng = random.Random(9)
    for i in range(args.communes):
        c = dict(content, commune={"code": f"xa-{i:02d}", "name": f"UBND xã số {i}"})
        c["series"] = [dict(d, approved=int(d["approved"] * rng.uniform(.005, .02))) for d in content["series"]]
        c["totals"] = dict(content["totals"], approved=sum(d["approved"] for d in c["series"]))
        c["plan_records"] = c["totals"]["approved"] * 2
        if i % 10 == 9:  # a few late ones
            c["date"] = (today - dt.timedelta(days=1)).isoformat()
        (folder / exchange.file_name(f"xa-{i:02d}", today)).write_text(exchange.dumps(c), encoding="utf-8")
    with Clock() as base:
        for path in folder.glob("*.json"):
            exchange.read(path)
    roll = {}
    for suffix in (".pdf", ".xlsx"):
        with Clock() as roll[suffix]:
            result = Reports.rollup(folder, work / f"huyen{suffix}", today)
    size = sum(p.stat().st_size for p in folder.glob("*.json")) / len(list(folder.glob("*.json")))
    print(f"roll-up of {args.communes} communes' files ({size / 1000:.0f} KB each, "
          f"{sum(c.mark == 'late' for c in result.communes)} late): baseline reading and checking them "
          f"{base}; " + ", ".join(f"{k} {v}" for k, v in roll.items()) + f" (goal <= 5 s); {load()}")
    svc.close()
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        shutil.rmtree(work / "usb", ignore_errors=True)


if __name__ == "__main__":
    main()
