"""Making an entry crop easy for Tesseract: the red channel (blue and black ink stay dark, red seals fade),
about 300 dpi, light flattened, ruling removed."""
from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

from ..imaging.crop import straight_crop_with_matrix

OCR_DPI = 300


def prepare(image: Image.Image, polygon: Sequence[Sequence[float]], dpi: float
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(clean gray crop, page->crop affine at OCR scale, vertical rule x positions in the crop)."""
    crop, matrix = straight_crop_with_matrix(image, polygon, dpi, margin_mm=0)
    arr = np.asarray(crop)
    gray = arr[..., 0].copy() if arr.ndim == 3 else arr.copy()
    gray = denoise(gray)
    scale = OCR_DPI / dpi if dpi > 0 else 1.0
    scale = min(max(scale, 0.5), 2.5)
    if abs(scale - 1) > 0.05:
        gray = cv2.resize(gray, None, fx=scale, fy=scale,
                          interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
        matrix = matrix * scale
    gray = flatten(gray)
    mask = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12)
    lines = rules_only(mask)
    gray[(lines > 0) & ~crossing_strokes(mask, lines)] = 255
    return gray, matrix, _column_rules(lines)


def crossing_strokes(mask: np.ndarray, lines: np.ndarray, reach: int = 7) -> np.ndarray:
    """Pixels of a rule that belong to writing crossing it: writing (not rule) just above AND just below,
    `reach` pixels from the rule's middle (past the whitened band). Handwriting sits on the printed line;
    whitening the whole rule cut every stroke that goes through it."""
    ink = (mask > 0) & (lines == 0)
    above = np.zeros_like(ink)
    below = np.zeros_like(ink)
    above[reach:] = ink[:-reach]
    below[:-reach] = ink[reach:]
    return (lines > 0) & above & below


NOISY = 3  # median grey levels of grain on the paper: clean scans 1, a grainy one that still reads 2


def grain(gray: np.ndarray) -> float:
    """How grainy the paper is: the median distance of the paper's pixels from their own 5x5 median, once
    the light is flattened (strokes and rules are outliers the median ignores; ink areas are left out)."""
    flat = _divided(gray)
    med = cv2.medianBlur(flat, 5)
    res = np.abs(flat.astype(np.int16) - med)[::2, ::2][med[::2, ::2] > 215]
    return float(np.median(res)) if res.size > 100 else 0.0


def denoise(gray: np.ndarray) -> np.ndarray:
    """A grainy scan's paper smoothed before faint ink is stretched to black (flatten): stretched grain
    turns into dark speckle that Tesseract reads as lines of letters (a light typewriter ribbon under
    sensor noise: 3 and 0 fields of 80 right on two pages before, 74 and 64 after; a hand on
    the same grain 37 and 24 before, 43 and 38 after). Non-local means keeps the strokes; a clean scan
    is left as it is (and costs one median)."""
    n = grain(gray)
    if n < NOISY:
        return gray
    # 3x3 patches searched over 7x7: as good as 5x5 over 11x11 on those pages (238 and 235 fields of 320) at
    # half the CPU (about 0.1 s for a 200 dpi entry)
    return cv2.fastNlMeansDenoising(gray, None, h=3 * n, templateWindowSize=3, searchWindowSize=7)


def _divided(gray: np.ndarray) -> np.ndarray:
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (17, 17)))
    paper = cv2.GaussianBlur(paper, (0, 0), 3)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)


def flatten(gray: np.ndarray) -> np.ndarray:
    """Paper made white and even: divided by its own background (a phone's light fall-off, shadows, yellowing
    and stains go), then faded ink stretched back to dark. Tesseract binarises the crop with one threshold,
    which uneven light defeats."""
    flat = _divided(gray)
    darkest = float(np.percentile(flat[::4, ::4], 0.5))
    if 40 < darkest < 235:  # faded: the darkest writing is still far from black
        lut = np.clip((np.arange(256) - darkest) * 255.0 / (255.0 - darkest), 0, 255).astype(np.uint8)
        flat = cv2.LUT(flat, lut)
    return flat


def rules_only(mask: np.ndarray) -> np.ndarray:
    """Rules at OCR scale: straight runs far longer than any written word or date (0.8 inch across,
    0.5 inch down), so the strokes of the writing are never whitened with them."""
    rect = cv2.MORPH_RECT
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, (3, 1)))
    # a rule of a phone photo leans (perspective the entry's straightening leaves): thickened by a few pixels
    # it runs on unbroken; only its own dark pixels inside the found band are taken
    joined = cv2.dilate(joined, cv2.getStructuringElement(rect, (1, 5)))
    horiz = cv2.morphologyEx(joined, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, (int(OCR_DPI * 0.8), 1)))
    horiz = cv2.bitwise_and(horiz, mask)
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(rect, (1, 3)))
    vert = cv2.morphologyEx(joined, cv2.MORPH_OPEN, cv2.getStructuringElement(rect, (1, int(OCR_DPI * 0.5))))
    return cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))


def _column_rules(lines: np.ndarray) -> np.ndarray:
    """x of vertical rules that run most of the crop's height (the register's column lines). A rule of a phone
    photo or a curled page leans a little in the straightened crop and breaks where the light is poor: it is
    widened by what 2 degrees of lean move it over the crop's height, and counted where it covers a third of the rows."""
    h, w = lines.shape
    lean = max(1, int(h * 0.035))
    wide = cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (lean, 1)))
    cols = np.where((wide > 0).sum(axis=0) >= 0.3 * h)[0]
    if cols.size == 0:
        return cols
    groups = np.split(cols, np.where(np.diff(cols) > 3)[0] + 1)
    xs = np.array([int(g.mean()) for g in groups])
    return xs[(xs > w * 0.03) & (xs < w * 0.97)]
