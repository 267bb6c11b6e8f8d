"""Small geometry helpers shared by detection, cropping and the UI's box editing."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Point = tuple[float, float]
Polygon = list[list[float]]


def bbox_of(polygon: Sequence[Sequence[float]]) -> list[float]:
    xs = [p[0] for p in polygon]
    ys = [p[1] for p in polygon]
    return [min(xs), min(ys), max(xs), max(ys)]


def rect_polygon(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def apply_affine(matrix: np.ndarray, polygon: Sequence[Sequence[float]]) -> Polygon:
    pts = np.asarray(polygon, dtype=np.float64)
    out = pts @ matrix[:, :2].T + matrix[:, 2]
    return [[float(x), float(y)] for x, y in out]


def rounded(polygon: Sequence[Sequence[float]]) -> list[list[int]]:
    return [[int(round(x)), int(round(y))] for x, y in polygon]


def polygon_angle(polygon: Sequence[Sequence[float]]) -> float:
    """Angle in degrees of the top edge (TL -> TR), counter-clockwise positive as on screen."""
    (x0, y0), (x1, y1) = polygon[0], polygon[1]
    return float(np.degrees(np.arctan2(-(y1 - y0), x1 - x0)))


def clip_polygon(polygon: Sequence[Sequence[float]], width: int, height: int) -> Polygon:
    return [[min(max(0.0, x), float(width)), min(max(0.0, y), float(height))] for x, y in polygon]


def to_raw(x: float, y: float, orientation: int, raw_w: int, raw_h: int) -> tuple[float, float]:
    """Maps a point of the upright image back to the file's own pixels (undoing EXIF orientation)."""
    return {
        1: (x, y), 2: (raw_w - x, y), 3: (raw_w - x, raw_h - y), 4: (x, raw_h - y),
        5: (y, x), 6: (y, raw_h - x), 7: (raw_w - y, raw_h - x), 8: (raw_w - y, x),
    }.get(orientation, (x, y))
