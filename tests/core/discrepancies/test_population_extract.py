"""The population-data extract: in the database only, compared with the record being entered, purged whole."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from hotich_desktop.core.errors import BadInput
from hotich_desktop.core.store.models import AuditEvent, PopulationPerson
from tests.conftest import make_entries

HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Họ tên cha", "Họ tên mẹ", "Nơi thường trú"]
UNIQUE = "Sùng Thị Độcnhất"
PEOPLE = [
    ["Lò Thị Ỏn", "05/03/1992", "Nữ", "011192000123", "Lò Văn Páo", "Quàng Thị Dợ", "Bản Củ, xã Mường Bú"],
    [UNIQUE, "33668", "Nữ", "011192000999", "Sùng A Pó", "Giàng Thị Mỷ", "Bản Lè, xã Mường Bú"],  # a serial date
    ["Quàng Văn Páo", "07/08/1990", "Nam", "011090000456", "Quàng Văn Chư", "Lò Thị Lụa", "Bản Củ, xã Mường Bú"],
]


def _extract(tmp_path: Path, rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows(rows)
    path = tmp_path / "trich-xuat.csv"
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return path


def _files_holding(root: Path, needle: bytes, skip_db: bool) -> list[str]:
    return [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()
            and not (skip_db and p.name.startswith("hotich.sqlite3")) and needle in p.read_bytes()]


def test_the_extract_lives_in_the_database_only(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    report = svc.discrepancies.import_population(clerk, _extract(tmp_path, PEOPLE + [PEOPLE[0], ["", "1/1/1990"]]))
    assert report.value.read == 3 and report.value.skipped == [(5, "trùng hệt dòng 2"), (6, "không có họ tên")]
    assert svc.discrepancies.population_size() == 3
    with svc.store.session() as s:
        assert s.scalar(select(PopulationPerson.birth).where(PopulationPerson.name == UNIQUE)) == "05/03/1992"
    assert _files_holding(svc.workspace.root, UNIQUE.encode(), skip_db=True) == []
    # a second extract replaces the first
    svc.discrepancies.import_population(clerk, _extract(tmp_path, PEOPLE[:1]))
    assert svc.discrepancies.population_size() == 1


def test_the_record_being_entered_is_compared_with_the_best_person(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    svc.discrepancies.import_population(clerk, _extract(tmp_path, PEOPLE))
    ids = make_entries(svc, clerk, 2)
    typed = {"so": "12", "ngay_dang_ky": "10/03/1992", "ho_ten": "Lò Thị Ổn", "gioi_tinh": "Nữ",
             "ngay_sinh": "05/03/1992", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái",
             "ho_ten_cha": "Lò Văn Páo", "ho_ten_me": "Quàng Thị Dơ"}
    found = svc.discrepancies.population_match("khai_sinh", typed)
    assert found is not None and found.values["name"] == "Lò Thị Ỏn" and found.id_number == "011192000123"
    assert [(d.field, d.record, d.population) for d in found.differences] == [
        ("ho_ten", "Lò Thị Ổn", "Lò Thị Ỏn"), ("ho_ten_me", "Quàng Thị Dơ", "Quàng Thị Dợ")]
    assert svc.discrepancies.population_match("khai_sinh", {"ho_ten": "Hoàng Minh Khánh",
                                                            "ngay_sinh": "01/01/2001"}) is None
    # the clerk takes one value over (a normal save) and notes the other for the district
    svc.save_record(clerk, ids[0], {**typed, "ho_ten": "Lò Thị Ỏn"})
    noted = svc.discrepancies.note_difference(clerk, ids[0], "ho_ten_me", "Quàng Thị Dợ", note="Sổ ghi Dơ").value
    assert (noted.error_type, noted.entry_id, noted.fields["value_hotich"]) == ("parents", ids[0], "Quàng Thị Dơ")
    lists = svc.discrepancies.lists()
    assert [(x.kind, x.lines) for x in lists] == [("noted", 1)]
    out = svc.discrepancies.export(clerk, lists[0].id, tmp_path / "ghi-nhan.xlsx").value
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 2 and "Quàng Thị Dợ" in rows[1] and "Sổ ghi Dơ" in rows[1]


def test_purge_leaves_nothing(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    admin, clerk, boss = sqlite_people
    svc.discrepancies.import_population(clerk, _extract(tmp_path, PEOPLE))
    assert _files_holding(svc.workspace.root, UNIQUE.encode(), skip_db=False)  # in the database now
    assert svc.discrepancies.purge_population(boss).value == 3
    assert svc.discrepancies.population_size() == 0
    assert svc.discrepancies.population_match("khai_sinh", {"ho_ten": "Lò Thị Ỏn", "ngay_sinh": "05/03/1992"}) is None
    # not even in the database file's free pages or its write-ahead log
    assert _files_holding(svc.workspace.root, UNIQUE.encode(), skip_db=False) == []
    with svc.store.session() as s:
        assert s.scalar(select(func.count(PopulationPerson.id))) == 0
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "population_purge")).one()
        assert (event.user_login, event.before, event.after) == ("kiemtra", {"people": 3}, {"people": 0})
        assert not any(UNIQUE in str(e.after) for e in s.scalars(select(AuditEvent)))
    assert svc.audit.verify().ok


def test_an_extract_without_names_is_refused(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    path = tmp_path / "x.csv"
    path.write_text("Số định danh,Ngày sinh\n0123,01/01/1990\n", encoding="utf-8")
    with pytest.raises(BadInput, match="Họ và tên"):
        svc.discrepancies.import_population(clerk, path)
    assert svc.discrepancies.population_size() == 0
