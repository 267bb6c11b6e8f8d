"""Confidence that can be trusted, from evidence that explains itself (kept in each Reading's `evidence`):

- two reads of the field, the entry's and its zone's alone (dates and numbers with digits and '/' only), and
  whether they agree (`weigh`): agreeing reads are sure from a least Tesseract confidence set per kind of field;
  one read alone or two that differ are never sure;
- the book's sequence: registration numbers of a page's entries run one after another (`by_sequence`);
- the value's shape (`trust`): a full name with a known family name, a place whose parts open and end as
  places do, a gender or ethnicity spelt as its list has it, no character from outside Vietnamese writing;
- with a book's layout profile, the profile zone's read weighs as one more agreeing read (reader.py).

A field at >= 0.9 is shown as sure; the thresholds were set on the varied set's tuning part (seeds 101-103,
6161) and are reported on its held-out part (seeds 9001-9004) by benchmarks/reading_fields.py.

The shape checks: a value Tesseract is sure of, but whose shape a right value of its field never has, is not
shown as sure.

Tesseract's word confidence says how clean the letters looked, not whether the value makes sense. On the
varied set's tuning part, most values at >= 0.9 that were wrong were: a name cut to one or two words (a
full name here has family, middle and given name), a short given name whose tone mark was misread
("Ỏn" as "Ón"), and a place with a misread unit word ("lính" for "tỉnh", "vã" for "xã") or a lost comma.
Such values keep their text (a near miss still saves keys) under SHAPE_CAP, so only the others are sure.

A value holding a character no Vietnamese value of its field holds ("Lô€ Ninh", "Trần ©ăn", "12|03/1992") is
Tesseract reading a stain, a seal or a rule as letters: whatever Tesseract said, it is never sure (FOREIGN_CAP).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..records.forms import FieldDef
from ..records.normalize import match_code
from .fields import Reading, plausible
from .lexicon import UNIT_WORDS, units, vocabulary

SHAPE_CAP = 0.85  # under the 0.9 the window and the scorer call sure
FOREIGN_CAP = 0.3  # a character from outside Vietnamese writing: noise read as letters
VIET_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")  # tones, hat, breve, horn
TEXT_SIGNS = frozenset(" ,.-/()'")  # what a name or a place may hold besides letters and digits


def _odd(fdef: FieldDef, value: str) -> bool:
    return trust(fdef, value, 1.0) < 0.9


def trust(fdef: FieldDef, value: str, confidence: float) -> float:
    """`confidence` capped when `value` does not have the shape of a right value of `fdef`."""
    if value and foreign(value, digits_only=fdef.type in ("date", "partial_date", "regno")):
        return min(confidence, FOREIGN_CAP)
    if confidence < 0.9 or not value:
        return confidence
    odd = False
    if fdef.type == "name" or fdef.key == "nguoi_di_khai":
        odd = _odd_name(value)
    elif fdef.type == "place":
        odd = _odd_place(value)
    elif fdef.type in CODE_TYPES:
        odd = not _in_list(fdef, value)
    return min(confidence, SHAPE_CAP) if odd else confidence


def foreign(text: str, digits_only: bool = False) -> bool:
    """True when `text` holds a character Vietnamese writing of this kind never has: a symbol (€ © | ® ¢ …),
    a letter with a mark Vietnamese does not use (ö ç ñ ř), a letter in a date or a number."""
    if digits_only:
        return re.fullmatch(r"[0-9/]*", text) is None
    for ch in unicodedata.normalize("NFD", text):
        if ch.isascii():
            if not (ch.isalnum() or ch in TEXT_SIGNS):
                return True
        elif unicodedata.combining(ch):
            if ch not in VIET_MARKS:
                return True
        elif ch not in "đĐ":
            return True
    return False


def _mixed_case(word: str) -> bool:
    """A word that is not Capitalised (or all capitals, or a bracketed note such as '(cha)')."""
    letters = [c for c in word if c.isalpha()]
    if not letters or word.startswith("("):
        return False
    rest = letters[1:]
    return letters[0].islower() or (any(c.isupper() for c in rest) and not all(c.isupper() for c in rest))


def _in_list(fdef: FieldDef, value: str) -> bool:
    """A gender, ethnicity or nationality spelt exactly as its list has it ("Nam Kinh" is two fields run
    together)."""
    if fdef.type == "gender":
        return value in ("Nam", "Nữ", "Không rõ")
    name, score = match_code("dan_toc" if fdef.type == "ethnicity" else "quoc_tich", value)
    return score >= 1.0 and name == value


def _odd_name(value: str) -> bool:
    words = value.split()
    if len(words) < 3:
        return True
    if any(_mixed_case(w) for w in words):
        return True  # "Lục Văn íÍn": a mark read as a letter of its own
    family = vocabulary("ho").names
    if family and words[0] not in family:
        return True  # "Bài Quang Hưng": no family is called so, a letter was misread
    given = unicodedata.normalize("NFD", words[-1])
    letters = [c for c in given if not unicodedata.combining(c)]
    return len(letters) <= 2 and any(unicodedata.combining(c) for c in given)


@lru_cache(maxsize=1)
def _openings() -> tuple[set[str], set[str]]:
    """(first words of the usual openings of a place, openings that end with a unit word)."""
    values = vocabulary("noi_chon").names
    firsts = {v.split()[0].casefold() for v in values}
    with_unit = {v.casefold() for v in values if any(v.casefold().endswith(" " + u) for u in UNIT_WORDS)}
    return firsts, with_unit


UNIT_RE = re.compile(r"^(thành phố|thị trấn|thị xã|xã|phường|huyện|quận|tỉnh)\s+(.+)$", re.IGNORECASE)
MID_UNIT = re.compile(r"\s(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s", re.IGNORECASE)


def _odd_place(value: str) -> bool:
    parts = [p.strip() for p in value.split(",")]
    if any(not p for p in parts):
        return True
    firsts, with_unit = _openings()
    seen_unit = False
    for part in parts:
        m = UNIT_RE.match(part)
        if m:
            seen_unit = True
            inner = m.group(2)
            if MID_UNIT.search(" " + inner + " "):
                if not _unit_name_with_unit(inner):
                    return True
            elif not _known_name(inner):
                return True  # "huyện Lạc Dương lính Lâm Đồng": a unit word misread inside
            continue
        lowered = part.casefold()
        if seen_unit or lowered.split()[0] not in firsts:
            return True  # "Áo Bàu Ké", "vã Tân Thành": no place part opens so
        if lowered.startswith("tại nhà") and lowered != "tại nhà":
            return True  # "Tại nhà Xóm Chợ": the comma after the opening was lost
        opening = next((o for o in sorted(with_unit, key=len, reverse=True) if lowered.startswith(o + " ")), None)
        if opening is not None:  # "Bệnh viện huyện Quy Hợp": the unit's name must be one of its level
            if not _known_name(part[len(opening) + 1:].strip()):
                return True
        elif MID_UNIT.search(" " + part + " "):
            return True  # "Bản Pá Sàng xã Lộc Ninh": a unit without its comma
    return False


def _unit_name_with_unit(name: str) -> bool:
    """'thị xã Sơn La' after 'huyện' and the like: the inner unit's name must be known."""
    m = UNIT_RE.match(name)
    return bool(m) and _known_name(m.group(2))


@lru_cache(maxsize=1)
def _unit_names() -> frozenset[str]:
    """Every unit name of any level, case-folded (old books name a commune after a district and so on)."""
    return frozenset(n.casefold() for vocab in units().values() for n in vocab.names)


def _known_name(name: str) -> bool:
    names = _unit_names()
    return not names or name.strip().casefold() in names


DIGIT_TYPES = ("date", "partial_date", "regno")
CODE_TYPES = ("ethnicity", "nationality", "gender")
# Two reads that agree: the least Tesseract confidence of the two from which the value is sure, per kind of
# field. Measured on the varied set's tuning part (seeds 101-103, 6161; every condition): digits and code-list
# values that agree were right 100 % from 0.5 up; names 98 % from 0.8; places 100 % from 0.9 (94 % under).
AGREE_FROM = {"digits": 0.5, "code": 0.0, "name": 0.8, "place": 0.6, "text": 0.9}
AGREED = 0.95
ONE_READ_SURE = {"code": 0.9, "digits": 0.9}  # from here one read is enough for these kinds
ONE_READ_CAP = 0.85  # a value only one read gave: right 50-80 % of the time on the tuning part
DISAGREE_CAP = 0.6  # two reads that differ: the one Tesseract was surer of is right about half the time


def kind(fdef: FieldDef) -> str:
    if fdef.type in DIGIT_TYPES:
        return "digits"
    if fdef.type in CODE_TYPES:
        return "code"
    if fdef.type == "name" or fdef.key == "nguoi_di_khai":
        return "name"
    return "place" if fdef.type == "place" else "text"


def weigh(fdef: FieldDef, first: Reading | None, second: Reading | None) -> Reading:
    """One reading from the entry's read and its zone's read (either may be missing), its confidence from
    their agreement and Tesseract's own confidence in each (the evidence is kept with the reading)."""
    if first is None and second is None:
        raise ValueError("nothing to weigh")
    k = kind(fdef)
    usable = [r for r in (first, second) if r is not None and r.value and not foreign(r.value, k == "digits")
              and (k != "digits" or plausible(fdef, r.value))]
    ev = {"kind": k, "first": first.value if first else None, "first_conf": first.confidence if first else None,
          "second": second.value if second else None, "second_conf": second.confidence if second else None}
    if not usable:
        base = first or second
        assert base is not None
        return Reading(base.value, min(base.confidence, ONE_READ_CAP), base.box, base.raw, {**ev, "reads": "none"})
    if len(usable) == 2 and _same(usable[0].value, usable[1].value):
        least = min(r.confidence for r in usable)
        conf = max(AGREED, usable[0].confidence) if least >= AGREE_FROM[k] else least
        base = usable[0]
        return Reading(base.value, round(conf, 3), base.box, base.raw, {**ev, "reads": "agree"})
    if len(usable) == 2:  # the one with a right value's shape, then the one Tesseract was surer of
        base = max(usable, key=lambda r: (not _odd(fdef, r.value), r.confidence))
        return Reading(base.value, round(min(DISAGREE_CAP, base.confidence), 3), base.box, base.raw,
                       {**ev, "reads": "disagree"})
    base = usable[0]
    sure_from = ONE_READ_SURE.get(k)
    conf = base.confidence if sure_from is not None and base.confidence >= sure_from else min(ONE_READ_CAP,
                                                                                               base.confidence)
    return Reading(base.value, round(conf, 3), base.box, base.raw, {**ev, "reads": "one"})


def _same(a: str, b: str) -> bool:
    return " ".join(a.replace(",", " , ").casefold().split()) == " ".join(b.replace(",", " , ").casefold().split())


SEQUENCE_SURE = 0.96  # a number that follows its neighbour on the page: two misreads rarely make a sequence
SEQUENCE_FILLED = 0.8  # a number put back from its neighbours: likely, not read


def by_sequence(entries: list[dict[str, Reading]], key: str = "so") -> list[dict[str, Reading]]:
    """The book's sequence as evidence: registration numbers of the entries of a page, in order, run one after
    the other (or the other way round on a page read from the bottom). A number next to its neighbour's is sure; one between two neighbours two apart
    that breaks the run (or was not read) is put back from them, not shown as sure."""
    nums = [_number(e.get(key)) for e in entries]
    steps = [b - a for a, b in zip(nums, nums[1:]) if a is not None and b is not None]
    d = -1 if steps.count(-1) > steps.count(1) else 1  # the page's order: top down, or read from the bottom
    out = [dict(e) for e in entries]
    for i, n in enumerate(nums):
        before = nums[i - 1] if i > 0 else None
        after = nums[i + 1] if i + 1 < len(nums) else None
        reading = entries[i].get(key)
        if n is not None and ((before is not None and n == before + d) or (after is not None and n == after - d)):
            assert reading is not None
            out[i][key] = Reading(reading.value, max(reading.confidence, SEQUENCE_SURE), reading.box, reading.raw,
                                  {**reading.evidence, "sequence": "follows"})
        elif before is not None and after is not None and after - before == 2 * d and n != before + d:
            box = reading.box if reading else (0, 0, 0, 0)
            out[i][key] = Reading(str(before + d), SEQUENCE_FILLED, box, reading.raw if reading else "",
                                  {**(reading.evidence if reading else {}), "sequence": "filled"})
    return out


def _number(reading: Reading | None) -> int | None:
    if reading is None or not re.fullmatch(r"\d{1,6}", reading.value):
        return None
    return int(reading.value)
