"""Boxed entries told apart from the writing guides inside them, by the pen that drew each line.

A boxed-block form draws each entry as a rectangle; inside it, label lines with grey, thin or dotted guides
for the values. The ruling search (directional smearing, then long openings) sees any long dark run as a rule,
so a guide whose label or far end comes near the box's sides cuts the box into strips, and short strips are
then lost. What the form guarantees is geometry and pen: a box's top and bottom are drawn with the same pen as
its sides. So a line across a one-column frame is an entry's edge only when it is about as dark against the
paper as the frame's side rules beside it; a stretch between two such edges is an entry only when side rules
run along it (the blank gap between two boxes has none, though the ruling mask bridges it).
"""
from __future__ import annotations

import numpy as np

SAME_PEN = 0.6  # a box edge keeps most of its side rules' contrast; guides are printed at well under half
SIDED = 0.5     # an entry's sides are drawn along most of its height


def rule_strength(gray: np.ndarray, y0: int, y1: int, x0: int, x1: int) -> float:
    """How dark the darkest line in rows y0..y1 is against the paper just above and below it: the median over
    the middle four fifths of x0..x1. A printed rule is dark all along; a dotted or grey guide is not."""
    h = gray.shape[0]
    trim = (x1 - x0) // 10
    x0, x1 = x0 + trim, x1 - trim
    y0, y1 = max(0, y0), min(h, max(y1, y0 + 1))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    reach = max(8, y1 - y0)
    ink = gray[y0:y1, x0:x1].min(axis=0).astype(np.int16)
    paper = gray[max(0, y0 - reach):min(h, y1 + reach), x0:x1].max(axis=0).astype(np.int16)
    return float(np.median(paper - ink))


def side_strength(gray: np.ndarray, x: int, y0: int, y1: int, half: int = 4) -> float:
    """rule_strength turned: a vertical rule within `half` of column x (a box drawn on a page that is not
    quite flat drifts by a few pixels) against the paper beside it, over rows y0..y1."""
    h, w = gray.shape
    y0, y1 = max(0, y0), min(h, y1)
    trim = (y1 - y0) // 10
    y0, y1 = y0 + trim, y1 - trim
    if y1 <= y0:
        return 0.0
    ink = gray[y0:y1, max(0, x - half):min(w, x + half + 1)].min(axis=1).astype(np.int16)
    paper = gray[y0:y1, max(0, x - 3 * half):min(w, x + 3 * half + 1)].max(axis=1).astype(np.int16)
    return float(np.median(paper - ink))


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run of True."""
    padded = np.concatenate([[False], flags, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]


def has_column_rules(member: np.ndarray, left: int, right: int) -> bool:
    """Whether a vertical rule runs down most of the frame between its sides (x left..right in `member`, the
    inner edges of the sides where its cells begin; a side drifting on a page not quite flat is not one)."""
    drift = max(8, (right - left) // 60)
    inner = member[:, max(0, left + drift):max(0, right - drift)]
    return bool(inner.size) and bool((inner.mean(axis=0) > 0.5).any())


def split_box_frame(gray: np.ndarray, member: np.ndarray, ox: int, oy: int,
                    inside: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """The entries (x0, y0, x1, y1, inside the rules, page pixels) of a frame without column rules.

    `member` is the frame's ruling mask cropped to its bounding box, whose corner is (ox, oy) on the page;
    `inside` the page x of the inner edges of its side rules (where its cells begin and end: the frame may
    also hold the paper's own edge or a shadow's, which are not its sides).
    """
    l1, r0 = inside[0] - ox, inside[1] - ox
    left, right = max(0, l1 - 2), min(member.shape[1] - 1, r0 + 2)
    if right - left < 8:
        return []
    lines = _runs(member[:, left:right + 1].mean(axis=1) > 0.8)
    x0, x1 = ox + left, ox + right
    span = max(8, (right - left) // 60)
    edges = []
    for a, b in lines:
        y0, y1 = oy + a, oy + b
        pen = max(side_strength(gray, x0, y0 - 5 * span, y1 + 5 * span, span // 2),
                  side_strength(gray, x1, y0 - 5 * span, y1 + 5 * span, span // 2))
        if rule_strength(gray, y0, y1, x0, x1) >= SAME_PEN * pen > 0:
            edges.append((y0, y1))
    out = []
    for (_, top), (bottom, _) in zip(edges, edges[1:]):
        if bottom - top < 2 * span:
            continue
        pen = max(rule_strength(gray, top - span, top, x0, x1), rule_strength(gray, bottom, bottom + span, x0, x1))
        sides = min(side_strength(gray, x0, top, bottom, span // 2), side_strength(gray, x1, top, bottom, span // 2))
        if sides >= SIDED * pen:
            out.append((ox + l1, top, ox + r0, bottom))
    return out
