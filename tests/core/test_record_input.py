"""Issue 17 (3): a partial fields file merges, values are bounded text, codes come from their lists."""
from __future__ import annotations

import pytest

from hotich_desktop.core.errors import BadInput, Refused
from tests.conftest import make_entries

FULL = {"so": "16", "ngay_dang_ky": "12/03/1992", "ho_ten": "Cầm Diệu Thúy", "gioi_tinh": "Nữ",
        "ngay_sinh": "06/03/1992", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái",
        "quoc_tich": "Việt Nam", "ho_ten_me": "Lò Thị Ỏn", "nam_sinh_me": "1970"}


def test_partial_file_keeps_the_other_fields_and_replace_replaces(service, people) -> None:
    _, clerk, _ = people
    entry = make_entries(service, clerk, 1)[0]
    service.save_record(clerk, entry, FULL)
    merged = service.save_record(clerk, entry, {"so": "7"}).entry.fields
    assert merged == dict(FULL, so="7")
    cleared = service.save_record(clerk, entry, {"ho_ten_me": ""}).entry.fields
    assert "ho_ten_me" not in cleared and cleared["ho_ten"] == "Cầm Diệu Thúy"
    replaced = service.save_record(clerk, entry, {"so": "8"}, replace=True).entry.fields
    assert replaced == {"so": "8"}


@pytest.mark.parametrize("value", [{"ten": "Thái"}, ["Thái"], True, 1.5])
def test_values_that_are_not_text_are_refused(service, people, value) -> None:
    _, clerk, _ = people
    entry = make_entries(service, clerk, 1)[0]
    with pytest.raises(BadInput, match="Dân tộc"):
        service.save_record(clerk, entry, dict(FULL, dan_toc=value))
    assert service.entries.info(entry).fields == {}


def test_numbers_are_written_out_as_text(service, people) -> None:
    _, clerk, _ = people
    entry = make_entries(service, clerk, 1)[0]
    assert service.save_record(clerk, entry, dict(FULL, so=47)).entry.fields["so"] == "47"


@pytest.mark.parametrize("size", [101, 10 * 1024 * 1024])
def test_a_value_longer_than_its_field_is_never_stored(service, people, size: int) -> None:
    _, clerk, _ = people
    entry = make_entries(service, clerk, 1)[0]
    with pytest.raises(BadInput, match="Họ và tên"):
        service.save_record(clerk, entry, dict(FULL, ho_ten="A" * size))
    assert service.entries.info(entry).fields == {}


@pytest.mark.parametrize("key,value", [("gioi_tinh", "X"), ("dan_toc", "Người Sao Hỏa"),
                                       ("quoc_tich", "Atlantis")])
def test_codes_outside_their_lists_block_submit_and_approval(service, people, key: str, value: str) -> None:
    _, clerk, boss = people
    entry = make_entries(service, clerk, 1)[0]
    with pytest.raises(Refused, match="Chưa gửi duyệt"):
        service.save_record(clerk, entry, dict(FULL, **{key: value}), submit=True)
    saved = service.save_record(clerk, entry, dict(FULL, **{key: value}))
    assert [f.code for f in saved.findings if f.field == key] == ["unknown_code"]
    with pytest.raises(Refused, match="không chấp nhận được"):  # a code must be fixed, never accepted
        service.review.accept_finding(boss, entry, "unknown_code", key, "Sổ gốc ghi vậy")
    with pytest.raises(Refused, match="Chưa phê duyệt"):
        service.review.approve(boss, entry)
    with pytest.raises(Refused, match="Chưa gửi duyệt"):
        service.save_record(clerk, entry, {}, submit=True)
    assert service.save_record(clerk, entry, dict(FULL), submit=True).entry.status == "submitted"
    assert service.review.approve(boss, entry).value.status == "approved"
