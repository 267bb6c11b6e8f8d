"""Entry point of `hotich`. Bad input ends with one clear line on stderr and a non-zero status."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence

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
    sub = parser.add_subparsers(dest="command", required=True)
    commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        from .auth import db_url_from_args

        args.db_url = db_url_from_args(args.db_url, args.ask_db_password)
        return int(args.func(args) or 0)
    except HotichError as exc:
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
