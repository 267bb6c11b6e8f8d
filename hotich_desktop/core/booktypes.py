"""Book types (loại sổ) and their short codes used in file names and the 158 export."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BookType:
    key: str
    code: str
    title: str
    person_fields: tuple[str, ...]  # whose name goes into the PDF name


BOOK_TYPES: dict[str, BookType] = {
    b.key: b
    for b in (
        BookType("khai_sinh", "KS", "Sổ đăng ký khai sinh", ("ho_ten",)),
        BookType("khai_tu", "KT", "Sổ đăng ký khai tử", ("ho_ten",)),
        BookType("ket_hon", "KH", "Sổ đăng ký kết hôn", ("ho_ten_chong", "ho_ten_vo")),
        BookType("nhan_cha_me_con", "CMC", "Sổ đăng ký nhận cha, mẹ, con", ("ho_ten_con",)),
        BookType("thay_doi_ho_tich", "TD", "Sổ đăng ký thay đổi, cải chính, bổ sung hộ tịch", ("ho_ten",)),
        BookType("giam_ho", "GH", "Sổ đăng ký giám hộ", ("ho_ten_nguoi_duoc_giam_ho",)),
        BookType("ly_hon", "LH", "Sổ ghi chú ly hôn", ("ho_ten_chong", "ho_ten_vo")),
        BookType("tinh_trang_hon_nhan", "HN", "Sổ cấp giấy xác nhận tình trạng hôn nhân", ("ho_ten",)),
    )
}


def book_type(key: str) -> BookType:
    from .errors import BadInput

    try:
        return BOOK_TYPES[key]
    except KeyError:
        known = ", ".join(BOOK_TYPES)
        raise BadInput(f"Loại sổ không hợp lệ: «{key}». Các loại sổ: {known}.") from None
