"""The campaign: the dates the province set and the books to digitise, so progress is read against a plan.

A commune has one current campaign (the newest saved); saving again replaces the plan and is audited.
The book list comes typed in or from the province's xlsx/csv list (loại sổ, năm, quyển, số hồ sơ dự kiến).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from unidecode import unidecode

from ..booktypes import BOOK_TYPES
from ..errors import BadInput
from ..store.models import Campaign, CampaignBook

MAX_BOOKS = 20_000
MAX_LIST_BYTES = 20_000_000
HEADERS = {  # what a column heading may say (without accents, lower case) -> our field
    "book_type": ("loai so", "loai", "book_type", "book type", "type", "ma loai so"),
    "year": ("nam", "year", "nam dang ky"),
    "volume": ("quyen", "quyen so", "volume", "so quyen"),
    "expected": ("so ho so du kien", "du kien", "so ho so", "expected", "expected_records", "so muc",
                 "so ban ghi"),
}


@dataclass(frozen=True)
class PlannedBook:
    book_type: str
    year: int
    volume: str
    expected: int | None = None  # records the book holds, when known

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.book_type, self.year, self.volume)

    def as_json(self) -> dict[str, Any]:
        return {"book_type": self.book_type, "year": self.year, "volume": self.volume, "expected": self.expected}


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    start: dt.date
    end: dt.date
    books: tuple[PlannedBook, ...]

    @property
    def expected_total(self) -> int:
        return sum(b.expected or 0 for b in self.books)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "books": len(self.books), "expected_records": self.expected_total,
                "books_without_expected": sum(b.expected is None for b in self.books)}


def current(s: Session) -> CampaignInfo | None:
    row = s.scalar(select(Campaign).order_by(Campaign.id.desc()).limit(1))
    if row is None:
        return None
    books = tuple(PlannedBook(b.book_type, b.year, b.volume, b.expected_records) for b in row.books)
    return CampaignInfo(row.id, row.name, row.start_date, row.end_date, books)


def check(start: dt.date, end: dt.date, books: list[PlannedBook]) -> None:
    if end < start:
        raise BadInput(f"Ngày kết thúc ({end:%d/%m/%Y}) trước ngày bắt đầu ({start:%d/%m/%Y}).")
    if len(books) > MAX_BOOKS:
        raise BadInput(f"Danh sách có {len(books)} sổ, nhiều hơn {MAX_BOOKS} sổ một xã có thể có.")
    seen: set[tuple[str, int, str]] = set()
    for b in books:
        if b.key in seen:
            raise BadInput(f"Sổ {BOOK_TYPES[b.book_type].code} {b.year} quyển {b.volume} có hai lần trong danh sách.")
        seen.add(b.key)


def store(s: Session, actor_id: int | None, name: str, start: dt.date, end: dt.date,
          books: list[PlannedBook]) -> int:
    """Saves the plan as the current campaign (the caller audits it in the same transaction)."""
    check(start, end, books)
    row = Campaign(name=name.strip()[:200], start_date=start, end_date=end, created_by=actor_id)
    row.books = [CampaignBook(book_type=b.book_type, year=b.year, volume=b.volume, expected_records=b.expected)
                 for b in books]
    s.add(row)
    s.flush()
    return row.id


def put_book(s: Session, book: PlannedBook, replacing: tuple[str, int, str] | None = None
             ) -> tuple[PlannedBook | None, PlannedBook]:
    """Adds one book to the current campaign, or changes the one at `replacing` (type, year, volume);
    returns what it was before (None: added) and what it is now. Checked like a line of a list."""
    row = s.scalar(select(Campaign).order_by(Campaign.id.desc()).limit(1))
    if row is None:
        raise BadInput("Chưa có kế hoạch chiến dịch: hãy lưu ngày bắt đầu và kết thúc trước khi thêm sổ.")
    checked = planned(book.book_type, book.year, book.volume, book.expected)
    target = _book_row(row, replacing) if replacing else None
    if replacing and target is None:
        raise BadInput("Sổ cần sửa không còn trong kế hoạch (có thể người khác vừa sửa): hãy tải lại.")
    if any(b is not target and (b.book_type, b.year, b.volume) == checked.key for b in row.books):
        raise BadInput(f"Sổ {BOOK_TYPES[checked.book_type].code} {checked.year} quyển {checked.volume} "
                       "đã có trong kế hoạch.")
    if target is None and len(row.books) >= MAX_BOOKS:
        raise BadInput(f"Kế hoạch đã có {MAX_BOOKS} sổ, nhiều nhất một xã có thể có.")
    before = None
    if target is None:
        target = CampaignBook(book_type=checked.book_type, year=checked.year, volume=checked.volume)
        row.books.append(target)
    else:
        before = PlannedBook(target.book_type, target.year, target.volume, target.expected_records)
        target.book_type, target.year, target.volume = checked.book_type, checked.year, checked.volume
    target.expected_records = checked.expected
    s.flush()
    return before, checked


def remove_book(s: Session, key: tuple[str, int, str]) -> PlannedBook:
    """Takes one book out of the current campaign; returns it."""
    row = s.scalar(select(Campaign).order_by(Campaign.id.desc()).limit(1))
    target = _book_row(row, key) if row is not None else None
    if target is None:
        raise BadInput("Sổ này không có trong kế hoạch (có thể người khác vừa xóa): hãy tải lại.")
    gone = PlannedBook(target.book_type, target.year, target.volume, target.expected_records)
    row.books.remove(target)
    s.flush()
    return gone


def _book_row(row: Campaign, key: tuple[str, int, str]) -> CampaignBook | None:
    return next((b for b in row.books if (b.book_type, b.year, b.volume) == tuple(key)), None)


# -- the province's list ---------------------------------------------------------------------------------
def _plain(text: Any) -> str:
    return re.sub(r"\s+", " ", unidecode(str(text or "")).lower().replace("_", " ")).strip(" .:*")


def book_type_of(value: Any) -> str | None:
    """'khai_sinh', 'KS', 'Khai sinh' or 'Sổ đăng ký khai sinh' -> 'khai_sinh'."""
    plain = _plain(value)
    for bt in BOOK_TYPES.values():
        if plain in (_plain(bt.key), bt.code.lower(), _plain(bt.title), _plain(bt.title.removeprefix("Sổ "))):
            return bt.key
        if plain and _plain(bt.title).endswith(plain) and len(plain) > 4:
            return bt.key
    return None


def parse_book_list(path: Path) -> list[PlannedBook]:
    """The books of a campaign from an xlsx or csv list with a heading row; every bad line is named."""
    try:
        size = path.stat().st_size
    except OSError:
        raise BadInput(f"Không mở được danh sách sổ «{path}».") from None
    if size > MAX_LIST_BYTES:
        raise BadInput(f"Tệp «{path.name}» quá lớn để là danh sách sổ.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        raise BadInput("Danh sách sổ cần là tệp .xlsx hoặc .csv (cột: loại sổ, năm, quyển, số hồ sơ dự kiến).")
    return books_from_rows(rows)


def _csv_rows(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"Tệp «{path.name}» không phải văn bản UTF-8 (hãy lưu lại dạng CSV UTF-8).") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError):
        raise BadInput(f"Tệp «{path.name}» không phải bảng tính xlsx đọc được.") from None
    try:
        return [list(r) for r, _ in zip(wb.active.iter_rows(values_only=True), range(MAX_BOOKS + 50))]
    finally:
        wb.close()


def books_from_rows(rows: list[list[Any]]) -> list[PlannedBook]:
    for head_at, row in enumerate(rows[:20]):  # a title line or two may come before the headings
        columns = _columns(row)
        if {"book_type", "year", "volume"} <= columns.keys():
            break
    else:
        raise BadInput("Không thấy dòng tiêu đề có các cột «Loại sổ», «Năm», «Quyển» trong danh sách.")
    books, problems = [], []
    for n, row in enumerate(rows[head_at + 1:], head_at + 2):
        cells = {k: (row[i] if i < len(row) else None) for k, i in columns.items()}
        if all(v in (None, "") for v in cells.values()):
            continue
        try:
            books.append(_planned(cells))
        except ValueError as exc:
            problems.append(f"dòng {n}: {exc}")
    if problems:
        more = f" (và {len(problems) - 5} dòng khác)" if len(problems) > 5 else ""
        raise BadInput("Danh sách sổ có dòng không dùng được: " + "; ".join(problems[:5]) + more + ".")
    if not books:
        raise BadInput("Danh sách sổ không có sổ nào.")
    return books


def _columns(row: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        plain = _plain(cell)
        for key, names in HEADERS.items():
            if key not in found and plain in names:
                found[key] = i
    return found


def _planned(cells: dict[str, Any]) -> PlannedBook:
    kind = cells.get("book_type") if cells.get("book_type") in BOOK_TYPES else book_type_of(cells.get("book_type"))
    if kind is None:
        raise ValueError(f"loại sổ «{cells.get('book_type') or ''}» không có")
    year = _integer(cells.get("year"), "năm")
    if not 1900 <= year <= 2100:
        raise ValueError(f"năm {year} không hợp lệ")
    volume = str(cells.get("volume") or "").strip()
    if isinstance(cells.get("volume"), float) and float(cells["volume"]).is_integer():
        volume = str(int(cells["volume"]))
    if not volume or len(volume) > 40:
        raise ValueError("thiếu quyển số")
    raw = cells.get("expected")
    expected = None if raw in (None, "") else _integer(raw, "số hồ sơ dự kiến")
    if expected is not None and not 0 <= expected <= 1_000_000:
        raise ValueError(f"số hồ sơ dự kiến {expected} không hợp lệ")
    return PlannedBook(kind, year, volume, expected)


def planned(book_type: Any, year: Any, volume: Any, expected: Any = None) -> PlannedBook:
    """One book from what a person typed in a row (type by key, code or name); BadInput says what is wrong."""
    try:
        return _planned({"book_type": book_type, "year": year, "volume": volume, "expected": expected})
    except ValueError as exc:
        raise BadInput(f"Sổ không dùng được: {exc}.") from None


def _integer(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{what} «{value}» không phải số")
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    text = str(value or "").strip().replace(".", "").replace(",", "").replace(" ", "")
    if not text.isdigit():
        raise ValueError(f"{what} «{value or ''}» không phải số")
    return int(text)
