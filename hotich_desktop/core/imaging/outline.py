"""The page's own outline in a photo: a bright paper quadrilateral on a darker table.

Phone photos of a book show the page in perspective with the desk around it; flatbed scans fill the frame.
Finding the paper first lets detection work on a flat, upright page and map its boxes back through the
same homography, so a slanted photo gives the same entries as a scan.
"""
from __future__ import annotations

import cv2
import numpy as np

LOOK_SIDE = 700  # the outline is found on a small copy: paper against table is a coarse contrast


def page_quad(gray: np.ndarray) -> np.ndarray | None:
    """Corners (TL, TR, BR, BL, float32, source pixels) of the paper, or None when the page fills the frame.

    A shadow across the page splits its brightness in two, so one global threshold may cut the paper along
    the shadow's edge. The paper is the largest bright quadrilateral: thresholds from Otsu's down towards
    the table's own tone (the photo's border) are tried, and the largest clean four-cornered outline wins.
    """
    h, w = gray.shape
    s = min(1.0, LOOK_SIDE / max(h, w))
    small = cv2.resize(gray, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else gray
    small = cv2.GaussianBlur(small, (0, 0), 3)
    otsu, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ring = max(2, min(small.shape) // 40)
    border = np.concatenate([small[:ring].ravel(), small[-ring:].ravel(), small[:, :ring].ravel(),
                             small[:, -ring:].ravel()])
    table = float(np.median(border))
    best, best_area = None, 0.0
    for level in np.linspace(otsu, table + 0.3 * (otsu - table), 5) if otsu > table else [otsu]:
        found = _outline_at(small, float(level))
        if found is not None and found[1] > best_area * 1.02:
            best, best_area = found
    return None if best is None else (best / s).astype(np.float32)


def _outline_at(small: np.ndarray, level: float) -> tuple[np.ndarray, float] | None:
    """The paper's corners and area in the small copy when thresholding at `level` gives a clean outline."""
    paper = ((small > level) * 255).astype(np.uint8)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    paper = cv2.morphologyEx(paper, cv2.MORPH_OPEN, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest)
    sh, sw = small.shape
    if not 0.2 * sh * sw < area < 0.93 * sh * sw:
        return None  # no paper found, or the paper is the whole frame (a scan): nothing to straighten
    inside = small[paper > 0].mean()
    outside = small[paper == 0].mean()
    if inside - outside < 40 or outside > 0.6 * inside:
        return None  # no clear dark table around the page: a stain, a shadow or an older page, not an outline
    quad = _four_corners(cv2.convexHull(biggest))
    if quad is None or cv2.contourArea(quad) < 0.85 * area or area < 0.9 * cv2.contourArea(quad):
        return None
    return _ordered(quad.reshape(4, 2).astype(np.float32)), float(area)


def _four_corners(hull: np.ndarray) -> np.ndarray | None:
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return approx
    return None


def _ordered(pts: np.ndarray) -> np.ndarray:
    """TL, TR, BR, BL by the sums and differences of the coordinates."""
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.float32([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])


def flat_size(quad: np.ndarray) -> tuple[float, float]:
    """Width and height of the paper as it lies: the mean of opposite sides."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width), float(height)
