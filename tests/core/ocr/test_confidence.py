"""A value Tesseract is sure of but that has no right value's shape is not shown as sure."""
from __future__ import annotations

import pytest

from hotich_desktop.core.ocr.confidence import SHAPE_CAP, trust
from hotich_desktop.core.records.forms import load_form

FORM = load_form("khai_sinh")
NAME, PLACE, DATE = FORM.field("ho_ten"), FORM.field("noi_sinh"), FORM.field("ngay_sinh")


@pytest.mark.parametrize("value", ["Lò Văn Minh", "Vũ Ngọc Yến", "Triệu Đức Quý", "Nguyễn Thị Minh Khai"])
def test_full_names_stay_sure(value: str) -> None:
    assert trust(NAME, value, 0.95) == 0.95


@pytest.mark.parametrize("value", ["Sơn", "Võ Quang", "Đỗ Thu Ón", "Hồ Hồng Mỹ"])
def test_cut_names_and_short_toned_given_names_are_not_sure(value: str) -> None:
    assert trust(NAME, value, 0.95) == SHAPE_CAP


@pytest.mark.parametrize("value", ["Tại nhà, Bản Củ, xã Lạc Dương, tỉnh Lâm Đồng",
                                   "Trạm y tế xã Mường Bú, huyện Mường La, tỉnh Sơn La",
                                   "Thôn 3, xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An",
                                   "Bệnh viện huyện Quỳ Hợp, tỉnh Nghệ An"])
def test_well_formed_places_stay_sure(value: str) -> None:
    assert trust(PLACE, value, 0.93) == 0.93


@pytest.mark.parametrize("value", ["Xóm Chợ, xã Lạc Dương, huyện Lạc Dương lính Lâm Đồng",
                                   "Thôn 3, vã Tân Thành, huyện Đồng Xoài, tỉnh Bình Phước",
                                   "Tại nhà Xóm Chợ, xã Chiềng Cơi, tỉnh Sơn La",
                                   "Bản Pá Sàng xã Lộc Ninh, huyện Lộc Ninh, tỉnh Bình Phước",
                                   "Áo Bàu Ké, xã Tà Hộc, huyện Mai Sơn, tỉnh Sơn La",
                                   "Bệnh viện huyện Quy Hợp, tỉnh Nghệ An", "Thôn 3, , tỉnh Nghệ An"])
def test_misread_places_are_not_sure(value: str) -> None:
    assert trust(PLACE, value, 0.93) == SHAPE_CAP


def test_unsure_values_and_other_fields_are_left_alone() -> None:
    assert trust(NAME, "Sơn", 0.5) == 0.5
    assert trust(DATE, "12/03/1992", 0.97) == 0.97


@pytest.mark.parametrize("field, value", [(PLACE, "Lô€ Ninh"), (PLACE, "xã Lộc Ninh, huyện Lộc Ninh, tỉnh Bình Phước©"),
                                          (NAME, "Trần ©ăn Minh"), (NAME, "Lò Văn | Minh"), (NAME, "Nguyễn Thị Hö"),
                                          (NAME, "Đỗ Văn ®ạt"), (DATE, "12/O3/1992"), (PLACE, "Bản Pá ¢ Sàng")])
def test_garbage_with_foreign_symbols_is_never_sure(field, value: str) -> None:  # noqa: ANN001
    for said in (0.99, 0.92, 0.6):
        assert trust(field, value, said) < 0.9
    assert trust(field, value, 0.99) <= 0.3


@pytest.mark.parametrize("field, value", [(NAME, "Đặng Thị Ngọc Ánh"), (PLACE, "Thôn 3, xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An"),
                                          (DATE, "01/02/1990")])
def test_vietnamese_writing_is_not_foreign(field, value: str) -> None:  # noqa: ANN001
    assert trust(field, value, 0.97) == 0.97


@pytest.mark.parametrize("value", ["Lục Văn íÍn (con)", "Bài Quang Hưng", "Võ thị Hạnh", "Lò VĂn Minh"])
def test_names_with_a_stray_capital_or_an_unknown_family_are_not_sure(value: str) -> None:
    assert trust(NAME, value, 0.95) == SHAPE_CAP


def test_a_gender_or_ethnicity_not_spelt_as_its_list_is_not_sure() -> None:
    assert trust(FORM.field("gioi_tinh"), "Nam Kinh", 0.95) == SHAPE_CAP
    assert trust(FORM.field("dan_toc"), "Kinh", 0.95) == 0.95
