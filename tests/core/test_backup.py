"""Backup, verify and restore (issue 20, second failure: no backup; a file copy of the open store lost data).

Runs on SQLite and on PostgreSQL (pg_dump/pg_restore); a restore onto a fresh workspace is compared with the
snapshot record by record, file by file and audit event by audit event.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hotich_desktop.core.backup import run
from hotich_desktop.core.backup.crypto import WrongPassphrase
from hotich_desktop.core.backup.repo import BackupRepo, referenced
from hotich_desktop.core.errors import BadInput, PermissionDenied
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import Entry
from hotich_desktop.core.workspace import Workspace
from tests.conftest import make_entries
from tests.core.test_review import person

PASS = "mat-khau-van-phong-xa"


def _fill(svc: Service, clerk, n: int = 4, volume: str = "1") -> list[int]:
    """Entries with saved records, a PDF each and a page original, as processing leaves them."""
    ids = make_entries(svc, clerk, n, volume=volume)
    root = svc.workspace.root
    (root / "archive").mkdir(exist_ok=True)
    (root / "archive" / "x.jpg").write_bytes(b"\xff\xd8 trang goc " * 500)
    for k, entry_id in enumerate(ids):
        data = f"%PDF-1.4 muc {volume}-{k} ".encode() * 300
        rel = f"pdf/sach-1/KS.1992.{volume}.{k}.pdf"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
        with svc.store.session() as s:
            e = s.get(Entry, entry_id)
            e.pdf_path, e.pdf_bytes, e.pdf_sha256 = rel, len(data), hashlib.sha256(data).hexdigest()
        svc.save_record(clerk, entry_id, person(k + 1, name=f"Lò Văn Tính {volume}{k}"))
    return ids


@pytest.fixture
def office(tmp_path: Path, db_url: str):
    svc = Service(Workspace(tmp_path / "ws", db_url))
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    yield svc, admin, clerk
    svc.close()


def _empty_pg(url: str, name: str) -> str:
    """A second, empty database on the test server to restore into."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _restore_url(db_url: str) -> str | None:
    return None if db_url.startswith("sqlite") else _empty_pg(db_url, "hotich_restore_test")


def test_backup_restores_every_record_file_and_audit_event(office, tmp_path: Path, db_url: str) -> None:
    svc, admin, clerk = office
    _fill(svc, clerk)
    report = svc.backup(admin, tmp_path / "usb", PASS)
    assert report.records == 4 and report.new_files == report.files + 1  # every file and the store copy
    assert run.verify(tmp_path / "usb", PASS).ok
    restored = run.restore(tmp_path / "usb", PASS, tmp_path / "new-pc", _restore_url(db_url))
    assert restored.ok, restored.problems
    assert restored.records == 4 and restored.pdfs == 4 and restored.audit_events >= 10
    again = Service(Workspace(tmp_path / "new-pc", restored_url(tmp_path, db_url)))
    try:
        entries = again.entries.list(admin)
        assert [e.fields["ho_ten"] for e in entries] == [e.fields["ho_ten"] for e in svc.entries.list(admin)]
        assert again.audit.verify().ok
        for e in entries:
            assert hashlib.sha256((tmp_path / "new-pc" / e.pdf).read_bytes()).hexdigest() == \
                hashlib.sha256((svc.workspace.root / e.pdf).read_bytes()).hexdigest()
        assert again.users.login("canbo", "matkhau-canbo").login == "canbo"
    finally:
        again.close()


def restored_url(tmp_path: Path, db_url: str) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'new-pc' / 'hotich.sqlite3'}"
    return make_url(db_url).set(database="hotich_restore_test").render_as_string(hide_password=False)


def test_second_backup_is_incremental_and_old_snapshots_are_pruned(office, tmp_path: Path) -> None:
    svc, admin, clerk = office
    _fill(svc, clerk)
    first = svc.backup(admin, tmp_path / "usb", PASS, keep=2)
    svc.save_record(clerk, svc.entries.list(admin)[0].id, person(1, name="Lò Văn Tính Sửa"))
    second = svc.backup(admin, tmp_path / "usb", PASS, keep=2)
    assert second.new_files == 1 and second.files == first.files  # only the store copy changed
    _fill(svc, clerk, 1, volume="2")
    svc.backup(admin, tmp_path / "usb", PASS, keep=2)
    repo = BackupRepo.open(tmp_path / "usb", PASS)
    assert len(repo.snapshots()) == 2 and first.snapshot not in repo.snapshots()
    used = set().union(*(referenced(repo.read_snapshot(s)) for s in repo.snapshots()))
    assert repo.object_names() == used  # the first snapshot's store copy was collected


def test_copying_the_open_sqlite_file_loses_data_a_backup_does_not(sqlite_service, tmp_path: Path) -> None:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    _fill(svc, clerk, 6)
    svc.backups.set_passphrase(admin, PASS)  # an event of its own, before the count
    db_file = Path(make_url(svc.store.url).database)
    shutil.copy(db_file, tmp_path / "copy.sqlite3")  # what a clerk does with the app open
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    copied_events = copy.execute("SELECT count(*) FROM audit_events").fetchone()[0] if \
        copy.execute("SELECT count(*) FROM sqlite_master WHERE name='audit_events'").fetchone()[0] else 0
    copy.close()
    live_events = svc.audit.verify().events
    assert copied_events < live_events  # the rest is still in the -wal file
    svc.backup(admin, tmp_path / "usb", PASS)
    restored = run.restore(tmp_path / "usb", PASS, tmp_path / "new-pc")
    assert restored.ok and restored.audit_events == live_events + 0


def test_wrong_passphrase_tampering_and_bad_targets_are_refused(office, tmp_path: Path) -> None:
    svc, admin, clerk = office
    _fill(svc, clerk, 2)
    with pytest.raises(PermissionDenied):
        svc.backup(clerk, tmp_path / "usb", PASS)
    with pytest.raises(BadInput):
        svc.backup(admin, tmp_path / "usb", "ngan")  # too short
    with pytest.raises(BadInput):
        svc.backup(admin, svc.workspace.root / "backup", PASS)  # inside the workspace
    svc.backup(admin, tmp_path / "usb", PASS)
    with pytest.raises(WrongPassphrase):
        run.verify(tmp_path / "usb", "mat-khau-sai-roi-nhe")
    # Nothing personal in clear in the backup folder.
    for path in (tmp_path / "usb").rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert b"L\xc3\xb2 V\xc4\x83n" not in blob and b"%PDF" not in blob and b"SQLite format" not in blob
    repo = BackupRepo.open(tmp_path / "usb", PASS)
    victim = next(iter(sorted(repo.object_names())))
    path = repo.object_path(victim)
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0x01
    path.write_bytes(bytes(blob))
    report = run.verify(tmp_path / "usb", PASS)
    assert not report.ok and report.problems
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.txt").write_text("x")
    with pytest.raises(BadInput):
        run.restore(tmp_path / "usb", PASS, tmp_path / "busy")


class Killed(BaseException):
    """Stands for the process being killed at one file-changing call."""


def test_backup_killed_at_every_file_changing_call_leaves_the_previous_one_whole(
        sqlite_service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = sqlite_service
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    _fill(svc, clerk, 2)
    usb = tmp_path / "usb"
    svc.backup(admin, usb, PASS, keep=1)
    _fill(svc, clerk, 2, volume="2")  # new files and records for the next run
    calls = {"n": 0, "kill_at": 0}
    real = {name: getattr(os, name) for name in ("replace", "unlink", "rename", "link")}
    inside = str(usb) + os.sep

    def counting(name):  # noqa: ANN001, ANN202
        def call(*a, **k):  # noqa: ANN002, ANN003, ANN202
            if str(a[0]).startswith(inside):
                calls["n"] += 1
                if calls["n"] == calls["kill_at"]:
                    raise Killed(name)
            return real[name](*a, **k)
        return call

    shutil.copytree(usb, tmp_path / "usb-ref")
    for name in real:
        monkeypatch.setattr(os, name, counting(name))
    kill_at, total = 1, None
    while total is None:
        calls["kill_at"] = 0
        shutil.rmtree(usb)
        shutil.copytree(tmp_path / "usb-ref", usb)  # every run starts from the same previous backup
        calls["n"], calls["kill_at"] = 0, kill_at
        try:
            svc.backup(admin, usb, PASS, keep=1)
        except Killed:
            report = run.verify(usb, PASS)
            assert report.ok, (kill_at, report.problems)
            kill_at += 1
        else:
            total = calls["n"]
    assert total == kill_at - 1 and total > 5  # killed at each of its file-changing calls in turn
    for name in real:
        monkeypatch.setattr(os, name, real[name])
    final = run.restore(usb, PASS, tmp_path / "new-pc")
    assert final.ok and final.records == 4
