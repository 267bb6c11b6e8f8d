"""Ledger pages with ground truth, made on the spot: the tests, the demo and the benchmarks need nothing beside
the project. The truth JSON has the shape the sample ledgers' README fixes (file, book_type, year, dpi, layout,
hand, size, entries[{bbox, polygon, fields, has_seal}]), plus `conditions`, the distortions the page went through.

    from tests.pagegen import PageSpec, make_page, write_page
    image, truth = make_page(PageSpec("khai_tu", 1995, "spread", 5, hand="hand", dpi=200, conditions=("phone",)))

Everything is seeded: the same spec gives the same pixels. `python -m tests.pagegen OUT --pages N` makes a folder.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from . import distort
from .content import BOOK_TYPES, Book, Commune
from .render import LAYOUTS, Pen, Sheet

__all__ = ["BOOK_TYPES", "Book", "Commune", "PageSpec", "make_page", "write_page", "make_book", "random_specs", "SAMPLE_SET",
           "write_set"]

HAND_SIZE = {"table": 0.085, "spread": 0.08, "blocks": 0.12}  # value text height in inches, per layout


@dataclass(frozen=True)
class PageSpec:
    """One page to make. `entries`: rows of a table or spread (4-6), or boxed blocks (1-4)."""

    book_type: str = "khai_sinh"
    year: int = 1998
    layout: str = "table"  # table | blocks | spread
    entries: int = 4
    hand: str = "hand"  # hand | type
    dpi: int = 200
    seed: int = 0
    first_no: int = 1
    conditions: tuple[str, ...] = ()
    fmt: str = "jpg"  # jpg | png | tif, when written
    blank: bool = False  # rules and labels only, no values (to find the values' ink by difference)
    only: int | None = None  # write the values of this entry only
    writer: int | None = None  # the same seed on every page of a book: one clerk's hand (font and ink)

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown layout {self.layout!r}")
        if self.hand not in ("hand", "type"):
            raise ValueError(f"hand must be 'hand' or 'type', not {self.hand!r}")
        lo, hi = (1, 4) if self.layout == "blocks" else (4, 6)
        if not lo <= self.entries <= hi:
            raise ValueError(f"{self.layout} pages hold {lo}-{hi} entries, not {self.entries}")


def make_sheet(spec: PageSpec, book: Book | None = None) -> Sheet:
    """The page before it leaves as an image: pixels and each entry's outline, after the spec's conditions."""
    book = book or Book(spec.book_type, spec.year, spec.seed, spec.first_no)
    rng = random.Random(f"page/{spec.seed}/{spec.book_type}/{spec.year}/{spec.layout}/{spec.entries}/{spec.dpi}")
    pen = Pen(random.Random(rng.random()), spec.dpi, spec.hand, HAND_SIZE[spec.layout], spec.writer)
    sheet = LAYOUTS[spec.layout](rng, pen, book, spec.dpi, spec.entries,
                                 lambda i: spec.blank or (spec.only is not None and i != spec.only))
    return distort.apply(sheet, spec.conditions, random.Random(rng.random()))


def truth_of(sheet: Sheet, spec: PageSpec) -> dict:
    w, h = sheet.size
    entries = []
    for outline, fields, seal in zip(sheet.outlines, sheet.fields, sheet.seals):
        xs, ys = outline[:, 0], outline[:, 1]
        bbox = [max(0, round(float(xs.min()))), max(0, round(float(ys.min()))),
                min(w, round(float(xs.max()))), min(h, round(float(ys.max())))]
        polygon = [[round(float(x)), round(float(y))] for x, y in distort.corners(outline)]
        entries.append({"bbox": bbox, "polygon": polygon, "fields": fields, "has_seal": seal})
    return {"book_type": spec.book_type, "year": spec.year, "dpi": spec.dpi, "layout": sheet.layout,
            "hand": spec.hand, "size": [w, h], "conditions": list(sheet.applied), "entries": entries}


def make_page(spec: PageSpec, book: Book | None = None) -> tuple[Image.Image, dict]:
    """(image, truth without "file") for one page; pass a Book to continue its numbering."""
    sheet = make_sheet(spec, book)
    return Image.fromarray(sheet.image), truth_of(sheet, spec)


def write_page(folder: Path, stem: str, image: Image.Image, truth: dict, fmt: str = "jpg",
               quality: int = 88) -> Path:
    """STEM.{jpg,png,tif} and STEM.json side by side; returns the image's path."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{stem}.{fmt}"
    dpi = (truth["dpi"], truth["dpi"])
    if fmt == "jpg":
        image.save(folder / name, quality=quality, dpi=dpi)
    elif fmt == "tif":
        image.save(folder / name, compression="tiff_lzw", dpi=dpi)
    elif fmt == "png":
        image.save(folder / name, dpi=dpi, compress_level=3)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    (folder / f"{stem}.json").write_text(json.dumps({"file": name, **truth}, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    return folder / name


def make_book(folder: Path, specs: Sequence[PageSpec], prefix: str = "scan", quality: int = 88,
              commune: Commune | None = None) -> list[Path]:
    """Pages of one book (the first spec's type and year): registration numbers and dates run on; with a
    Commune, its own names and places (give the specs one `writer` for one clerk's hand)."""
    book = Book(specs[0].book_type, specs[0].year, specs[0].seed, specs[0].first_no, commune)
    paths = []
    for n, spec in enumerate(specs, 1):
        spec = replace(spec, book_type=book.book_type, year=book.year)
        image, truth = make_page(spec, book)
        paths.append(write_page(folder, f"{prefix}_{n:04d}", image, truth, spec.fmt, quality))
    return paths


def write_set(folder: Path, specs: Iterable[PageSpec], prefix: str = "scan") -> list[Path]:
    """Independent pages, one file pair each, numbered in order."""
    return [write_page(folder, f"{prefix}_{n:04d}", *make_page(spec), spec.fmt) for n, spec in enumerate(specs, 1)]


def random_specs(count: int, seed: int = 1, book_type: str | None = None, year: int | None = None,
                 hard: bool = True) -> list[PageSpec]:
    """A varied mix; with book_type and year given, numbers run on from page to page (use make_book)."""
    rng = random.Random(seed)
    out, numbers = [], {}
    for i in range(count):
        bt = book_type or rng.choice(BOOK_TYPES)
        yr = year or rng.choice([1979, 1986, 1992, 1995, 1998, 2005, 2012, 2017, 2019])
        layout = rng.choice(["table", "table", "blocks", "spread"])
        n = rng.randint(1, 4) if layout == "blocks" else rng.randint(4, 6)
        dpi = rng.choice([150, 200]) if layout == "spread" else rng.choice([150, 200, 300])
        conditions = [c for c, p in (("seal", 0.3), ("faded", 0.2), ("tint", 0.7), ("stains", 0.3), ("skew", 0.6),
                                     ("noise", 0.7), ("jpeg", 0.15), ("upside_down", 0.08)) if rng.random() < p]
        if hard and rng.random() < 0.2:
            conditions += ["phone"] + (["curl"] if layout == "spread" or rng.random() < 0.5 else [])
        first = numbers.get((bt, yr), 1)
        numbers[(bt, yr)] = first + n
        out.append(PageSpec(bt, yr, layout, n, rng.choice(["hand", "hand", "type"]), dpi, seed * 1000 + i, first,
                            tuple(conditions), rng.choice(["jpg"] * 5 + ["png", "tif"])))
    return out


# The fixed set the test suite's `ledgers` fixture serves. Page 1 is a typed khai_sinh register of 1998 with
# four rows (tests of the whole chain rely on it); the rest cover every layout, hand, dpi, format and condition.
SAMPLE_SET: tuple[PageSpec, ...] = (
    PageSpec("khai_sinh", 1998, "table", 4, "type", 200, 1, 1, ("tint", "skew", "noise"), "png"),
    PageSpec("ket_hon", 2018, "table", 5, "type", 300, 2, 1, ("tint", "noise"), "jpg"),
    PageSpec("khai_tu", 1992, "blocks", 2, "hand", 300, 3, 1, ("tint", "stains", "noise"), "tif"),
    PageSpec("khai_tu", 1997, "table", 6, "hand", 200, 4, 1, ("seal", "tint", "skew", "noise"), "jpg"),
    PageSpec("khai_sinh", 1979, "blocks", 3, "hand", 200, 5, 1, ("faded", "tint", "noise"), "jpg"),
    PageSpec("ket_hon", 1986, "blocks", 1, "type", 150, 6, 1, ("tint", "skew", "noise", "jpeg"), "jpg"),
    PageSpec("khai_sinh", 1992, "spread", 5, "hand", 150, 7, 1, ("tint", "curl", "skew", "noise"), "jpg"),
    PageSpec("khai_tu", 2019, "blocks", 4, "type", 200, 8, 1, ("seal", "tint", "noise"), "png"),
    PageSpec("khai_sinh", 1995, "table", 5, "hand", 300, 9, 1, ("tint", "stains", "skew", "noise"), "jpg"),
    PageSpec("ket_hon", 2012, "spread", 4, "type", 200, 10, 1, ("tint", "noise"), "tif"),
    PageSpec("khai_tu", 1986, "table", 4, "type", 150, 11, 1, ("tint", "upside_down", "noise"), "jpg"),
    PageSpec("khai_sinh", 2017, "table", 4, "hand", 200, 12, 1, ("tint", "phone"), "jpg"),
    PageSpec("ket_hon", 2005, "blocks", 2, "hand", 200, 13, 1, ("tint", "phone", "curl", "noise"), "jpg"),
    PageSpec("khai_sinh", 1998, "table", 4, "hand", 200, 14, 5, ("seal", "faded", "tint", "skew", "jpeg"), "jpg"),
)

