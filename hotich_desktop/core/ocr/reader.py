"""Reading every entry of a page: crops prepared, Tesseract run in parallel processes, values mapped."""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from ..records.forms import load_form
from ..imaging.geometry import apply_affine, bbox_of, to_raw
from ..imaging.loader import Frame
from .confidence import by_sequence, trust, weigh
from .engine import Word, check, read_words
from .fields import Reading, clean_value, plausible, read_labelled, read_table
from .fields import reading_of as _reading_of
from .layout_profile import LayoutProfile, in_crop
from .zones import DIGITS, grow_along_ink, missing_rules, read_zones, table_zones
from .prepare import prepare


@dataclass
class FieldReading:
    """A value with its confidence and its box in the page (upright pixels)."""

    value: str
    confidence: float
    bbox: list[float]
    evidence: dict = field(default_factory=dict)  # what the confidence rests on (not part of the JSON)

    def as_json(self, frame: Frame | None = None, raw_size: tuple[int, int] | None = None) -> dict[str, Any]:
        box = self.bbox
        if frame is not None and raw_size is not None and frame.orientation != 1:
            pts = [to_raw(x, y, frame.orientation, *raw_size) for x, y in
                   ((box[0], box[1]), (box[2], box[3]))]
            box = bbox_of(pts)
        return {"value": self.value, "confidence": self.confidence, "bbox": [int(round(v)) for v in box]}


def _read_one(frame: Frame, polygon: Sequence[Sequence[float]], book_type: str,
              keys: set[str], lang: str, profile: LayoutProfile | None = None
              ) -> tuple[dict[str, Reading], np.ndarray]:
    """The entry's readings (boxes in the crop) and the crop->page affine."""
    form = load_form(book_type)
    gray, matrix, rules = prepare(frame.image, polygon, frame.dpi)
    if float(gray.min()) > 200:  # blank crop: nothing to read
        return {}, cv2.invertAffineTransform(matrix)
    h, w = gray.shape
    if form.table_columns and 0 < len(rules) < len(form.table_columns) - 1:
        rules = missing_rules(gray, rules, len(form.table_columns) - 1)
    table = bool(form.table_columns) and len(rules) >= len(form.table_columns) - 1
    top = _top_fraction(form, keys, table)
    words = read_words(gray[: max(40, int(h * top))] if top < 1 else gray, lang=lang)
    turned = False
    if _mean_conf(words) < LOW_CONFIDENCE:  # maybe upside down: a second look costs one more run
        flipped = read_words(np.ascontiguousarray(gray[::-1, ::-1]), lang=lang)
        if _mean_conf(flipped) > _mean_conf(words) + 0.1:
            words, turned, rules = flipped, True, [w - x for x in rules]
    used = np.ascontiguousarray(gray[::-1, ::-1]) if turned else gray
    zones: dict[str, tuple[int, int, int, int]] = {}
    if table:
        readings = read_table(words, form, keys, list(rules), (w, h))
        zones = table_zones(used, list(rules), form.table_columns)
    else:
        readings = read_labelled(words, form, keys, w, zones)
    readings = _second_look(used, form, keys, readings, zones, lang)
    if profile is not None and not turned:
        readings = _profile_look(used, form, keys, readings, profile, lang)
    readings = {k: _trusted(form, k, r) for k, r in readings.items()}
    if turned:
        readings = {k: _unturn(r, w, h) for k, r in readings.items()}
    return readings, cv2.invertAffineTransform(matrix)


def _trusted(form, key: str, reading: Reading) -> Reading:  # noqa: ANN001
    """The reading with its confidence capped when the value has no right value's shape (confidence.py)."""
    fdef = form.field(key)
    if fdef is None:
        return reading
    conf = trust(fdef, reading.value, reading.confidence)
    if conf == reading.confidence:
        return reading
    return Reading(reading.value, conf, reading.box, reading.raw, {**reading.evidence, "capped": True})


DIGIT_TYPES = ("date", "partial_date", "regno")


def _second_look(gray: np.ndarray, form, keys: set[str], readings: dict[str, Reading],  # noqa: ANN001
                 zones: dict[str, tuple[int, int, int, int]], lang: str) -> dict[str, Reading]:
    """Every field with a zone read again from its zone alone, line by line (dates and numbers with digits
    and '/' only): the two reads are the evidence confidence.py weighs."""
    wanted = {k: z for k, z in zones.items() if k in keys and form.field(k) is not None}
    digit_zones = {k: z for k, z in wanted.items() if form.field(k).type in DIGIT_TYPES}
    text_zones = {k: z for k, z in wanted.items() if k not in digit_zones}
    seconds: dict[str, Reading] = {}
    for group, allowed in ((digit_zones, DIGITS), (text_zones, "")):
        if not group:
            continue
        for key, (words, box) in read_zones(gray, group, lang, allowed).items():
            fdef = form.field(key)
            again = _reading_of(words, fdef) if words else None
            if again is not None:
                seconds[key] = Reading(again.value, again.confidence, box, again.raw, again.evidence)
    out = dict(readings)
    for key in set(readings) | set(seconds):
        out[key] = weigh(form.field(key), readings.get(key), seconds.get(key))
    return out


def _profile_look(gray: np.ndarray, form, keys: set[str], readings: dict[str, Reading],  # noqa: ANN001
                  profile: LayoutProfile, lang: str) -> dict[str, Reading]:
    """Fields read again where this book keeps them (its layout profile), one line each with the characters
    the field allows. Agreement with the first read weighs as two agreeing reads do; a field the first read missed is
    filled but not shown as sure; a disagreement leaves the field unsure, unless the entry's and its zone's
    reads agreed on it (two reads against one)."""
    h, w = gray.shape
    out = dict(readings)
    for key, frac in profile.known().items():
        fdef = form.field(key)
        if fdef is None or key not in keys:
            continue
        digits = fdef.type in DIGIT_TYPES
        x0, y0, x1, y1 = grow_along_ink(gray, in_crop(frac, w, h))
        if x1 - x0 < 8 or y1 - y0 < 8:
            continue
        words = read_words(np.ascontiguousarray(gray[y0:y1, x0:x1]), lang=lang, psm=7,
                           whitelist=DIGITS if digits else "")
        words = [Word(wd.text, wd.conf, wd.x0 + x0, wd.y0 + y0, wd.x1 + x0, wd.y1 + y0, wd.line) for wd in words]
        again = _reading_of(words, fdef)
        if again is None or (digits and not plausible(fdef, again.value)):
            continue
        first = readings.get(key)
        if first is not None and first.value == again.value:  # sure as two agreeing reads are (confidence.py)
            both = weigh(fdef, first, again)
            out[key] = Reading(first.value, round(max(first.confidence, both.confidence), 3), first.box, first.raw,
                               {**first.evidence, "profile": "agree"})
        elif first is None or not first.value or (digits and not plausible(fdef, first.value)):
            out[key] = Reading(again.value, round(min(PROFILE_ALONE, again.confidence), 3), again.box, again.raw)
        elif first.evidence.get("reads") == "agree" and first.confidence >= 0.9:
            continue  # two reads that agreed outweigh one read of the profile's zone
        else:
            better = again if again.confidence > first.confidence + 0.1 else first
            out[key] = Reading(better.value, round(min(PROFILE_DISAGREE, better.confidence), 3), better.box, better.raw,
                               {**first.evidence, "profile": "disagree"})
    return out


PROFILE_ALONE, PROFILE_DISAGREE = 0.85, 0.6


LOW_CONFIDENCE = 0.6  # upside-down text still "reads" at about 0.45


def _mean_conf(words: Sequence[Any]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _unturn(reading: Reading, w: int, h: int) -> Reading:
    """A box read on the crop turned 180 degrees, back in the crop's own pixels."""
    x0, y0, x1, y1 = reading.box
    return Reading(reading.value, reading.confidence, (w - x1, h - y1, w - x0, h - y0), reading.raw, reading.evidence)


def _top_fraction(form, keys: set[str], table: bool) -> float:  # noqa: ANN001
    """How much of the entry (from the top) holds `keys`: reading less is faster when only a few are wanted."""
    if set(form.keys) <= keys:
        return 1.0
    if table:
        spans = [(col.index(k) + 1) / len(col) for col in form.table_columns for k in keys if k in col]
        return min(1.0, max(spans, default=1.0) + 0.05)
    order = [f.key for f in form.fields]
    last = max((order.index(k) for k in keys if k in order), default=len(order))
    return min(1.0, max(0.35, (last + 3) / len(order)))


SHOW_FLOOR = 0.05  # under this a value is noise: the field stays empty, its box (the snippet) stays. Measured on
# the varied set's tuning part, any higher floor cost keys: wrong values there are mostly near misses.


def _to_page(reading: Reading, back: np.ndarray) -> FieldReading:
    """The reading in page pixels; a value too unsure to help is not shown (deleting noise costs the clerk
    more keys than typing into an empty field)."""
    x0, y0, x1, y1 = reading.box
    quad = apply_affine(back, [[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    value = reading.value if reading.confidence >= SHOW_FLOOR else ""
    return FieldReading(value, reading.confidence, bbox_of(quad), reading.evidence)


def read_entries(frame: Frame, polygons: Iterable[Sequence[Sequence[float]]], book_type: str,
                 only: set[str] | None = None, lang: str = "vie", profile: LayoutProfile | None = None
                 ) -> list[dict[str, FieldReading]]:
    """One dict of readings per polygon, in the same order. Raises OcrUnavailable without Tesseract.
    `profile`: the book's layout (layout_profile.py), when it has one: its zones are read as well."""
    check(lang)
    keys = set(only) if only else set(load_form(book_type).keys)
    polys = list(polygons)
    workers = max(1, min(len(polys), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:  # each Tesseract call is its own process
        found = list(pool.map(lambda p: _read_one(frame, p, book_type, keys, lang, profile), polys))
    readings = [r for r, _ in found]
    if "so" in keys:
        readings = by_sequence(readings)
    return [{k: _to_page(r, back) for k, r in entry.items()} for entry, (_, back) in zip(readings, found)]
