"""Review queue, batch approval of clean entries, store-wide duplicate checks, book sequence gaps, users."""
from __future__ import annotations

import pytest

from hotich_desktop.core.errors import PermissionDenied, Refused
from hotich_desktop.core.review.book import approve_clean, check_book, review_queue
from hotich_desktop.core.store.models import Entry, Page, Record
from tests.conftest import make_entries as _entries


def person(number: int, name: str = "Lò Văn Tính", born: str = "02/05/1992") -> dict[str, str]:
    return {"so": str(number), "ngay_dang_ky": "12/06/1992", "ho_ten": name, "gioi_tinh": "Nam",
            "ngay_sinh": born, "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "Thái", "ho_ten_me": "Lò Thị Ỏn"}


def test_duplicates_are_found_across_the_store_and_numbers_in_the_book(service, people) -> None:
    _, clerk, _ = people
    first = _entries(service, clerk, 1, volume="1")
    second = _entries(service, clerk, 3, volume="2")
    service.save_record(clerk, first[0], person(1))
    service.save_record(clerk, second[0], person(1, name="Lo  van TINH"))  # same person, other book
    service.save_record(clerk, second[1], person(2, name="Lường Văn Ánh", born="03/05/1992"))
    service.save_record(clerk, second[2], person(2, name="Cầm Văn Ơn", born="04/05/1992"))
    codes = {f.code for f in service.records.findings(clerk, second[0])}
    assert "duplicate_person" in codes and "duplicate_number" not in codes
    assert "duplicate_number" in {f.code for f in service.records.findings(clerk, second[2])}
    book = check_book(service, service.entries.context(clerk, second[0])[0].id)
    assert "duplicate_person" in {f.code for f in book.findings[second[0]]}
    assert {f.code for f in book.findings[second[1]]} == {"duplicate_number"}


def test_a_death_record_of_a_born_person_is_not_a_duplicate(service, people) -> None:
    _, clerk, _ = people
    born = _entries(service, clerk, 1)
    service.save_record(clerk, born[0], person(1))
    book = service.books.open(clerk, "khai_tu", 2020, "1").value
    with service.store.session() as s:
        page = Page(book_id=book.id, source_name="t.jpg", source_sha256="t" * 64, stored_path="archive/t.jpg",
                    width=2480, height=3508, dpi=300)
        s.add(page)
        s.flush()
        entry = Entry(page_id=page.id, polygon=[[0, 0], [1, 0], [1, 1], [0, 1]])
        s.add(entry)
        s.flush()
        died = entry.id
    service.save_record(clerk, died, {"so": "1", "ho_ten": "Lò Văn Tính", "ngay_sinh": "02/05/1992",
                                      "ngay_chet": "01/01/2020", "ngay_dang_ky": "05/01/2020"})
    assert "duplicate_person" not in {f.code for f in service.records.findings(clerk, died)}


def test_sequence_gaps_are_listed_per_book(service, people) -> None:
    _, clerk, _ = people
    ids = _entries(service, clerk, 3)
    for entry_id, number in zip(ids, ("1", "2", "5")):
        service.save_record(clerk, entry_id, person(number, name=f"Người Số {number}", born=f"0{number}/01/1992"))
    assert check_book(service, service.entries.context(clerk, ids[0])[0].id).gaps == [3, 4]


def test_queue_filters_batch_approve_and_return_reason_for_the_clerk(service, people) -> None:
    _, clerk, boss = people
    ids = _entries(service, clerk, 3)
    service.save_record(clerk, ids[0], person(1), submit=True)
    service.save_record(clerk, ids[1], person(2, name="Nguyễn Thị Hoa", born="09/09/1992"), submit=True)
    service.save_record(clerk, ids[2], dict(person(3, born="01/01/1993"), ngay_sinh="01/01/1993"), submit=True)
    queue = review_queue(service, status="submitted")
    assert [r.entry_id for r in queue] == ids and all(r.clerk == "canbo" for r in queue)
    flagged = {r.entry_id for r in review_queue(service, finding="any")}
    assert ids[1] in flagged  # "Thị" with gender Nam
    assert ids[2] in {r.entry_id for r in review_queue(service, finding="birth_after_registration")}
    clean = [r.entry_id for r in review_queue(service, finding="clean")]
    approved, skipped = approve_clean(service, boss, ids)
    assert approved == clean == [ids[0]] and set(skipped) == {ids[1], ids[2]}
    service.review.return_entry(boss, ids[1], "Kiểm tra lại giới tính")
    mine = review_queue(service, clerk="canbo", status="returned")
    assert [(r.entry_id, r.return_reason) for r in mine] == [(ids[1], "Kiểm tra lại giới tính")]
    with pytest.raises(PermissionDenied):
        approve_clean(service, clerk, ids)


def test_admin_manages_users_and_cannot_lock_themselves(service, people) -> None:
    admin, clerk, _ = people
    service.users.update(admin, "canbo", role="supervisor")
    service.users.update(admin, "canbo", password="matkhau-moi")
    assert service.users.login("canbo", "matkhau-moi").role.value == "supervisor"
    service.users.update(admin, "canbo", active=False)
    with pytest.raises(PermissionDenied):
        service.users.login("canbo", "matkhau-moi")
    with pytest.raises(Refused):
        service.users.update(admin, "admin", active=False)
    with pytest.raises(PermissionDenied):
        service.users.update(clerk, "admin", role="clerk")
    with service.store.session() as s:
        from sqlalchemy import text

        details = " ".join(str(r) for r in s.execute(text("SELECT after FROM audit_events")).all())
    assert "matkhau-moi" not in details


def test_upgrade_computes_keys_for_records_saved_by_an_older_version(tmp_path, people, service) -> None:
    from alembic import command

    from hotich_desktop.core.store.db import Store, alembic_config

    _, clerk, _ = people
    ids = _entries(service, clerk, 1)
    service.save_record(clerk, ids[0], person(7))
    url = service.store.url
    command.downgrade(alembic_config(service.store.engine), "0002")
    service.store.engine.dispose()
    store = Store(url)
    with store.session() as s:
        record = s.query(Record).one()
        assert record.reg_no == "7" and len(record.person_key) == 64
    store.close()
