"""The commune's words in memory: each value with how often this book and this office wrote it, matched
fuzzily (Vietnamese-aware) to snap OCR output, and by prefix to complete what the clerk types."""
from __future__ import annotations

import bisect
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .text import flat, similarity

BOOK_WEIGHT = 3  # a value this book already wrote counts three times one from the office's other books


@dataclass
class Kind:
    """The values of one kind, their weights and their accent-free forms (built once per lexicon)."""

    values: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    flats: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    _order: list[tuple[str, int]] | None = None  # (accent-free form, position), sorted: prefix look-ups

    def add(self, value: str, weight: float) -> None:
        i = self.index.get(value)
        if i is None:
            self.index[value] = len(self.values)
            self.values.append(value)
            self.weights.append(weight)
            self.flats.append(flat(value))
            self._order = None
        else:
            self.weights[i] += weight

    def starting(self, prefix: str) -> list[int]:
        """Positions of the values whose accent-free form starts with `prefix` (already accent-free)."""
        if self._order is None:
            self._order = sorted(zip(self.flats, range(len(self.flats))))
        lo = bisect.bisect_left(self._order, (prefix, -1))
        out = []
        for f, i in self._order[lo:]:
            if not f.startswith(prefix):
                break
            out.append(i)
        return out


@dataclass(frozen=True)
class Match:
    value: str
    score: float  # 0..100 similarity
    weight: float  # frequency weight in this book and office


class Lexicon:
    """Built from (kind, value, count in this book, count in the office's other books) rows."""

    def __init__(self, rows: Iterable[tuple[str, str, int, int]] = ()) -> None:
        self.kinds: dict[str, Kind] = {}
        for kind, value, in_book, elsewhere in rows:
            if in_book > 0 or elsewhere > 0:
                self.kinds.setdefault(kind, Kind()).add(value, BOOK_WEIGHT * in_book + elsewhere)

    def __len__(self) -> int:
        return sum(1 for k in self.kinds.values() for w in k.weights if w > 0)

    def change(self, kind: str, value: str, weight: float) -> None:
        """One approval's share added (or a return's taken off) in memory: no reload of the office's lexicon.
        A value whose weight falls to zero stays in the index, unseen by matching and completion."""
        self.kinds.setdefault(kind, Kind()).add(value, weight)

    def weight(self, kind: str, value: str) -> float:
        k = self.kinds.get(kind)
        i = k.index.get(value) if k else None
        return max(0.0, k.weights[i]) if k is not None and i is not None else 0.0

    def counts(self, kind: str) -> dict[str, float]:
        k = self.kinds.get(kind)
        return {v: w for v, w in zip(k.values, k.weights) if w > 0} if k else {}

    def best(self, kinds: Iterable[str], text: str, cutoff: float, margin: float = 3.0) -> Match | None:
        """The one clearly best known value for `text`, or None when nothing is similar enough (`cutoff` on
        the plain similarity) or two different spellings are about as close. Frequency only breaks
        near-ties: a value the book wrote ten times outranks one it wrote once by a few points."""
        want = flat(text)
        if not want:
            return None
        ranked: dict[str, tuple[float, Match]] = {}
        for name in kinds:
            k = self.kinds.get(name)
            if not k:
                continue
            for _, _, i in process.extract(want, k.flats, scorer=fuzz.ratio, limit=8):
                if k.weights[i] <= 0:
                    continue
                value = k.values[i]
                score = similarity(text, value)
                rank = score + 2.0 * math.log1p(k.weights[i])
                if value not in ranked or ranked[value][0] < rank:
                    ranked[value] = (rank, Match(value, score, k.weights[i]))
        order = sorted(ranked.values(), key=lambda r: -r[0])
        if not order or order[0][1].score < cutoff:
            return None
        top_rank, top = order[0]
        rival = next((r for r, m in order[1:] if flat(m.value) != flat(top.value)), None)
        if rival is not None and rival > top_rank - margin:
            return None
        return top

    def complete(self, kinds: Iterable[str], prefix: str, limit: int = 8) -> list[Match]:
        """Known values starting with `prefix` (accents and case ignored), most frequent first."""
        want = flat(prefix)
        found: dict[str, Match] = {}
        for name in kinds:
            k = self.kinds.get(name)
            if not k:
                continue
            for i in k.starting(want):
                value, weight, f = k.values[i], k.weights[i], k.flats[i]
                if weight > 0 and (f != want or value != prefix):
                    old = found.get(value)
                    found[value] = Match(value, 100.0, weight + (old.weight if old else 0.0))
        return sorted(found.values(), key=lambda m: (-m.weight, m.value))[:limit]
