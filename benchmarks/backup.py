"""Backup and restore of a large store, and two desks saving one record.

    .venv/bin/python benchmarks/backup.py --records 300000 --files 20000 [--db-url URL] [--rounds 100]

Prints: the first (full) backup (a base copy of the store), a daily incremental one after a day's work (2,000 records edited, new PDFs: the store's part is
a delta of changed rows),
verify, and a restore onto a fresh workspace with its full hash comparison (goals: incremental <= 60 s,
restore <= 10 min). Baseline in the same run: a plain copy of the workspace folder (what an unencrypted,
non-incremental copy costs on this disk). Then N rounds of two desks saving one record at the same time:
saves, refusals, lost updates (goal 0).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import tempfile
import threading
import time
from pathlib import Path

import common  # noqa: F401  (puts the project on sys.path)
from checks import build
from sqlalchemy import select, update

from hotich_desktop.core.backup import run
from hotich_desktop.core.errors import Conflict
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import Entry

PASS = "mat-khau-benchmark-sao-luu"


def add_files(svc: Service, count: int, offset: int = 0) -> int:
    """`count` PDF-sized files (random, incompressible, 20-60 KB) linked to entries, as processing leaves them."""
    rng = random.Random(offset + 7)
    total = 0
    with svc.store.session() as s:
        ids = list(s.scalars(select(Entry.id).order_by(Entry.id).offset(offset).limit(count)))
        for n, entry_id in enumerate(ids):
            data = rng.randbytes(rng.randint(20_000, 60_000))
            rel = f"pdf/sach-{n // 1000}/KS.{offset + n}.pdf"
            path = svc.workspace.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            total += len(data)
            s.execute(update(Entry).where(Entry.id == entry_id).values(
                pdf_path=rel, pdf_bytes=len(data), pdf_sha256=hashlib.sha256(data).hexdigest()))
    return total


def two_desks(url: str, work: Path, rounds: int) -> None:
    a, b = Service.open(work / "desk-a", url), Service.open(work / "desk-b", url)
    clerk_a, clerk_b = a.users.login("lan", "matkhau1"), b.users.login("lan", "matkhau1")
    with a.store.session() as s:
        entry_id = s.scalar(select(Entry.id).order_by(Entry.id.desc()).limit(1))
    log: list[tuple] = []

    def desk(svc: Service, actor, key: str, tag: str) -> None:  # noqa: ANN001
        for i in range(rounds):
            while True:
                seen = svc.entries.info(entry_id)
                try:
                    svc.save_record(actor, entry_id, {**seen.fields, key: f"{tag} {i}"}, replace=True,
                                    expected_version=seen.version)
                except Conflict:
                    log.append(("refused",))
                    continue
                log.append(("saved", seen.version))
                break

    t0 = time.perf_counter()
    threads = [threading.Thread(target=desk, args=(a, clerk_a, "ghi_chu", "a")),
               threading.Thread(target=desk, args=(b, clerk_b, "noi_cu_tru", "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    final = a.entries.info(entry_id).fields
    saved = [row[1] for row in log if row[0] == "saved"]
    lost = (final.get("ghi_chu") != f"a {rounds - 1}") + (final.get("noi_cu_tru") != f"b {rounds - 1}") \
        + (len(saved) - len(set(saved)))
    print(f"two desks, {rounds} rounds each: {len(saved)} saves, {len(log) - len(saved)} refused and merged, "
          f"{lost} lost updates (goal 0), {elapsed:.1f} s ({elapsed / max(1, len(saved)) * 1000:.0f} ms per save)")
    a.close()
    b.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300_000)
    ap.add_argument("--per-book", type=int, default=1000)
    ap.add_argument("--files", type=int, default=20_000, help="PDF-sized files in the workspace")
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--edits", type=int, default=2000, help="records changed in the day before the daily backup")
    ap.add_argument("--db-url", default="", help="PostgreSQL URL (an empty database) instead of SQLite")
    ap.add_argument("--restore-db-url", default="", help="another empty PostgreSQL database to restore into")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-backup-bench-"))
    os.environ.pop("HOTICH_BACKUP_PASSPHRASE", None)
    svc = Service.open(work / "ws", args.db_url or None)
    t0 = time.perf_counter()
    build(svc, args.records // args.per_book, args.per_book)
    size = add_files(svc, args.files)
    db_size = sum(p.stat().st_size for p in (work / "ws").glob("hotich.sqlite3*"))
    print(f"store: {args.records} records, {args.files} files ({size / 1e6:.0f} MB), database "
          f"{db_size / 1e6:.0f} MB{' (PostgreSQL)' if args.db_url else ''}; built in {time.perf_counter() - t0:.0f} s")
    admin = svc.users.login("admin", "matkhau1")

    t0, c0 = time.perf_counter(), time.process_time()
    shutil.copytree(work / "ws", work / "plain-copy")
    print(f"baseline, plain copy of the workspace folder: {time.perf_counter() - t0:.1f} s "
          f"(CPU {time.process_time() - c0:.1f} s)")
    shutil.rmtree(work / "plain-copy")

    c0 = time.process_time()
    full = svc.backup(admin, work / "usb", PASS)
    print(f"first backup (everything, the store as a base copy): {full.seconds:.1f} s (CPU "
          f"{time.process_time() - c0:.1f} s), {full.new_files} objects, {full.bytes_new / 1e6:.0f} MB")
    clerk = svc.users.login("lan", "matkhau1")
    with svc.store.session() as s:
        ids = random.Random(3).sample(list(s.scalars(select(Entry.id))), args.edits)
    t0 = time.perf_counter()
    for entry_id in ids:  # a day's work: records edited through the service (each with its audit event)
        svc.save_record(clerk, entry_id, {"ghi_chu": "sửa trong ngày"})
    add_files(svc, 400, offset=args.files)  # and 400 new PDFs
    print(f"a day's work: {args.edits} records saved, 400 new PDFs ({time.perf_counter() - t0:.0f} s)")
    c0 = time.process_time()
    daily = svc.backup(admin, work / "usb")  # no passphrase: the office's public key only
    print(f"daily incremental backup ({args.edits} edits, 400 new PDFs; the store as a delta of changed rows): "
          f"{daily.seconds:.1f} s (CPU {time.process_time() - c0:.1f} s; goal <= 60 s), {daily.new_files} new "
          f"objects, {daily.bytes_new / 1e6:.1f} MB")
    t0, c0 = time.perf_counter(), time.process_time()
    checked = run.verify(work / "usb", PASS)
    print(f"verify (base + delta rebuilt, every hash compared): {time.perf_counter() - t0:.1f} s (CPU "
          f"{time.process_time() - c0:.1f} s), ok={checked.ok}, {checked.files} files, {checked.records} records, "
          f"{checked.audit_events} audit events")
    t0, c0 = time.perf_counter(), time.process_time()
    restored = run.restore(work / "usb", PASS, work / "new-pc", args.restore_db_url or None)
    print(f"restore onto a fresh workspace, with full hash comparison: {time.perf_counter() - t0:.1f} s "
          f"(CPU {time.process_time() - c0:.1f} s; goal <= 600 s), ok={restored.ok}, {restored.records} records, "
          f"{restored.pdfs} PDFs, {restored.audit_events} audit events")
    svc.close()
    two_desks(args.db_url or f"sqlite:///{work / 'ws' / 'hotich.sqlite3'}", work, args.rounds)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
