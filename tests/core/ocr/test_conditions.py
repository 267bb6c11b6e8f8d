"""OCR through the `hotich ocr` path on generated pages (tests.pagegen) under the conditions real books bring:
a 150 dpi skewed scan, a phone photo, faded ink. Thresholds are floors under today's figures on these pages,
so a change that breaks a condition fails here; the per-condition figures live in benchmarks/reading.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from hotich_desktop.core.ocr import engine
from hotich_desktop.core.entries.pipeline import ocr_file
from tests.pagegen import PageSpec, make_page

pytestmark = pytest.mark.skipif(not engine.available("vie"), reason="Tesseract with vie is not installed")


def _iou(a, b) -> float:  # noqa: ANN001
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _same(a: str, b: str) -> bool:
    return " ".join(a.replace(",", " , ").lower().split()) == " ".join(b.replace(",", " , ").lower().split())


@pytest.mark.parametrize("spec, least_exact", [
    (PageSpec("khai_sinh", 1998, "table", 4, "type", 150, 31, 1, ("tint", "skew", "noise")), 0.7),
    (PageSpec("ket_hon", 1995, "table", 4, "type", 200, 32, 1, ("tint", "phone")), 0.55),
    (PageSpec("khai_tu", 1992, "blocks", 2, "type", 200, 33, 1, ("faded", "tint", "noise")), 0.6),
], ids=["150dpi-skew", "phone", "faded-blocks"])
def test_fields_read_and_confidence_means_right(spec: PageSpec, least_exact: float, tmp_path: Path) -> None:
    image, truth = make_page(spec)
    path = tmp_path / "trang.png"
    image.save(path, dpi=(spec.dpi, spec.dpi))
    out = ocr_file(path, spec.book_type)
    assert len(out["entries"]) == len(truth["entries"])
    fields = exact = sure = sure_right = 0
    for want in truth["entries"]:
        got = max(out["entries"], key=lambda e: _iou(e["bbox"], want["bbox"]))["fields"]
        for key, value in want["fields"].items():
            read = got.get(key) or {}
            right = _same(read.get("value", ""), value)
            fields += 1
            exact += right
            if read.get("confidence", 0) >= 0.9:
                sure += 1
                sure_right += right
    assert exact / fields >= least_exact
    assert sure and sure_right / sure >= 0.8
