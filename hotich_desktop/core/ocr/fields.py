"""Turning OCR words into form values: labelled blocks ("Họ và tên: …") and ruled register columns."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz
from unidecode import unidecode

from ..records.forms import FieldDef, FormDef
from ..records.normalize import match_code, normalize_value
from .engine import Word
from .lexicon import correct_family_name, correct_place


@dataclass
class Reading:
    """A field as read: the normalised value, a 0..1 confidence and the words' box in the crop."""

    value: str
    confidence: float
    box: tuple[int, int, int, int]
    raw: str = ""
    evidence: dict = field(default_factory=dict)  # what the confidence rests on (confidence.py)


def _token(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unidecode(text).lower())


def _lines(words: Sequence[Word]) -> list[list[Word]]:
    groups: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    for w in words:
        groups[w.line].append(w)
    lines = [sorted(g, key=lambda w: w.x0) for g in groups.values()]
    return sorted(lines, key=lambda ln: (min(w.y0 for w in ln), ln[0].x0))


def _label_hits(line: list[Word], labels: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) spans of printed labels in one line, best and longest first."""
    tokens = [_token(w.text) for w in line]
    found: list[tuple[float, int, int, int, str]] = []
    for label in labels:
        want = _token(label)
        n = len(label.split())
        for i in range(len(line)):
            for span in (n - 1, n, n + 1):
                j = i + span
                if span < 1 or j > len(line):
                    continue
                got = "".join(tokens[i:j])
                score = fuzz.ratio(got, want)
                if score >= 80 and (len(want) > 4 or _short_label_at(line, got, want, j)):
                    found.append((score, len(want), i, j, label))
    found.sort(key=lambda f: (-f[0], -f[1]))
    taken: set[int] = set()
    hits = []
    for _, _, i, j, label in found:
        if taken.isdisjoint(range(i, j)):
            taken.update(range(i, j))
            hits.append((i, j, label))
    return sorted(hits)


def _short_label_at(line: list[Word], got: str, want: str, end: int) -> bool:
    """A short label ("Số") must match exactly and end with its colon, or a word like "Sơn" in
    "tỉnh Sơn La" would cut the value it belongs to."""
    return got == want and (line[end - 1].text.rstrip().endswith(":") or
                            (end < len(line) and line[end].text.startswith(":")))


NOISE_CONF = 0.5  # a stain, a seal's ring or the next cell's edge read as letters scores under this


def _without_edge_noise(words: list[Word]) -> list[Word]:
    """Marks at either end of a value that hold no letter, or that Tesseract barely believes AND that stand
    apart from the value (a seal's ring, the next cell's edge). A faint word of the name itself sits at a
    word space from its neighbour and stays: losing a word costs the clerk more than a stray mark."""
    if len(words) < 2:
        return words
    height = float(np.median([w.y1 - w.y0 for w in words]))

    def noise(w: Word, neighbour: Word) -> bool:
        if not re.search(r"[A-Za-zÀ-ỹ0-9]", w.text):
            return True
        gap = max(w.x0 - neighbour.x1, neighbour.x0 - w.x1)
        return w.conf < NOISE_CONF and gap > 1.5 * height

    while len(words) > 1 and noise(words[-1], words[-2]):
        words = words[:-1]
    while len(words) > 1 and noise(words[0], words[1]):
        words = words[1:]
    return words


def _reading(words: Sequence[Word], fdef: FieldDef) -> Reading | None:
    words = [w for w in words if w.text not in (":", "-", "_", "|", ".")]
    if fdef.type not in ("date", "partial_date", "regno"):
        words = _without_edge_noise(words)
    if not words:
        return None
    raw = " ".join(w.text for w in words).strip(" :;,.|_-")
    raw = re.sub(r"^[:;.\s]+", "", raw)
    if not raw:
        return None
    conf = sum(w.conf for w in words) / len(words)
    value, certainty = clean_value(fdef, raw)
    box = (min(w.x0 for w in words), min(w.y0 for w in words), max(w.x1 for w in words), max(w.y1 for w in words))
    return Reading(value, round(conf * certainty, 3), box, raw,
                   {"tess": round(conf, 3), "tess_min": round(min(w.conf for w in words), 3), "cert": certainty})


def reading_of(words: Sequence[Word], fdef: FieldDef) -> Reading | None:
    """The value `words` give for `fdef`, cleaned as a first read would be (None for no value)."""
    return _reading(words, fdef)


DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "Ở": "0", "ở": "0", "D": "0", "l": "1", "I": "1", "|": "1",
                             "i": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9",
                             "q": "9", "T": "7", "?": "7", "ố": "6", "b": "6"})


def _fix_day_month(value: str) -> str:
    """A day or month over its range read with a 7 for a 1 ('70/02', '77/05') gets its 1 back."""
    parts = value.split("/")
    if len(parts) == 3:
        limits = (31, 12)
        for i, top in enumerate(limits):
            if parts[i].isdigit() and int(parts[i]) > top and "7" in parts[i]:
                parts[i] = parts[i].replace("7", "1")
        return "/".join(parts)
    return value


LEADING_DIGIT_AS_LETTER = {"7": "T", "3": "B", "0": "O", "4": "A", "8": "B", "6": "G"}


def _fix_text(raw: str) -> str:
    """Capital letters read as digits at a word's start ('7ại nhà', '3ình Phước')."""
    return re.sub(r"(?<![\w])([734086])(?=[a-zà-ỹ])", lambda m: LEADING_DIGIT_AS_LETTER[m.group(1)], raw)


def _fix_year(y: str) -> str:
    """Italic hands make a 1 look like a 7: '7944' is read as 1944 when 7944 is impossible."""
    if len(y) == 4 and y[0] == "7":
        return "1" + y[1:]
    return y


def plausible(fdef: FieldDef, value: str) -> bool:
    """A date that can be a date (day, month, a year of these books), a number that is a number."""
    if fdef.type == "regno":
        return bool(re.fullmatch(r"\d{1,6}", value))
    m = re.fullmatch(r"(?:(\d{2})/)?(?:(\d{2})/)?(\d{4})", value)
    if not m:
        return False
    day, month, year = m.group(1), m.group(2), int(m.group(3))
    if day and not month:
        day, month = None, day
    if fdef.type == "date" and not (day and month):
        return False
    return 1880 <= year <= 2100 and (not month or 1 <= int(month) <= 12) and (not day or 1 <= int(day) <= 31)


def clean_value(fdef: FieldDef, raw: str) -> tuple[str, float]:
    """Normalised value and how sure the cleaning is (1.0 when it only tidied)."""
    t = fdef.type
    if t in ("date", "partial_date", "regno"):
        fixed = raw.translate(DIGIT_FIXES)
        fixed = re.sub(r"[^0-9/.\-\s]", "", fixed).strip()
        fixed = re.sub(r"\d{4}", lambda m: _fix_year(m.group()), fixed)
        if t != "regno":  # a slash lost: '2501/1969'
            fixed = re.sub(r"^(\d{2})(\d{2})/(\d{4})$", r"\1/\2/\3", fixed)
        value = normalize_value(fdef, _fix_day_month(fixed.replace(" ", "")))
        ok = bool(re.fullmatch(r"(\d{2}/)?(\d{2}/)?\d{4}", value)) if t != "regno" else value.isdigit()
        return value, 1.0 if ok and fixed == raw else (0.8 if ok else 0.3)
    if t in ("ethnicity", "nationality"):
        value, score = match_code("dan_toc" if t == "ethnicity" else "quoc_tich", raw, cutoff=55)
        return (value, max(score, 0.3)) if value else ("", 0.0)  # junk that cleans to nothing reads nothing
    if t == "gender":
        flat = _token(raw)
        if flat.startswith("n") and len(flat) <= 3:
            if "a" in flat or "m" in flat[1:]:
                return "Nam", 0.9
            return "Nữ", 0.85
        if len(raw.split()) > 1:  # "Nam Kinh": the next field's value ran on after the gender
            first, certainty = clean_value(fdef, raw.split()[0])
            if first in ("Nam", "Nữ"):
                return first, certainty * 0.8
        return normalize_value(fdef, raw), 0.4
    fixed = _fix_text(raw)
    if t == "place":
        fixed = correct_place(fixed)
    elif t == "name" or fdef.key == "nguoi_di_khai":
        fixed = correct_family_name(fixed)
    return normalize_value(fdef, fixed), 1.0 if fixed == raw else 0.8


def read_labelled(words: Sequence[Word], form: FormDef, keys: set[str], width: int = 0,
                  zones: dict[str, tuple[int, int, int, int]] | None = None) -> dict[str, Reading]:
    """Values after their printed labels; `zones` (when given) gets each found label's value zone: from the
    label's end to the next label on its line (or the entry's edge), a little higher than the label, as
    hands write above the printed line."""
    queues: dict[str, list[FieldDef]] = defaultdict(list)
    for f in form.fields:
        queues[f.printed_label].append(f)
    labels = sorted(queues, key=len, reverse=True)
    out: dict[str, Reading] = {}
    right = width or max((w.x1 for w in words), default=0)
    for line in _lines(words):
        hits = _label_hits(line, labels)
        for n, (i, j, label) in enumerate(hits):
            if not queues[label]:
                continue
            fdef = queues[label].pop(0)
            end = hits[n + 1][0] if n + 1 < len(hits) else len(line)
            if fdef.key in keys:
                reading = _reading(line[j:end], fdef)
                if reading:
                    out[fdef.key] = reading
                if zones is not None:
                    lab = line[i:j]
                    y0, y1 = min(w.y0 for w in lab), max(w.y1 for w in lab)
                    lh = max(8, y1 - y0)
                    x1 = line[end].x0 - 4 if end < len(line) else right
                    zones[fdef.key] = (lab[-1].x1 + 2, max(0, y0 - lh // 2), x1, y1 + lh // 4)
    return out


def read_table(words: Sequence[Word], form: FormDef, keys: set[str], rules: Sequence[int],
               size: tuple[int, int]) -> dict[str, Reading]:
    width, height = size
    edges = [0, *sorted(rules), width]
    columns = [(a, b) for a, b in zip(edges, edges[1:]) if b - a > width * 0.05]
    out: dict[str, Reading] = {}
    for (x0, x1), col_keys in zip(columns, form.table_columns):
        slot_h = height / max(1, len(col_keys))
        slots: dict[int, list[Word]] = defaultdict(list)
        for w in words:
            if x0 <= (w.x0 + w.x1) / 2 < x1:
                slots[min(len(col_keys) - 1, int(w.cy // slot_h))].append(w)
        for slot, found in slots.items():
            fdef = form.field(col_keys[slot])
            if fdef and fdef.key in keys:
                ordered = [w for line in _lines(found) for w in line]
                reading = _reading(ordered, fdef)
                if reading:
                    out[fdef.key] = reading
    return out
