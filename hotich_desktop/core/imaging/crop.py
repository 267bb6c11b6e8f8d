"""Cutting one entry out of the stored original, straightened, at a resolution fit for the eye."""
from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from PIL import Image

MARGIN_MM = 1.5


def straight_crop(image: Image.Image, polygon: Sequence[Sequence[float]], dpi: float,
                  margin_mm: float = MARGIN_MM) -> Image.Image:
    """The quadrilateral mapped onto an upright rectangle of the same physical size (never upscaled)."""
    return straight_crop_with_matrix(image, polygon, dpi, margin_mm)[0]


def straight_crop_with_matrix(image: Image.Image, polygon: Sequence[Sequence[float]], dpi: float,
                              margin_mm: float = MARGIN_MM) -> tuple[Image.Image, np.ndarray]:
    """As straight_crop, with the affine matrix from page pixels to crop pixels."""
    src = np.asarray(image.convert("RGB") if image.mode not in ("RGB", "L") else image)
    tl, tr, br, bl = (np.asarray(p, dtype=np.float64) for p in polygon)
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    m = margin_mm / 25.4 * dpi if dpi > 0 else 0.0
    x_axis = (tr - tl) / max(np.linalg.norm(tr - tl), 1e-6)
    y_axis = (bl - tl) / max(np.linalg.norm(bl - tl), 1e-6)
    origin = tl - m * x_axis - m * y_axis
    out_w, out_h = int(round(width + 2 * m)), int(round(height + 2 * m))
    quad_src = np.float32([origin, origin + x_axis * out_w, origin + y_axis * out_h])
    quad_dst = np.float32([[0, 0], [out_w, 0], [0, out_h]])
    matrix = cv2.getAffineTransform(quad_src, quad_dst)
    border = (255, 255, 255) if src.ndim == 3 else 255
    out = cv2.warpAffine(src, matrix, (max(1, out_w), max(1, out_h)), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    return Image.fromarray(out), matrix


def resample(image: Image.Image, factor: float) -> Image.Image:
    if factor >= 0.999:
        return image
    w, h = max(1, round(image.width * factor)), max(1, round(image.height * factor))
    return Image.fromarray(cv2.resize(np.asarray(image), (w, h), interpolation=cv2.INTER_AREA))
