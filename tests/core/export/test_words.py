"""Dates in Vietnamese words and the values the clerk never types."""
from __future__ import annotations

import pytest

from hotich_desktop.core.export.values import birth_kind, row_values, split_relation
from hotich_desktop.core.export.words import date_words, number_words
from hotich_desktop.core.records.forms import load_form


@pytest.mark.parametrize(("n", "words"), [
    (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"),
    (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"),
    (31, "ba mươi mốt"), (100, "một trăm"), (105, "một trăm linh năm"), (110, "một trăm mười"),
    (1000, "một nghìn"), (1905, "một nghìn chín trăm linh năm"), (1998, "một nghìn chín trăm chín mươi tám"),
    (2000, "hai nghìn"), (2005, "hai nghìn không trăm linh năm"), (2010, "hai nghìn không trăm mười"),
    (2015, "hai nghìn không trăm mười lăm"), (2021, "hai nghìn không trăm hai mươi mốt"),
    (45_678, "bốn mươi lăm nghìn sáu trăm bảy mươi tám"),
])
def test_number_words(n: int, words: str) -> None:
    assert number_words(n) == words


def test_number_words_range() -> None:
    with pytest.raises(ValueError):
        number_words(-1)


@pytest.mark.parametrize(("date", "words"), [
    ("20/10/1998", "Ngày hai mươi tháng mười năm một nghìn chín trăm chín mươi tám"),
    ("01/04/2005", "Ngày một tháng tư năm hai nghìn không trăm linh năm"),
    ("15/11/2015", "Ngày mười lăm tháng mười một năm hai nghìn không trăm mười lăm"),
    ("31/12/1960", "Ngày ba mươi mốt tháng mười hai năm một nghìn chín trăm sáu mươi"),
    ("06/1992", "Tháng sáu năm một nghìn chín trăm chín mươi hai"),
    ("1975", "Năm một nghìn chín trăm bảy mươi lăm"),
    ("", ""), ("32/01/1990", ""), ("15/13/1990", ""), ("không rõ", ""),
])
def test_date_words(date: str, words: str) -> None:
    assert date_words(date) == words


@pytest.mark.parametrize(("text", "name", "relation"), [
    ("Ngô Văn Dũng (cha)", "Ngô Văn Dũng", "cha"), ("Lò Thị Ỏn ( mẹ )", "Lò Thị Ỏn", "mẹ"),
    ("Cầm Văn Tú", "Cầm Văn Tú", ""), ("(cha)", "(cha)", ""), ("", "", ""),
])
def test_relation_is_split_from_the_applicants_name(text: str, name: str, relation: str) -> None:
    assert split_relation(text) == (name, relation)


def test_birth_kind_from_the_parents_named() -> None:
    assert [birth_kind("A", "B"), birth_kind("A", ""), birth_kind("", "B"), birth_kind("", "")] == ["1", "2", "3", "4"]


def test_loai_dang_ky_defaults_only_for_the_books_own_year() -> None:
    form = load_form("khai_tu")
    common = {"stt": 1, "book_year": 1998, "volume": "1", "page": "3", "office_name": "UBND xã A"}
    assert row_values(form, {"ngay_dang_ky": "02/03/1998"}, **common)["loaiDangKy"] == "1"
    assert row_values(form, {"ngay_dang_ky": "02/03/1999"}, **common)["loaiDangKy"] == ""
    assert row_values(form, {"ngay_dang_ky": "02/03/1999", "loai_dang_ky": "2"}, **common)["loaiDangKy"] == "2"
    assert row_values(form, {}, **common)["quyenSo"] == "01/1998"
