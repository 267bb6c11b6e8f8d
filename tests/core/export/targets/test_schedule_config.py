"""The target chosen by an admin (audited, password encrypted) and the outbox's background retries."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotich_desktop.core.errors import BadInput, PermissionDenied
from hotich_desktop.core.export.targets.config import check_connection, set_delivery_target
from hotich_desktop.core.export.targets.credentials import STORE_FILE, stored_password
from hotich_desktop.core.export.targets.schedule import RetrySchedule, deliver_due
from hotich_desktop.core.store.models import AuditEvent
from tests.conftest import settings_text
from tests.core.export.targets.conftest import assert_delivered
from tests.core.export.targets.servers import PASSWORD, DavServer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_backoff_doubles_caps_and_resets() -> None:
    clock = Clock()
    schedule = RetrySchedule(base=60, maximum=600, clock=clock)
    assert schedule.due(1)
    assert [schedule.failed(1) for _ in range(5)] == [60, 120, 240, 480, 600]
    assert not schedule.due(1) and schedule.wait_left(1) == 600
    clock.now += 600
    assert schedule.due(1)
    assert schedule.failed(2, retryable=False) == 600  # a refusal waits the longest step
    schedule.succeeded(1)
    assert schedule.due(1) and schedule.failed(1) == 60


def test_admin_sets_the_target_password_encrypted_and_audited(queued, tmp_path: Path) -> None:
    svc = queued.svc
    admin = svc.users.login("admin", "matkhau1")
    server = DavServer(tmp_path / "dav")
    try:
        with pytest.raises(PermissionDenied):
            set_delivery_target(svc, queued.boss, server.url(), PASSWORD)
        with pytest.raises(BadInput):
            set_delivery_target(svc, admin, "webdav:so-ho-tich", PASSWORD)
        set_delivery_target(svc, admin, server.url(), "sai-mat-khau")
        clock = Clock()
        schedule = RetrySchedule(base=60, maximum=3600, clock=clock)
        [(pid, reason)] = deliver_due(svc, queued.boss, schedule)
        assert pid == queued.package_id and "sai tên hoặc mật khẩu" in reason
        assert queued.item()["status"] == "failed" and "mật khẩu" in queued.item()["error"]
        assert deliver_due(svc, queued.boss, schedule) == []  # not due yet: nothing tried
        set_delivery_target(svc, admin, server.url(), PASSWORD)
        assert "sẵn sàng" in check_connection(svc)
        clock.now += 3600
        [(_, receipt)] = deliver_due(svc, queued.boss, schedule)
        assert queued.item()["status"] == "sent" and queued.item()["receipt"] == receipt
        assert_delivered(server.root / "so-ho-tich" / queued.folder.name, queued.folder)
    finally:
        server.stop()
    root = svc.workspace.root
    kept = settings_text(svc)
    assert server.url() in kept and PASSWORD not in kept
    assert PASSWORD.encode() not in (root / STORE_FILE).read_bytes()
    assert (root / STORE_FILE).stat().st_mode & 0o777 == 0o600
    assert stored_password(root, server.url()) == PASSWORD
    with svc.store.session() as s:
        events = [e for e in s.query(AuditEvent).all() if e.action == "delivery_target"]
        assert len(events) == 2 and all(PASSWORD not in json.dumps(e.after) for e in events)
