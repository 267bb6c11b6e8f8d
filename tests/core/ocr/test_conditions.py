"""OCR through the `hotich ocr` path on generated pages (tests.pagegen) under the conditions real books bring:
a 150 dpi skewed scan, a phone photo, faded ink. Thresholds are floors under today's figures on these pages,
so a change that breaks a condition fails here; the per-condition figures live in benchmarks/reading.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from hotich_desktop.core.ocr import engine
from hotich_desktop.core.entries.pipeline import ocr_file
from tests.pagegen import PageSpec, make_page
from tests.pagegen.scoring import iou as _iou, same_value as _same

pytestmark = pytest.mark.skipif(not engine.available("vie"), reason="Tesseract with vie is not installed")


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
