"""The scheduled daily backup (issue 20): no passphrase kept, once a day from its hour, keep N whole backups."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from hotich_desktop.core.backup import run
from hotich_desktop.core.backup.crypto import WrongPassphrase
from hotich_desktop.core.backup.repo import BackupRepo
from hotich_desktop.core.backup.service import SCHEDULER
from hotich_desktop.core.errors import BadInput, PermissionDenied
from hotich_desktop.core.store.models import AuditEvent
from tests.conftest import settings_text
from tests.core.test_backup import PASS, _fill


@pytest.fixture
def office(sqlite_service):
    admin = sqlite_service.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = sqlite_service.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    return sqlite_service, admin, clerk


def test_the_settings_keep_a_public_key_only_and_backups_need_no_passphrase(office, tmp_path: Path) -> None:
    svc, admin, clerk = office
    _fill(svc, clerk, 2)
    with pytest.raises(BadInput):
        svc.backups.run(admin, tmp_path / "usb")  # no office passphrase yet
    with pytest.raises(PermissionDenied):
        svc.backups.set_passphrase(clerk, PASS)
    svc.backups.set_passphrase(admin, PASS)
    assert PASS not in settings_text(svc) and set(svc.settings.get().backup_key) == {"public", "salt", "n"}
    report = svc.backups.run(admin, tmp_path / "usb")  # no passphrase
    assert report.records == 2
    with pytest.raises(WrongPassphrase):
        svc.backups.run(admin, tmp_path / "usb", passphrase="mot-mat-khau-khac")  # a given one is checked
    with pytest.raises(WrongPassphrase):
        BackupRepo.open(tmp_path / "usb", "mot-mat-khau-khac")
    assert run.verify(tmp_path / "usb", PASS).ok
    # A new passphrase: the old folder is refused for writing (another key), a new folder is fine.
    svc.backups.set_passphrase(admin, "mat-khau-moi-cua-xa")
    with pytest.raises(BadInput):
        svc.backups.run(admin, tmp_path / "usb")
    svc.backups.run(admin, tmp_path / "usb-moi")
    assert run.verify(tmp_path / "usb-moi", "mat-khau-moi-cua-xa").ok
    assert run.verify(tmp_path / "usb", PASS).ok  # the old backups still open with the old passphrase


def test_the_daily_run_is_due_once_a_day_from_its_hour_and_keeps_n(office, tmp_path: Path) -> None:
    svc, admin, clerk = office
    ids = _fill(svc, clerk, 2)
    monday = dt.datetime(2026, 11, 23, 9, 0)
    assert not svc.backups.due(monday)  # not configured
    svc.backups.set_passphrase(admin, PASS)
    with pytest.raises(PermissionDenied):
        svc.backups.configure(clerk, str(tmp_path / "usb"), 2, 17)
    with pytest.raises(BadInput):
        svc.backups.configure(admin, str(svc.workspace.root / "sao-luu"), 2, 17)  # inside the workspace
    svc.backups.configure(admin, str(tmp_path / "usb"), 2, 17)
    assert svc.backups.due(monday)  # never done: at once
    assert svc.backups.run_scheduled(monday) is not None
    assert not svc.backups.due(monday.replace(hour=18))  # done today
    assert not svc.backups.due(monday + dt.timedelta(days=1, hours=-1))  # Tuesday 8:00, before its hour
    assert svc.backups.due(monday + dt.timedelta(days=1, hours=8))  # Tuesday 17:00
    assert svc.backups.due(monday + dt.timedelta(days=1, minutes=1))  # a whole day missed: any hour
    for day in range(1, 4):
        svc.save_record(clerk, ids[0], {"ghi_chu": f"ngày {day}"})
        assert svc.backups.run_scheduled(monday + dt.timedelta(days=day, hours=9)) is not None
    repo = BackupRepo.open(tmp_path / "usb", PASS)
    assert len(repo.snapshots()) == 2  # keep 2 whole backups
    assert all(run.verify(tmp_path / "usb", PASS, s).ok for s in repo.snapshots())
    with svc.store.session() as s:
        runs = s.scalars(select(AuditEvent.action).where(AuditEvent.user_login == SCHEDULER)).all()
    assert runs == ["backup"] * 4  # each scheduled run is in the audit chain, by the scheduler


def test_a_failed_daily_run_is_tried_again_an_hour_later(office, tmp_path: Path) -> None:
    svc, admin, clerk = office
    _fill(svc, clerk, 1)
    svc.backups.set_passphrase(admin, PASS)
    usb = tmp_path / "usb"
    svc.backups.configure(admin, str(usb), 3, 0)
    usb.mkdir()
    (usb / "tep-la.txt").write_text("không phải thư mục sao lưu")  # not a backup folder: refused
    now = dt.datetime(2026, 11, 23, 9, 0)
    with pytest.raises(BadInput):
        svc.backups.run_scheduled(now)
    assert not svc.backups.due(now + dt.timedelta(minutes=30))
    (usb / "tep-la.txt").unlink()
    assert svc.backups.due(now + dt.timedelta(minutes=61))
    assert svc.backups.run_scheduled(now + dt.timedelta(minutes=61)) is not None
