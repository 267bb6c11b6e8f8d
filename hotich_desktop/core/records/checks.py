"""Data-quality checks of one record, run on save and again before approval.

Two parts: the form's input checks (missing, too long, not a date) and the book type's rule table
(resources/rules, see rules.py), which this module evaluates. Each finding names its field so the form can
show it beside the value. Checks against other records (the number before, a number used twice in a book,
the same person anywhere in the store) read a RecordContext the caller fills from indexed lookups.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils
from unidecode import unidecode

from .forms import FormDef, code_list, load_form
from .normalize import match_code
from .rules import Rule, load_rules
from ..views import Finding


def parse_date(value: str) -> tuple[dt.date | None, bool]:
    """(date, exact): partial dates give the earliest day they may mean and exact=False."""
    v = (value or "").strip()
    try:
        if re.fullmatch(r"\d{2}/\d{2}/\d{4}", v):
            d, m, y = map(int, v.split("/"))
            return dt.date(y, m, d), True
        if re.fullmatch(r"\d{2}/\d{4}", v):
            m, y = map(int, v.split("/"))
            return dt.date(y, m, 1), False
        if re.fullmatch(r"\d{4}", v):
            return dt.date(int(v), 1, 1), False
    except ValueError:
        return None, False
    return None, False


@dataclass(frozen=True)
class RecordContext:
    """What the store says around one record: its book's year, the record with the next lower number in the
    book (its number and values), how many others carry its number, where the same person is registered."""

    book_year: int | None = None
    previous_number: int | None = None
    previous: Mapping[str, str] | None = None
    same_number: int = 0
    same_person: tuple[str, ...] = ()


def record_findings(form: FormDef, fields: Mapping[str, str], context: RecordContext | None = None,
                    rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every finding of one record: the form's input checks, then the book type's rule table."""
    return input_findings(form, fields) + rule_findings(
        form, fields, context or RecordContext(), load_rules(form.book_type) if rules is None else rules)


def check_fields(form: FormDef, fields: Mapping[str, str]) -> list[Finding]:
    """The checks that need nothing but the record itself (no book year, no neighbours, no store)."""
    return record_findings(form, fields)


def input_findings(form: FormDef, fields: Mapping[str, str]) -> list[Finding]:
    """Facts about what was typed, from the form definition: missing, too long, not a date, not a number."""
    out: list[Finding] = []
    for f in form.fields:
        value = (fields.get(f.key) or "").strip()
        if f.required and not value:
            out.append(Finding("required", f.key, f"Chưa nhập «{f.label}».", "error"))
            continue
        if not value:
            continue
        if len(value) > f.max_length:
            out.append(Finding("too_long", f.key, f"«{f.label}» dài quá {f.max_length} ký tự.", "error"))
        if f.type in ("date", "partial_date"):
            date, exact = parse_date(value)
            if date is None:
                out.append(Finding("bad_date", f.key, f"«{f.label}» không phải ngày hợp lệ: {value}.", "error"))
            elif f.type == "date" and not exact:
                out.append(Finding("partial_date", f.key, f"«{f.label}» chỉ có một phần ngày tháng."))
            elif date > dt.date.today():
                out.append(Finding("future_date", f.key, f"«{f.label}» ở tương lai: {value}.", "error"))
        if f.type == "regno" and not re.fullmatch(r"\d+(/\d{2,4})?", value):
            out.append(Finding("bad_number", f.key, f"Số đăng ký «{value}» phải là chữ số.", "error"))
    return out


def rule_findings(form: FormDef, fields: Mapping[str, str], context: RecordContext,
                  rules: Iterable[Rule]) -> list[Finding]:
    out: list[Finding] = []
    for rule in rules:
        if rule.enabled:
            for spot, values in KIND_CHECKS[rule.kind](rule, form, fields, context):
                out.append(_finding(rule, form, fields, spot, values))
    return out


def _finding(rule: Rule, form: FormDef, fields: Mapping[str, str], spot: str, values: dict[str, Any]) -> Finding:
    fdef = form.field(spot)
    known = {"label": fdef.label if fdef else spot, "value": fields.get(spot, ""), **values}
    message = rule.message.format_map(_Blank(known))
    others = tuple(k for k in rule.fields if k != spot and form.field(k) is not None)
    return Finding(rule.id, spot, message, rule.severity, fields=others)


class _Blank(dict):  # a placeholder the engine has no value for reads as empty, never a KeyError
    def __missing__(self, key: str) -> str:
        return ""


Hits = list[tuple[str, dict[str, Any]]]  # (field the finding is shown at, placeholder values)


def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a full or partial date may mean ("1975" -> 1/1/1975..31/12/1975)."""
    day, exact = parse_date(value or "")
    if day is None:
        return None
    if exact:
        return day, day
    v = (value or "").strip()
    if len(v) == 4:
        return day, dt.date(day.year, 12, 31)
    return day, dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _years(born: dt.date, at: dt.date) -> int:
    return at.year - born.year - ((at.month, at.day) < (born.month, born.day))


def _spot(rule: Rule, default: str) -> str:
    return rule.fields[0] if rule.fields else default


def _age(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    """A person's age at an event outside [min, max]. Judged on what the dates may mean (a year of birth
    only gives a range of ages), so a partial date never raises a false alarm; a person born after the
    event is the order rule's finding, not an age."""
    born, at = date_range(fields.get(rule.on["born"])), date_range(fields.get(rule.on["at"]))
    if not born or not at:
        return []
    youngest, oldest = _years(born[1], at[0]), _years(born[0], at[1])
    if oldest < 0:
        return []
    lo, hi = rule.param("min"), rule.param("max")
    where = _spot(rule, rule.on["born"])
    if lo is not None and oldest < lo:
        return [(where, {"age": oldest, "min": lo, "max": hi if hi is not None else ""})]
    if hi is not None and youngest > hi:
        return [(where, {"age": youngest, "min": lo if lo is not None else 0, "max": hi})]
    return []


def _order(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    """The later date certainly before the earlier one (beyond tolerance_days)."""
    early, late = fields.get(rule.on["early"], ""), fields.get(rule.on["late"], "")
    a, b = date_range(early), date_range(late)
    if a and b and b[1] < a[0] - dt.timedelta(days=rule.param("tolerance_days", 0)):
        return [(_spot(rule, rule.on["late"]), {"early": early, "late": late})]
    return []


def _late_registration(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    """Registered more than max_days after the event while the registration kind says on time (an empty
    kind reads as the form's default)."""
    event, reg = date_range(fields.get(rule.on["event"])), date_range(fields.get(rule.on["registered"]))
    if not event or not reg:
        return []
    kdef = form.field(rule.on["kind"])
    kind = (fields.get(rule.on["kind"]) or (kdef.default if kdef else "")).strip()
    days = (reg[0] - event[1]).days
    if days > rule.param("max_days", 60) and kind in rule.param("on_time", ["1"]):
        return [(_spot(rule, rule.on["kind"]), {"days": days, "max_days": rule.param("max_days", 60)})]
    return []


def _in_book_year(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    day = date_range(fields.get(rule.on["date"]))
    if not day or not ctx.book_year:
        return []
    grace = dt.timedelta(days=rule.param("grace_days", 0))
    if day[1] < dt.date(ctx.book_year, 1, 1) - grace or day[0] > dt.date(ctx.book_year, 12, 31) + grace:
        return [(_spot(rule, rule.on["date"]), {"year": ctx.book_year})]
    return []


def _registration_order(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    """Registered before the record with the next lower number: numbers were given in date order."""
    key = rule.on["date"]
    day = date_range(fields.get(key))
    before = date_range((ctx.previous or {}).get(key))
    if day and before and day[1] < before[0] - dt.timedelta(days=rule.param("tolerance_days", 0)):
        return [(_spot(rule, key), {"previous": ctx.previous_number, "previous_date": (ctx.previous or {})[key]})]
    return []


def _number_gap(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    number = number_key(fields.get("so", ""))
    if not number or ctx.previous_number is None:
        return []
    jump = int(number) - ctx.previous_number
    if jump > rule.param("max_gap", 1):
        first, last = ctx.previous_number + 1, int(number) - 1
        return [(_spot(rule, "so"), {"missing": str(first) if first == last else f"{first}–{last}",
                                     "previous": ctx.previous_number})]
    return []


def _duplicate_number(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    return [(_spot(rule, "so"), {"number": fields.get("so", "")})] if ctx.same_number else []


def _duplicate_person(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    places = sorted(set(ctx.same_person))
    return [(_spot(rule, "ho_ten"), {"places": ", ".join(places[:3])})] if places else []


GENDERS = ("Nam", "Nữ", "Không rõ")
_CODE_LISTS = {"ethnicity": "dan_toc", "nationality": "quoc_tich"}


def _code_list(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    """Coded fields (gender, ethnicity, nationality, choices) must hold a value of their list: the 158
    package carries the code. A close name is offered ("Có phải «Kinh»?"), never taken silently."""
    out: Hits = []
    cutoff = rule.param("suggest_cutoff", 75)
    for f in form.fields:
        value = (fields.get(f.key) or "").strip()
        if not value:
            continue
        suggestion = None
        if f.type == "gender" and value not in GENDERS:
            suggestion = _closest(value, {g: g for g in GENDERS}, cutoff) or ", ".join(GENDERS)
        elif f.type in _CODE_LISTS and match_code(_CODE_LISTS[f.type], value)[1] < 1.0:
            codes = code_list(_CODE_LISTS[f.type])
            names = {i["name"]: i["name"] for i in codes["items"]}
            names.update({a: t for a, t in codes.get("aliases", {}).items()})
            suggestion = _closest(value, names, cutoff) or ""
        elif f.type == "choice" and f.choices and value not in f.choices:
            options = {**{c: c for c in f.choices}, **{label: c for c, label in f.choices.items()}}
            suggestion = _closest(value, options, cutoff) or ", ".join(f"{c} ({t})" for c, t in f.choices.items())
        if suggestion is None:
            continue
        if suggestion and f.type == "choice" and suggestion in f.choices:
            suggestion = f"{suggestion} ({f.choices[suggestion]})"
        hint = ""
        if suggestion and "," not in suggestion:
            hint = f" Có phải «{suggestion}»?"
        elif suggestion:
            hint = f" Chọn một trong: {suggestion}."
        out.append((f.key, {"suggestion": hint}))
    return out


def _closest(value: str, options: Mapping[str, str], cutoff: float) -> str:
    best = process.extractOne(value, list(options), scorer=fuzz.WRatio, processor=utils.default_process,
                              score_cutoff=cutoff)
    return options[best[0]] if best else ""


def _gender_name(rule: Rule, form: FormDef, fields: Mapping[str, str], ctx: RecordContext) -> Hits:
    words = (fields.get("ho_ten") or "").split()
    gender = fields.get("gioi_tinh")
    if gender == "Nam" and len(words) >= 3 and "Thị" in words[1:-1]:
        return [(_spot(rule, "gioi_tinh"), {"middle": "Thị"})]
    if gender == "Nữ" and len(words) >= 3 and words[1] == "Văn":
        return [(_spot(rule, "gioi_tinh"), {"middle": "Văn"})]
    return []


KIND_CHECKS: dict[str, Callable[[Rule, FormDef, Mapping[str, str], RecordContext], Hits]] = {
    "age": _age, "order": _order, "late_registration": _late_registration, "in_book_year": _in_book_year,
    "registration_order": _registration_order, "number_gap": _number_gap, "duplicate_number": _duplicate_number,
    "duplicate_person": _duplicate_person, "code_list": _code_list, "gender_name": _gender_name,
}


def person_key(fields: Mapping[str, str]) -> str:
    """Same name, date of birth and parents (accents, case and spacing ignored); empty when too little
    is known to call two records the same person."""
    name, born = fields.get("ho_ten") or "", fields.get("ngay_sinh") or ""
    if not name.strip() or not born.strip():
        return ""
    parts = [name, born, fields.get("ho_ten_me") or "", fields.get("ho_ten_cha") or ""]
    text = "|".join(" ".join(unidecode(p).lower().split()) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def number_key(value: str) -> str:
    """The registration number as its leading digits without zeros ("007/1998" -> "7")."""
    m = re.match(r"\s*0*(\d+)", value or "")
    return m.group(1) if m else ""


def duplicate_findings(number: str, same_number: int, same_person: Iterable[str],
                       book_type: str = "khai_sinh") -> list[Finding]:
    """Findings from what the store says about this record's number (in its book) and person (anywhere)."""
    ctx = RecordContext(same_number=same_number, same_person=tuple(same_person))
    wanted = [r for r in load_rules(book_type) if r.kind in ("duplicate_number", "duplicate_person")]
    return rule_findings(load_form(book_type), {"so": number}, ctx, wanted)


def sequence_gaps(numbers: Iterable[str]) -> list[int]:
    """Missing registration numbers between the first and the last in a book's year."""
    got = sorted({int(m.group()) for n in numbers if (m := re.match(r"\d+", n or ""))})
    if not got:
        return []
    have = set(got)
    return [n for n in range(got[0], got[-1] + 1) if n not in have]
