"""The page generator the suite stands on: its truth must be right, or every test built on it is wrong."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hotich_desktop.core.records.forms import load_form
from tests.pagegen import SAMPLE_SET, PageSpec, make_book, make_page, make_sheet, write_page
from tests.pagegen.content import BOOK_TYPES, Book

GEOMETRY = [
    PageSpec("khai_sinh", 1998, "table", 6, "hand", 150, 21, conditions=("skew",)),
    PageSpec("khai_tu", 1990, "blocks", 3, "type", 150, 22, conditions=("upside_down", "skew")),
    PageSpec("ket_hon", 2001, "spread", 4, "hand", 150, 23, conditions=("curl", "skew")),
    PageSpec("khai_sinh", 2015, "blocks", 1, "hand", 150, 24, conditions=("phone", "seal")),
    PageSpec("khai_tu", 1979, "table", 5, "type", 150, 25, conditions=("curl", "phone", "tint", "stains")),
]


def _date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


@pytest.mark.parametrize("spec", GEOMETRY, ids=lambda s: f"{s.layout}-{'+'.join(s.conditions)}")
def test_truth_boxes_enclose_the_written_values(spec: PageSpec) -> None:
    """Each entry's values written alone, against the page without any: the difference is that entry's ink.
    It lies inside that entry's box (and there is enough of it to be the values)."""
    blank = make_sheet(replace(spec, blank=True))
    for i in range(spec.entries):
        one = make_sheet(replace(spec, only=i))
        assert one.image.shape == blank.image.shape
        ink = np.abs(one.image.astype(np.int16) - blank.image.astype(np.int16)).max(axis=2) > 60
        h, w = ink.shape
        x0, y0 = np.floor(one.outlines[i].min(axis=0)).astype(int) - 2
        x1, y1 = np.ceil(one.outlines[i].max(axis=0)).astype(int) + 2
        inside = np.zeros_like(ink)
        inside[max(0, y0):min(h, y1), max(0, x0):min(w, x1)] = True
        assert ink.sum() > 500, f"entry {i} has no ink"
        assert (ink & ~inside).sum() <= 0.001 * ink.sum(), f"entry {i}'s ink runs outside its box"


@pytest.mark.parametrize("spec", [SAMPLE_SET[0], SAMPLE_SET[6], SAMPLE_SET[11]], ids=["table", "spread", "phone"])
def test_the_same_spec_gives_the_same_page(spec: PageSpec) -> None:
    a_img, a_truth = make_page(spec)
    b_img, b_truth = make_page(spec)
    assert a_truth == b_truth
    assert np.array_equal(np.asarray(a_img), np.asarray(b_img))
    c_img, c_truth = make_page(replace(spec, seed=spec.seed + 100))
    assert c_truth["entries"][0]["fields"] != a_truth["entries"][0]["fields"]


@pytest.mark.parametrize("book_type", BOOK_TYPES)
def test_field_keys_are_those_of_the_form(book_type: str) -> None:
    """Every value a page carries is a field of the form, in the form's order (the form has more fields, such as
    identity papers, than an old book's page writes)."""
    form_keys = list(load_form(book_type).keys)
    written = list(Book(book_type, 1995, 3).next_entry())
    assert set(written) <= set(form_keys), set(written) - set(form_keys)
    assert written == [k for k in form_keys if k in written]


def test_a_book_numbers_on_with_plausible_dates(tmp_path: Path) -> None:
    specs = [PageSpec("khai_sinh", 1995, "table", 5, "hand", 150, 31), PageSpec(layout="blocks", entries=3, dpi=150),
             PageSpec(layout="spread", entries=4, dpi=150)]
    pages = make_book(tmp_path, specs)
    entries = [e for p in pages for e in json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["entries"]]
    assert [int(e["fields"]["so"]) for e in entries] == list(range(1, 13))
    days = [_date(e["fields"]["ngay_dang_ky"]) for e in entries]
    assert days == sorted(days) and all(d.year == 1995 for d in days)
    for e, day in zip(entries, days):
        assert _date(e["fields"]["ngay_sinh"]) < day
        assert 1995 - 45 <= int(e["fields"]["nam_sinh_cha"]) <= 1995 - 19
    for bt in ("khai_tu", "ket_hon"):
        book = Book(bt, 2003, 7)
        for _ in range(40):
            f = book.next_entry()
            reg = _date(f["ngay_dang_ky"])
            if bt == "khai_tu":
                assert _date(f["ngay_chet"]) <= reg
                assert int(f["ngay_sinh"][-4:]) <= _date(f["ngay_chet"]).year
            else:
                assert (reg - _date(f["ngay_sinh_chong"])).days > 20 * 365
                assert (reg - _date(f["ngay_sinh_vo"])).days > 18 * 365


@pytest.mark.parametrize("fmt", ["jpg", "png", "tif"])
def test_written_pages_have_the_shared_truth_shape(tmp_path: Path, fmt: str) -> None:
    spec = PageSpec("ket_hon", 2019, "blocks", 2, "type", 150, 41, conditions=("seal", "skew"))
    path = write_page(tmp_path, "scan_0001", *make_page(spec), fmt)
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert {"file", "book_type", "year", "dpi", "layout", "hand", "size", "entries"} <= set(truth)
    assert truth["file"] == path.name and truth["layout"] == "block2" and truth["hand"] == "type"
    with Image.open(path) as img:
        assert list(img.size) == truth["size"]
        assert round(img.info["dpi"][0]) == 150
    assert any(e["has_seal"] for e in truth["entries"])
    for e in truth["entries"]:
        assert len(e["polygon"]) == 4 and len(e["bbox"]) == 4
        x0, y0, x1, y1 = e["bbox"]
        assert all(x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1 for x, y in e["polygon"])


def test_bad_specs_are_refused() -> None:
    with pytest.raises(ValueError, match="1-4"):
        PageSpec(layout="blocks", entries=6)
    with pytest.raises(ValueError, match="layout"):
        PageSpec(layout="scroll")
    with pytest.raises(ValueError, match="unknown conditions"):
        make_page(PageSpec(conditions=("flood",)))
