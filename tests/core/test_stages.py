"""The Service is a thin context with one object per stage: every write says what it touched (Changes),
reads take the actor, findings come from one rule set in two forms, the entry's PDF is named in one place."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hotich_desktop.core import lifecycle
from hotich_desktop.core.changes import Changes
from hotich_desktop.core.errors import PermissionDenied
from hotich_desktop.core.records.findings import book_findings, record_findings
from hotich_desktop.core.store.models import Entry
from tests.conftest import make_entries

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"so": "47", "ngay_dang_ky": "12/3/1992", "ho_ten": "cầm diệu thúy", "gioi_tinh": "nữ",
        "ngay_sinh": "ngày 6 tháng 3 năm 1992", "noi_sinh": "Trạm y tế xã Mường Bú", "dan_toc": "thai"}


def test_every_write_says_what_it_touched(service, people) -> None:
    admin, clerk, boss = people
    ids = make_entries(service, clerk, 2)
    entry = service.entries.info(ids[0])
    book_id = service.books.page_info(entry.page_id).book_id

    saved = service.records.save(clerk, ids[0], GOOD, submit=True)
    assert saved.changes == Changes.of(entries=[ids[0]], pages=[entry.page_id], books=[book_id])
    approved = service.review.approve(boss, ids[0], saved.entry.version)
    assert approved.value.status == lifecycle.EntryStatus.APPROVED and approved.changes.touches(entry=ids[0])
    returned = service.review.return_entry(boss, ids[0], "Sai tên")
    assert returned.changes.entries == {ids[0]} and returned.changes.books == {book_id}

    service.records.save(clerk, ids[1], {**GOOD, "so": "47"})  # the same number twice: a warning
    accepted = service.review.accept_finding(boss, ids[1], "duplicate_number", "", "Sổ ghi trùng số")
    assert accepted.value.accepted and accepted.changes.entries == {ids[1]}
    again = service.review.accept_finding(boss, ids[1], "duplicate_number", "", "Sổ ghi trùng số")
    assert not again.changes  # accepting twice changes nothing

    assert service.books.open(clerk, "khai_sinh", 1992, "1").changes == Changes()  # found again, not created
    made = service.books.open(clerk, "khai_sinh", 1993, "1")
    assert made.changes.books == {made.value.id}
    assert service.users.create(admin, "hoa", "matkhau-hoa", "clerk").changes.users
    assert service.users.update(admin, "hoa", active=False).changes == Changes.of(users=True)


def test_reads_take_the_actor(service, people) -> None:
    _, clerk, _ = people
    ids = make_entries(service, clerk, 1)
    page_id = service.entries.info(ids[0]).page_id
    book_id = service.books.page_info(page_id).book_id
    reads = [lambda who: service.entries.get(who, ids[0]), lambda who: service.entries.list(who, book_id=book_id),
             lambda who: service.books.pages(who, book_id), lambda who: service.books.page(who, page_id),
             lambda who: service.records.findings(who, ids[0]), lambda who: service.review.queue(who),
             lambda who: service.outbox.packages(who), lambda who: service.users.list(who)]
    for read in reads:
        read(clerk)
        with pytest.raises(PermissionDenied):
            read(None)


def test_one_record_and_whole_book_findings_agree(service, people) -> None:
    _, clerk, boss = people
    ids = make_entries(service, clerk, 4)
    service.records.save(clerk, ids[0], GOOD)
    service.records.save(clerk, ids[1], {**GOOD, "ho_ten": "Lò Văn Tính"})  # the same number twice
    service.records.save(clerk, ids[2], {"so": "50", "ngay_sinh": "31/02/1992", "gioi_tinh": "x"})
    service.review.accept_finding(boss, ids[0], "duplicate_number", "", "Sổ ghi vậy")
    book_id = service.books.page_info(service.entries.info(ids[0]).page_id).book_id
    with service.store.session() as s:
        whole = book_findings(s, book_id)
        for entry_id in ids:
            entry = s.get(Entry, entry_id)
            one = record_findings(s, entry, dict(entry.record.fields))
            assert sorted(one, key=repr) == sorted(whole.findings[entry_id], key=repr), entry_id
    assert any(f.accepted for f in whole.findings[ids[0]]) and lifecycle.blocks_submit(whole.findings[ids[2]])


def test_no_second_findings_rule_or_pdf_namer_outside_their_places() -> None:
    """check_fields runs in records/findings.py only; NameParts is built in naming.py and entries/pdfs.py only;
    nothing outside the lifecycle filters findings by severity and acceptance itself."""
    core = ROOT / "hotich_desktop"
    offenders = []
    for path in sorted(core.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if "check_fields(" in text and rel not in ("hotich_desktop/core/records/checks.py",
                                                   "hotich_desktop/core/records/findings.py"):
            offenders.append(f"{rel}: check_fields")
        if "NameParts(" in text and rel not in ("hotich_desktop/core/naming.py", "hotich_desktop/core/entries/pdfs.py"):
            offenders.append(f"{rel}: NameParts")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "severity" \
                    and rel != "hotich_desktop/core/lifecycle.py":
                offenders.append(f"{rel}:{node.lineno} severity rule")
    assert not offenders, offenders


def test_two_desks_with_different_office_codes_open_one_book(desk_pair) -> None:
    """One office per store: a desk whose own settings.json names another code still sees the store's."""
    a, b, admin = desk_pair
    settings = b.settings.get()
    settings.office_code, settings.office_name = "xa-Khac", "UBND xã Khác"
    settings.save(b.workspace.settings_path)
    first = a.books.open(admin, "khai_sinh", 1998, "1").value
    second = b.books.open(admin, "khai_sinh", 1998, "1").value
    assert first.id == second.id and first.office_code == second.office_code == b.settings.get().office_code
