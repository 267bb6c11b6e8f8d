"""`hotich watch`: the watcher without the window (Ctrl+C stops it)."""
from __future__ import annotations

import argparse
import time
from pathlib import Path


def cmd_watch(args: argparse.Namespace) -> int:
    from ..core.intake.watcher import FolderWatcher
    from ..core.entries.processing import process_book
    from ..core.service import Service
    from .auth import signed_in

    svc = Service.open(args.data_dir, args.db_url)
    who = signed_in(svc, args.user, "intake")
    book = svc.books.open(who, args.book_type, args.year, args.volume).value

    def on_report(report) -> None:  # noqa: ANN001
        if report.refused and not (report.pages or report.duplicates or report.quarantined):
            print(report.summary(), flush=True)
        elif report.pages or report.duplicates or report.quarantined:
            print(report.summary(), flush=True)
            process_book(svc, who, book.id, ocr=not args.no_ocr)

    watcher = FolderWatcher(svc, who, book.id, [Path(args.folder)], on_report)
    watcher.start()
    last_backup_check = 0.0
    print(f"Đang theo dõi {args.folder} (Ctrl+C để dừng)…", flush=True)
    try:
        while True:
            time.sleep(1)
            if time.monotonic() - last_backup_check >= 60:  # the daily backup, when due (no passphrase needed)
                last_backup_check = time.monotonic()
                _daily_backup(svc)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
    return 0


def _daily_backup(svc) -> None:  # noqa: ANN001 - a Service
    from ..core.errors import HotichError

    try:
        report = svc.backups.run_scheduled()
    except HotichError as exc:
        print(f"Sao lưu hằng ngày chưa được: {exc.message} — sẽ thử lại sau.", flush=True)
        return
    if report is not None:
        print(f"Đã sao lưu hằng ngày ({report.snapshot}): {report.new_files} tệp mới.", flush=True)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help="theo dõi thư mục máy quét")
    p.add_argument("folder")
    p.add_argument("--book-type", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--volume", required=True)
    p.add_argument("--user", help="bắt buộc: tên đăng nhập")
    p.add_argument("--no-ocr", action="store_true")
    p.set_defaults(func=cmd_watch)
