"""Reading quality per scanning condition on handwriting-style pages made here (tests.pagegen), through the
`hotich ocr` path: field exact and the precision of what is shown as sure must not fall under floors set
under today's figures on these pages, so a change that breaks a condition fails. Timing is not checked here
(benchmarks/reading_fields.py prints the figures per condition against a baseline)."""
from __future__ import annotations

from pathlib import Path

import pytest

from hotich_desktop.core.entries.pipeline import ocr_file
from hotich_desktop.core.ocr import engine
from tests.pagegen import PageSpec, make_page
from tests.pagegen.scoring import iou as _iou, same_value as _same

pytestmark = pytest.mark.skipif(not engine.available("vie"), reason="Tesseract with vie is not installed")


def figures(spec: PageSpec, folder: Path) -> tuple[float, int, int]:
    """(field exact, fields shown as sure, of those right) for one generated page."""
    image, truth = make_page(spec)
    path = folder / "trang.jpg"
    image.save(path, quality=85, **({"dpi": (spec.dpi, spec.dpi)} if "phone" not in spec.conditions else {}))
    out = ocr_file(path, spec.book_type)
    fields = exact = sure = sure_right = 0
    for want in truth["entries"]:
        got = max(out["entries"], key=lambda e: _iou(e["bbox"], want["bbox"]))["fields"] if out["entries"] else {}
        for key, value in want["fields"].items():
            read = got.get(key) or {}
            right = _same(read.get("value", ""), value)
            fields += 1
            exact += right
            if read.get("confidence", 0) >= 0.9:
                sure += 1
                sure_right += right
    return exact / fields, sure, sure_right


SPECS = [
    (PageSpec("khai_sinh", 1997, "table", 4, "hand", 300, 41, 5, ("tint",)), 0.8),  # today 0.89
    (PageSpec("ket_hon", 1995, "table", 4, "hand", 200, 42, 9, ("tint", "phone")), 0.6),  # 0.70 (main: 0.1)
    (PageSpec("khai_tu", 2018, "blocks", 2, "hand", 200, 43, 3, ("upside_down", "noise")), 0.45),  # 0.54
    (PageSpec("khai_sinh", 1986, "table", 5, "hand", 150, 44, 12, ("skew", "jpeg", "stains")), 0.52),  # 0.61
]


@pytest.mark.parametrize("spec, least_exact", SPECS, ids=["scan-300", "phone", "upside-blocks", "150dpi-skew"])
def test_handwriting_reads_and_sure_means_right(spec: PageSpec, least_exact: float, tmp_path: Path) -> None:
    exact, sure, sure_right = figures(spec, tmp_path)
    assert exact >= least_exact
    assert sure >= 5 and sure_right / sure >= 0.9  # today 16/17 to 45/46 per page
