"""SFTP delivery against asyncssh's real SFTP server on loopback, through cuts, restarts and refusals."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hotich_desktop.core.errors import HotichError
from hotich_desktop.core.export.outbox import deliver
from hotich_desktop.core.export.targets import LocalPackage, RetryPolicy
from hotich_desktop.core.export.targets.sftp import PINS, SftpTarget
from tests.core.export.targets.conftest import FAST, assert_delivered, make_package, no_partial_under_final_name
from tests.core.export.targets.servers import PASSWORD, FlakyProxy, SftpServer


@pytest.fixture
def sftpd(tmp_path: Path):
    servers: list[SftpServer] = []

    def start(**kw: object) -> SftpServer:
        servers.append(SftpServer(tmp_path / "sftp", **kw))  # type: ignore[arg-type]
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


def target(url: str, pins: Path, password: str = PASSWORD, policy: RetryPolicy = FAST) -> SftpTarget:
    return SftpTarget(url, password, known_hosts=pins, chunk_size=32 * 1024, timeout=5.0, policy=policy)


def test_delivered_once_with_receipt_and_host_key_pinned(queued, sftpd, tmp_path: Path) -> None:
    server = sftpd()
    receipt = deliver(queued.svc, queued.boss, queued.package_id, target(server.url(), tmp_path))
    final = server.root / "nhan" / queued.folder.name
    assert receipt.location == f"/nhan/{queued.folder.name}"
    assert_delivered(final, queued.folder)
    assert queued.item()["status"] == "sent" and (tmp_path / PINS).exists()
    again = deliver(queued.svc, queued.boss, queued.package_id, target(server.url(), tmp_path))
    assert again.already_there and again.sent_bytes == 0


def test_cut_every_150_kilobytes_appends_from_the_remote_size(queued, sftpd, tmp_path: Path) -> None:
    server = sftpd()
    proxy = FlakyProxy(server.port, drop_every=150_000)
    patient = RetryPolicy(attempts=20, backoff=0.01, max_backoff=0.05)  # a cut also loses what was in flight
    receipt = deliver(queued.svc, queued.boss, queued.package_id,
                      target(server.url(port=proxy.port), tmp_path, policy=patient))
    proxy.stop()
    assert proxy.drops >= 2 and receipt.resumed_bytes > 0
    assert_delivered(server.root / "nhan" / queued.folder.name, queued.folder)
    assert queued.item()["status"] == "sent"


def test_server_restarted_mid_upload(queued, sftpd, tmp_path: Path) -> None:
    server = sftpd()
    proxy = FlakyProxy(server.port)
    proxy.at_bytes = (150_000, lambda: threading.Thread(target=server.restart).start())
    patient = RetryPolicy(attempts=15, backoff=0.1, max_backoff=1.0)
    deliver(queued.svc, queued.boss, queued.package_id,
            target(server.url(port=proxy.port), tmp_path, policy=patient))
    proxy.stop()
    assert proxy.drops == 1
    assert_delivered(server.root / "nhan" / queued.folder.name, queued.folder)


def test_full_disk_is_not_marked_sent(queued, sftpd, tmp_path: Path) -> None:
    server = sftpd(quota=100_000)
    with pytest.raises(HotichError, match="hết dung lượng"):
        deliver(queued.svc, queued.boss, queued.package_id, target(server.url(), tmp_path))
    assert queued.item()["status"] == "failed" and not (server.root / "nhan" / queued.folder.name).exists()


def test_wrong_password_and_changed_host_key_are_refused(queued, sftpd, tmp_path: Path) -> None:
    server = sftpd()
    with pytest.raises(HotichError, match="sai tên hoặc mật khẩu"):
        deliver(queued.svc, queued.boss, queued.package_id, target(server.url(), tmp_path, "sai"))
    assert queued.item()["status"] == "failed"
    server.stop()
    impostor = SftpServer(tmp_path / "impostor")  # another key on the same address
    try:
        pinned = target(impostor.url(), tmp_path)
        (tmp_path / PINS).write_text((tmp_path / PINS).read_text().replace(str(server.port), str(impostor.port)))
        with pytest.raises(HotichError, match="khác lần trước"):
            deliver(queued.svc, queued.boss, queued.package_id, pinned)
        assert not (impostor.root / "nhan").exists()
    finally:
        impostor.stop()


def test_refused_rename_keeps_the_older_version_then_replaces_it(queued, sftpd, tmp_path: Path) -> None:
    server = sftpd()
    old = make_package(tmp_path / "older", seed=b"old")
    t = target(server.url(), tmp_path)
    t.send(LocalPackage.load(old))
    t.close()
    server.refuse_rename = True
    with pytest.raises(HotichError, match="không cho đổi tên"):
        deliver(queued.svc, queued.boss, queued.package_id, target(server.url(), tmp_path))
    assert queued.item()["status"] == "failed"
    assert_delivered(server.root / "nhan" / old.name, old, clean=False)
    server.refuse_rename = False
    receipt = deliver(queued.svc, queued.boss, queued.package_id, target(server.url(), tmp_path))
    assert receipt.sent_bytes == 0  # everything was already there, only renamed
    assert_delivered(server.root / "nhan" / queued.folder.name, queued.folder)
    assert no_partial_under_final_name(server.root / "nhan", queued.folder)
