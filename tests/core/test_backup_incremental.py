"""Daily backups write what changed (issue 20: a daily backup of a large store rewrote the whole database).

A chain is one base copy and a delta per later day (rows inserted, changed and deleted); a restore of any
snapshot applies its chain and is compared record by record, PDF by PDF and event by event.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select

from hotich_desktop.core.backup import run
from hotich_desktop.core.backup.repo import BackupRepo, db_chain, referenced
from hotich_desktop.core.store.models import Entry, IntakeFile, Record
from tests.core.test_backup import PASS, _empty_pg, _fill, office, restored_url  # noqa: F401 (fixture)
from tests.core.test_review import person


@pytest.fixture
def sqlite_office(sqlite_service):
    admin = sqlite_service.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = sqlite_service.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    return sqlite_service, admin, clerk


def _chain(usb: Path, stamp: str) -> tuple[dict, list[dict]]:
    return db_chain(BackupRepo.open(usb, PASS).read_snapshot(stamp))


def test_daily_backup_is_a_delta_of_changed_rows_and_every_snapshot_restores(office, tmp_path: Path,
                                                                            db_url: str) -> None:
    svc, admin, clerk = office
    ids = _fill(svc, clerk, 6)
    with svc.store.session() as s:
        s.add(IntakeFile(sha256="a" * 64, source_path="scan/old.jpg", size=10, outcome="duplicate"))
    usb = tmp_path / "usb"
    first = svc.backup(admin, usb, PASS)
    base, deltas = _chain(usb, first.snapshot)
    assert deltas == [] and base["bytes"] > 0

    svc.save_record(clerk, ids[0], person(1, name="Lò Văn Sửa Một"))  # an update
    _fill(svc, clerk, 1, volume="2")  # inserts: a book, a page, an entry, a record, events
    with svc.store.session() as s:
        s.execute(delete(IntakeFile))  # a delete
    second = svc.backup(admin, usb, PASS)
    base2, deltas = _chain(usb, second.snapshot)
    assert base2 == base and len(deltas) == 1
    assert deltas[0]["bytes"] < base["bytes"] / 4 and 5 <= deltas[0]["rows"] < 60
    assert second.new_files == 1 + 1  # the new volume's PDF, the day's delta

    svc.save_record(clerk, ids[1], person(2, name="Lò Văn Sửa Hai"))
    third = svc.backup(admin, usb, PASS)
    assert len(_chain(usb, third.snapshot)[1]) == 2
    assert run.verify(usb, PASS).ok and run.verify(usb, PASS, second.snapshot).ok

    restored = run.restore(usb, PASS, tmp_path / "new-pc", None if db_url.startswith("sqlite")
                           else _empty_pg(db_url, "hotich_restore_test"))
    assert restored.ok, restored.problems
    assert restored.records == 7 and restored.pdfs == 7
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.workspace import Workspace

    again = Service(Workspace(tmp_path / "new-pc", restored_url(tmp_path, db_url)))
    try:
        assert sorted(e.fields["ho_ten"] for e in again.entries.list(admin)) == sorted(e.fields["ho_ten"] for e in svc.entries.list(admin))
        with again.store.session() as s:
            assert s.scalar(select(IntakeFile.id)) is None
        assert again.audit.verify().ok
        # the restored store keeps working: new rows get fresh ids (PostgreSQL sequences moved past the deltas)
        again.save_record(again.users.login("canbo", "matkhau-canbo"), ids[2], person(3, name="Lò Văn Sau Khôi Phục"))
        entry_ids = make_more(again)
        assert entry_ids
    finally:
        again.close()


def make_more(svc) -> list[int]:  # noqa: ANN001
    from tests.conftest import make_entries

    return make_entries(svc, svc.users.login("canbo", "matkhau-canbo"), 1, volume="9")


def test_an_older_snapshot_restores_to_its_own_day(sqlite_office, tmp_path: Path) -> None:
    svc, admin, clerk = sqlite_office
    ids = _fill(svc, clerk, 3)
    usb = tmp_path / "usb"
    svc.backup(admin, usb, PASS)
    svc.save_record(clerk, ids[0], person(1, name="Lò Văn Ngày Hai"))
    day2 = svc.backup(admin, usb, PASS)
    svc.save_record(clerk, ids[0], person(1, name="Lò Văn Ngày Ba"))
    svc.backup(admin, usb, PASS)
    restored = run.restore(usb, PASS, tmp_path / "day2", stamp=day2.snapshot)
    assert restored.ok, restored.problems
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.workspace import Workspace

    old = Service(Workspace(tmp_path / "day2", f"sqlite:///{tmp_path / 'day2' / 'hotich.sqlite3'}"))
    try:
        assert old.entries.info(ids[0]).fields["ho_ten"] == "Lò Văn Ngày Hai"
    finally:
        old.close()


def test_a_long_chain_starts_a_new_base_and_pruning_keeps_what_kept_snapshots_need(
        sqlite_office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svc, admin, clerk = sqlite_office
    ids = _fill(svc, clerk, 2)
    monkeypatch.setattr(run, "MAX_DELTAS", 2)
    usb = tmp_path / "usb"
    stamps = []
    for day in range(5):
        svc.save_record(clerk, ids[0], person(1, name=f"Lò Văn Ngày {day}"))
        stamps.append(svc.backup(admin, usb, PASS, keep=3).snapshot)
    lengths = [len(_chain(usb, s)[1]) for s in stamps[-3:]]
    assert lengths == [2, 0, 1]  # day 3 is a new base; day 2 still has its base and both deltas
    assert _chain(usb, stamps[2])[0] != _chain(usb, stamps[3])[0]
    repo = BackupRepo.open(usb, PASS)
    used = set().union(*(referenced(repo.read_snapshot(s)) for s in repo.snapshots()))
    assert repo.object_names() == used
    for stamp in stamps[-3:]:
        assert run.verify(usb, PASS, stamp).ok


def test_a_delta_that_was_tampered_with_is_refused(sqlite_office, tmp_path: Path) -> None:
    svc, admin, clerk = sqlite_office
    ids = _fill(svc, clerk, 2)
    usb = tmp_path / "usb"
    svc.backup(admin, usb, PASS)
    svc.save_record(clerk, ids[0], person(1, name="Lò Văn Đổi"))
    second = svc.backup(admin, usb, PASS)
    repo = BackupRepo.open(usb, PASS)
    step = _chain(usb, second.snapshot)[1][0]
    path = repo.object_path(step["object"])
    blob = bytearray(path.read_bytes())
    blob[40] ^= 0x01
    path.write_bytes(bytes(blob))
    report = run.verify(usb, PASS)
    assert not report.ok
    with pytest.raises(Exception):
        run.restore(usb, PASS, tmp_path / "new-pc")
    with svc.store.session() as s:  # the live store is untouched by all this
        assert s.scalar(select(Record.fields).where(Record.entry_id == ids[0]))["ho_ten"] == "Lò Văn Đổi"
        assert s.scalar(select(Entry.id).where(Entry.id == ids[1])) == ids[1]


def _key_ids_named(usb: Path) -> set[str]:
    """The run keys the folder's kept snapshots and objects were encrypted with (read from their clear heads)."""
    from hotich_desktop.core.backup.crypto import KEY_ID, MAGIC2

    named = {(usb / "snapshots" / f"{s}.snap").read_bytes()[:KEY_ID].decode() for s in BackupRepo(usb, None).snapshots()}
    for path in (usb / "objects").glob("*/*"):
        named.add(path.read_bytes()[len(MAGIC2):len(MAGIC2) + KEY_ID].decode())
    return named


def test_sealed_run_keys_are_pruned_with_the_runs_they_belong_to(
        sqlite_office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svc, admin, clerk = sqlite_office
    ids = _fill(svc, clerk, 2)
    monkeypatch.setattr(run, "MAX_DELTAS", 1)  # day 0 base, 1 delta, 2 base, 3 delta, 4 base
    usb = tmp_path / "usb"
    run_keys = []
    for day in range(5):
        svc.save_record(clerk, ids[0], person(1, name=f"Lò Văn Ngày {day}"))
        stamp = svc.backup(admin, usb, PASS, keep=2).snapshot
        run_keys.append((usb / "snapshots" / f"{stamp}.snap").read_bytes()[:16].decode())
        if day == 0:
            (usb / "keys" / "0123456789abcdef.json").write_text("{}")  # a run killed before its snapshot
    kept = {p.stem for p in (usb / "keys").glob("*.json")}
    assert kept == _key_ids_named(usb)  # nothing kept that no kept snapshot or object needs
    assert "0123456789abcdef" not in kept and run_keys[1] not in kept  # the killed run's, a pruned delta's
    assert run_keys[0] in kept  # day 0's files are still used by the kept snapshots
    assert {run_keys[2], run_keys[3], run_keys[4]} <= kept
    for stamp in BackupRepo.open(usb, PASS).snapshots():
        assert run.verify(usb, PASS, stamp).ok


def test_daily_backup_reads_only_the_rows_the_change_log_names_and_misses_no_plain_sql_write(
        sqlite_office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The daily run of a large store hashed every row again (158 s for 300,000 records); now SQLite's
    triggers name the rows written since, whoever wrote them (a plain UPDATE that bumps no version too)."""
    from sqlalchemy import text, update

    from hotich_desktop.core.backup import rows

    svc, admin, clerk = sqlite_office
    ids = _fill(svc, clerk, 3)
    usb = tmp_path / "usb"
    svc.backup(admin, usb, PASS)
    svc.save_record(clerk, ids[0], person(1, name="Lò Văn Ngày Hai"))
    with svc.store.session() as s:  # no ORM, no version bump: only the trigger sees it
        s.execute(update(Entry).where(Entry.id == ids[1]).values(polygon=[[0, 0], [9, 0], [9, 9], [0, 9]]))
        s.execute(delete(IntakeFile))
    hashed_whole: list[str] = []
    real = rows.row_index
    monkeypatch.setattr(rows, "row_index", lambda conn, table: hashed_whole.append(table.name) or real(conn, table))
    second = svc.backup(admin, usb)
    assert hashed_whole == []  # every table from the log: no full pass over any of them
    with svc.store.session() as s:
        logged = s.execute(text("SELECT count(*) FROM row_changes")).scalar()
    assert logged <= 3  # the log was pruned up to what the backup read (the backup's own audit event remains)
    delta = BackupRepo.open(usb, PASS).read_snapshot(second.snapshot)
    assert len(db_chain(delta)[1]) == 1
    svc.close()
    assert run.verify(usb, PASS).ok
    restored = run.restore(usb, PASS, tmp_path / "new-pc")
    assert restored.ok  # the plain UPDATE is in the restored store (the digests compare every entry)
    from hotich_desktop.core.service import Service

    back = Service.open(tmp_path / "new-pc")
    try:
        with back.store.session() as s:
            assert s.get(Entry, ids[1]).polygon == [[0, 0], [9, 0], [9, 9], [0, 9]]
        assert back.entries.info(ids[0]).fields["ho_ten"] == "Lò Văn Ngày Hai"
    finally:
        back.close()


def test_a_table_without_its_triggers_is_hashed_whole_and_still_backed_up(
        sqlite_office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import text

    from hotich_desktop.core.backup import rows

    svc, admin, clerk = sqlite_office
    ids = _fill(svc, clerk, 2)
    usb = tmp_path / "usb"
    svc.backup(admin, usb, PASS)
    with svc.store.session() as s:
        s.execute(text("DROP TRIGGER hotich_rc_records_u"))
        s.execute(text("UPDATE records SET fields = json_set(fields, '$.ghi_chu', 'sửa tay') WHERE entry_id = :e"),
                  {"e": ids[0]})
    hashed_whole: list[str] = []
    real = rows.row_index
    monkeypatch.setattr(rows, "row_index", lambda conn, table: hashed_whole.append(table.name) or real(conn, table))
    svc.backup(admin, usb)
    assert hashed_whole == ["records"]
    svc.close()
    assert run.verify(usb, PASS).ok
    report = run.restore(usb, PASS, tmp_path / "new-pc")
    assert report.ok
