"""Finding records by name (start of the full or given name, accents ignored), number and date."""
from __future__ import annotations

from hotich_desktop.core.records.search import search_keys, search_records
from tests.conftest import make_entries


def _person(number: str, name: str, registered: str) -> dict[str, str]:
    return {"so": number, "ngay_dang_ky": registered, "ho_ten": name, "gioi_tinh": "Nữ",
            "ngay_sinh": "01/01/1992", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Kinh"}


def test_search_by_name_number_and_date(service, people) -> None:
    _, clerk, _ = people
    ids = make_entries(service, clerk, 3)
    service.save_record(clerk, ids[0], _person("47", "Dương Kim Hạnh", "12/3/1992"))
    service.save_record(clerk, ids[1], _person("48", "Lò Thị Hạnh", "13/03/1992"))
    service.save_record(clerk, ids[2], _person("49", "Đặng Văn Dũng", "13/03/1992"))
    assert [h.entry_id for h in search_records(service, "duong kim")] == [ids[0]]
    assert [h.entry_id for h in search_records(service, "Dương Kim Hạnh")] == [ids[0]]
    assert [h.entry_id for h in search_records(service, "hạnh")] == [ids[0], ids[1]]  # the given name
    assert [h.entry_id for h in search_records(service, "047")] == [ids[0]]
    assert [h.entry_id for h in search_records(service, "13/3/1992")] == [ids[1], ids[2]]
    assert search_records(service, "Nguyễn") == [] and search_records(service, "  ") == []
    hit = search_records(service, "dang van dung")[0]
    assert (hit.number, hit.name, hit.book) == ("49", "Đặng Văn Dũng", "KS 1992 q.1")


def test_search_keys() -> None:
    keys = search_keys("ket_hon", {"ho_ten_chong": "Lò Văn Páo", "ngay_dang_ky": "5/6/1986"})
    assert keys == {"search_name": "lo van pao", "search_given": "pao", "search_date": "1986-06-05"}
