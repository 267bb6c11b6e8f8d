"""`hotich discrepancies import|match|list|resolve|export` and `hotich population import|purge`, as a
subprocess (what the commands do is tested in tests/core/discrepancies)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook

from hotich_desktop.core.service import Service
from tests.cli.test_contracts import hotich
from tests.conftest import make_entries

CLERK = {"HOTICH_PASSWORD": "matkhau-canbo"}
BOSS = {"HOTICH_PASSWORD": "matkhau-kiemtra"}
RECORD = {"so": "7", "ngay_dang_ky": "10/03/1992", "ho_ten": "Lò Thị Ỏn", "gioi_tinh": "Nữ",
          "ngay_sinh": "05/03/1992", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái",
          "ho_ten_me": "Quàng Thị Dợ"}


def test_discrepancy_and_population_commands(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    svc = Service.open(ws)
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    svc.create_user(admin, "kiemtra", "matkhau-kiemtra", "supervisor")
    (entry_id,) = make_entries(svc, clerk, 1)
    svc.save_record(clerk, entry_id, RECORD)
    svc.close()
    listing = tmp_path / "ds.csv"
    with open(listing, "w", newline="", encoding="utf-16") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["TT", "Loai loi", "Xa", "Ho ten", "Ngay sinh", "So DK", "Quyen so"])
        w.writerow(["1", "Sai họ tên", "Mường Bú", "Lo Thi On", "05/03/1992", "7", "1/1992"])
        w.writerow(["2", "Sai ngày sinh", "Mường Bú", "Hoàng Văn Sơn", "01/01/1980", "", ""])
    base = ["--data-dir", str(ws)]
    report = json.loads(hotich(*base, "discrepancies", "import", str(listing), "--map", "unit=Xa", "--received",
                               "2026-11-01", "--user", "canbo", "--json", env=CLERK).stdout)
    assert report["read"] == 2 and report["encoding"] == "UTF-16" and report["mapping"]["unit"] == "Xa"
    list_id = report["list_id"]
    matched = json.loads(hotich(*base, "discrepancies", "match", "--list", str(list_id), "--user", "canbo", "--json",
                                env=CLERK).stdout)
    assert matched["matched"] == 1
    lines = json.loads(hotich(*base, "discrepancies", "list", "--list", str(list_id), "--user", "canbo", "--json",
                              env=CLERK).stdout)["lines"]
    assert [x["entry_id"] for x in lines] == [entry_id, None]
    fields = tmp_path / "sua.json"
    fields.write_text(json.dumps({"ho_ten": "Lò Thị Ón"}), encoding="utf-8")
    done = hotich(*base, "discrepancies", "resolve", "--line", str(lines[0]["id"]), "--as", "record_corrected",
                  "--fields", str(fields), "--note", "nhập sai dấu", "--user", "canbo", env=CLERK)
    assert "Nhập sai, đã sửa hồ sơ" in done.stdout
    hotich(*base, "discrepancies", "resolve", "--line", str(lines[1]["id"]), "--as", "not_in_books", "--user", "canbo",
           env=CLERK)
    out = tmp_path / "kq.xlsx"
    hotich(*base, "discrepancies", "export", "--list", str(list_id), "--out", str(out), "--user", "canbo", env=CLERK)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][-6:] == ("Kết quả xử lý", "Ghi chú xử lý", "Hồ sơ trong sổ", "Tệp PDF", "Người xử lý",
                            "Ngày xử lý")
    assert rows[1][0] == "1" and rows[1][7].startswith("Nhập sai") and rows[1][9] == "KS 1992 q.1 số 7"
    extract = tmp_path / "dc.csv"
    extract.write_bytes("Họ và tên,Ngày sinh,Giới tính,Số CCCD,Họ tên mẹ\nLò Thị Ón,05/03/1992,Nữ,011192000123,"
                        "Quàng Thị Dơ\n".encode("utf-8"))
    pop = json.loads(hotich(*base, "population", "import", str(extract), "--user", "canbo", "--json",
                            env=CLERK).stdout)
    assert pop["read"] == 1
    refused = hotich(*base, "population", "purge", "--user", "canbo", check=False, env=CLERK)
    assert refused.returncode == 4
    gone = json.loads(hotich(*base, "population", "purge", "--user", "kiemtra", "--json", env=BOSS).stdout)
    assert gone == {"purged": 1}
