import pytest

from hotich_desktop.core.records.forms import load_form
from hotich_desktop.core.records.normalize import capitalise_name, match_code, normalize_date, normalize_fields


@pytest.mark.parametrize("raw,want", [
    ("6/4/78", "06/04/1978"), ("06-04-1978", "06/04/1978"), ("ngày 6 tháng 4 năm 1978", "06/04/1978"),
    ("Ngày 06 tháng 04 năm 1978", "06/04/1978"), ("4/1978", "04/1978"), ("1978", "1978"),
    ("tháng 4 năm 1978", "04/1978"), ("06.04.1978", "06/04/1978"), ("31/02/1978", "31/02/1978"), ("", ""),
])
def test_dates(raw: str, want: str) -> None:
    assert normalize_date(raw) == want


def test_names_nfc_and_capitalised() -> None:
    decomposed = "ca\u0302\u0300m die\u0323\u0302u thu\u0301y"
    assert capitalise_name(decomposed) == "Cầm Diệu Thúy"


def test_all_54_ethnic_groups_and_aliases() -> None:
    from hotich_desktop.core.records.forms import code_list

    assert len([i for i in code_list("dan_toc")["items"] if int(i["code"]) <= 54]) == 54
    assert match_code("dan_toc", "H'Mông")[0] == "Mông"
    assert match_code("dan_toc", "kinh")[0] == "Kinh"
    assert match_code("dan_toc", "Xinh mun")[0] == "Xinh Mun"
    assert match_code("dan_toc", "Không biết")[1] == 0.0


def test_fields_with_control_characters_and_stray_text() -> None:
    form = load_form("khai_sinh")
    out = normalize_fields(form, {"so": "0047", "gioi_tinh": "NAM", "ho_ten": "le\x00 thi\x07  hoa", "quoc_tich": "VN"})
    assert out == {"so": "47", "gioi_tinh": "Nam", "ho_ten": "Le Thi Hoa", "quoc_tich": "Việt Nam"}


def test_every_book_type_has_a_form_with_158_columns() -> None:
    from hotich_desktop.core.booktypes import BOOK_TYPES

    for key in BOOK_TYPES:
        form = load_form(key)
        assert form.field("so") and form.field("ngay_dang_ky")
        assert all(f.columns for f in form.fields), key
