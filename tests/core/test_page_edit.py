"""Pages in the wrong place: the header names the book, pages move, are deleted and come back."""
from __future__ import annotations

import pytest

from hotich_desktop.core.intake import pages as page_edit
from hotich_desktop.core.errors import Refused
from hotich_desktop.core.ocr.header import match_header
from hotich_desktop.core.review.book import review_queue
from tests.conftest import make_entries

FULL = {"so": "3", "ngay_dang_ky": "18/07/1998", "ho_ten": "Dương Kim Hạnh", "gioi_tinh": "Nữ",
        "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Kinh"}


@pytest.mark.parametrize("text,book_type,year", [
    ("SỔ ĐĂNG KÝ KHAI SINH - NĂM 1998", "khai_sinh", 1998),
    ("S0 ĐĂNG KY KÉT HÔN - NĂM 1986", "ket_hon", 1986),  # OCR slips: zero for O, lost accents
    ("SỔ ĐĂNG KÝ KHAI TỬ NĂM: 2019", "khai_tu", 2019),
    ("Sổ đăng ký nhận cha, mẹ, con", "nhan_cha_me_con", None),
    ("Nội dung đăng ký 1969", None, None),
])
def test_header_text_names_the_book(text: str, book_type, year) -> None:  # noqa: ANN001
    header = match_header(text)
    assert (header.book_type, header.year) == (book_type, year)


def test_header_mismatch_message() -> None:
    header = match_header("SỔ ĐĂNG KÝ KẾT HÔN - NĂM 1986")
    assert "Sổ đăng ký kết hôn năm 1986" in header.differs_from("khai_sinh", 1998)
    assert header.differs_from("ket_hon", 1986) == ""
    assert match_header("").differs_from("khai_sinh", 1998) == ""


def test_move_keep_delete_restore(service, people) -> None:
    admin, clerk, boss = people
    ids = make_entries(service, clerk, 2, year=1998)
    page_id = service.entries.info(ids[0]).page_id
    book = service.books.page_info(page_id).book_id
    other = service.books.open(clerk, "ket_hon", 1986, "1").value

    service.save_record(clerk, ids[0], FULL, submit=True)
    with pytest.raises(Refused, match="đã nhập"):
        page_edit.move_page(service, clerk, page_id, other.id)  # typed fields belong to this form

    page_edit.delete_page(service, clerk, page_id)
    assert service.books.pages(clerk, book) == [] and [p.id for p in page_edit.deleted_pages(service, book)] == [page_id]
    assert service.entries.info(ids[0]).status == "deleted"
    assert review_queue(service) == []
    page_edit.restore_page(service, clerk, page_id)
    assert [p.id for p in service.books.pages(clerk, book)] == [page_id]
    assert service.entries.info(ids[0]).status == "submitted" and service.entries.info(ids[0]).fields["ho_ten"] == "Dương Kim Hạnh"

    service.review.approve(boss, ids[0])
    with pytest.raises(Refused, match="phê duyệt"):
        page_edit.delete_page(service, clerk, page_id)

    loose = make_entries(service, clerk, 1, year=1998, volume="2")[0]
    loose_page = service.entries.info(loose).page_id
    moved = page_edit.move_page(service, clerk, loose_page, other.id)
    assert moved.book_id == other.id and moved.status == "kept" and service.entries.list(clerk, page_id=loose_page) == []
    from sqlalchemy import text

    with service.store.session() as s:
        actions = list(s.execute(text("SELECT action FROM audit_events WHERE object_type = 'page'")).scalars())
    assert actions == ["page_delete", "page_restore", "page_move"]
    assert service.audit.verify().ok
