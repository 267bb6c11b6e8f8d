"""What one approved record teaches: the commune's words by kind, counted.

Kinds: `ho` (family names), `dem` (middle-name words), `ten` (given names), `person` (whole names of anyone
the book names: parents, informants, officials who signed), `part` (a comma part of a place: hamlet, commune,
district), `field:<key>` (a field's whole value: places of birth, residences, causes of death, officials),
`relation` (which relative registers: cha, mẹ, con, ...). A coded value (sex, ethnicity, nationality) is
kept whole, as `field:<key>` only: its drop-down is ranked by what the book writes most ("Thái" first in a
Thái commune). Dates and numbers teach nothing here: the book's order (priors.py) does that job.
"""
from __future__ import annotations

import re
from collections import Counter

from ..records.forms import FieldDef, load_form
from .text import nfc

TEXT_TYPES = ("name", "place", "text")
CODED_TYPES = ("gender", "ethnicity", "nationality")  # whole values only: completion ranked by the book
MAX_VALUE = 400
PERSON_RELATION = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<rel>[^()]{1,20})\)\s*$")


def key(kind: str, value: str) -> str:
    return f"{kind}\t{value}"


def split_key(k: str) -> tuple[str, str]:
    kind, _, value = k.partition("\t")
    return kind, value


def learns(fdef: FieldDef) -> bool:
    """Fields whose values are worth learning: names, places, free text and coded values (not dates or
    numbers)."""
    return fdef.type in TEXT_TYPES or fdef.type in CODED_TYPES


def name_terms(name: str) -> Counter[str]:
    words = nfc(name).split()
    out: Counter[str] = Counter()
    if len(words) < 2 or any(not re.fullmatch(r"[\wÀ-ỹ'-]+", w) for w in words):
        return out
    out[key("ho", words[0])] += 1
    out[key("ten", words[-1])] += 1
    for w in words[1:-1]:
        out[key("dem", w)] += 1
    out[key("person", " ".join(words))] += 1
    return out


def person_of(text: str) -> tuple[str, str]:
    """("Nguyễn Văn A", "cha") from "Nguyễn Văn A (cha)"; (text, "") without a relation."""
    m = PERSON_RELATION.match(nfc(text))
    return (m.group("name").strip(), m.group("rel").strip()) if m else (nfc(text), "")


def terms_of(book_type: str, fields: dict[str, str]) -> Counter[str]:
    """Every term a record's values teach, with how often it holds each."""
    form = load_form(book_type)
    out: Counter[str] = Counter()
    for k, raw in fields.items():
        fdef = form.field(k)
        value = nfc(str(raw or ""))[:MAX_VALUE]
        if fdef is None or not value or not learns(fdef):
            continue
        out[key(f"field:{k}", value)] += 1
        if fdef.type == "name":
            out.update(name_terms(value))
        elif fdef.type == "place":
            for part in (p.strip() for p in value.split(",")):
                if part:
                    out[key("part", part)] += 1
        else:
            person, rel = person_of(value)
            if rel:
                out.update(name_terms(person))
                out[key("relation", rel)] += 1
    return out
