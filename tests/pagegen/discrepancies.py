"""Generated birth books put straight into a store, and discrepancy lists made from them with injected errors
(the district's view: the population data's values, wrongly typed, accents dropped, number given or not),
with the truth: which entry each line is about, or None for a person who is in no book."""
from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from .content import Book, person

HEADER = ["STT", "Loại việc", "Đơn vị hành chính", "Loại sai lệch", "Họ và tên", "Ngày sinh", "Giới tính",
          "Số định danh cá nhân", "Số đăng ký", "Quyển số", "Họ tên cha", "Họ tên mẹ",
          "Thông tin trong CSDL hộ tịch", "Thông tin trong CSDL dân cư"]
UNITS = ["Xã Chiềng Sinh", "Xã Mường Bú", "Phường Chiềng Cơi", "Xã Tà Hộc"]
WORDING = {"name": ["Sai họ tên", "Họ, chữ đệm, tên không khớp"], "birth": ["Sai ngày sinh", "Ngày tháng năm sinh"],
           "gender": ["Sai giới tính"], "ethnicity": ["Sai dân tộc"], "parents": ["Sai họ tên mẹ"],
           "missing_population": ["Không có trong CSDL dân cư"], "duplicate": ["Trùng lặp"]}


def birth_books(records: int, per_book: int = 300, seed: int = 1) -> Iterator[tuple[int, str, dict[str, str]]]:
    """(year, volume, fields) of `records` birth records in books of `per_book`, 1950 to 2019 (a year's births
    fill one book in a commune; a district's communes give several volumes a year)."""
    for b in range((records + per_book - 1) // per_book):
        year, volume = 1950 + b % 70, str(b // 70 + 1)
        book = Book("khai_sinh", year, seed * 100_000 + b)
        for _ in range(min(per_book, records - b * per_book)):
            yield year, volume, book.next_entry()


def insert_books(svc: Any, clerk: Any, records: int, per_book: int = 300, seed: int = 1
                 ) -> list[tuple[int, int, str, dict[str, str]]]:
    """Bulk-writes the books into the store as saved records (with their search keys): (entry, year, volume,
    fields) for each."""
    from sqlalchemy import insert, select

    from hotich_desktop.core.records import checks
    from hotich_desktop.core.records.search import search_keys
    from hotich_desktop.core.records_hash import content_hash
    from hotich_desktop.core.store.models import Entry, Page, Record

    made = list(birth_books(records, per_book, seed))
    books: dict[tuple[int, str], int] = {}
    for year, volume, _ in made:
        if (year, volume) not in books:
            books[(year, volume)] = svc.books.open(clerk, "khai_sinh", year, volume).value.id
    out = []
    with svc.store.session() as s:
        s.execute(insert(Page), [{"book_id": bid, "order": 1, "source_name": f"{bid}.jpg",
                                  "source_sha256": f"{seed:08d}{bid:056d}", "stored_path": "archive/x.jpg",
                                  "width": 2480, "height": 3508, "dpi": 300, "status": "detected"}
                                 for bid in books.values()])
        page_of = dict(s.execute(select(Page.book_id, Page.id).where(Page.book_id.in_(list(books.values())))).all())
        first = (s.scalar(select(Entry.id).order_by(Entry.id.desc()).limit(1)) or 0) + 1
        s.execute(insert(Entry), [{"page_id": page_of[books[(y, v)]], "order": k,
                                   "polygon": [[0, 0], [1, 0], [1, 1], [0, 1]], "status": "submitted"}
                                  for k, (y, v, _) in enumerate(made)])
        ids = list(s.scalars(select(Entry.id).where(Entry.id >= first).order_by(Entry.id)))
        rows = []
        for eid, (year, volume, values) in zip(ids, made):
            rows.append({"entry_id": eid, "book_type": "khai_sinh", "fields": values, "ocr": {},
                         "content_hash": content_hash(values), "approved_hash": "", "entered_by": clerk.id,
                         "person_key": checks.person_key(values), "reg_no": checks.number_key(values["so"]),
                         **search_keys("khai_sinh", values)})
            out.append((eid, year, volume, values))
        for i in range(0, len(rows), 20000):
            s.execute(insert(Record), rows[i:i + 20000])
    return out


def _typo(rng: random.Random, name: str) -> str:
    words = name.split()
    how = rng.random()
    if how < 0.3 and len(words) > 2:
        return " ".join(words[:1] + words[2:])  # middle name left out
    if how < 0.6:
        swaps = {"ư": "u", "ơ": "o", "ă": "a", "â": "a", "ê": "e", "ô": "o", "đ": "d", "ư": "ư"}
        last = words[-1]
        for a, b in swaps.items():
            if a in last:
                words[-1] = last.replace(a, b, 1)
                return " ".join(words)
    word = words[-1]
    i = rng.randrange(len(word))
    words[-1] = word[:i] + rng.choice("aeinhtu") + word[i + 1:]
    return " ".join(words)


def _other_day(rng: random.Random, date: str) -> str:
    d, m, y = date.split("/")
    how = rng.random()
    if how < 0.4 and int(d) <= 12 and d != m:
        return f"{m}/{d}/{y}"
    if how < 0.7:
        return f"{(int(d) % 28) + 1:02d}/{m}/{y}"
    return f"{d}/{m}/{int(y) + rng.choice([-1, 1])}"


def _strip(rng: random.Random, text: str) -> str:
    from unidecode import unidecode

    return unidecode(text) if rng.random() < 0.15 else text


def make_list(records: list[tuple[int, int, str, dict[str, str]]], lines: int, seed: int = 5,
              absent_share: float = 0.1) -> tuple[list[list[str]], list[int | None]]:
    """Rows under HEADER and, per row, the entry it is about (None: a person in no book)."""
    rng = random.Random(seed)
    rows, truth = [], []
    chosen = rng.sample(records, min(len(records), lines))
    for n in range(lines):
        if rng.random() < absent_share or n >= len(chosen):
            sex = rng.choice(["Nam", "Nữ"])
            year = rng.randint(1960, 2020)
            name, born = person(rng, sex), f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
            rows.append([str(n + 1), "Khai sinh", rng.choice(UNITS), "Không có trong CSDL hộ tịch", name, born, sex,
                         f"0{rng.randint(10**10, 10**11 - 1)}", "", "", person(rng, "Nam"), person(rng, "Nữ"), "",
                         name])
            truth.append(None)
            continue
        eid, year, volume, f = chosen[n]
        kind = rng.choice(list(WORDING))
        name, born, sex = f["ho_ten"], f["ngay_sinh"], f["gioi_tinh"]
        father, mother = f.get("ho_ten_cha", ""), f.get("ho_ten_me", "")
        ours, theirs = "", ""
        if kind == "name":
            ours, theirs = name, _typo(rng, name)
            name = theirs
        elif kind == "birth":
            ours, theirs = born, _other_day(rng, born)
            born = theirs
        elif kind == "gender":
            ours, theirs = sex, "Nữ" if sex == "Nam" else "Nam"
            sex = theirs
        elif kind == "ethnicity":
            ours, theirs = f.get("dan_toc", ""), "Kinh" if f.get("dan_toc") != "Kinh" else "Tày"
        elif kind == "parents":
            ours, theirs = mother, _typo(rng, mother)
            mother = theirs
        given = rng.random() < 0.5
        rows.append([str(n + 1), rng.choice(["Khai sinh", "Đăng ký khai sinh"]), rng.choice(UNITS),
                     rng.choice(WORDING[kind]), _strip(rng, name), born, sex, f"0{rng.randint(10**10, 10**11 - 1)}",
                     f["so"] if given else "", f"{int(volume):02d}/{year}" if given else "",
                     _strip(rng, father) if rng.random() < 0.6 else "", _strip(rng, mother) if rng.random() < 0.7
                     else "", ours, theirs])
        truth.append(eid)
    return rows, truth


def cp1258(text: str) -> bytes:
    """Text as the old Windows Vietnamese code page writes it: base letters (ă, ơ, ê …) precomposed, the tone
    as a combining mark after them."""
    import unicodedata

    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)
