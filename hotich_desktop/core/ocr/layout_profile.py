"""A book teaches its layout: where each field's value sits inside an entry of this book.

One book is one printed form, so once the clerk has confirmed a few entries, the place of each value relative
to its entry box is known for the rest of the book. Places are kept as fractions of the straightened entry
(0..1 across, 0..1 down, the entry's own top-left corner as origin), so they hold for every scan resolution,
skew or perspective of the book's pages.

The API is small on purpose (issue 22 refines it with approvals):

- `relative_box(polygon, bbox)`: a page-pixel box as fractions of the entry polygon (tl, tr, br, bl).
- `learn(profile, polygon, fields, ocr)`: a new profile with what one confirmed entry shows: a field whose
  saved value is the value OCR read there tells where that field sits. Learnt when the clerk saves an entry
  and once more when a supervisor approves it (`approved=True`): the approved values are the final word (a
  supervisor's correction teaches then), and a checked entry weighs twice one only saved.
- `draw(profile, key, box)`: a zone the clerk drew by hand; it wins over learned ones until redrawn.
- `LayoutProfile.zone(key)`: the zone to read `key` from, once seen `MIN_SEEN` times (or drawn).
- `LayoutProfile.as_json()` / `LayoutProfile.from_json()`: how it is stored with the book.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

MIN_SEEN = 2  # one entry can be an oddity (a value written in the margin); two that agree are the form
KEEP = 12  # a running mean over the last entries: a clerk's early corrections weigh as much as later ones


@dataclass(frozen=True)
class Zone:
    """A field's place as fractions of the entry: (x0, y0, x1, y1), and from how many entries."""

    box: tuple[float, float, float, float]
    seen: int = 1
    drawn: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"box": [round(v, 4) for v in self.box], "seen": self.seen, "drawn": self.drawn}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Zone:
        box = tuple(float(v) for v in data["box"])
        if len(box) != 4:
            raise ValueError("a zone has four numbers")
        return cls(_clamped(box), int(data.get("seen", 1)), bool(data.get("drawn", False)))


@dataclass(frozen=True)
class LayoutProfile:
    """The zones of one book, by field key (empty for a book nobody has confirmed yet)."""

    zones: dict[str, Zone] = field(default_factory=dict)
    entries: int = 0  # confirmed entries learned from
    learned: tuple[int, ...] = ()  # the last entry ids learned from: saving an entry again teaches nothing new
    approved: tuple[int, ...] = ()  # the last entry ids learned from at their approval (once each as well)

    def zone(self, key: str) -> tuple[float, float, float, float] | None:
        z = self.zones.get(key)
        if z is None or not (z.drawn or z.seen >= MIN_SEEN):
            return None
        return z.box

    def known(self) -> dict[str, tuple[float, float, float, float]]:
        """Every zone trusted enough to read from."""
        return {k: b for k in self.zones if (b := self.zone(k)) is not None}

    def as_json(self) -> dict[str, Any]:
        return {"version": 1, "entries": self.entries, "learned": list(self.learned),
                "approved": list(self.approved), "zones": {k: z.as_json() for k, z in sorted(self.zones.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> LayoutProfile:
        """A stored profile; anything unreadable is dropped (the book then reads as if new)."""
        if not isinstance(data, Mapping):
            return cls()
        zones = {}
        for key, z in (data.get("zones") or {}).items():
            try:
                zones[str(key)] = Zone.from_json(z)
            except (KeyError, TypeError, ValueError):
                continue
        try:
            learned = tuple(int(i) for i in data.get("learned") or ())
            approved = tuple(int(i) for i in data.get("approved") or ())
            entries = int(data.get("entries", 0) or 0)
        except (TypeError, ValueError):
            learned, approved, entries = (), (), 0
        return cls(zones, entries, learned, approved)


def _clamped(box: Sequence[float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (round(min(1.0, max(0.0, float(v))), 4) for v in box)  # as stored
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def relative_box(polygon: Sequence[Sequence[float]], bbox: Sequence[float]) -> tuple[float, float, float, float]:
    """`bbox` (page pixels) as fractions of the entry `polygon` (tl, tr, br, bl in page pixels), measured
    along the entry's own edges as the reader straightens it."""
    tl, tr, br, bl = (np.asarray(p, dtype=np.float64) for p in polygon)
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    x_axis = (tr - tl) / max(np.linalg.norm(tr - tl), 1e-6)
    y_axis = (bl - tl) / max(np.linalg.norm(bl - tl), 1e-6)
    x0, y0, x1, y1 = (float(v) for v in bbox)
    us, vs = [], []
    for px, py in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        d = np.array([px, py]) - tl
        us.append(float(d @ x_axis) / max(width, 1.0))
        vs.append(float(d @ y_axis) / max(height, 1.0))
    return _clamped((min(us), min(vs), max(us), max(vs)))


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a or "").strip().casefold() == unicodedata.normalize("NFC", b or "").strip().casefold()


def learn(profile: LayoutProfile, polygon: Sequence[Sequence[float]], fields: Mapping[str, Any],
          ocr: Mapping[str, Any], entry_id: int | None = None, approved: bool = False) -> LayoutProfile:
    """The profile after one confirmed entry: every field the clerk kept as OCR read it moves its zone
    towards where it was read. A field the clerk changed teaches nothing (its box may hold another value);
    an entry already learned from (`entry_id` seen before) teaches nothing again, except once more at its
    approval (`approved`): what a supervisor approved is surer than what a clerk saved."""
    seen = profile.approved if approved else profile.learned
    if entry_id is not None and entry_id in seen:
        return profile
    zones = dict(profile.zones)
    learned = False
    for key, read in ocr.items():
        if not isinstance(read, Mapping) or not read.get("bbox") or not read.get("value"):
            continue
        if not _same(str(fields.get(key, "")), str(read["value"])):
            continue
        box = relative_box(polygon, read["bbox"])
        if box[2] - box[0] < 0.005 or box[3] - box[1] < 0.002:
            continue
        old = zones.get(key)
        if old is not None and old.drawn:
            continue
        if old is None:
            zones[key] = Zone(box)
        else:
            n = min(old.seen, KEEP - 1)
            y0, y1 = ((o * n + b) / (n + 1) for o, b in ((old.box[1], box[1]), (old.box[3], box[3])))
            # across: every place a value of this field reached (values differ in length); down: the mean line
            zones[key] = Zone(_clamped((min(old.box[0], box[0]), y0, max(old.box[2], box[2]), y1)), old.seen + 1)
        learned = True
    if not learned:
        return profile
    if entry_id is None:
        return replace(profile, zones=zones, entries=profile.entries + 1)
    ids = tuple(dict.fromkeys((*profile.learned, entry_id)))[-KEEP * 4:]
    done = tuple(dict.fromkeys((*profile.approved, entry_id)))[-KEEP * 4:] if approved else profile.approved
    return replace(profile, zones=zones, entries=profile.entries + 1, learned=ids, approved=done)


def draw(profile: LayoutProfile, key: str, box: Sequence[float]) -> LayoutProfile:
    """The clerk's own zone for `key` (fractions of the entry); it is read from at once."""
    if len(box) != 4:
        raise ValueError("a zone has four numbers")
    zones = dict(profile.zones)
    zones[key] = Zone(_clamped(box), max(MIN_SEEN, zones[key].seen if key in zones else 0), drawn=True)
    return replace(profile, zones=zones)


def in_crop(box: Sequence[float], width: int, height: int, pad: float = 0.15) -> tuple[int, int, int, int]:
    """A zone in the pixels of a straightened entry crop of `width` x `height`, grown by `pad` of its height
    (hands wander above and below a value's usual place)."""
    x0, y0, x1, y1 = box
    grow_y = (y1 - y0) * pad * 2
    grow_x = (y1 - y0) * height * pad / max(width, 1)
    return (max(0, int((x0 - grow_x) * width)), max(0, int((y0 - grow_y) * height)),
            min(width, int(round((x1 + grow_x) * width))), min(height, int(round((y1 + grow_y) * height))))
