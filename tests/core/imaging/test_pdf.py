"""Entry PDFs: valid, colour, under 100 KB, page size = physical size of the crop, never upscaled."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from hotich_desktop.core.entries.pdfs import write_new
from hotich_desktop.core.imaging.crop import straight_crop
from hotich_desktop.core.imaging.pdf import HARD_LIMIT, encode


def test_noisy_crop_fits_budget_and_keeps_physical_size() -> None:
    rng = np.random.default_rng(1)
    arr = rng.integers(0, 255, (1100, 2400, 3), dtype=np.uint8)  # worst case: pure noise at 300 dpi
    pdf = encode(Image.fromarray(arr), 300)
    assert len(pdf.data) <= HARD_LIMIT
    page = PdfReader(io.BytesIO(pdf.data)).pages[0]
    width_in = float(page.mediabox.width) / 72
    assert width_in == pytest.approx(2400 / 300, rel=0.01)


def test_low_resolution_is_not_upscaled() -> None:
    img = Image.new("RGB", (400, 150), (200, 180, 150))
    pdf = encode(img, 100)
    assert pdf.width == 400 and pdf.dpi == 100


def test_colour_is_kept() -> None:
    img = Image.new("RGB", (800, 300), (230, 220, 190))
    pdf = encode(img, 200)
    reader = PdfReader(io.BytesIO(pdf.data))
    xobj = next(iter(reader.pages[0].images))
    assert xobj.image.mode == "RGB"


def test_straight_crop_undoes_skew() -> None:
    img = Image.new("RGB", (1000, 1000), "white")
    crop = straight_crop(img, [[100, 110], [900, 90], [905, 490], [105, 510]], 200, margin_mm=0)
    assert abs(crop.width - 800) < 3 and abs(crop.height - 400) < 3


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    a = write_new(tmp_path, "KS.1992.01.001.A.A4.pdf", b"one")
    b = write_new(tmp_path, "KS.1992.01.001.A.A4.pdf", b"two")
    assert a.read_bytes() == b"one" and b.name == "KS.1992.01.001.A.A4_2.pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["KS.1992.01.001.A.A4.pdf", "KS.1992.01.001.A.A4_2.pdf"]


@pytest.mark.parametrize("size,dpi,limit", [((2400, 1100), 300, 20_000), ((5000, 400), 600, HARD_LIMIT),
                                            ((300, 4000), 150, 8_000), ((64, 64), 200, 2_500)])
def test_the_budget_is_a_bound_not_an_aim(size: tuple[int, int], dpi: int, limit: int) -> None:
    """Every candidate is measured as the finished file, so no picture (noise is the worst) and no budget,
    however tight, gives a PDF over it; the page keeps the crop's physical size."""
    arr = np.random.default_rng(size[0]).integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)
    pdf = encode(Image.fromarray(arr), dpi, limit=limit)
    assert len(pdf.data) <= limit
    page = PdfReader(io.BytesIO(pdf.data)).pages[0]
    assert float(page.mediabox.width) / 72 == pytest.approx(size[0] / dpi, rel=0.02)
