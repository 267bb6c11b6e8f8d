"""Issue 24: what the checks found is stored per record version, so the progress report adds up open findings
in SQL; the stored summary must always say what a fresh check says — after saves that move a neighbour's
context (a duplicate number, a gap closed, the next number's "previous"), returns, an accepted finding, a
deleted page and a province's rule change."""
from __future__ import annotations

import json

from sqlalchemy import select

from hotich_desktop.core import lifecycle
from hotich_desktop.core.records.findings import entry_findings, queue_findings, rules_stamp
from hotich_desktop.core.review.book import check_book
from hotich_desktop.core.store.models import Entry, Page, Record, RecordCheck
from tests.conftest import make_entries
from tests.core.test_rules import BIRTH


def _truth(svc) -> dict[int, int]:
    """Open findings of every entered record, checked now (the one truth)."""
    with svc.store.session() as s:
        ids = list(s.scalars(select(Record.entry_id).where(Record.entered_at.is_not(None))))
        return {k: len(lifecycle.open_findings(v)) for k, v in entry_findings(s, ids, svc.workspace.root).items()}


def _stored(svc) -> dict[int, int]:
    """The stored summaries that still count (this version, this content, the rules in force)."""
    with svc.store.session() as s:
        rows = s.execute(select(RecordCheck.entry_id, RecordCheck.open, RecordCheck.stamp, Record.book_type)
                         .join(Record, Record.entry_id == RecordCheck.entry_id)
                         .where(RecordCheck.version == Record.version,
                                RecordCheck.content_hash == Record.content_hash,
                                Record.entered_at.is_not(None))).all()
    return {eid: n for eid, n, stamp, kind in rows if stamp == rules_stamp(kind, svc.workspace.root)}


def _queue_truth(svc) -> tuple[int, int]:
    truth = _truth(svc)
    with svc.store.session() as s:
        waiting = set(s.scalars(select(Entry.id).where(Entry.status.in_(tuple(lifecycle.REVIEWABLE)))))
    counts = [n for eid, n in truth.items() if eid in waiting]
    return sum(1 for n in counts if n), sum(counts)


def _report(svc):
    with svc.store.session() as s:
        return queue_findings(s, svc.workspace.root)


def test_stored_summaries_follow_saves_returns_acceptances_and_rule_changes(service, people) -> None:
    _, clerk, boss = people
    ids = make_entries(service, clerk, 6)
    numbers = ["1", "2", "3", "3", "7", ""]  # a duplicate 3, a gap 4–6
    for entry_id, so in zip(ids, numbers):
        service.save_record(clerk, entry_id, dict(BIRTH, so=so, ngay_dang_ky="20/03/1992"), submit=bool(so))
    alone = dict(BIRTH, so="", ho_ten="Lò Văn Xôm", gioi_tinh="Nam", ngay_sinh="01/02/1992")
    service.save_record(clerk, ids[5], alone)  # someone registered once (so far)
    truth = _truth(service)
    assert _stored(service) == truth and sum(truth.values()) > 0
    report = _report(service)
    assert (report.entries, report.findings) == _queue_truth(service) and report.stale == 0

    # a save that moves other records' context: the second 3 becomes 5 (no duplicate left; 7's gap shrinks)
    before = dict(truth)
    service.save_record(clerk, ids[3], dict(BIRTH, so="5", ngay_dang_ky="20/03/1992"), submit=True)
    truth = _truth(service)
    assert truth != before  # the neighbours' findings moved ...
    assert _stored(service) == truth  # ... and their stored summaries with them
    # the next number's "previous" moves when a record's date changes
    service.save_record(clerk, ids[1], dict(BIRTH, so="2", ngay_dang_ky="25/03/1992"), submit=True)
    assert _stored(service) == _truth(service)
    # a person registered twice in the type's books: both records carry it, in the other book too
    other = make_entries(service, clerk, 1, volume="2")[0]
    service.save_record(clerk, other, dict(alone, so="1", ngay_dang_ky="20/03/1992"), submit=True)
    truth = _truth(service)
    assert _stored(service) == truth and truth[ids[5]] > before[ids[5]]

    # returns and approvals move statuses, not findings; the report's queue follows the statuses
    service.review.return_entry(boss, ids[4], "Sai số")
    service.review.approve(boss, ids[0]) if not truth[ids[0]] else None
    assert _stored(service) == _truth(service)
    report = _report(service)
    assert (report.entries, report.findings) == _queue_truth(service) and report.stale == 0

    # an accepted warning is one open finding fewer, stored at once
    row = next(eid for eid in (ids[4], ids[2]) if _truth(service)[eid])
    with service.store.session() as s:
        warning = next(f for f in entry_findings(s, [row])[row] if lifecycle.acceptable(f) and not f.accepted)
    service.review.accept_finding(boss, row, warning.code, warning.field, "Sổ gốc ghi như vậy")
    assert _stored(service) == _truth(service)

    # the province changes its rules: every stored row is stale, the report re-checks (and agrees), then
    # the refresh stores them again
    (service.workspace.root / "rules.json").write_text(json.dumps(
        {"khai_sinh": {"number_gap": {"enabled": False}, "duplicate_person": {"severity": "warning"}}}),
        encoding="utf-8")
    assert _stored(service) == {}
    report = _report(service)
    assert (report.entries, report.findings) == _queue_truth(service) and report.stale > 0
    assert service.records.refresh_checks(boss).value == report.stale
    assert _report(service).stale == 0 and _stored(service) == {k: v for k, v in _truth(service).items()
                                                                if k in _stored(service)}
    # what a whole-book check says, record by record, is what is stored
    whole = check_book(service, service.entries.context(clerk, ids[0])[0].id)
    stored = _stored(service)
    assert all(stored[eid] == len(whole.open_findings(eid)) for eid in ids if eid in stored)


def test_a_deleted_page_makes_its_books_summaries_be_checked_again(service, people) -> None:
    admin, clerk, _ = people
    ids = make_entries(service, clerk, 3)
    for entry_id, so in zip(ids, ["1", "2", "2"]):
        service.save_record(clerk, entry_id, dict(BIRTH, so=so, ngay_dang_ky="20/03/1992"), submit=True)
    with service.store.session() as s:  # a second page of the same book, with another 2
        first = s.get(Entry, ids[0]).page
        page = Page(book_id=first.book_id, source_name="p2.jpg", source_sha256="2".ljust(64, "0"),
                    stored_path="archive/y.jpg", width=2480, height=3508, dpi=300)
        s.add(page)
        s.flush()
        entry = Entry(page_id=page.id, order=0, polygon=[[0, 0], [100, 0], [100, 50], [0, 50]])
        s.add(entry)
        s.flush()
        s.add(Record(entry_id=entry.id, book_type="khai_sinh", fields={}, ocr={}))
        page_id, other = page.id, entry.id
    service.save_record(clerk, other, dict(BIRTH, so="2", ngay_dang_ky="20/03/1992"), submit=True)
    service.books.delete_page(admin, page_id)
    report = _report(service)
    assert (report.entries, report.findings) == _queue_truth(service)
    assert report.stale >= 2  # the book's records lost their summaries and were checked again
