"""Entry point of `hotich`. Bad input ends with one clear line on stderr and a non-zero status."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence

from .. import __version__
from ..core.errors import HotichError
from . import commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hotich", description="Số hóa sổ hộ tịch — dòng lệnh")
    parser.add_argument("--data-dir", help="thư mục làm việc (mặc định: HOTICH_HOME hoặc thư mục dữ liệu người dùng)")
    parser.add_argument("--db-url", help="địa chỉ cơ sở dữ liệu, không kèm mật khẩu (mặc định: HOTICH_DB_URL hoặc "
                        "SQLite trong thư mục làm việc)")
    parser.add_argument("--ask-db-password", action="store_true",
                        help="hỏi mật khẩu cơ sở dữ liệu (hoặc dùng PGPASSFILE / PGPASSWORD)")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--version", action="version", version=f"hotich {__version__}")
    parser.add_argument("--self-test", nargs="?", const="", metavar="ẢNH",
                        help="tự kiểm tra bản cài đặt (cơ sở dữ liệu, Tesseract, PDF) trên một trang mẫu "
                             "kèm theo, hoặc trên ẢNH nếu có; thoát 0 nếu đạt")
    parser.add_argument("--self-test-book-type", metavar="LOẠI",
                        help="loại sổ của ẢNH khi tự kiểm tra (mặc định khai_sinh)")
    sub = parser.add_subparsers(dest="command")
    commands.register(sub)
    return parser


def self_test(page: str, book_type: str | None) -> int:
    """Prints a short Vietnamese verdict; 0 when the whole chain works, 1 with the failed step otherwise."""
    from pathlib import Path

    from ..core.selftest import run

    report = run(Path(page) if page else None, book_type)
    print(report.summary())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test is None and not args.command:
        parser.error("cần một lệnh (xem hotich --help) hoặc --self-test")
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    from ..core.ocr.engine import use_bundled_tesseract

    use_bundled_tesseract()
    try:
        if args.self_test is not None:
            return self_test(args.self_test, args.self_test_book_type)
        from .auth import db_url_from_args

        args.db_url = db_url_from_args(args.db_url, args.ask_db_password)
        if getattr(args, "opens_store", True):
            from .auth import unlock_store

            unlock_store(args.data_dir, args.db_url)
        return int(args.func(args) or 0)
    except HotichError as exc:
        if args.self_test is not None:
            print(f"hotich {__version__}: tự kiểm tra KHÔNG ĐẠT: {exc.message}", file=sys.stderr)
            return 1
        print(f"hotich: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("hotich: đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except Exception as exc:  # the contract: never a traceback on stderr, but keep it for the technician
        if args.verbose:
            traceback.print_exc()
        print(f"hotich: lỗi không mong đợi ({type(exc).__name__}: {str(exc)[:200]}). "
              "Chạy lại với -v để xem chi tiết.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
