"""Books of generated records with errors injected on purpose, one rule of the rule table at a time: the
mistakes a clerk makes (a year of birth typed one digit off, a number skipped, an ethnicity with a letter too
many), so the checks can be measured on records they were not tuned on.

    cases = injected_book("khai_sinh", 1998, seed=3, n=200, rules=load_rules("khai_sinh"))
    for fields, rule_id in cases: ...   # rule_id is None for a clean record

Errors that move registration dates only move them earlier, so the record after an injected one stays clean
(a later date would make its clean neighbour look early: that is the rule working, not a false alarm).
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hotich_desktop.core.records.checks import date_range, person_key
from hotich_desktop.core.records.forms import FormDef, load_form
from hotich_desktop.core.records.normalize import match_code, normalize_value
from hotich_desktop.core.records.rules import Rule

from .content import Book, fmt, person

Fields = dict[str, str]
Case = tuple[Fields, str | None]
SEQUENCE_KINDS = ("number_gap", "duplicate_number")  # injected by changing the book's numbering


def applicable(rule: Rule, form: FormDef) -> bool:
    """A rule can be injected into a book type whose form has the fields it reads and points to."""
    needed = set(rule.on.values()) | set(rule.fields)
    if rule.kind == "gender_name":
        needed |= {"ho_ten", "gioi_tinh"}
    if rule.kind == "duplicate_person":
        needed |= {"ho_ten", "ngay_sinh"}
    return all(form.field(k) is not None for k in needed)


def clean_book(book_type: str, year: int, seed: int, n: int) -> list[Fields]:
    book = Book(book_type, year, seed)
    return [book.next_entry() for _ in range(n)]


def injected_book(book_type: str, year: int, seed: int, n: int, rules: Iterable[Rule], rate: float = 0.2,
                  earlier: Sequence[Fields] = ()) -> list[Case]:
    """n records in number order; about `rate` of them carry one injected error, the rules taken in turn so
    each gets its share. `earlier`: records of the same type already in the store (duplicate people)."""
    form = load_form(book_type)
    usable = [r for r in rules if r.enabled and applicable(r, form)]
    book = Book(book_type, year, seed)
    rng = random.Random(f"inject/{book_type}/{year}/{seed}")
    out: list[Case] = []
    turn = rng.randrange(len(usable)) if usable else 0
    for i in range(n):
        rule = None
        if usable and i >= 2 and rng.random() < rate and out[-1][1] is None:
            rule, turn = usable[turn % len(usable)], turn + 1
        if rule is not None and rule.kind == "number_gap":
            book.number += rng.randint(rule.param("max_gap", 1), rule.param("max_gap", 1) + 2)
        elif rule is not None and rule.kind == "duplicate_number":
            book.number -= 1
        fields = book.next_entry()
        if rule is not None and rule.kind not in SEQUENCE_KINDS:
            history = list(earlier) + [f for f, _ in out]
            if not INJECT[rule.kind](rule, form, fields, rng, out[-1][0], history):
                rule = None
        out.append((fields, rule.id if rule else None))
    return out


def _keep_format(template: str, day: dt.date) -> str:
    """A date written the way the field had it: a year alone stays a year."""
    return str(day.year) if len(template.strip()) == 4 else fmt(day)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields, history: list[Fields]) -> bool:
    born_key, at = rule.on["born"], date_range(f.get(rule.on["at"]))
    if at is None:
        return False
    lo, hi = rule.param("min"), rule.param("max")
    options = []
    if lo:
        options.append(rng.randint(max(0, lo - 10), lo - 1))
    if hi is not None:
        options.append(rng.randint(hi + 1, hi + 25))
    age = rng.choice(options)
    template = f.get(born_key) or "01/01/2000"
    if len(template.strip()) == 4:  # a year alone: a range of ages, made certain on the side injected
        f[born_key] = str(at[0].year - age - (1 if hi is not None and age > hi else 0))
    else:
        f[born_key] = fmt(_years_before(at[0], age))
    return True


def _order(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields, history: list[Fields]) -> bool:
    early, late = rule.on["early"], date_range(f.get(rule.on["late"]))
    if late is None:
        return False
    template = f.get(early) or "01/01/2000"
    if len(template.strip()) == 4:
        f[early] = str(late[1].year + rng.randint(1, 8))
    else:
        f[early] = fmt(late[1] + dt.timedelta(days=rng.randint(1, 90)))
    return True


def _late(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields, history: list[Fields]) -> bool:
    reg = date_range(f.get(rule.on["registered"]))
    if reg is None:
        return False
    late_by = rng.choice([rng.randint(1, 300), rng.randint(300, 15000)])
    f[rule.on["event"]] = fmt(reg[0] - dt.timedelta(days=rule.param("max_days", 60) + late_by))
    on_time = rule.param("on_time", ["1"])
    if rng.random() < 0.5 and on_time:
        f[rule.on["kind"]] = on_time[0]
    return True


def _outside_year(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields,
                  history: list[Fields]) -> bool:
    day = date_range(f.get(rule.on["date"]))
    if day is None:
        return False
    moved = day[0].replace(year=day[0].year - rng.choice([1, 1, 2, 9, 10, 30]), day=min(day[0].day, 28))
    f[rule.on["date"]] = fmt(moved)
    return True


def _before_previous(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields,
                     history: list[Fields]) -> bool:
    before = date_range(prev.get(rule.on["date"]))
    if before is None:
        return False
    f[rule.on["date"]] = fmt(before[0] - dt.timedelta(days=rng.randint(1, 40)))
    return True


def _duplicate_person(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields,
                      history: list[Fields]) -> bool:
    people = [h for h in history if person_key(h)]
    if not people:
        return False
    other = rng.choice(people)
    for key in ("ho_ten", "ngay_sinh", "ho_ten_me", "ho_ten_cha", "gioi_tinh"):
        if key in other:
            f[key] = other[key]
        else:
            f.pop(key, None)
    return True


def _typo(rng: random.Random, value: str) -> str:
    i = rng.randrange(len(value))
    how = rng.choice(["double", "insert", "swap", "drop"])
    if how == "double" or len(value) < 3:
        return value[:i + 1] + value[i] + value[i + 1:]
    if how == "insert":
        return value[:i] + rng.choice("abcdeghiklmnoprstuy") + value[i:]
    if how == "swap" and i + 1 < len(value) and value[i] != value[i + 1]:
        return value[:i] + value[i + 1] + value[i] + value[i + 2:]
    return value[:i] + value[i + 1:]


_LISTS = {"ethnicity": "dan_toc", "nationality": "quoc_tich"}


def _code(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields, history: list[Fields]) -> bool:
    """A typo in a coded value that does not read as another value of its list (a typo that lands on a
    real name, "Tày" -> "Tây", is not an error any check can see)."""
    coded = [d for d in form.fields if d.type in ("ethnicity", "nationality", "gender") and f.get(d.key)]
    rng.shuffle(coded)
    for fdef in coded:
        for _ in range(20):
            typo = _typo(rng, f[fdef.key])
            stored = normalize_value(fdef, typo)
            if fdef.type == "gender":
                bad = stored not in ("Nam", "Nữ", "Không rõ")
            else:
                bad = match_code(_LISTS[fdef.type], stored)[1] < 1.0
            if bad and stored.strip():
                f[fdef.key] = typo
                return True
    return False


def _gender_name(rule: Rule, form: FormDef, f: Fields, rng: random.Random, prev: Fields,
                 history: list[Fields]) -> bool:
    words = person(rng, "Nam").split()
    f["ho_ten"], f["gioi_tinh"] = f"{words[0]} Thị {words[-1]}", "Nam"
    return True


INJECT: dict[str, Callable[[Rule, FormDef, Fields, random.Random, Fields, list[Fields]], Any]] = {
    "age": _age, "order": _order, "late_registration": _late, "in_book_year": _outside_year,
    "registration_order": _before_previous, "duplicate_person": _duplicate_person, "code_list": _code,
    "gender_name": _gender_name,
}


def blank_entries(service, actor, book_type: str, year: int, volume: str, n: int) -> list[int]:  # noqa: ANN001
    """n entries with empty records on one page of the book (opened if new), as processing would leave them:
    what the rule tests and benchmarks/checks_injected.py save the generated records into."""
    from hotich_desktop.core.store.models import Entry, Page, Record

    book = service.books.open(actor, book_type, year, volume).value
    ids = []
    with service.store.session() as s:
        page = Page(book_id=book.id, source_name=f"{book_type}-{year}-{volume}.jpg",
                    source_sha256=f"{book_type}{year}{volume}".ljust(64, "0")[:64], stored_path="archive/x.jpg",
                    width=2480, height=3508, dpi=300)
        s.add(page)
        s.flush()
        for k in range(n):
            entry = Entry(page_id=page.id, order=k, polygon=[[0, 0], [100, 0], [100, 50], [0, 50]])
            s.add(entry)
            s.flush()
            s.add(Record(entry_id=entry.id, book_type=book_type, fields={}, ocr={}))
            ids.append(entry.id)
    return ids
