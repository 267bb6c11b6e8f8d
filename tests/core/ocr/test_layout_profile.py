"""The per-book layout profile: learnt from the entries a clerk saves, drawn by hand, stored with the book,
and read from when the book's next pages are read."""
from __future__ import annotations

import pytest

from hotich_desktop.core.errors import BadInput, PermissionDenied
from hotich_desktop.core.ocr.layout_profile import MIN_SEEN, LayoutProfile, draw, in_crop, learn, relative_box
from hotich_desktop.core.store.models import Entry, Record
from tests.conftest import make_entries

SQUARE = [[100, 200], [1100, 200], [1100, 700], [100, 700]]  # an entry 1000 x 500 px at (100, 200)


def test_relative_box_follows_the_entry_even_when_turned() -> None:
    assert relative_box(SQUARE, [600, 450, 1100, 700]) == pytest.approx((0.5, 0.5, 1.0, 1.0))
    # the same entry rotated 90 degrees on the page: its own top-left corner stays the origin
    turned = [[700, 100], [700, 1100], [200, 1100], [200, 100]]
    assert relative_box(turned, [200, 600, 450, 1100]) == pytest.approx((0.5, 0.5, 1.0, 1.0))


def test_only_kept_values_teach_and_a_zone_needs_two_entries() -> None:
    ocr = {"ho_ten": {"value": "Lò Văn Minh", "confidence": 0.8, "bbox": [300, 250, 700, 300]},
           "so": {"value": "12", "confidence": 0.9, "bbox": [110, 210, 160, 260]}}
    one = learn(LayoutProfile(), SQUARE, {"ho_ten": "Lò Văn Minh", "so": "13"}, ocr, entry_id=1)
    assert set(one.zones) == {"ho_ten"} and one.entries == 1
    assert one.zone("ho_ten") is None  # one entry may be an oddity
    assert learn(one, SQUARE, {"ho_ten": "Lò Văn Minh"}, ocr, entry_id=1) is one  # saved again: nothing new
    moved = {"ho_ten": dict(ocr["ho_ten"], bbox=[320, 260, 720, 310])}
    two = learn(one, SQUARE, {"ho_ten": "lò văn minh"}, moved, entry_id=2)
    assert two.zones["ho_ten"].seen == MIN_SEEN
    assert two.zone("ho_ten") == pytest.approx((0.2, 0.11, 0.62, 0.21))  # across: where any value reached
    assert LayoutProfile.from_json(two.as_json()) == two


def test_drawn_zone_is_used_at_once_and_learning_leaves_it() -> None:
    drawn = draw(LayoutProfile(), "so", (0.0, 0.0, 0.1, 0.2))
    assert drawn.zone("so") == (0.0, 0.0, 0.1, 0.2)
    ocr = {"so": {"value": "5", "confidence": 0.9, "bbox": [600, 600, 700, 650]}}
    assert learn(drawn, SQUARE, {"so": "5"}, ocr, entry_id=3).zone("so") == (0.0, 0.0, 0.1, 0.2)
    with pytest.raises(ValueError):
        draw(drawn, "so", (0.1, 0.2))


def test_broken_stored_profile_reads_as_new() -> None:
    assert LayoutProfile.from_json(None) == LayoutProfile()
    bad = LayoutProfile.from_json({"zones": {"so": {"box": [1, 2]}, "ho_ten": "x"}, "learned": ["a"]})
    assert bad.zones == {} and bad.learned == ()


def test_in_crop_grows_a_little_and_stays_inside() -> None:
    x0, y0, x1, y1 = in_crop((0.5, 0.0, 1.0, 0.1), 1000, 400)
    assert x0 < 500 and y0 == 0 and x1 == 1000 and 40 < y1 < 60


def _with_ocr(service, clerk, n: int) -> list[int]:
    ids = make_entries(service, clerk, n)
    with service.store.session() as s:
        for k, entry_id in enumerate(ids):
            entry = s.get(Entry, entry_id)
            entry.polygon = SQUARE
            record = s.query(Record).filter_by(entry_id=entry_id).one()
            record.ocr = {"ho_ten": {"value": "Lò Văn Minh", "confidence": 0.7, "bbox": [300 + k, 250, 700, 300]}}
    return ids


def test_saving_entries_teaches_the_book(service, people) -> None:
    admin, clerk, boss = people
    first, second = _with_ocr(service, clerk, 2)
    book_id = service.entries.context(clerk, first)[0].id
    service.save_record(clerk, first, {"ho_ten": "Lò Văn Minh"})
    service.save_record(clerk, first, {"ho_ten": "Lò Văn Minh"})  # the same entry saved twice counts once
    assert service.layouts.profile_for(book_id).zone("ho_ten") is None
    service.save_record(clerk, second, {"ho_ten": "Lò Văn Minh"}, submit=False)
    profile = service.layouts.profile_for(book_id)
    assert profile.entries == 2 and profile.zone("ho_ten") == pytest.approx((0.2, 0.1, 0.6, 0.2))


def test_approval_refines_the_layout_and_a_restart_keeps_it(service, people, tmp_path, db_url) -> None:
    """The supervisor's approval teaches the book's layout once more (what a supervisor checked is surer than
    what a clerk saved), a correction made on review teaches at the approval, and nothing counts twice."""
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.workspace import Workspace

    admin, clerk, boss = people
    first, second = _with_ocr(service, clerk, 2)
    book_id = service.entries.context(clerk, first)[0].id
    full = {"so": "1", "ngay_dang_ky": "18/07/1992", "ho_ten": "Lò Văn Minh", "gioi_tinh": "Nam",
            "ngay_sinh": "22/06/1992", "noi_sinh": "Trạm y tế xã Chiềng Sinh", "dan_toc": "Thái",
            "ho_ten_cha": "Lò Văn Pó", "ho_ten_me": "Cầm Thị Ỏn", "noi_cu_tru": "Bản Củ, xã Chiềng Sinh",
            "nguoi_di_khai": "Lò Văn Pó (cha)"}
    service.save_record(clerk, first, full, submit=True)
    saved = service.layouts.profile_for(book_id)
    assert saved.zones["ho_ten"].seen == 1 and saved.zone("ho_ten") is None
    service.review.approve(boss, first)
    approved = service.layouts.profile_for(book_id)
    assert approved.zones["ho_ten"].seen == 2 and approved.zone("ho_ten") is not None
    assert first in approved.approved and approved.entries == 2
    service.review.return_entry(boss, first, "kiểm tra lại")
    service.save_record(clerk, first, full, submit=True)
    service.review.approve(boss, first)  # approved again: already taught, nothing counts twice
    assert service.layouts.profile_for(book_id).zones["ho_ten"].seen == 2
    # the clerk typed another value than OCR read (teaches nothing); the supervisor corrects it back on review
    service.save_record(clerk, second, dict(full, so="2", ho_ten="Lò Văn Mình"), submit=True)
    assert service.layouts.profile_for(book_id).zones["ho_ten"].seen == 2
    service.save_record(boss, second, {"ho_ten": "Lò Văn Minh"})
    service.review.approve(boss, second)
    after = service.layouts.profile_for(book_id)
    assert after.zones["ho_ten"].seen >= 3 and second in after.approved
    service.close()
    again = Service(Workspace(tmp_path / "ws", db_url))
    try:
        assert again.layouts.profile_for(book_id) == after  # stored with the book: a restart keeps it
    finally:
        again.close()


def test_drawing_a_zone_checks_role_field_and_numbers(service, people) -> None:
    admin, clerk, boss = people
    entry_id = make_entries(service, clerk, 1)[0]
    book_id = service.entries.context(clerk, entry_id)[0].id
    with pytest.raises(PermissionDenied):
        service.layouts.draw(admin, book_id, "so", (0, 0, 0.1, 0.1))
    with pytest.raises(BadInput):
        service.layouts.draw(clerk, book_id, "khong_co", (0, 0, 0.1, 0.1))
    with pytest.raises(BadInput):
        service.layouts.draw(clerk, book_id, "so", ("a", 0, 0.1, 0.1))
    profile = service.layouts.draw(clerk, book_id, "so", (0, 0, 0.1, 0.1))
    assert service.layouts.profile_for(book_id) == profile and profile.zone("so") == (0, 0, 0.1, 0.1)


def test_a_zone_grows_along_the_writing_of_its_line() -> None:
    import numpy as np

    from hotich_desktop.core.ocr.zones import grow_along_ink

    gray = np.full((100, 600), 250, np.uint8)
    gray[40:60, 100:180] = 20  # a word
    gray[40:60, 200:320] = 20  # the next word of the same value, past the learnt zone
    gray[40:60, 500:560] = 20  # far away: another field
    assert grow_along_ink(gray, (120, 35, 190, 65)) == (100, 35, 320, 65)
