"""Matching a list's line (or a person of the population extract) to the digitised records.

The records are read once into an in-memory index keyed like the store's search keys (the name without
accents, the given name) plus the registration number and the date of birth, so a 20,000-line list costs a
few dictionary lookups per line and a fuzzy comparison with a handful of candidates, never a scan. A line
is compared with and without diacritics (NFC, then unidecode): the population system often drops them.
The field a line says is wrong is compared with every value the line gives for it (its identifier, the
civil-status value, the population value), so the wrong value itself does not hide the right record.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from unidecode import unidecode

from ..booktypes import BOOK_TYPES
from ..records.checks import number_key
from ..records.normalize import normalize_date
from ..records.search import NAME_LEN

ACCEPT = 82.0  # best score needed to call a line matched
MARGIN = 4.0  # and this far ahead of the next candidate (two near-identical records: the clerk chooses)

CASE_TYPES = (("khai sinh", "khai_sinh"), ("khai tu", "khai_tu"), ("ket hon", "ket_hon"),
              ("ly hon", "ly_hon"), ("cha me con", "nhan_cha_me_con"), ("nhan cha", "nhan_cha_me_con"),
              ("nhan me", "nhan_cha_me_con"), ("giam ho", "giam_ho"), ("tinh trang hon nhan", "tinh_trang_hon_nhan"),
              ("thay doi", "thay_doi_ho_tich"), ("cai chinh", "thay_doi_ho_tich"), ("bo sung", "thay_doi_ho_tich"))


@lru_cache(maxsize=65536)
def _plain_word(word: str) -> str:
    return unidecode(word)


@lru_cache(maxsize=1 << 18)
def plain(text: str) -> str:
    """search.plain_name through caches: a district's records share a few ten thousand names."""
    if not text:
        return ""
    words = unicodedata.normalize("NFC", str(text)).lower().split()
    return " ".join(_plain_word(w) if not w.isascii() else w for w in words)[:NAME_LEN]


@lru_cache(maxsize=1 << 18)
def clean(text: Any) -> str:
    """NFC with single spaces (values saved through the form are already clean; lists are not)."""
    s = str(text or "")
    return " ".join((s if s.isascii() else unicodedata.normalize("NFC", s)).split())


def book_type_of(case_type: str) -> str:
    p = plain(case_type)
    return next((bt for words, bt in CASE_TYPES if words in p), "")


_DDMMYYYY = re.compile(r"\d{2}/\d{2}/\d{4}")


@lru_cache(maxsize=65536)
def date_key(text: str) -> str:
    """dd/mm/yyyy, mm/yyyy or yyyy, or '' for nothing recognisable."""
    if _DDMMYYYY.fullmatch(text or ""):
        return text
    d = normalize_date(str(text or ""))
    return d if re.fullmatch(r"(\d{2}/)?(\d{2}/)?\d{4}", d) else ""


def book_key(text: str) -> tuple[int | None, str]:
    """'Quyển 01 năm 2015', '01/2015', '2015', 'KS 2015 q.1' -> (year, volume) as far as given."""
    nums = re.findall(r"\d+", text or "")
    year = next((int(n) for n in nums if len(n) == 4 and 1900 <= int(n) <= 2100), None)
    rest = [n.lstrip("0") or "0" for n in nums if not (len(n) == 4 and year == int(n))]
    return year, (rest[0] if rest else "")


def gender_key(text: str) -> str:
    p = plain(text)
    return "nam" if p in ("nam", "m", "male", "1") else "nu" if p in ("nu", "f", "female", "2") else ""


@dataclass(slots=True)
class Person:
    """A record reduced to what matching compares (one per named person: a marriage gives two)."""
    entry_id: int
    book_type: str
    year: int
    volume: str
    reg_no: str
    name: str  # NFC, lower case
    plain: str
    birth: str
    gender: str
    father: str  # plain
    mother: str  # plain


def people_of(entry_id: int, book_type: str, year: int, volume: str, reg_no: str,
              values: Mapping[str, Any], first_plain: str = "") -> list[Person]:
    """One Person per named person of a record; `first_plain` is the record's stored search name (the
    first person's name without accents), which saves computing it again."""
    out = []
    volume = str(volume).lstrip("0") or "0"
    for person_field in BOOK_TYPES[book_type].person_fields if book_type in BOOK_TYPES else ("ho_ten",):
        suffix = person_field[len("ho_ten"):]
        name = clean(values.get(person_field) or "")
        if not name:
            continue
        key = first_plain if first_plain and not out else plain(name)
        out.append(Person(entry_id, book_type, year, volume, reg_no, name.lower(),
                          key, date_key(values.get("ngay_sinh" + suffix) or ""),
                          gender_key(str(values.get("gioi_tinh" + suffix) or "")),
                          plain(str(values.get("ho_ten_cha") or "")) if not suffix else "",
                          plain(str(values.get("ho_ten_me") or "")) if not suffix else ""))
    return out


@dataclass
class Query:
    """What a line says about its person; `alt` holds other values the line gives for a field."""
    names: list[str]
    births: list[str]
    gender: str = ""
    father: str = ""
    mother: str = ""
    reg_no: str = ""
    year: int | None = None
    volume: str = ""
    book_type: str = ""
    accented: list[str] = field(default_factory=list)  # the names as written (NFC, lower case)


@dataclass(frozen=True)
class Candidate:
    entry_id: int
    score: float
    why: str

    def as_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "score": round(self.score, 1), "why": self.why}


class Index:
    """Every digitised person, keyed for lookups: number, full name, given name + birth, birth + a parent."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people: list[Person] = []
        self.by_reg: dict[str, list[int]] = defaultdict(list)
        self.by_reg_year: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.by_plain: dict[str, list[int]] = defaultdict(list)
        self.by_given_birth: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_birth_parent: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_name_year: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_reg, by_reg_year, by_plain = self.by_reg, self.by_reg_year, self.by_plain
        by_given_birth, by_name_year, by_birth_parent = self.by_given_birth, self.by_name_year, self.by_birth_parent
        for i, p in enumerate(people):
            self.people.append(p)
            if p.reg_no:
                by_reg[p.reg_no].append(i)
                by_reg_year[(p.reg_no, p.year)].append(i)
            by_plain[p.plain].append(i)
            birth = p.birth
            if birth:
                edges = _edges(p.plain)
                by_given_birth[(edges.rpartition(" ")[2], birth)].append(i)
                by_name_year[(edges, birth[-4:])].append(i)
                if p.father:
                    by_birth_parent[(birth, p.father)].append(i)
                if p.mother:
                    by_birth_parent[(birth, p.mother)].append(i)

    def __len__(self) -> int:
        return len(self.people)

    def _pool(self, q: Query) -> set[int]:
        pool: set[int] = set()
        if q.reg_no:
            hits = self.by_reg.get(q.reg_no, ()) if q.year is None else self.by_reg_year.get((q.reg_no, q.year), ())
            if len(hits) <= 200:  # a bare number without its book names too many records to be a key
                pool.update(i for i in hits if not q.volume or self.people[i].volume == q.volume)
        for name in q.names:
            pool.update(self.by_plain.get(name, ()))
            given = name.rsplit(" ", 1)[-1]
            for birth in q.births:
                pool.update(self.by_given_birth.get((given, birth), ()))
                pool.update(self.by_name_year.get((_edges(name), birth[-4:]), ()))
        for birth in q.births:
            for parent in (q.father, q.mother):
                if parent:
                    pool.update(self.by_birth_parent.get((birth, parent), ()))
        return pool

    def candidates(self, q: Query, limit: int = 3) -> list[Candidate]:
        """The best records for a query, best first, one per entry."""
        best: dict[int, Candidate] = {}
        for i in self._pool(q):
            p = self.people[i]
            value, why = score(q, p)
            if p.entry_id not in best or best[p.entry_id].score < value:
                best[p.entry_id] = Candidate(p.entry_id, value, why)
        return sorted(best.values(), key=lambda c: (-c.score, c.entry_id))[:limit]


def decide(cands: list[Candidate]) -> Candidate | None:
    """The match when the best candidate is good enough and clearly ahead of the next one."""
    if not cands or cands[0].score < ACCEPT:
        return None
    if len(cands) > 1 and cands[1].score > cands[0].score - MARGIN:
        return None
    return cands[0]


@lru_cache(maxsize=1 << 18)
def _edges(plain: str) -> str:
    """Surname and given name (middle names are the part most often written differently)."""
    words = plain.split()
    return f"{words[0]} {words[-1]}" if len(words) > 1 else plain


def name_score(query_names: list[str], p: Person, accented: list[str]) -> float:
    """Accent-blind similarity, nudged by the accented one (Hương and Hướng are different names)."""
    best = 0.0
    for k, name in enumerate(query_names):
        s = fuzz.token_sort_ratio(name, p.plain)
        if k < len(accented) and accented[k]:
            s = 0.9 * s + 0.1 * fuzz.ratio(accented[k], p.name)
        best = max(best, s)
    return best


def _date_score(births: list[str], mine: str) -> float:
    best = 0.0
    for b in births:
        if b == mine:
            return 100.0
        if b[-4:] == mine[-4:]:
            # same year: a partial date agrees, or day and month swapped / one digit off
            if len(b) < 10 or len(mine) < 10:
                best = max(best, 85.0)
            else:
                best = max(best, 60.0 if b[3:5] == mine[3:5] or b[:2] == mine[:2] else 45.0)
        elif b[:6] == mine[:6] and len(b) == len(mine) == 10:
            best = max(best, 50.0)
    return best


def score(q: Query, p: Person) -> tuple[float, str]:
    parts: list[tuple[float, float]] = []  # (score, weight)
    why = []
    ns = name_score(q.names, p, q.accented) if q.names else None
    if ns is not None:
        parts.append((ns, 0.40))
        why.append(f"tên {ns:.0f}")
    if q.births and p.birth:
        ds = _date_score(q.births, p.birth)
        parts.append((ds, 0.30))
        why.append(f"ngày sinh {ds:.0f}")
    for label, mine, theirs in (("cha", p.father, q.father), ("mẹ", p.mother, q.mother)):
        if mine and theirs:
            s = fuzz.token_sort_ratio(mine, theirs)
            parts.append((s, 0.12))
            why.append(f"{label} {s:.0f}")
    if q.gender and p.gender:
        parts.append((100.0 if q.gender == p.gender else 40.0, 0.05))
    if q.reg_no:
        same = q.reg_no == p.reg_no and (q.year is None or q.year == p.year) and (not q.volume or q.volume == p.volume)
        parts.append((100.0 if same else 30.0, 0.35 if q.year else 0.15))
        why.append("số đăng ký khớp" if same else "số đăng ký khác")
    if q.book_type and q.book_type != p.book_type:
        parts.append((0.0, 0.10))
    if not parts:
        return 0.0, ""
    total = sum(w for _, w in parts)
    return sum(s * w for s, w in parts) / total, ", ".join(why)


def query_from(values: Mapping[str, str], error_type: str = "", case_type: str = "") -> Query:
    """A query from a line's fields; the field the line says is wrong also takes both databases' values."""
    names = [values.get("name", "")]
    births = [values.get("birth", "")]
    if error_type == "name":
        names += [values.get("value_hotich", ""), values.get("value_population", "")]
    if error_type == "birth":
        births += [values.get("value_hotich", ""), values.get("value_population", "")]
    accented = [clean(n).lower() for n in names if clean(n)]
    reg = values.get("reg_no", "")
    year, volume = book_key(values.get("book", ""))
    if year is None:  # «47/2015»: the number carries the year
        m = re.search(r"/\s*(\d{4})\b", reg)
        year = int(m.group(1)) if m else None
    if year is None and values.get("reg_date"):
        year = book_key(date_key(values.get("reg_date", "")))[0]
    q = Query(names=[n for n in (plain(x) for x in names) if n],
              births=sorted({b for b in (date_key(x) for x in births) if b}),
              gender=gender_key(values.get("gender", "")), father=plain(values.get("father", "")),
              mother=plain(values.get("mother", "")), reg_no=number_key(reg), year=year, volume=volume,
              book_type=book_type_of(case_type), accented=accented)
    return q
