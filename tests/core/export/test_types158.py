"""The 158 package for every published book type, through a province-style template: header unchanged,
body = exactly the book's records, every column in place, no template value left, codes and dates in the
158 form, every PDF ≤ 100,000 bytes and paired with its row. Needs no scans and nothing beside the project."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hotich_desktop.core.errors import BadInput, PermissionDenied, Refused
from hotich_desktop.core.export.choose import set_template
from hotich_desktop.core.export.outbox import export_book
from hotich_desktop.core.export.template import SHEET, check_template, column_key, template_path
from tests.conftest import set_office
from tests.core.export.books158 import COLUMNS_158, COUNTS, YEAR, approved_book, province_template

TYPES = list(COLUMNS_158)
CODE = {"khai_sinh": "KS", "khai_tu": "KT", "ket_hon": "KH", "tinh_trang_hon_nhan": "HN", "nhan_cha_me_con": "CMC"}


@pytest.fixture
def desk(sqlite_service):
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau1", "clerk")
    boss = svc.create_user(admin, "hoa", "matkhau1", "supervisor")
    set_office(svc, office_name="UBND xã Mường Bú, huyện Mường La, tỉnh Sơn La")
    return svc, admin, clerk, boss


def read_back(folder: Path) -> tuple[list, list[dict[str, str]], dict]:
    ws = load_workbook(folder / f"{folder.name}.xlsx")[SHEET]
    header = [c.value for c in ws[1]]
    keys = [column_key(h) for h in header]
    rows = [dict(zip(keys, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return header, rows, manifest


@pytest.mark.parametrize("book_type", TYPES)
def test_our_templates_carry_exactly_the_158_columns(book_type: str) -> None:
    ws = load_workbook(template_path(book_type))[SHEET]
    keys = [column_key(c.value) for c in ws[1]]
    assert keys == COLUMNS_158[book_type] and len(keys) == COUNTS[book_type] and keys[0] == "STT"
    report = check_template(template_path(book_type), book_type)
    assert report["ok"] and report["missing"] == [] and report["sample_rows"] == 0


@pytest.mark.parametrize("book_type", TYPES)
def test_book_through_a_province_template(desk, tmp_path: Path, book_type: str) -> None:
    svc, admin, clerk, boss = desk
    template = province_template(book_type, tmp_path / f"tinh-{book_type}.xlsx")
    header_before = [c.value for c in load_workbook(template)[SHEET][1]]
    widths_before = {k: d.width for k, d in load_workbook(template)[SHEET].column_dimensions.items()}
    report = set_template(svc, admin, book_type, template)
    assert report["sample_rows"] == 3 and report["ok"]
    book, ids = approved_book(svc, clerk, boss, book_type, big={1})
    result = export_book(svc, boss, book.id, tmp_path / "out")
    folder = result.package
    assert folder.name == f"{CODE[book_type]}.{YEAR}.02.xa-Demo"
    header, rows, manifest = read_back(folder)
    wb = load_workbook(folder / f"{folder.name}.xlsx")
    assert header == header_before  # the header byte for byte, decoration included
    assert [column_key(h) for h in header] == COLUMNS_158[book_type]
    assert {k: d.width for k, d in wb[SHEET].column_dimensions.items()} == widths_before
    assert wb["Ghi chu"]["D1"].value == "Tệp mẫu của tỉnh"
    n = len(ids)
    assert len(rows) == n == result.records == manifest["records"]  # body = exactly the book's records
    assert not any(isinstance(v, str) and v.startswith("MẪU") for r in rows for v in r.values())
    assert [r["STT"] for r in rows] == [str(i) for i in range(1, n + 1)]
    assert [r["so"] for r in rows] == sorted((r["so"] for r in rows), key=int)
    for r in rows:
        assert r["quyenSo"] == f"02/{YEAR}" and r["trangSo"] == "12"
        assert r.get("noiDangKy", r.get("noiCap")) == "UBND xã Mường Bú, huyện Mường La, tỉnh Sơn La"
        assert all(v is None or (isinstance(v, str) and v not in ("None", "nan", "0")) for v in r.values())
        for key, value in r.items():
            if value and ("Ngay" in key or key.startswith("ngay")) and "BangChu" not in key:
                assert value.count("/") == 0 and all(p.isdigit() for p in value.split(".")), (key, value)
    with zipfile.ZipFile(folder / f"{folder.name}.zip") as zf:
        sizes = {i.filename: i.file_size for i in zf.infolist()}
    assert sorted(sizes) == sorted(m["pdf"] for m in manifest["rows"]) and len(sizes) == n
    assert all(size <= 100_000 for size in sizes.values())
    assert [m["so"] for m in manifest["rows"]] == [r["so"] for r in rows]
    assert [m["STT"] for m in manifest["rows"]] == list(range(1, n + 1))
    assert sum(m["reencoded"] for m in manifest["rows"]) == 1 and manifest["partial"] is False
    for m in manifest["rows"]:
        assert m["pdf"].startswith(f"{CODE[book_type]}.{YEAR}.02.{int(m['so']):03d}.")
    check_values(book_type, {r["so"]: r for r in rows})


def check_values(book_type: str, by_no: dict[str, dict[str, str]]) -> None:
    """Codes and derived values in the 158 form, per type."""
    if book_type == "khai_sinh":
        a, b, c = by_no["3"], by_no["1"], by_no["2"]
        assert (a["nksGioiTinh"], b["nksGioiTinh"]) == ("1", "2")
        assert a["nksNgaySinh"] == "20.10.1998" and c["nksNgaySinh"] == "01.1998"
        assert a["nksNgaySinhBangChu"] == "Ngày hai mươi tháng mười năm một nghìn chín trăm chín mươi tám"
        assert b["nksNgaySinhBangChu"] == "Ngày hai mươi tư tháng mười hai năm một nghìn chín trăm chín mươi bảy"
        assert c["nksNgaySinhBangChu"] == "Tháng một năm một nghìn chín trăm chín mươi tám"
        assert (a["loaiDangKy"], b["loaiDangKy"], c["loaiDangKy"]) == ("1", "4", "1")
        assert (a["nksLoaiKhaiSinh"], b["nksLoaiKhaiSinh"], c["nksLoaiKhaiSinh"]) == ("1", "3", "5")
        assert a["nycHoTen"] == "Lò Văn Ón" and a["nycQuanHe"] == "cha" and a["nycLoaiGiayToTuyThan"] == "1"
        assert a["chaNgaySinh"] == "1970" and a["meLoaiCuTru"] == a["chaLoaiCuTru"] == "1"
        assert b["meNoiCuTru"] == "Bản Nà Sài" and b["chaNoiCuTru"] is None and b["chaLoaiCuTru"] is None
        assert b["nycHoTen"] == "Cầm Thị Ỏn" and b["nycQuanHe"] is None
        assert a["nksDanToc"] == "Thái" and a["nksQuocTich"] == "Việt Nam"
    elif book_type == "khai_tu":
        a, b = by_no["2"], by_no["1"]
        assert a["nktNgayChet"] == "20.10.1998" and a["nktNgaySinh"] == "1930" and b["nktNgaySinh"] == "04.1941"
        assert a["nktNgayChetGhiBangChu"] == "Ngày hai mươi tháng mười năm một nghìn chín trăm chín mươi tám"
        assert b["nktNgayChetGhiBangChu"] == "Ngày một tháng tư năm một nghìn chín trăm chín mươi tám"
        assert (a["nktGioiTinh"], b["nktGioiTinh"]) == ("1", "2") and a["nktLoaiCuTru"] == "1"
        assert a["nycHoTen"] == "Lò Văn Ón" and a["nycQuanHe"] == "con" and b["nycQuanHe"] == "cháu"
        assert a["gbtSo"] == "07" and a["gbtNgay"] == "21.10.1998" and b["nktLoaiGiayToTuyThan"] == "1"
        assert a["loaiDangKy"] == b["loaiDangKy"] == "1"
    elif book_type == "ket_hon":
        a, b = by_no["1"], by_no["2"]
        assert a["chongNgaySinh"] == "02.05.1975" and a["voNgaySinh"] == "1978" and b["voNgaySinh"] == "11.1972"
        assert a["chongLoaiCuTru"] == a["voLoaiCuTru"] == "1" and b["chongLoaiCuTru"] is None
        assert a["chongLoaiGiayToTuyThan"] == "1" and a["chongSoGiayToTuyThan"] == "050111222"
        assert b["nguoiKy"] == "Lò Văn Thanh" and b["chucVuNguoiKy"] == "Chủ tịch UBND xã"
        assert a["loaiDangKy"] == "1"
    elif book_type == "tinh_trang_hon_nhan":
        a, b = by_no["1"], by_no["2"]
        assert a["nxnGioiTinh"] == "2" and b["nxnGioiTinh"] == "1" and a["nxnNgaySinh"] == "12.08.1976"
        assert a["nxnTinhTrangHonNhan"] == "Chưa đăng ký kết hôn với ai" and a["nxnLoaiCuTru"] == "1"
        assert a["nxnMucDichSuDung"] == "Để đăng ký kết hôn" and a["ngayDangKy"] == "03.06.1998"
    else:
        a, b = by_no["1"], by_no["2"]
        assert a["cmHoTen"] == "Lò Văn Ún" and a["ncHoTen"] == "Lò Thị Ánh" and a["ncNgaySinh"] == "14.02.1990"
        assert a["cmLoaiCuTru"] == "1" and b["ncLoaiCuTru"] == "1" and b["cmLoaiCuTru"] is None
        assert a["nycQHNguoiDuocNhan"] == "cha" and a["loaiDangKy"] == "1"


@pytest.mark.parametrize("problem", ["unknown", "duplicate", "case"])
def test_bad_header_keys_name_the_column(desk, tmp_path: Path, problem: str) -> None:
    svc, admin, _, _ = desk
    template = province_template("khai_tu", tmp_path / "tinh.xlsx")
    wb = load_workbook(template)
    ws = wb[SHEET]
    if problem == "unknown":
        ws["D1"] = "tinhTrangHonNhan \ni=[1,2]"  # an invented key
    elif problem == "duplicate":
        ws["D1"] = "nktHoTen"
    else:
        ws["D1"] = "TrangSo"  # keys are case-sensitive
    wb.save(template)
    report = check_template(template, "khai_tu")
    assert not report["ok"] and "cột D" in report["errors"][0]
    with pytest.raises(BadInput, match="cột D"):
        set_template(svc, admin, "khai_tu", template)


def test_header_key_is_the_first_token_of_the_first_line(desk, tmp_path: Path) -> None:
    svc, admin, clerk, boss = desk
    template = province_template("khai_sinh", tmp_path / "tinh.xlsx")
    wb = load_workbook(template)
    wb[SHEET]["G1"] = "  noiDangKy UBND xã …  \ni=[chữ]"
    wb.save(template)
    set_template(svc, admin, "khai_sinh", template)
    book, _ = approved_book(svc, clerk, boss, "khai_sinh")
    _, rows, _ = read_back(export_book(svc, boss, book.id, tmp_path / "out").package)
    assert all(r["noiDangKy"].startswith("UBND xã Mường Bú") for r in rows)


def test_only_an_admin_sets_a_template_and_it_is_audited(desk, tmp_path: Path) -> None:
    svc, admin, clerk, boss = desk
    template = province_template("ket_hon", tmp_path / "tinh.xlsx")
    for who in (clerk, boss):
        with pytest.raises(PermissionDenied):
            set_template(svc, who, "ket_hon", template)
    set_template(svc, admin, "ket_hon", template)
    template.unlink()  # the workspace keeps its own copy
    assert Path(svc.settings.get().templates["ket_hon"]).is_file()
    with svc.store.session() as s:
        from sqlalchemy import text

        actions = s.execute(text("SELECT user_login, action FROM audit_events WHERE action LIKE 'template%'")).all()
    assert actions == [("admin", "template_set")] and svc.audit.verify().ok


def test_export_check_lists_rows_an_import_would_refuse(desk, tmp_path: Path) -> None:
    """A code outside its list (an old import; the store itself refuses such a save) and a registration of
    another year without its type: the check names each row, nothing is written."""
    from hotich_desktop.core.export.outbox import collect_rows
    from hotich_desktop.core.export.package import write_package
    from tests.core.export.books158 import RECORDS

    svc, _, clerk, boss = desk
    records = [dict(RECORDS["khai_sinh"][0]), dict(RECORDS["khai_sinh"][1]),
               dict(RECORDS["khai_sinh"][2], ngay_dang_ky="07/03/1999", loai_dang_ky="")]
    book, _ = approved_book(svc, clerk, boss, "khai_sinh", records)
    rows, _ = collect_rows(svc, book.id)
    by_no = {r.fields["so"]: r for r in rows}
    by_no["1"].fields = dict(by_no["1"].fields, loai_dang_ky="9")
    with pytest.raises(Refused) as err:
        write_package(book, rows, tmp_path / "out", "UBND xã Mường Bú", "hoa")
    message = err.value.message
    assert "Dòng 1 (số 1): loaiDangKy = «9» không có trong danh mục" in message
    assert "Dòng 2 (số 2): thiếu loaiDangKy" in message  # registered in another year: the clerk must say how
    assert "Dòng 3" not in message and [p.name for p in (tmp_path / "out").iterdir()] == []
    with pytest.raises(Refused, match="Dòng 2 \\(số 2\\): thiếu loaiDangKy"):  # the app's export checks the same
        export_book(svc, boss, book.id, tmp_path / "out2")


def test_two_rows_with_one_pdf_are_refused(desk, tmp_path: Path) -> None:
    svc, _, clerk, boss = desk
    book, ids = approved_book(svc, clerk, boss, "ket_hon")
    with svc.store.session() as s:
        from hotich_desktop.core.store.models import Entry

        first, second = s.get(Entry, ids[0]), s.get(Entry, ids[1])
        second.pdf_path = first.pdf_path
    with pytest.raises(Refused, match="không khớp"):
        export_book(svc, boss, book.id, tmp_path / "out")


def test_partial_book_needs_the_supervisors_confirmation(desk, tmp_path: Path) -> None:
    svc, admin, clerk, boss = desk
    from tests.core.export.books158 import RECORDS, add_entries

    book, ids = approved_book(svc, clerk, boss, "khai_tu")
    extra = add_entries(svc, clerk, book.id, 1)
    svc.save_record(clerk, extra[0], dict(RECORDS["khai_tu"][0], so="3"), submit=True)  # not approved
    with pytest.raises(Refused, match="--partial"):
        export_book(svc, boss, book.id, tmp_path / "out")
    with pytest.raises(PermissionDenied):
        export_book(svc, admin, book.id, tmp_path / "out", partial=True)  # an admin exports, not confirms
    result = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    _, rows, manifest = read_back(result.package)
    assert len(rows) == 2 and manifest["partial"] is True
    assert manifest["not_included"]["entries"] == 1 and manifest["not_included"]["confirmed_by"] == "hoa"
    assert manifest["not_included"]["skipped"][0]["entry_id"] == extra[0]


def test_libreoffice_reads_every_type_back_to_the_same_text(desk, tmp_path: Path) -> None:
    """The ministry's side opens the workbooks with real spreadsheet software: one conversion for all types."""
    import csv
    import os
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") or os.environ.get("HOTICH_FULL_SUITE"):
            pytest.fail("LibreOffice is missing: packaging/setup.sh test installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed (packaging/setup.sh test installs it)")
    svc, _, clerk, boss = desk
    folders = []
    for book_type in TYPES:
        book, _ = approved_book(svc, clerk, boss, book_type)
        folders.append(export_book(svc, boss, book.id, tmp_path / "out").package)
    out = tmp_path / "csv"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
                    *(str(f / f"{f.name}.xlsx") for f in folders)], check=True, capture_output=True, timeout=300)
    for folder in folders:
        header, rows, _ = read_back(folder)
        with (out / f"{folder.name}.csv").open(encoding="utf-8", newline="") as fh:
            lo_header, *lo_rows = list(csv.reader(fh))
        assert [column_key(h) for h in lo_header] == [column_key(h) for h in header]
        assert lo_rows == [[r[column_key(h)] or "" for h in header] for r in rows], folder.name
