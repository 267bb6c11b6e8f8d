"""Template workbooks: the province's own file (or ours from resources/templates) decides the columns.

Headers are matched by their camelCase key; trailing spaces and a second line of code hints
(`loaiDangKy \\ni=[1,2,3]`) are tolerated, and the header row is left exactly as the template has it.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import BadInput
from ..forms import load_form
from ..workspace import resources_dir

SHEET = "DL Import"
COMMON_HEAD = ["STT", "so", "quyenSo", "trangSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nguoiKy",
               "chucVuNguoiKy", "nguoiThucHien", "ghiChu"]
KS_COLUMNS = COMMON_HEAD + """nksSoDinhDanh nksHoTen nksGioiTinh nksNgaySinh nksNgaySinhBangChu nksNoiSinh
nksNoiSinhDVHC nksQueQuan nksDanToc nksQuocTich nksQuocTichStr nksQuocTichKhac nksQuocTichKhacStr nksLoaiKhaiSinh
nksMatTich nksMatTichNgayGhiChuTuyenBo nksMatTichCanCuTuyenBo nksMatTichNgayGhiChuHuyTuyenBo
nksMatTichCanCuHuyTuyenBo nksHanCheNangLucHanhVi nksHanCheNangLucHanhViNgayGhiChuTuyenBo
nksHanCheNangLucHanhViCanCuTuyenBo nksHanCheNangLucHanhViNgayGhiChuHuyTuyenBo
nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo meSoDinhDanhCaNhan meHoTen meNgaySinh meDanToc meQuocTich
meQuocTichStr meQuocTichKhac meQuocTichKhacStr meLoaiCuTru meNoiCuTru meLoaiGiayToTuyThan meSoGiayToTuyThan
chaSoDinhDanhCaNhan chaHoTen chaNgaySinh chaDanToc chaQuocTich chaQuocTichStr chaQuocTichKhac chaQuocTichKhacStr
chaLoaiCuTru chaNoiCuTru chaLoaiGiayToTuyThan chaSoGiayToTuyThan nycHoTen nycQuanHe nycLoaiGiayToTuyThan
nycGiayToKhac nycSoGiayToTuyThan nycNgayCapGiayToTuyThan nycNoiCapGiayToTuyThan soDangKyNuocNgoai
ngayDangKyNuocNgoai cqNuocNgoaiDaDangKy qgNuocNgoaiDaDangKy""".split()
CODE_HINTS = {"loaiDangKy": "i=[1,2,3,4,5,6]", "nksGioiTinh": "i=[1,2,3]", "nktGioiTinh": "i=[1,2,3]",
              "nksLoaiKhaiSinh": "i=[1,2,3,4,5]"}


def column_key(header: object) -> str:
    return str(header or "").split("\n")[0].strip()


def default_columns(book_type: str) -> list[str]:
    if book_type == "khai_sinh":
        return KS_COLUMNS
    cols = list(COMMON_HEAD)
    for f in load_form(book_type).fields:
        cols += [c for c in f.columns if c not in cols]
    return cols


def build_template(book_type: str, path: Path) -> Path:
    """Writes our template for a book type (the files in resources/templates come from here)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for i, key in enumerate(default_columns(book_type), 1):
        hint = CODE_HINTS.get(key)
        ws.cell(row=1, column=i, value=f"{key} \n{hint}" if hint else key)
    notes = wb.create_sheet("Ghi chu")
    rows = [("loaiDangKy", "1 đúng hạn, 2 đăng ký lại, 3 ghi vào sổ việc đã đăng ký ở nước ngoài, 4 quá hạn, "
                           "5 cấp bản chính, 6 không xác định"),
            ("GioiTinh", "1 nam, 2 nữ, 3 không xác định"),
            ("LoaiCuTru", "1 thường trú, 2 tạm trú"),
            ("Ngày", "dd.mm.yyyy; thiếu ngày: mm.yyyy; chỉ năm: yyyy")]
    for r, (k, v) in enumerate(rows, 1):
        notes.cell(row=r, column=1, value=k)
        notes.cell(row=r, column=2, value=v)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@dataclass
class Template:
    path: Path
    columns: dict[str, int]  # key -> 1-based column


def template_path(book_type: str, override: str = "") -> Path:
    return Path(override) if override else resources_dir() / "templates" / f"{book_type}.xlsx"


def open_template(path: Path):  # noqa: ANN201 - an openpyxl Workbook
    if not path.is_file():
        raise BadInput(f"Không có tệp mẫu Excel «{path}».")
    try:
        wb = load_workbook(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise BadInput(f"Tệp mẫu «{path.name}» không phải sổ Excel (.xlsx) đọc được.") from exc
    if SHEET not in wb.sheetnames:
        raise BadInput(f"Tệp mẫu «{path.name}» không có trang tính «{SHEET}».")
    return wb


def read_columns(wb) -> dict[str, int]:  # noqa: ANN001
    ws = wb[SHEET]
    return {column_key(c.value): c.column for c in ws[1] if column_key(c.value)}
