"""An approved book shared by the export, outbox and upload tests."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.core.entries.processing import process_book
from tests.conftest import ledger_pages

RECORDS = [
    {"so": "2", "ngay_dang_ky": "24/09/1998", "ho_ten": "Đặng Minh Ỉn", "gioi_tinh": "Nam", "ngay_sinh": "06/1998",
     "noi_sinh": "Bệnh viện huyện Sìn Hồ", "dan_toc": "Mông", "nam_sinh_cha": "1965"},
    {"so": "1", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh", "gioi_tinh": "Nữ",
     "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Xinh Mun",
     "quoc_tich": "Việt Nam", "ho_ten_me": "Lê Thị Ỏn"},
]


@pytest.fixture
def approved_book(sqlite_service, tmp_path: Path, ledgers: Path):
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau1", "clerk")
    boss = svc.create_user(admin, "hoa", "matkhau1", "supervisor")
    scans = tmp_path / "scans"
    scans.mkdir()
    shutil.copy(ledger_pages()[0], scans)
    os.utime(next(scans.iterdir()), (1, 1))
    book = svc.books.open(clerk, "khai_sinh", 1998, "1").value
    ingest_folder(svc, clerk, book.id, scans)
    entries = process_book(svc, clerk, book.id, ocr=False)
    for entry, fields in zip(entries, RECORDS):
        svc.save_record(clerk, entry.id, fields, submit=True)
        svc.review.approve(boss, entry.id)
    return svc, book, boss, clerk, entries
