"""Books of every 158 type built without scans: entries with small real PDFs, records saved by a clerk and
approved by a supervisor through the service, and province-style templates (sample rows, decorated
headers, a `Ghi chu` sheet). The 158 column lists are pinned here, independent of the project's data."""
from __future__ import annotations

import io
import random
import uuid
from pathlib import Path

import img2pdf
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from PIL import Image, ImageDraw

from hotich_desktop.core.export.template import SHEET, build_template
from hotich_desktop.core.imaging.pdf import encode
from hotich_desktop.core.store.models import Entry, Page

_HEAD = "so quyenSo trangSo ngayDangKy loaiDangKy noiDangKy nguoiKy chucVuNguoiKy"
COLUMNS_158 = {
    "khai_sinh": f"""STT {_HEAD} nguoiThucHien ghiChu nksSoDinhDanh nksHoTen nksGioiTinh nksNgaySinh
        nksNgaySinhBangChu nksNoiSinh nksNoiSinhDVHC nksQueQuan nksDanToc nksQuocTich nksQuocTichStr nksQuocTichKhac
        nksQuocTichKhacStr nksLoaiKhaiSinh nksMatTich nksMatTichNgayGhiChuTuyenBo nksMatTichCanCuTuyenBo
        nksMatTichNgayGhiChuHuyTuyenBo nksMatTichCanCuHuyTuyenBo nksHanCheNangLucHanhVi
        nksHanCheNangLucHanhViNgayGhiChuTuyenBo nksHanCheNangLucHanhViCanCuTuyenBo
        nksHanCheNangLucHanhViNgayGhiChuHuyTuyenBo nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo meSoDinhDanhCaNhan
        meHoTen meNgaySinh meDanToc meQuocTich meQuocTichStr meQuocTichKhac meQuocTichKhacStr meLoaiCuTru
        meNoiCuTru meLoaiGiayToTuyThan meSoGiayToTuyThan chaSoDinhDanhCaNhan chaHoTen chaNgaySinh chaDanToc
        chaQuocTich chaQuocTichStr chaQuocTichKhac chaQuocTichKhacStr chaLoaiCuTru chaNoiCuTru chaLoaiGiayToTuyThan
        chaSoGiayToTuyThan nycHoTen nycQuanHe nycLoaiGiayToTuyThan nycGiayToKhac nycSoGiayToTuyThan
        nycNgayCapGiayToTuyThan nycNoiCapGiayToTuyThan soDangKyNuocNgoai ngayDangKyNuocNgoai cqNuocNgoaiDaDangKy
        qgNuocNgoaiDaDangKy""",
    "khai_tu": f"""STT {_HEAD} nguoiThucHien ghiChu nktHoTen nktGioiTinh nktNgaySinh nktDanToc nktQuocTich
        nktQuocTichKhac nktLoaiCuTru nktNoiCuTru nktLoaiGiayToTuyThan nktGiayToKhac nktSoGiayToTuyThan
        nktNgayCapGiayToTuyThan nktNoiCapGiayToTuyThan nktNgayChet nktNgayChetGhiBangChu nktGioPhutChet nktNoiChet
        nktNguyenNhanChet nktTinhTrangTuyenBoViecChet nktNgayGhiChuTuyenBoViecChet nktCanCuTuyenBoViecChet
        nktNgayGhiChuHuyTuyenBoViecChet nktCanCuHuyTuyenBoViecChet gbtLoai gbtSo gbtNgay gbtCoQuanCap nycHoTen
        nycQuanHe nycLoaiGiayToTuyThan nycGiayToKhac nycSoGiayToTuyThan nycNgayCapGiayToTuyThan
        nycNoiCapGiayToTuyThan soDangKyNuocNgoai ngayDangKyNuocNgoai cqNuocNgoaiDaDangKy qgNuocNgoaiDaDangKy""",
    "ket_hon": f"""STT {_HEAD} ngayXacLapQuanHeHonNhan nguoiThucHien ghiChu tinhTrangKetHon
        huyKetHonNgayGhiChu huyKetHonCanCu congNhanKetHonNgayGhiChu congNhanKetHonCanCu chongHoTen chongNgaySinh
        chongDanToc chongQuocTich chongQuocTichKhac chongLoaiCuTru chongNoiCuTru chongLoaiGiayToTuyThan
        chongGiayToKhac chongSoGiayToTuyThan chongNgayCapGiayToTuyThan chongNoiCapGiayToTuyThan voHoTen voNgaySinh
        voDanToc voQuocTich voQuocTichKhac voLoaiCuTru voNoiCuTru voLoaiGiayToTuyThan voGiayToKhac
        voSoGiayToTuyThan voNgayCapGiayToTuyThan voNoiCapGiayToTuyThan soDangKyNuocNgoai ngayDangKyNuocNgoai
        cqNuocNgoaiDaDangKy qgNuocNgoaiDaDangKy""",
    "tinh_trang_hon_nhan": """STT so quyenSo trangSo ngayDangKy noiCap nguoiKy chucVuNguoiKy nguoiThucHien ghiChu
        nxnHoTen nxnGioiTinh nxnNgaySinh nxnDanToc nxnQuocTich nxnQuocTichKhac nxnLoaiCuTru nxnNoiCuTru
        nxnLoaiGiayToTuyThan nxnGiayToKhac nxnSoGiayToTuyThan nxnNgayCapGiayToTuyThan nxnNoiCapGiayToTuyThan
        nxnThoiGianCuTruTai nxnThoiGianCuTruTu nxnThoiGianCuTruDen nxnTinhTrangHonNhan nxnLoaiMucDichSuDung
        nxnMucDichSuDung nycHoTen nycQuanHe nycLoaiGiayToTuyThan nycGiayToKhac nycSoGiayToTuyThan
        nycNgayCapGiayToTuyThan nycNoiCapGiayToTuyThan""",
    "nhan_cha_me_con": """STT so quyenSo trangSo quyetDinhSo ngayDangKy loaiDangKy loaiXacNhan noiDangKy nguoiKy
        chucVuNguoiKy nguoiThucHien ghiChu cmHoTen cmNgaySinh cmDanToc cmQuocTich cmQuocTichKhac cmQueQuan
        cmLoaiCuTru cmNoiCuTru cmLoaiGiayToTuyThan cmGiayToKhac cmSoGiayToTuyThan cmNgayCapGiayToTuyThan
        cmNoiCapGiayToTuyThan ncHoTen ncNgaySinh ncDanToc ncQuocTich ncQuocTichKhac ncQueQuan ncLoaiCuTru
        ncNoiCuTru ncLoaiGiayToTuyThan ncGiayToKhac ncSoGiayToTuyThan ncNgayCapGiayToTuyThan ncNoiCapGiayToTuyThan
        nycHoTen nycQHNguoiDuocNhan nycQHNguoiNhan nycLoaiGiayToTuyThan nycGiayToKhac nycSoGiayToTuyThan
        nycNgayCapGiayToTuyThan nycNoiCapGiayToTuyThan soDangKyNuocNgoai ngayDangKyNuocNgoai cqNuocNgoaiDaDangKy
        qgNuocNgoaiDaDangKy""",
}
COLUMNS_158 = {k: v.split() for k, v in COLUMNS_158.items()}
COUNTS = {"khai_sinh": 70, "khai_tu": 49, "ket_hon": 45, "tinh_trang_hon_nhan": 36, "nhan_cha_me_con": 51}

YEAR = 1998
RECORDS: dict[str, list[dict[str, str]]] = {
    "khai_sinh": [
        {"so": "3", "ngay_dang_ky": "21/10/1998", "ho_ten": "Lò Văn Pánh", "gioi_tinh": "Nam",
         "ngay_sinh": "20/10/1998", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái", "quoc_tich": "Việt Nam",
         "ho_ten_cha": "Lò Văn Ón", "nam_sinh_cha": "1970", "dan_toc_cha": "Thái", "ho_ten_me": "Lường Thị Xuân",
         "nam_sinh_me": "1975", "dan_toc_me": "Thái", "noi_cu_tru": "Bản Mường Bú, xã Mường Bú",
         "nguoi_di_khai": "Lò Văn Ón (cha)", "loai_giay_to_nguoi_di_khai": "1", "so_giay_to_nguoi_di_khai": "050123456"},
        {"so": "1", "ngay_dang_ky": "05/02/1998", "ho_ten": "Cầm Thị Dợ", "gioi_tinh": "Nữ",
         "ngay_sinh": "24/12/1997", "noi_sinh": "Bản Nà Sài", "dan_toc": "Thái", "ho_ten_me": "Cầm Thị Ỏn",
         "noi_cu_tru": "Bản Nà Sài", "loai_dang_ky": "4", "nguoi_di_khai": "Cầm Thị Ỏn"},
        {"so": "2", "ngay_dang_ky": "07/03/1998", "ho_ten": "Quàng Văn Ến", "gioi_tinh": "Nam", "ngay_sinh": "01/1998",
         "noi_sinh": "Trạm y tế xã Mường Bú", "loai_khai_sinh": "5"},
    ],
    "khai_tu": [
        {"so": "2", "ngay_dang_ky": "22/10/1998", "ho_ten": "Lò Văn Chiến", "gioi_tinh": "Nam", "ngay_sinh": "1930",
         "dan_toc": "Thái", "quoc_tich": "Việt Nam", "noi_cu_tru": "Bản Mường Bú", "ngay_chet": "20/10/1998",
         "noi_chet": "Tại nhà", "nguyen_nhan": "Già yếu", "nguoi_di_khai": "Lò Văn Ón (con)",
         "so_giay_bao_tu": "07", "ngay_giay_bao_tu": "21/10/1998", "noi_cap_giay_bao_tu": "Trạm y tế xã Mường Bú"},
        {"so": "1", "ngay_dang_ky": "14/04/1998", "ho_ten": "Cầm Thị Hoa", "gioi_tinh": "Nữ", "ngay_sinh": "04/1941",
         "noi_cu_tru": "Bản Nà Sài", "ngay_chet": "01/04/1998", "loai_giay_to_nguoi_chet": "1",
         "so_giay_to_nguoi_chet": "050000111", "nguoi_di_khai": "Quàng Văn Minh", "quan_he_nguoi_di_khai": "cháu"},
    ],
    "ket_hon": [
        {"so": "1", "ngay_dang_ky": "15/11/1998", "ho_ten_chong": "Lò Văn Pọm", "ngay_sinh_chong": "02/05/1975",
         "dan_toc_chong": "Thái", "noi_cu_tru_chong": "Bản Mường Bú", "ho_ten_vo": "Quàng Thị Ín",
         "ngay_sinh_vo": "1978", "dan_toc_vo": "Thái", "noi_cu_tru_vo": "Bản Nà Sài",
         "loai_giay_to_chong": "1", "so_giay_to_chong": "050111222", "quoc_tich_chong": "Việt Nam"},
        {"so": "2", "ngay_dang_ky": "01/12/1998", "ho_ten_chong": "Vì Văn Nhất", "ngay_sinh_chong": "1970",
         "ho_ten_vo": "Lò Thị Hương", "ngay_sinh_vo": "11/1972", "nguoi_ky": "Lò Văn Thanh",
         "chuc_vu_nguoi_ky": "Chủ tịch UBND xã"},
    ],
    "tinh_trang_hon_nhan": [
        {"so": "1", "ngay_dang_ky": "03/06/1998", "ho_ten": "Lò Thị Mai", "gioi_tinh": "Nữ", "ngay_sinh": "12/08/1976",
         "dan_toc": "Thái", "noi_cu_tru": "Bản Mường Bú", "tinh_trang": "Chưa đăng ký kết hôn với ai",
         "muc_dich": "Để đăng ký kết hôn", "nguoi_di_khai": "Lò Thị Mai"},
        {"so": "2", "ngay_dang_ky": "10/09/1998", "ho_ten": "Cầm Văn Tươi", "gioi_tinh": "Nam", "ngay_sinh": "1969",
         "tinh_trang": "Đã ly hôn", "quoc_tich": "Việt Nam"},
    ],
    "nhan_cha_me_con": [
        {"so": "1", "ngay_dang_ky": "25/07/1998", "ho_ten_nguoi_nhan": "Lò Văn Ún", "ngay_sinh_nguoi_nhan": "1960",
         "dan_toc_nguoi_nhan": "Thái", "noi_cu_tru_nguoi_nhan": "Bản Mường Bú", "quan_he": "Cha",
         "ho_ten_con": "Lò Thị Ánh", "ngay_sinh_con": "14/02/1990", "dan_toc_con": "Thái",
         "nguoi_di_khai": "Lò Văn Ún", "quan_he_voi_nguoi_duoc_nhan": "cha"},
        {"so": "2", "ngay_dang_ky": "30/08/1998", "ho_ten_nguoi_nhan": "Cầm Thị Sương", "quan_he": "Mẹ",
         "ho_ten_con": "Cầm Văn Tú", "ngay_sinh_con": "1985", "noi_cu_tru_con": "Bản Nà Sài"},
    ],
}


def small_pdf(seed: int) -> bytes:
    """An entry-sized colour crop with some strokes, through the project's own encoder."""
    rng = random.Random(seed)
    img = Image.new("RGB", (1400, 520), (246, 240, 226))
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x, y = rng.randrange(1300), rng.randrange(480)
        draw.line((x, y, x + rng.randrange(40, 200), y + rng.randrange(-4, 4)), fill=(30, 30, 90), width=3)
    return encode(img, 200.0).data


def large_pdf(seed: int) -> bytes:
    """An old entry PDF over 100,000 bytes (noise at high JPEG quality), as an earlier budget allowed."""
    rng = random.Random(seed)
    img = Image.frombytes("RGB", (900, 700), bytes(rng.randrange(256) for _ in range(900 * 700 * 3)))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=92)
    data = img2pdf.convert(buf.getvalue(), layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)))
    assert len(data) > 100_000
    return data


def add_entries(svc, actor, book_id: int, n: int, big: set[int] = frozenset(), shared_pdf: bool = False) -> list[int]:
    """n entries on one page of the book, each with its own PDF (entry k in `big` gets an oversized one)."""
    folder = svc.workspace.pdfs / f"book-{book_id}"
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    with svc.store.session() as s:
        page = Page(book_id=book_id, order=1, source_name="p1.jpg", source_sha256=uuid.uuid4().hex * 2,
                    stored_path="archive/p1.jpg", width=2480, height=3508, dpi=300, status="detected",
                    page_number="12")
        s.add(page)
        s.flush()
        for k in range(n):
            name = f"entry-{page.id}-{0 if shared_pdf else k}.pdf"
            data = large_pdf(k) if k in big else small_pdf(book_id * 100 + k)
            (folder / name).write_bytes(data)
            entry = Entry(page_id=page.id, order=k, polygon=[[0, 0], [100, 0], [100, 50], [0, 50]],
                          pdf_path=f"pdf/book-{book_id}/{name}", pdf_bytes=len(data), status="new")
            s.add(entry)
            s.flush()
            ids.append(entry.id)
    return ids


def approved_book(svc, clerk, boss, book_type: str, records: list[dict[str, str]] | None = None,
                  big: set[int] = frozenset(), volume: str = "2"):
    records = RECORDS[book_type] if records is None else records
    book = svc.books.open(clerk, book_type, YEAR, volume).value
    ids = add_entries(svc, clerk, book.id, len(records), big)
    for entry_id, fields in zip(ids, records):
        svc.save_record(clerk, entry_id, fields, submit=True)
        svc.review.approve(boss, entry_id)
    return book, ids


def province_template(book_type: str, path: Path) -> Path:
    """Our template dressed as a real one: trailing spaces, `\\ni=[…]` hints, three sample rows filled in
    every column, custom widths, a `Ghi chu` sheet."""
    build_template(book_type, path)
    wb = load_workbook(path)
    ws = wb[SHEET]
    for cell in ws[1]:
        key, _, hint = str(cell.value).partition("\n")
        cell.value = f"{key.strip()}   " + (f"\n{hint}" if hint else "")
    ws.cell(row=1, column=2).value = f"{ws.cell(row=1, column=2).value}\nSố đăng ký"  # a hint in words
    for r in range(2, 5):
        for c in range(1, ws.max_column + 1):
            ws.cell(row=r, column=c, value=f"MẪU{r}-{c}")
    for c in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(c)].width = 11 + c % 7
    wb["Ghi chu"]["D1"] = "Tệp mẫu của tỉnh"
    wb.save(path)
    return path
