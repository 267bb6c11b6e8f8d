"""Known words that OCR of handwriting gets nearly right: place names of the administrative units as they
were before the 2025 reform (old books use them; from vietnam-provinces 0.6), common opening phrases of a
place, and common family names. Only OCR output is corrected here; what a clerk types is never changed."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from unidecode import unidecode

from ..workspace import resources_dir

UNIT_WORDS = {"tỉnh": "province", "thành phố": "district", "huyện": "district", "quận": "district",
              "thị xã": "district", "xã": "ward", "phường": "ward", "thị trấn": "ward"}
UNIT_PREFIXES = ("Tỉnh ", "Thành phố ", "Huyện ", "Quận ", "Thị xã ", "Xã ", "Phường ", "Thị trấn ")
CUTOFF = 78


def _flat(text: str) -> str:
    return unidecode(text).lower()


def _strip_unit(name: str) -> str:
    for prefix in UNIT_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@dataclass(frozen=True)
class Vocabulary:
    """Known spellings and the same without accents, built once per list (the ward list has 10,000)."""

    names: tuple[str, ...]
    flats: tuple[str, ...]

    @classmethod
    def of(cls, names: list[str] | set[str]) -> Vocabulary:
        ordered = tuple(sorted(names))
        return cls(ordered, tuple(_flat(n) for n in ordered))


@lru_cache(maxsize=1)
def units() -> dict[str, Vocabulary]:
    """Unit names by level; empty when the package is missing (then nothing is corrected)."""
    out: dict[str, set[str]] = {"province": set(), "district": set(), "ward": set()}
    try:
        import vietnam_provinces as vp

        data = json.loads(Path(vp.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError, AttributeError):
        data = []
    for province in data:
        out["province"].add(_strip_unit(province["name"]))
        for district in province.get("districts", []):
            out["district"].add(_strip_unit(district["name"]))
            out["ward"].update(_strip_unit(w["name"]) for w in district.get("wards", []))
    out["district"] |= out["province"]  # "thị xã Sơn La", "thành phố Lào Cai"
    return {k: Vocabulary.of(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def vocabulary(name: str) -> Vocabulary:
    """A word list from resources/codes/ (or the unit words themselves)."""
    if name == "unit_words":
        return Vocabulary.of(set(UNIT_WORDS))
    raw = json.loads((resources_dir() / "codes" / f"{name}.json").read_text(encoding="utf-8"))
    return Vocabulary.of(set(raw["values"]))


def _score(a: str, b: str) -> float:
    """Letters count most (handwriting loses accents first); the accents break ties."""
    return 0.6 * fuzz.ratio(_flat(a), _flat(b)) + 0.4 * fuzz.ratio(a, b)


def _best(text: str, vocab: Vocabulary, cutoff: int = CUTOFF) -> str | None:
    """The one clearly best known spelling, or None when nothing is close or two are equally close."""
    if not vocab.names or not text.strip():
        return None
    near = process.extract(_flat(text), vocab.flats, scorer=fuzz.ratio, limit=6)
    ranked = sorted(((_score(text, vocab.names[i]), vocab.names[i]) for _, _, i in near), reverse=True)
    if not ranked or ranked[0][0] < cutoff:
        return None
    if len(ranked) > 1 and ranked[1][0] >= ranked[0][0] - 2 and _flat(ranked[1][1]) != _flat(ranked[0][1]):
        return None
    return ranked[0][1]


def correct_place(value: str) -> str:
    """Each comma part: its unit word and the unit's name snapped to the known names of that level."""
    value = re.sub(r"\s*[.;]\s+(?=\w)", ", ", value.strip())  # "xã Châu Quang. huyện" is a comma misread
    parts = [q for p in value.split(",") for q in _split_units(p.strip())]
    fixed = []
    for i, part in enumerate(parts):
        if i == 0:
            part = _fix_opening(part)
        fixed.append(_fix_unit(part))
    return ", ".join(p for p in fixed if p)


UNIT_START = re.compile(r"\s(?=(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s)", re.IGNORECASE)


def _split_units(part: str) -> list[str]:
    """A comma the reading lost between two units ("xã Tân Thành huyện Đồng Xoài"): a unit word after a
    unit's name starts a new part. "Bệnh viện huyện X" (no unit before) and "huyện thị xã X" (a unit word
    right before) stay whole."""
    words = part.split()
    if not words:
        return [part]
    cuts = []
    for m in UNIT_START.finditer(part):
        before = part[:m.start()].split()
        if not before or _unit_word([*before[-2:], "x"]) is not None or _unit_word([before[-1], "x"]) is not None:
            continue
        if any(_unit_word([*before[i:i + 2], "x"]) is not None for i in range(len(before) - 1)) or \
                any(_unit_word([b, "x"]) is not None for b in before[:-1]):
            cuts.append(m.start())
    if not cuts:
        return [part]
    pieces, last = [], 0
    for c in cuts:
        pieces.append(part[last:c].strip())
        last = c
    pieces.append(part[last:].strip())
    return [p for p in pieces if p]


def _fix_opening(part: str) -> str:
    words = part.split()
    for n in (4, 3, 2, 1):
        if len(words) < n:
            continue
        best = _best(" ".join(words[:n]), vocabulary("noi_chon"), 72)
        if best and len(best.split()) == n:
            return " ".join([best, *words[n:]])
    return part


def _unit_word(words: list[str]) -> tuple[str, str, int] | None:
    """(unit as written correctly, level, words used) when the part starts with a unit word."""
    for n in (2, 1):
        if len(words) > n:
            best = _best(" ".join(words[:n]).lower(), vocabulary("unit_words"), 80)
            if best and len(best.split()) == n:
                return best, UNIT_WORDS[best], n
    return None


def _fix_unit(part: str) -> str:
    words = part.split()
    found = _unit_word(words)
    if found is None:
        return part
    unit, level, n = found
    if words[0][0].isupper():
        unit = unit[0].upper() + unit[1:]
    rest = words[n:]
    if _unit_word(rest) is not None:  # "huyện thị xã Sơn La"
        return f"{unit} {_fix_unit(' '.join(rest))}"
    name = " ".join(rest)
    best = _best(name, units()[level])
    if best and level == "ward" and fuzz.ratio(_flat(best), _flat(name)) < 92:
        best = None  # 10,000 communes, many renamed since old books: only accents and a letter are fixed
    return f"{unit} {best or name}"


def correct_family_name(value: str) -> str:
    """The first word of a person's name snapped to a known family name when it is not one already."""
    words = value.split()
    if len(words) < 2:
        return value
    known = vocabulary("ho")
    if words[0] in known.names:
        return value
    best = _best(re.sub(r"[^\wÀ-ỹ']", "", words[0]), known, 60)
    return " ".join([best, *words[1:]]) if best else value
