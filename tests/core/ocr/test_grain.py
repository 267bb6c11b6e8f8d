"""A grainy scan of a light typewriter ribbon: the paper's grain is smoothed before the faint ink is stretched
to black, else the stretched grain reads as lines of letters (issue 22: the learning benchmark's typed book
read 0.32 of its fields, every field of three pages in four lost)."""
from __future__ import annotations

import numpy as np
import pytest

from hotich_desktop.core.imaging.loader import Frame
from hotich_desktop.core.ocr import engine, prepare
from hotich_desktop.core.ocr.reader import read_entries
from tests.pagegen import PageSpec, make_page

needs_tesseract = pytest.mark.skipif(not engine.available("vie"), reason="Tesseract with vie is not installed")
GRAINY = PageSpec("khai_sinh", 1998, "table", 5, "type", 200, 49, 1, ("tint", "noise", "skew"), writer=2)


def _norm(v: str) -> str:
    return " ".join((v or "").replace(",", " , ").lower().split())


def test_clean_paper_is_left_as_it_is_and_grain_is_measured() -> None:
    rng = np.random.default_rng(5)
    clean = np.full((300, 900), 235, np.uint8)
    clean[100:130, 100:600] = 90  # a line of writing
    assert prepare.grain(clean) < prepare.NOISY and prepare.denoise(clean) is clean
    grain = np.kron(rng.normal(0, 11, (150, 450)), np.ones((2, 2)))  # sensor grain in 2x2 blocks, as scanned
    noisy = np.clip(clean + grain, 0, 255).astype(np.uint8)
    assert prepare.grain(noisy) >= prepare.NOISY
    smooth = prepare.denoise(noisy)
    assert prepare.grain(smooth) < prepare.NOISY and smooth[110:120, 200:500].mean() < 140  # the writing stays


@needs_tesseract
def test_a_grainy_typed_entry_is_read() -> None:
    image, truth = make_page(GRAINY)
    entry = truth["entries"][0]
    frame = Frame(image=image, index=0, count=1, dpi=200.0, dpi_estimated=False)
    got = read_entries(frame, [entry["polygon"]], "khai_sinh")[0]
    right = [k for k, v in entry["fields"].items() if k in got and _norm(got[k].value) == _norm(v)]
    assert len(right) >= 12, {k: got[k].value if k in got else None for k in entry["fields"]}
