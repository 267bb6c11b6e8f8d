"""python -m tests.pagegen OUT [--pages N] [--seed S] [--book T --year Y] [--easy]: a folder of pages with truth."""
from __future__ import annotations

import argparse
from pathlib import Path

from . import BOOK_TYPES, make_book, random_specs, write_set


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m tests.pagegen", description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--book", choices=BOOK_TYPES, help="one book of this type: numbers run on from page to page")
    ap.add_argument("--year", type=int, help="with --book: the book's year")
    ap.add_argument("--easy", action="store_true", help="no phone photos or curled pages")
    args = ap.parse_args()
    specs = random_specs(args.pages, args.seed, args.book, args.year, hard=not args.easy)
    paths = make_book(args.out, specs) if args.book else write_set(args.out, specs)
    print(f"{len(paths)} pages in {args.out}")


if __name__ == "__main__":
    main()
