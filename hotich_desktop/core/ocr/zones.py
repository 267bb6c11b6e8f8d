"""Field zones: where each field's value sits in an entry, and reading them again one line each.

A zone comes from the form's layout: in a ruled register, the column between two rules and the ink line of
that column that belongs to the field (lines counted from the column's own ink, not from even slots); in a
boxed entry, the space after a printed label up to the next label. Zones of one entry are cut out, trimmed
to their ink, stacked one under the other with white between, and read in ONE Tesseract call (a process
per call costs more than the reading), with the character set the fields allow.
"""
from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from .engine import Word, read_words

Box = tuple[int, int, int, int]
DIGITS = "0123456789/"


def ink_level(gray: np.ndarray) -> int:
    """Gray level under which a pixel is writing: well under the paper's own tone (faint pencil-blue ink
    on yellowed paper included)."""
    paper = float(np.percentile(gray[::3, ::3], 60))
    return int(min(200, paper - 40))


def column_spans(rules: Sequence[int], width: int) -> list[tuple[int, int]]:
    edges = [0, *sorted(int(r) for r in rules), width]
    return [(a, b) for a, b in zip(edges, edges[1:]) if b - a > width * 0.05]


def ink_lines(gray: np.ndarray, x0: int, x1: int) -> list[tuple[int, int]]:
    """Vertical extents of the lines of writing between x0 and x1 (rules already whitened)."""
    inset = max(2, (x1 - x0) // 50)
    dark = (gray[:, x0 + inset: max(x0 + inset + 1, x1 - inset)] < ink_level(gray)).astype(np.uint8)
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # specks are not writing
    profile = dark.sum(axis=1)
    rows = profile >= max(2, int(0.004 * dark.shape[1]))
    runs, start = [], None
    for y, on in enumerate([*rows, False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            runs.append([start, y])
            start = None
    if not runs:
        return []
    typical = float(np.median([b - a for a, b in runs]))
    merged = [runs[0]]
    for a, b in runs[1:]:
        if a - merged[-1][1] < 0.35 * typical:  # accents and descenders of one line
            merged[-1][1] = b
        else:
            merged.append([a, b])
    tall = max(b - a for a, b in merged)
    return [(a, b) for a, b in merged if b - a >= max(6, 0.25 * tall)]


def assign_lines(lines: list[tuple[int, int]], n: int, height: int) -> list[tuple[int, int] | None]:
    """n fields of a column, top to bottom, onto its ink lines: one each when the counts agree, a value
    that wrapped joins the nearer neighbours, missing values leave their field without a zone."""
    lines = [tuple(x) for x in lines]
    if not lines:
        return [None] * n
    while len(lines) > n:  # the smallest gap joins first: a wrapped value
        gaps = [lines[i + 1][0] - lines[i][1] for i in range(len(lines) - 1)]
        i = int(np.argmin(gaps))
        lines[i:i + 2] = [(lines[i][0], lines[i + 1][1])]
    if len(lines) == n:
        return list(lines)
    out: list[tuple[int, int] | None] = [None] * n
    slot = height / n
    for a, b in lines:  # fewer lines than fields: each goes to the field whose even slot holds its middle
        k = min(n - 1, int(((a + b) / 2) // slot))
        if out[k] is None:
            out[k] = (a, b)
    return out


def table_zones(gray: np.ndarray, rules: Sequence[int], columns: Sequence[Sequence[str]]) -> dict[str, Box]:
    h, w = gray.shape
    zones: dict[str, Box] = {}
    for (x0, x1), keys in zip(column_spans(rules, w), columns):
        for key, span in zip(keys, assign_lines(ink_lines(gray, x0, x1), len(keys), h)):
            if span is not None:
                pad = max(3, (span[1] - span[0]) // 5)
                zones[key] = (x0 + 3, max(0, span[0] - pad), x1 - 3, min(h, span[1] + pad))
    return zones


def missing_rules(gray: np.ndarray, rules: Sequence[int], wanted: int) -> list[int]:
    """`rules` completed to `wanted` column lines from the writing itself, when the ruling is too faint or
    broken to be found (a phone photo in poor light): a column starts where a band of blank paper that runs
    the whole height of the entry ends. The widest such bands far from the rules already found win."""
    h, w = gray.shape
    have = sorted(int(r) for r in rules)
    if len(have) >= wanted or w < 50:
        return have
    inset = max(2, h // 40)
    dark = gray[inset:h - inset] < ink_level(gray)
    blank = dark.sum(axis=0) <= max(1, int(0.002 * h))
    runs, start = [], None
    for x, on in enumerate([*blank, False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            if x - start >= 0.02 * w and start > 0.05 * w and x < 0.95 * w:
                runs.append((x - start, start, x))
            start = None
    found = list(have)
    for width, a, b in sorted(runs, reverse=True):
        x = max(a, b - max(4, int(0.01 * w)))
        if all(abs(x - r) > 0.08 * w for r in found):
            found.append(x)
        if len(found) >= wanted:
            break
    return sorted(found) if len(found) >= wanted else have


def trim(gray: np.ndarray, box: Box) -> Box | None:
    """The box shrunk to the ink it holds (None when it holds none)."""
    x0, y0, x1, y1 = box
    dark = (gray[y0:y1, x0:x1] < ink_level(gray)).astype(np.uint8)
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    ys, xs = np.nonzero(dark)
    if xs.size < 12:
        return None
    return (x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()) + 1, y0 + int(ys.max()) + 1)


def read_zones(gray: np.ndarray, zones: dict[str, Box], lang: str, whitelist: str = ""
               ) -> dict[str, tuple[list[Word], Box]]:
    """Each zone's words (in stacked-strip pixels, in reading order) and its ink box in the crop."""
    pieces: list[tuple[str, Box, np.ndarray]] = []
    for key, box in zones.items():
        ink = trim(gray, box)
        if ink is not None:
            x0, y0, x1, y1 = ink
            pieces.append((key, ink, gray[y0:y1, x0:x1]))
    if not pieces:
        return {}
    pad = 16
    line_h = max(p.shape[0] for _, _, p in pieces)
    gap = max(24, line_h // 2)
    width = max(p.shape[1] for _, _, p in pieces) + 2 * pad
    height = sum(p.shape[0] + gap for _, _, p in pieces) + pad
    strip = np.full((height, width), 255, np.uint8)
    spans, y = [], pad
    for key, ink, piece in pieces:
        strip[y:y + piece.shape[0], pad:pad + piece.shape[1]] = piece
        spans.append((key, ink, y, y + piece.shape[0]))
        y += piece.shape[0] + gap
    words = read_words(strip, lang=lang, psm=6, whitelist=whitelist)
    out: dict[str, tuple[list[Word], Box]] = {}
    for key, ink, top, bottom in spans:
        mine = sorted((w for w in words if top - gap / 2 <= w.cy < bottom + gap / 2),
                      key=lambda w: (w.line, w.x0))  # a wrapped value line by line, not interleaved
        out[key] = (mine, ink)
    return out


def grow_along_ink(gray: np.ndarray, box: Box, gap: float = 1.5) -> Box:
    """A zone widened left and right while the writing of its line goes on (a long name runs past where
    the book's earlier values ended); a blank wider than `gap` line heights ends the value."""
    x0, y0, x1, y1 = box
    if y1 - y0 < 4 or x1 <= x0:
        return box
    dark = gray[y0:y1] < ink_level(gray)
    cols = dark.sum(axis=0) >= 2
    limit = int(gap * (y1 - y0))
    right, blank = x1, 0
    for x in range(x1, gray.shape[1]):
        blank = 0 if cols[x] else blank + 1
        if blank > limit:
            break
        if cols[x]:
            right = x + 1
    left, blank = x0, 0
    for x in range(x0 - 1, -1, -1):
        blank = 0 if cols[x] else blank + 1
        if blank > limit:
            break
        if cols[x]:
            left = x
    return (left, y0, right, y1)
