"""Two desks on one store (SQLite file, and one PostgreSQL): no change is ever lost silently.

Reproduces issue 20's first failure: two desks fixing different fields of one record lost one change every
round, and a supervisor approved a version changed after he opened it.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from hotich_desktop.core.entries import edit as entry_edit
from hotich_desktop.core.errors import Conflict
from hotich_desktop.core.review.book import approve_clean
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import AuditEvent, Entry, ReviewDecision
from hotich_desktop.core.workspace import Settings
from tests.conftest import make_entries
from tests.core.test_review import person

ROUNDS = 100


@pytest.fixture
def desks(desk_pair):
    """Desk A and desk B on one database, a clerk at each and a supervisor."""
    a, b, admin = desk_pair
    clerk_a = a.create_user(admin, "canbo-a", "matkhau-a", "clerk")
    clerk_b = a.create_user(admin, "canbo-b", "matkhau-b", "clerk")
    boss = a.create_user(admin, "kiemtra", "matkhau-kiemtra", "supervisor")
    return a, b, clerk_a, clerk_b, boss


def test_stale_save_is_refused_with_the_other_desks_values(desks) -> None:
    a, b, clerk_a, clerk_b, _ = desks
    (entry_id,) = make_entries(a, clerk_a, 1)
    seen_a, seen_b = a.entries.info(entry_id), b.entries.info(entry_id)
    assert seen_a.version == seen_b.version == 1
    a.save_record(clerk_a, entry_id, {"ghi_chu": "sửa ở bàn A"}, expected_version=seen_a.version)
    with pytest.raises(Conflict) as refused:
        b.save_record(clerk_b, entry_id, {"noi_cu_tru": "thôn Bản Mo"}, expected_version=seen_b.version)
    assert "đã có người sửa mục này" in refused.value.message
    assert refused.value.current["ghi_chu"] == "sửa ở bàn A" and refused.value.version == 2
    assert ("ghi_chu", "sửa ở bàn A", "") in refused.value.differences({"noi_cu_tru": "thôn Bản Mo"})
    merged = {**refused.value.current, "noi_cu_tru": "thôn Bản Mo"}
    saved = b.save_record(clerk_b, entry_id, merged, expected_version=refused.value.version)
    assert saved.entry.version == 3
    assert a.entries.info(entry_id).fields == {"ghi_chu": "sửa ở bàn A", "noi_cu_tru": "thôn Bản Mo"}


def _desk_loop(svc: Service, actor, entry_id: int, key: str, tag: str, log: list, errors: list) -> None:
    """One clerk re-typing one field ROUNDS times; on a refusal: re-read, merge, save again."""
    try:
        for i in range(ROUNDS):
            while True:
                seen = svc.entries.info(entry_id)
                fields = {**seen.fields, key: f"{tag} {i}"}
                try:
                    result = svc.save_record(actor, entry_id, fields, expected_version=seen.version)
                except Conflict:
                    log.append((tag, "refused", seen.version))
                    continue
                log.append((tag, "saved", seen.version, result.entry.version))
                break
    except BaseException as exc:  # noqa: BLE001 - reported by the test thread
        errors.append(exc)


def test_hundred_rounds_of_two_desks_lose_no_update(desks) -> None:
    a, b, clerk_a, clerk_b, _ = desks
    (entry_id,) = make_entries(a, clerk_a, 1)
    log: list = []
    errors: list = []
    threads = [threading.Thread(target=_desk_loop, args=(a, clerk_a, entry_id, "ghi_chu", "a", log, errors)),
               threading.Thread(target=_desk_loop, args=(b, clerk_b, entry_id, "noi_cu_tru", "b", log, errors))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not errors, errors
    saves = [row for row in log if row[1] == "saved"]
    assert len(saves) == 2 * ROUNDS
    # Every save started from a different version: none was written over another blindly.
    assert sorted(row[2] for row in saves) == list(range(1, 2 * ROUNDS + 1))
    final = a.entries.info(entry_id)
    assert final.fields == {"ghi_chu": f"a {ROUNDS - 1}", "noi_cu_tru": f"b {ROUNDS - 1}"}
    assert final.version == 2 * ROUNDS + 1
    # The audit trail chains: each save's "before" is exactly the previous save's "after" (0 lost updates).
    with a.store.session() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "record_save",
                                                         AuditEvent.object_id == str(entry_id))
                                .order_by(AuditEvent.id)))
    assert len(events) == 2 * ROUNDS
    for prev, cur in zip(events, events[1:]):
        assert cur.before == prev.after
    assert a.audit.verify().ok


def test_approval_names_the_version_seen(desks) -> None:
    a, b, clerk_a, _, boss = desks
    (entry_id,) = make_entries(a, clerk_a, 1)
    a.save_record(clerk_a, entry_id, person(1), submit=True)
    opened = b.entries.info(entry_id)  # the supervisor opens version 2 at desk B
    a.save_record(clerk_a, entry_id, {**person(1), "ghi_chu": "sửa sau"}, submit=True)  # desk A changes it
    with pytest.raises(Conflict) as refused:
        b.review.approve(boss, entry_id, opened.version)
    assert refused.value.current["ghi_chu"] == "sửa sau"
    assert b.entries.info(entry_id).status == "submitted"
    approved = b.review.approve(boss, entry_id, refused.value.version).value
    assert approved.status == "approved"
    with b.store.session() as s:
        decision = s.scalar(select(ReviewDecision).where(ReviewDecision.entry_id == entry_id))
        assert decision.record_version == refused.value.version == 3


def test_batch_approval_skips_an_entry_changed_since_the_queue_was_shown(desks) -> None:
    a, b, clerk_a, _, boss = desks
    ids = make_entries(a, clerk_a, 2)
    for n, entry_id in enumerate(ids, 1):
        a.save_record(clerk_a, entry_id, person(n, name=f"Lò Văn Tính {'AB'[n - 1]}"), submit=True)
    shown = {i: b.entries.info(i).version for i in ids}
    a.save_record(clerk_a, ids[1], {**person(2, name="Lò Văn Tính B"), "ghi_chu": "sửa lại"}, submit=True)
    approved, skipped = approve_clean(b, boss, shown)
    assert approved == [ids[0]] and "đã có người sửa mục này" in skipped[ids[1]]


def test_stale_box_delete_and_concurrent_entry_update_are_refused(desks) -> None:
    a, b, clerk_a, clerk_b, _ = desks
    first, second = make_entries(a, clerk_a, 2)
    seen = b.entries.info(first)
    with a.store.session() as s:  # desk A moves the outline (any change of the entry row)
        s.get(Entry, first).polygon = [[0, 0], [120, 0], [120, 60], [0, 60]]
    with pytest.raises(Conflict):
        entry_edit.delete_box(b, clerk_b, first, expected_version=seen.box_version)
    assert a.entries.info(first).id == first
    entry_edit.delete_box(b, clerk_b, first, expected_version=a.entries.info(first).box_version)
    # Two transactions that both loaded the entry: the later flush fails, it does not overwrite.
    with pytest.raises(Conflict):
        with a.store.session() as s1:
            row1 = s1.get(Entry, second)
            with b.store.session() as s2:
                s2.get(Entry, second).status = "entered"
            row1.status = "returned"
    assert a.entries.info(second).status == "entered"


def test_stale_book_update_is_refused(desks) -> None:
    a, b, clerk_a, _, _ = desks
    admin = a.users.login("admin", "matkhau-admin")
    book = a.books.open(admin, "khai_sinh", 1990, "1").value
    seen = b.books.info(book.id)
    a.books.update(admin, book.id, book.version, volume="1A")
    with pytest.raises(Conflict) as refused:
        b.books.update(admin, book.id, seen.version, status="closed")
    assert refused.value.current == {"volume": "1A", "status": "open"}
    assert b.books.update(admin, book.id, refused.value.version, status="closed").value.status == "closed"


def test_stale_desk_settings_save_is_refused(tmp_path: Path) -> None:
    """This desk's own file (two windows on one data folder); the office's items: tests/core/settings."""
    path = tmp_path / "settings.json"
    first, second = Settings.load(path), Settings.load(path)
    first.ocr_language = "vie+eng"
    first.save(path)
    second.move_done = True
    with pytest.raises(Conflict) as refused:
        second.save(path)
    assert refused.value.current["ocr_language"] == "vie+eng"
    again = Settings.load(path)
    again.move_done = True
    again.save(path)
    assert Settings.load(path).ocr_language == "vie+eng" and Settings.load(path).version == 2


def test_racing_partial_saves_without_a_version_both_survive(desks) -> None:
    """`record save` from two desks at once, each with only its own field: the read-merge-write is one locked
    unit (BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE on PostgreSQL), so neither change is lost."""
    a, b, clerk_a, clerk_b, _ = desks
    (entry_id,) = make_entries(a, clerk_a, 1)
    errors: list = []

    def desk(svc: Service, actor, key: str, tag: str) -> None:  # noqa: ANN001
        try:
            for i in range(30):
                svc.save_record(actor, entry_id, {key: f"{tag} {i}"})
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(a, clerk_a, "ghi_chu", "a")),
               threading.Thread(target=desk, args=(b, clerk_b, "noi_cu_tru", "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not errors, errors
    assert a.entries.info(entry_id).fields == {"ghi_chu": "a 29", "noi_cu_tru": "b 29"}
    assert a.entries.info(entry_id).version == 61
