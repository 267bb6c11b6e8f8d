"""Data-quality checks on a store of 300,000 records: one record (goal <= 50 ms) and a whole book (<= 2 s).

Baseline in the same run: finding the same person by scanning every record's JSON, which is what a
store-wide duplicate check costs without the indexed keys.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import each_ms, ms_line  # also puts the project on sys.path
from sqlalchemy import insert, select

from hotich_desktop.core.records import checks
from hotich_desktop.core.records_hash import content_hash
from hotich_desktop.core.review.book import check_book
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import Book, Entry, Page, Record

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Lò", "Cầm", "Quàng", "Vì", "Hà", "Đinh"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Kim"]
GIVEN = ["An", "Bình", "Hạnh", "Tính", "Ỏn", "Dợ", "Phong", "Lan", "Hoa", "Sơn", "Thúy", "Hùng"]


def fields(rng: random.Random, number: int, year: int) -> dict[str, str]:
    middle = rng.choice(MIDDLE)
    return {"so": str(number), "ngay_dang_ky": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
            "ho_ten": f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}",
            "gioi_tinh": "Nữ" if middle == "Thị" else "Nam",
            "ngay_sinh": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year - 1}",
            "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái", "quoc_tich": "Việt Nam",
            "ho_ten_me": f"{rng.choice(FAMILY)} Thị {rng.choice(GIVEN)}"}


def build(svc: Service, books: int, per_book: int) -> list[int]:
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau1", "clerk")
    rng = random.Random(1)
    book_ids = []
    for b in range(books):
        year = 1960 + b // 5
        book_ids.append(svc.books.open(clerk, "khai_sinh", year, str(b % 5 + 1)).value.id)
    with svc.store.session() as s:
        page_rows = [{"book_id": bid, "order": p + 1, "source_name": f"{bid}-{p}.jpg",
                      "source_sha256": f"{bid:032d}{p:032d}", "stored_path": "archive/x.jpg", "width": 2480,
                      "height": 3508, "dpi": 300, "status": "detected"}
                     for bid in book_ids for p in range(per_book // 4)]
        s.execute(insert(Page), page_rows)
        pages = s.execute(select(Page.id, Page.book_id).order_by(Page.id)).all()
        s.execute(insert(Entry), [{"page_id": pid, "order": k, "polygon": [[0, 0], [1, 0], [1, 1], [0, 1]],
                                   "status": "submitted"} for pid, _ in pages for k in range(4)])
        entries = s.execute(select(Entry.id, Page.book_id, Book.year).select_from(Entry).join(Page).join(Book)
                           .order_by(Entry.id)).all()
        counter: dict[int, int] = {}
        records = []
        for eid, bid, year in entries:
            counter[bid] = counter.get(bid, 0) + 1
            number = counter[bid] - (counter[bid] % 50 == 0)  # every 50th reuses a number: findings to find
            values = fields(rng, number, year)
            records.append({"entry_id": eid, "book_type": "khai_sinh", "fields": values, "ocr": {},
                            "content_hash": content_hash(values), "approved_hash": "", "entered_by": clerk.id,
                            "person_key": checks.person_key(values), "reg_no": checks.number_key(values["so"])})
        for i in range(0, len(records), 20000):
            s.execute(insert(Record), records[i:i + 20000])
    return book_ids


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--per-book", type=int, default=1000)
    ap.add_argument("--db-url", default="", help="PostgreSQL URL to run against instead of SQLite")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-checks-"))
    svc = Service.open(work / "ws", args.db_url or None)
    t0 = time.perf_counter()
    book_ids = build(svc, args.records // args.per_book, args.per_book)
    print(f"store: {args.records} records in {len(book_ids)} books, built in {time.perf_counter() - t0:.0f} s")
    with svc.store.session() as s:
        sample = random.Random(2).sample(list(s.scalars(select(Entry.id))), 200)
    reader = svc.users.login("lan", "matkhau1")
    times, _ = each_ms(sample, lambda entry_id: svc.records.findings(reader, entry_id))
    print(f"one record's checks: {ms_line(times)} (goal <= 50 ms)")
    book_times = []
    for book_id in book_ids[:5]:
        t0 = time.perf_counter()
        result = check_book(svc, book_id)
        book_times.append(time.perf_counter() - t0)
    print(f"whole book ({args.per_book} records): median {statistics.median(book_times):.2f} s, "
          f"max {max(book_times):.2f} s (goal <= 2 s); findings in the last: "
          f"{sum(len(v) for v in result.findings.values())}, gaps {len(result.gaps)}")
    t0 = time.perf_counter()
    with svc.store.session() as s:
        target = s.scalar(select(Record.fields).limit(1))
        key = checks.person_key(target)
        hits = sum(1 for f in s.scalars(select(Record.fields)) if checks.person_key(f) == key)
    print(f"baseline, same person by scanning every record: {(time.perf_counter() - t0) * 1000:.0f} ms "
          f"({hits} hit)")
    svc.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
