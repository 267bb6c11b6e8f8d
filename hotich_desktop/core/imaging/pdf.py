"""One PDF per entry under a byte budget, colour, as legible as the budget allows.

The crop is wrapped as a JPEG with img2pdf (no re-encoding, page size = the crop's physical size). The JPEG
quality is searched against the budget at the highest useful resolution; only if even a low quality will not
fit is the resolution lowered. Never JBIG2 or any symbol matching: those silently swap digits.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import img2pdf
from PIL import Image

from .crop import resample

HARD_LIMIT = 100_000      # "100 KB" read as 100,000 bytes (export-158.md), the stricter reading
TARGET = 44 * 1024       # aim here so the median stays small; the hard limit is never crossed
MAX_DPI = 200            # what a reader (or the ministry's viewer) gains nothing above
MIN_QUALITY, GOOD_QUALITY, TOP_QUALITY = 30, 45, 88


@dataclass(frozen=True)
class EntryPdf:
    data: bytes
    dpi: float
    quality: int
    width: int
    height: int


def _jpeg(image: Image.Image, quality: int, dpi: float) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality, optimize=True, subsampling=2 if image.mode == "RGB" else 0,
               dpi=(dpi, dpi))
    return buf.getvalue()


def _pdf(image: Image.Image, quality: int, dpi: float) -> bytes:
    jpeg = _jpeg(image, quality, dpi)
    return img2pdf.convert(jpeg, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))


def _best_quality(image: Image.Image, dpi: float, budget: int, floor: int) -> tuple[int, bytes] | None:
    """Highest quality in [floor, TOP_QUALITY] whose whole PDF (the file as written) fits `budget`."""
    lo, hi = floor, TOP_QUALITY
    best = None
    while lo <= hi:
        q = (lo + hi) // 2
        data = _pdf(image, q, dpi)
        if len(data) <= budget:
            best, lo = (q, data), q + 1
        else:
            hi = q - 1
    return best


def encode(crop: Image.Image, source_dpi: float, limit: int = HARD_LIMIT, target: int = TARGET) -> EntryPdf:
    """The entry as a one-page PDF of at most `limit` bytes, whatever the picture: every candidate is measured
    as the finished file, and resolution keeps dropping until one fits (a few pixels always do)."""
    image = crop if crop.mode in ("RGB", "L") else crop.convert("RGB")
    dpi = source_dpi if source_dpi > 0 else 200.0
    factor = min(1.0, MAX_DPI / dpi)
    while True:
        scaled = resample(image, factor)
        out_dpi = dpi * factor
        choice = (_best_quality(scaled, out_dpi, min(target, limit), GOOD_QUALITY)
                  or _best_quality(scaled, out_dpi, limit, MIN_QUALITY))
        if choice:
            quality, data = choice
            return EntryPdf(data, out_dpi, quality, scaled.width, scaled.height)
        if scaled.width <= 1 and scaled.height <= 1:
            raise ValueError(f"no PDF of one pixel fits {limit} bytes")
        factor *= 0.8
