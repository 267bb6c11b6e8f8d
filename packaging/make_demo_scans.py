"""Makes the demo's sample scans, hotich_desktop/resources/demo/, from the test suite's page generator.

Run once from the project root and commit the result (the package ships the JPEGs, not the generator):
    .venv/bin/python packaging/make_demo_scans.py
Each book type gets a short book (numbers running on from page to page) of small JPEGs, truth JSON beside each.
Boxed blocks are made at 200 dpi: at 150 dpi detection still cuts a block along its printed guide lines.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pagegen import PageSpec, make_book  # noqa: E402

OUT = ROOT / "hotich_desktop" / "resources" / "demo"
QUALITY = 72
BOOKS = {
    "khai_sinh": [PageSpec("khai_sinh", 1998, "table", 4, "hand", 150, 501, conditions=("tint", "skew", "noise")),
                  PageSpec(layout="blocks", entries=3, hand="type", dpi=200, seed=502, conditions=("tint", "seal")),
                  PageSpec(layout="table", entries=5, hand="hand", dpi=150, seed=503,
                           conditions=("tint", "stains", "skew"))],
    "khai_tu": [PageSpec("khai_tu", 1997, "table", 4, "type", 150, 601, conditions=("tint", "skew")),
                PageSpec(layout="blocks", entries=2, hand="hand", dpi=200, seed=602, conditions=("tint", "faded"))],
    "ket_hon": [PageSpec("ket_hon", 2018, "blocks", 2, "hand", 200, 701, conditions=("tint", "skew")),
                PageSpec(layout="table", entries=4, hand="type", dpi=150, seed=702, conditions=("tint", "seal"))],
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in list(OUT.glob("*.jpg")) + list(OUT.glob("*.json")):
        old.unlink()
    for book_type, specs in BOOKS.items():
        make_book(OUT, specs, prefix=book_type, quality=QUALITY)
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(list(OUT.glob('*.jpg')))} sample scans, {total / 1e6:.2f} MB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
