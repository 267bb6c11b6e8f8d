"""Finding the ledger entries on a page.

The page is reduced to a working copy (~1600 px long side), its skew measured by projection profiles and
removed, and its ruling extracted with directional morphology. Each connected piece of ruling is a frame:
a box (one entry) or a table (one entry per row band, the narrow header band left out). Tables side by side
whose rows line up are one register across a two-page spread: their rows join. Boxes are mapped back to
source pixels as skewed quadrilaterals.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from .geometry import Polygon, apply_affine, bbox_of, clip_polygon, rect_polygon

WORK_LONG_SIDE = 1600


@dataclass
class Detection:
    width: int
    height: int
    skew_degrees: float
    polygons: list[Polygon] = field(default_factory=list)
    rotated_180: bool = False

    @property
    def bboxes(self) -> list[list[float]]:
        return [bbox_of(p) for p in self.polygons]


@dataclass
class _Band:
    x0: int
    y0: int
    x1: int
    y1: int
    frame: int
    cells: int = 1

    @property
    def height(self) -> int:
        return self.y1 - self.y0


def to_gray(image: Image.Image | np.ndarray) -> np.ndarray:
    arr = np.asarray(image)
    if arr.ndim == 2:
        return arr if arr.dtype == np.uint8 else cv2.normalize(arr, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    return cv2.cvtColor(arr[..., :3], cv2.COLOR_RGB2GRAY)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark marks against the local paper tone, so yellowing, shadows and stains drop out."""
    block = max(15, (min(gray.shape) // 40) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)


def _is_bilevel(gray: np.ndarray) -> bool:
    sample = gray[::13, ::13]
    return bool(np.isin(sample, (0, 255)).all())


def estimate_skew(mask: np.ndarray, limit: float = 6.0) -> float:
    """Angle (degrees, counter-clockwise positive) that makes rows of ink and rules horizontal."""
    small = mask
    scale = 800 / max(mask.shape)
    if scale < 1:
        small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, -angle, 1.0)
        rows = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-limit, limit + 0.01, 0.5), key=score)
    for step in (0.1, 0.02):
        best = max(np.arange(best - 5 * step, best + 5 * step + 1e-9, step), key=score)
    return float(round(best, 2))


def _rotation(shape: tuple[int, int], angle: float) -> tuple[np.ndarray, tuple[int, int]]:
    """Affine matrix that turns the page by -angle (undoing the skew) into a canvas that fits it whole."""
    h, w = shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(np.ceil(w * cos + h * sin)), int(np.ceil(w * sin + h * cos))
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return m, (nw, nh)


def ruling(mask: np.ndarray) -> np.ndarray:
    """Long horizontal and vertical strokes only; dropouts and short breaks in faint rules are bridged."""
    h, w = mask.shape

    def along(kernel_close: tuple[int, int], kernel_open: tuple[int, int], kernel_join: tuple[int, int]) -> np.ndarray:
        rect = cv2.MORPH_RECT
        out = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, kernel_close))
        out = cv2.morphologyEx(out, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, kernel_open))
        return cv2.morphologyEx(out, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, kernel_join))

    horiz = along((7, 1), (max(20, w // 20), 1), (max(9, w // 60), 1))
    vert = along((1, 7), (1, max(20, h // 30)), (1, max(9, h // 60)))
    # Rules often stop a few pixels short of the rule they meet: reach out so junctions close.
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, w // 60) | 1, 1)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(9, h // 80) | 1)))
    lines = cv2.bitwise_or(horiz, vert)
    return cv2.dilate(lines, np.ones((3, 3), np.uint8))


def _cells(lines: np.ndarray) -> tuple[list[tuple[int, int, int, int, int]], np.ndarray]:
    """Regions enclosed by ruling: (x0, y0, x1, y1, frame label) with the frame they sit in."""
    h, w = lines.shape
    n_frames, frame_labels = cv2.connectedComponents(lines, connectivity=8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(lines), connectivity=4)
    cells = []
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if x == 0 or y == 0 or x + cw >= w or y + ch >= h:
            continue  # open to the page edge: outside every frame
        if cw < w * 0.06 or ch < h * 0.02 or area < 0.5 * cw * ch:
            continue
        frame = _frame_around(frame_labels, x, y, cw, ch)
        cells.append((int(x), int(y), int(x + cw), int(y + ch), frame))
    return cells, frame_labels


def _frame_around(frame_labels: np.ndarray, x: int, y: int, cw: int, ch: int) -> int:
    """The ruling component just left of the cell's middle row (its enclosing frame)."""
    row = frame_labels[y + ch // 2, max(0, x - 3): x + 1]
    hits = row[row > 0]
    return int(hits[-1]) if hits.size else -1


def _bands(cells: list[tuple[int, int, int, int, int]]) -> list[_Band]:
    """Cells of one frame whose vertical extents agree form one row band."""
    bands: list[_Band] = []
    for x0, y0, x1, y1, frame in sorted(cells, key=lambda c: (c[4], c[1], c[0])):
        for b in bands:
            overlap = min(b.y1, y1) - max(b.y0, y0)
            if b.frame == frame and overlap > 0.7 * min(b.height, y1 - y0):
                b.x0, b.y0, b.x1, b.y1 = min(b.x0, x0), min(b.y0, y0), max(b.x1, x1), max(b.y1, y1)
                b.cells += 1
                break
        else:
            bands.append(_Band(x0, y0, x1, y1, frame))
    return bands


def _drop_headers(bands: list[_Band]) -> tuple[list[_Band], bool]:
    """In a table, leading bands much shorter than the rows are column headers, not entries.

    Returns the kept bands and whether a header was found at the bottom instead (page upside down).
    """
    kept: list[_Band] = []
    upside_down = False
    for frame in sorted({b.frame for b in bands}):
        rows = sorted((b for b in bands if b.frame == frame), key=lambda b: b.y0)
        if len(rows) >= 3:
            typical = float(np.median([b.height for b in rows]))
            while len(rows) > 1 and rows[0].height < 0.5 * typical:
                rows.pop(0)
            if rows[-1].height < 0.5 * typical and len(rows) > 1 and rows[0].height >= 0.5 * typical:
                upside_down = upside_down or rows[-1].cells > 1
        kept.extend(rows)
    return kept, upside_down


def _join_spread(bands: list[_Band], width: int) -> list[_Band]:
    """Rows of two tables side by side (a two-page spread) that line up are one entry."""
    tables = {f for f in {b.frame for b in bands} if sum(1 for b in bands if b.frame == f) >= 2
              and all(b.cells >= 2 for b in bands if b.frame == f)}
    out: list[_Band] = []
    used: set[int] = set()
    for i, a in enumerate(bands):
        if i in used:
            continue
        for j in range(i + 1, len(bands)):
            b = bands[j]
            if j in used or a.frame == b.frame or a.frame not in tables or b.frame not in tables:
                continue
            overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
            gap = max(a.x0, b.x0) - min(a.x1, b.x1)
            if overlap > 0.85 * max(a.height, b.height) and 0 <= gap < 0.15 * width:
                a = _Band(min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1), a.frame, a.cells + b.cells)
                used.add(j)
        out.append(a)
    return out


def _reading_order(bands: list[_Band], width: int) -> list[_Band]:
    def key(b: _Band) -> tuple[int, int]:
        narrow = (b.x1 - b.x0) < 0.6 * width
        column = int((b.x0 + b.x1) / 2 > width / 2) if narrow else 0
        return column, b.y0

    return sorted(bands, key=key)


def detect(image: Image.Image | np.ndarray, allow_flip: bool = True) -> Detection:
    gray = to_gray(image)
    src_h, src_w = gray.shape
    scale = min(1.0, WORK_LONG_SIDE / max(src_h, src_w))
    if _is_bilevel(gray):  # fax or 1-bit scan, maybe dithered: smooth the dots into tones first
        gray = cv2.GaussianBlur(gray, (0, 0), max(1.0, 0.7 / scale))
    work = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    mask = ink_mask(work)
    angle = estimate_skew(mask)
    rot, (nw, nh) = _rotation(mask.shape, angle)
    straight = cv2.warpAffine(mask, rot, (nw, nh), flags=cv2.INTER_NEAREST)
    cells, _ = _cells(ruling(straight))
    bands, upside_down = _drop_headers(_bands(cells))
    bands = _reading_order(_join_spread(bands, nw), nw)
    back = cv2.invertAffineTransform(rot)
    polygons = []
    pad = 2  # the cell is the inside of the rule; the entry runs to the rule's middle
    for b in bands:
        quad = apply_affine(back, rect_polygon(b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad))
        polygons.append(clip_polygon([[x / scale, y / scale] for x, y in quad], src_w, src_h))
    result = Detection(src_w, src_h, angle, polygons)
    if upside_down and allow_flip:
        flipped = detect(np.ascontiguousarray(gray[::-1, ::-1]), allow_flip=False)
        flipped.polygons = [[[src_w - x, src_h - y] for x, y in poly[2:] + poly[:2]] for poly in flipped.polygons]
        flipped.rotated_180 = True
        return flipped
    return result
