"""Finding the ledger entries on a page.

A photo's paper is found first and straightened (perspective). The page is reduced to a working copy
(~1600 px on a page's long side), its skew measured by projection profiles and
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

from .boxes import has_column_rules, split_box_frame
from .geometry import Polygon, apply_affine, bbox_of, clip_polygon, rect_polygon
from .outline import flat_size, page_quad

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
    boxed: bool = False  # an entry's own box (a boxed-block form), not a table row

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


def directional_masks(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ink seen through a short smear along each direction: a faded or dotted rule becomes one even run
    while handwriting stays in pieces, so faint rules survive the long opening that removes text."""
    block = max(15, (min(gray.shape) // 40) | 1)

    def seen(kernel: tuple[int, int]) -> np.ndarray:
        smeared = cv2.blur(gray, kernel)
        return cv2.adaptiveThreshold(smeared, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 10)

    return seen((9, 1)), seen((1, 9))


def ruling(mask: np.ndarray, directional: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Long horizontal and vertical strokes only; dropouts and short breaks in faint rules are bridged."""
    h, w = mask.shape
    h_mask, v_mask = directional or (mask, mask)

    def along(kernel_close: tuple[int, int], kernel_open: tuple[int, int], kernel_join: tuple[int, int]) -> np.ndarray:
        rect = cv2.MORPH_RECT
        src = h_mask if kernel_close[0] > 1 else v_mask
        out = cv2.morphologyEx(src, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, kernel_close))
        out = cv2.morphologyEx(out, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, kernel_open))
        return cv2.morphologyEx(out, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, kernel_join))

    horiz = along((7, 1), (max(20, w // 20), 1), (max(9, w // 60), 1))
    vert = along((1, 7), (1, max(20, h // 30)), (1, max(9, h // 60)))
    # Rules often stop a few pixels short of the rule they meet: reach out so junctions close.
    horiz = _reach_across(horiz, vert, w // 15)
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, w // 60) | 1, 1)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(9, h // 80) | 1)))
    lines = cv2.bitwise_or(horiz, vert)
    return cv2.dilate(lines, np.ones((3, 3), np.uint8))


def _reach_across(horiz: np.ndarray, vert: np.ndarray, reach: int) -> np.ndarray:
    """A long thin rule whose end bends away (paper curling into the binding bows it near the bound edge, so
    the straight opening loses that stretch) is carried on along its own rows to the first vertical rule
    within `reach`, and that rule up or down to meet it; where no vertical rule is that near, or the rule
    already meets one (a table's side, beyond which lies only the paper's edge), nothing is drawn. Text smeared into bars is thicker than a rule and is left alone."""
    h, w = horiz.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    out = horiz.copy()
    thin = max(5, h // 300)
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if cw < w // 3 or area > thin * cw:
            continue
        for end, lo, hi in ((x, max(0, x - reach), x), (x + cw - 1, x + cw, min(w, x + cw + reach))):
            rows = np.flatnonzero(labels[y:y + ch, end] == i) + y
            if rows.size == 0 or hi <= lo:
                continue
            r0, r1 = int(rows.min()), int(rows.max()) + 1
            if vert[max(0, r0 - 3):r1 + 3, max(0, end - 6):end + 7].any():
                continue  # it already meets its side rule
            top, bottom = max(0, r0 - reach // 3), min(h, r1 + reach // 3)
            window = vert[top:bottom, lo:hi]
            cols = np.flatnonzero(window.any(axis=0))
            if not cols.size:
                continue
            near = int(cols.max() if end == x else cols.min())
            a, b = sorted((near + lo, end))
            out[r0:r1, a:b + 1] = 255
            ys = np.flatnonzero(window[:, near]) + top
            y_near = int(ys[np.argmin(np.abs(ys - (r0 + r1) / 2))])
            c0, c1 = sorted((y_near, (r0 + r1) // 2))
            out[c0:c1 + 1, max(0, near + lo - 1):near + lo + 2] = 255
    return out


def _cells(lines: np.ndarray) -> tuple[list[tuple[int, int, int, int, int]], np.ndarray]:
    """Regions enclosed by ruling: (x0, y0, x1, y1, frame label) with the frame they sit in."""
    h, w = lines.shape
    page_w = w / 2 if w > 1.2 * h else w  # a spread holds two pages: a narrow remarks column is a page's
    n_frames, frame_labels = cv2.connectedComponents(lines, connectivity=8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(lines), connectivity=4)
    cells = []
    for i in range(1, n):
        x, y, cw, ch, area = stats[i]
        if x == 0 or y == 0 or x + cw >= w or y + ch >= h:
            continue  # open to the page edge: outside every frame
        if cw < page_w * 0.02 or ch < h * 0.02 or area < 0.5 * cw * ch:
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
    groups: list[tuple[_Band, list[tuple[int, int, int, int, int]]]] = []
    for cell in sorted(cells, key=lambda c: (c[4], c[1], c[0])):
        x0, y0, x1, y1, frame = cell
        for b, members in groups:
            overlap = min(b.y1, y1) - max(b.y0, y0)
            if b.frame == frame and overlap > 0.7 * min(b.height, y1 - y0):
                b.x0, b.y0, b.x1, b.y1 = min(b.x0, x0), min(b.y0, y0), max(b.x1, x1), max(b.y1, y1)
                b.cells += 1
                members.append(cell)
                break
        else:
            groups.append((_Band(x0, y0, x1, y1, frame), [cell]))
    return [part for b, members in groups for part in _split_band(b, members)]


def _split_band(band: _Band, members: list[tuple[int, int, int, int, int]]) -> list[_Band]:
    """A row rule lost in one column (under a seal, in a stain) merges two rows there; where at least two
    other columns agree that a row ends and the next begins, the band is two entries."""
    tol = max(4, band.height // 40)
    ends = sorted(c[3] for c in members if c[3] < band.y1 - 4 * tol)
    breaks: list[tuple[int, int]] = []  # (where the upper row ends, where the lower one starts)
    for y in ends:
        stopping = sum(1 for c in members if abs(c[3] - y) <= tol)
        starting = [c[1] for c in members if y < c[1] <= y + 3 * tol]
        if stopping >= 2 and len(starting) >= 2 and (not breaks or y - breaks[-1][0] > 4 * tol):
            breaks.append((y, min(starting)))
    if not breaks:
        return [band]
    parts, top = [], band.y0
    for y, below in [*breaks, (band.y1, band.y1)]:
        cells = sum(1 for c in members if c[1] >= top - tol and c[3] <= y + tol) or 1
        parts.append(_Band(band.x0, top, band.x1, y, band.frame, cells))
        top = below
    return parts


def _merge_slivers(bands: list[_Band]) -> list[_Band]:
    """In a frame of plain boxes (one cell across), a piece far shorter than its neighbours is a box cut by
    a writing line that touched both sides, not an entry of its own: it joins the nearer piece."""
    out: list[_Band] = []
    for frame in sorted({b.frame for b in bands}):
        rows = sorted((b for b in bands if b.frame == frame), key=lambda b: b.y0)
        if len(rows) >= 2 and all(b.cells == 1 for b in rows):
            tallest = max(b.height for b in rows)
            while True:
                small = [k for k, b in enumerate(rows) if b.height < 0.45 * tallest]
                if not small or len(rows) < 2:
                    break
                k = small[0]
                gap_up = rows[k].y0 - rows[k - 1].y1 if k > 0 else 1 << 30
                gap_down = rows[k + 1].y0 - rows[k].y1 if k + 1 < len(rows) else 1 << 30
                other = k - 1 if gap_up <= gap_down else k + 1
                a, b = rows[min(k, other)], rows[max(k, other)]
                rows[min(k, other)] = _Band(min(a.x0, b.x0), a.y0, max(a.x1, b.x1), b.y1, frame, boxed=a.boxed)
                del rows[max(k, other)]
        out.extend(rows)
    return out


def _boxes_apart(bands: list[_Band], gray: np.ndarray, frame_labels: np.ndarray) -> list[_Band]:
    """Frames without column rules are boxed blocks: their entries come from the box edges (boxes.py), not
    from the strips writing guides cut them into. (A column rule runs down most of its frame; a seal's
    ring, which may split a cell, does not.)"""
    out: list[_Band] = []
    for frame in sorted({b.frame for b in bands}):
        rows = [b for b in bands if b.frame == frame]
        if frame <= 0:
            out.extend(rows)
            continue
        ys, xs = np.nonzero(frame_labels == frame)
        oy, ox = int(ys.min()), int(xs.min())
        member = frame_labels[oy:int(ys.max()) + 1, ox:int(xs.max()) + 1] == frame
        inside = (min(b.x0 for b in rows), max(b.x1 for b in rows))
        table = 2 * sum(b.cells > 1 for b in rows) > len(rows) or has_column_rules(member, inside[0] - ox,
                                                                                    inside[1] - ox)
        found = [] if table else split_box_frame(gray, member, ox, oy, inside)
        out.extend([_Band(x0, y0, x1, y1, frame, boxed=True) for x0, y0, x1, y1 in found] if found else rows)
    return out


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


def _labels_at_right(mask: np.ndarray, boxes: list[_Band]) -> bool:
    """Boxed blocks have no header; their printed labels open every line at the box's left side, so more ink
    along the right side than the left means the page was turned round."""
    left = right = 0
    for b in boxes:
        fifth = max(1, (b.x1 - b.x0) // 5)
        left += int(np.count_nonzero(mask[b.y0:b.y1, b.x0 + 3:b.x0 + fifth]))
        right += int(np.count_nonzero(mask[b.y0:b.y1, b.x1 - fifth:b.x1 - 3]))
    return right > left


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


def work_scale(width: float, height: float) -> float:
    """Factor to the working copy: a page's long side at WORK_LONG_SIDE. A landscape picture is a two-page
    spread, whose pages' long side is its height: shrinking it by its width would thin the rules away."""
    page_long = height if width > 1.2 * height else max(width, height)
    return min(1.0, WORK_LONG_SIDE / max(1.0, page_long))


def _find(work: np.ndarray) -> tuple[list[Polygon], float, bool]:
    """Entry outlines in the working copy's pixels, its skew, and whether the page seems upside down."""
    mask = ink_mask(work)
    angle = estimate_skew(mask)
    rot, (nw, nh) = _rotation(mask.shape, angle)
    straight_gray = cv2.warpAffine(work, rot, (nw, nh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    straight = ink_mask(straight_gray)
    cells, frame_labels = _cells(ruling(straight, directional_masks(straight_gray)))
    bands = _boxes_apart(_bands(cells), straight_gray, frame_labels)
    bands, upside_down = _drop_headers(_merge_slivers(bands))
    if bands and all(b.boxed for b in bands):
        upside_down = upside_down or _labels_at_right(straight, bands)
    bands = _reading_order(_join_spread(bands, nw), nw)
    back = cv2.invertAffineTransform(rot)
    pad = 2  # the cell is the inside of the rule; the entry runs to the rule's middle
    polys = [apply_affine(back, rect_polygon(b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad)) for b in bands]
    return polys, angle, upside_down


def gutter(work: np.ndarray) -> int | None:
    """x of the fold of a two-page spread: the widest strip in the middle that no row rule crosses."""
    h, w = work.shape
    if w < 1.2 * h:
        return None
    rows = cv2.morphologyEx(ink_mask(work), cv2.MORPH_OPEN,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 40), 1)))
    crossed = rows.sum(axis=0) > 0
    lo, hi = int(w * 0.35), int(w * 0.65)
    best, start = (0, None), None
    for x in range(lo, hi + 1):
        if x < hi and not crossed[x]:
            start = x if start is None else start
        elif start is not None:
            if x - start > best[0]:
                best = (x - start, (start + x) // 2)
            start = None
    return best[1] if best[0] >= max(3, w // 200) else None


def _find_page(work: np.ndarray) -> tuple[list[Polygon], float, bool]:
    """As _find; a spread's two pages are straightened each on its own (a bound book rarely lies flat), and
    rows that line up across the fold are one entry."""
    fold = gutter(work)
    if fold is None:
        return _find(work)
    left, a_left, up_left = _find(work[:, :fold])
    right, a_right, up_right = _find(np.ascontiguousarray(work[:, fold:]))
    right = [[[x + fold, y] for x, y in poly] for poly in right]
    joined: list[Polygon] = []
    used: set[int] = set()
    for poly in left:
        y0, y1 = min(p[1] for p in poly), max(p[1] for p in poly)
        for k, other in enumerate(right):
            o0, o1 = min(p[1] for p in other), max(p[1] for p in other)
            if k not in used and min(y1, o1) - max(y0, o0) > 0.6 * min(y1 - y0, o1 - o0):
                used.add(k)
                poly = [poly[0], other[1], other[2], poly[3]]
                break
        joined.append(poly)
    joined += [p for k, p in enumerate(right) if k not in used]
    joined.sort(key=lambda p: (min(q[0] for q in p) > fold, min(q[1] for q in p)))
    return joined, round((a_left + a_right) / 2, 2), up_left or up_right


def detect(image: Image.Image | np.ndarray, allow_flip: bool = True) -> Detection:
    gray = to_gray(image)
    src_h, src_w = gray.shape
    bilevel = _is_bilevel(gray)
    quad = None if bilevel else page_quad(gray)
    if quad is not None:  # a photo: the paper is straightened first, boxes go back through the homography
        pw, ph = flat_size(quad)
        scale = work_scale(pw, ph)
        small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
        size = (max(1, round(pw * scale)), max(1, round(ph * scale)))
        target = np.float32(rect_polygon(0, 0, size[0], size[1]))
        homography = cv2.getPerspectiveTransform(quad * scale, target)
        work = cv2.warpPerspective(small, homography, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        inverse = np.linalg.inv(homography)

        def to_source(poly: Polygon) -> Polygon:
            pts = cv2.perspectiveTransform(np.float64([poly]), inverse)[0]
            return [[x / scale, y / scale] for x, y in pts]
    else:
        scale = work_scale(src_w, src_h)
        if bilevel:  # fax or 1-bit scan, maybe dithered: smooth the dots into tones first
            gray = cv2.GaussianBlur(gray, (0, 0), max(1.0, 0.7 / scale))
        work = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray

        def to_source(poly: Polygon) -> Polygon:
            return [[x / scale, y / scale] for x, y in poly]

    found, angle, upside_down = _find_page(work)
    polygons = [clip_polygon(to_source(p), src_w, src_h) for p in found]
    result = Detection(src_w, src_h, angle, polygons)
    if upside_down and allow_flip:
        flipped = detect(np.ascontiguousarray(gray[::-1, ::-1]), allow_flip=False)
        flipped.polygons = [[[src_w - x, src_h - y] for x, y in poly[2:] + poly[:2]] for poly in flipped.polygons]
        flipped.rotated_180 = True
        return flipped
    return result
