"""Search by name, number and date on a store of 300,000 records (goal <= 50 ms a query).

Baseline in the same run: the same name found by scanning every record's fields, what a search costs
without the indexed keys.
"""
from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from common import each_ms, ms_line  # also puts the project on sys.path
from checks import build
from sqlalchemy import bindparam, select

from hotich_desktop.core.records.search import plain_name, search_keys, search_records
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import Record


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--per-book", type=int, default=1000)
    ap.add_argument("--db-url", default="", help="PostgreSQL URL to run against instead of SQLite")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-search-"))
    svc = Service.open(work / "ws", args.db_url or None)
    t0 = time.perf_counter()
    build(svc, args.records // args.per_book, args.per_book)
    with svc.store.session() as s:
        rows = s.execute(select(Record.id, Record.book_type, Record.fields)).all()
        keys = [{"rid": rid, **search_keys(bt, f)} for rid, bt, f in rows]
        table = Record.__table__
        stmt = table.update().where(table.c.id == bindparam("rid")).values(
            search_name=bindparam("search_name"), search_given=bindparam("search_given"),
            search_date=bindparam("search_date"))
        for i in range(0, len(keys), 20000):
            s.connection().execute(stmt, keys[i:i + 20000])
    print(f"store: {args.records} records with search keys, built in {time.perf_counter() - t0:.0f} s")
    rng = random.Random(3)
    sample = rng.sample(rows, 60)
    queries = ([" ".join(f["ho_ten"].split()[:2]) for _, _, f in sample[:20]]  # start of a full name
               + [f["ho_ten"].split()[-1] for _, _, f in sample[20:30]]  # a given name
               + [f["so"] for _, _, f in sample[30:45]]  # a number
               + [f["ngay_dang_ky"] for _, _, f in sample[45:]])  # a registration date
    times, answers = each_ms(queries, lambda q: search_records(svc, q, limit=50))
    found = sum(bool(a) for a in answers)
    print(f"search ({len(queries)} queries, 50 hits shown): {ms_line(times)} (goal <= 50 ms); "
          f"{found}/{len(queries)} found something")
    name = plain_name(" ".join(sample[0][2]["ho_ten"].split()[:2]))
    t0 = time.perf_counter()
    with svc.store.session() as s:
        hits = sum(1 for f in s.scalars(select(Record.fields)) if plain_name(f.get("ho_ten", "")).startswith(name))
    print(f"baseline, the same name by scanning every record: {(time.perf_counter() - t0) * 1000:.0f} ms ({hits} hits)")
    svc.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
