"""WebDAV delivery against a real WsgiDAV server on loopback, through cuts, restarts and refusals: each run
ends complete + sent + receipt, or not sent with a clear reason; never a partial package under its name."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hotich_desktop.core.errors import HotichError
from hotich_desktop.core.export.outbox import deliver
from hotich_desktop.core.export.targets import LocalPackage, RetryPolicy
from hotich_desktop.core.export.targets.webdav import WebDavTarget
from tests.conftest import settings_text
from tests.core.export.targets.conftest import FAST, assert_delivered, no_partial_under_final_name
from tests.core.export.targets.servers import PASSWORD, DavServer, FlakyProxy


@pytest.fixture
def dav(tmp_path: Path):
    servers: list[DavServer] = []

    def start(**kw: object) -> DavServer:
        servers.append(DavServer(tmp_path / "dav", **kw))  # type: ignore[arg-type]
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


def target(url: str, password: str = PASSWORD, policy: RetryPolicy = FAST) -> WebDavTarget:
    return WebDavTarget(url, password, chunk_size=32 * 1024, timeout=5.0, policy=policy)


def test_plain_wsgidav_refuses_ranges_and_still_gets_the_package_once(queued, dav) -> None:
    server = dav()
    t = target(server.url())
    receipt = deliver(queued.svc, queued.boss, queued.package_id, t)
    assert t.ranges is False  # WsgiDAV answers 400 to Content-Range: whole files then
    final = server.root / "so-ho-tich" / queued.folder.name
    assert_delivered(final, queued.folder)
    item = queued.item()
    assert item["status"] == "sent" and item["receipt"] == receipt.as_text() and "dung-mat-khau" not in item["target"]
    again = deliver(queued.svc, queued.boss, queued.package_id, target(server.url()))
    assert again.already_there and again.sent_bytes == 0


def test_cut_every_hundred_kilobytes_resumes_with_ranges(queued, dav) -> None:
    server = dav(ranges=True)
    proxy = FlakyProxy(server.port, drop_every=100_000)
    t = target(server.url(port=proxy.port))
    receipt = deliver(queued.svc, queued.boss, queued.package_id, t)
    proxy.stop()
    assert t.ranges is True and proxy.drops >= 2
    assert receipt.resumed_bytes > 0  # went on from the size the server held
    assert_delivered(server.root / "so-ho-tich" / queued.folder.name, queued.folder)
    assert queued.item()["status"] == "sent"


def test_without_ranges_a_file_already_whole_is_not_sent_again(queued, dav) -> None:
    server = dav()
    proxy = FlakyProxy(server.port)
    proxy.at_bytes = (150_000, lambda: None)  # one cut inside the zip, after the workbook arrived whole
    receipt = deliver(queued.svc, queued.boss, queued.package_id, target(server.url(port=proxy.port)))
    proxy.stop()
    workbook = next(queued.folder.glob("*.xlsx")).stat().st_size
    assert proxy.drops == 1 and receipt.resumed_bytes >= workbook
    assert_delivered(server.root / "so-ho-tich" / queued.folder.name, queued.folder)


def test_server_restarted_mid_upload(queued, dav) -> None:
    server = dav(ranges=True)
    proxy = FlakyProxy(server.port)
    proxy.at_bytes = (120_000, lambda: threading.Thread(target=server.restart, args=(proxy,)).start())
    patient = RetryPolicy(attempts=15, backoff=0.1, max_backoff=1.0)  # a restart takes a moment
    deliver(queued.svc, queued.boss, queued.package_id, target(server.url(port=proxy.port), policy=patient))
    proxy.stop()
    assert proxy.drops == 1
    assert_delivered(server.root / "so-ho-tich" / queued.folder.name, queued.folder)


def test_full_server_disk_is_not_marked_sent(queued, dav) -> None:
    server = dav(ranges=True, quota=100_000)
    with pytest.raises(HotichError, match="hết dung lượng"):
        deliver(queued.svc, queued.boss, queued.package_id, target(server.url()))
    item = queued.item()
    assert item["status"] == "failed" and "hết dung lượng" in item["error"]
    assert not (server.root / "so-ho-tich" / queued.folder.name).exists()


def test_wrong_password_is_a_clear_refusal(queued, dav) -> None:
    server = dav()
    with pytest.raises(HotichError, match="sai tên hoặc mật khẩu"):
        deliver(queued.svc, queued.boss, queued.package_id, target(server.url(), "sai"))
    assert queued.item()["status"] == "failed" and not (server.root / "so-ho-tich").exists()


def test_refused_rename_leaves_no_package_under_its_name_then_resumes(queued, dav) -> None:
    server = dav(ranges=True, refuse_move=True)
    with pytest.raises(HotichError, match="không cho đổi tên"):
        deliver(queued.svc, queued.boss, queued.package_id, target(server.url()))
    assert queued.item()["status"] == "failed"
    assert no_partial_under_final_name(server.root / "so-ho-tich", queued.folder)
    assert not (server.root / "so-ho-tich" / queued.folder.name).exists()
    server.rules["refuse_move"] = False
    receipt = deliver(queued.svc, queued.boss, queued.package_id, target(server.url()))
    assert receipt.sent_bytes == 0 and receipt.resumed_bytes == LocalPackage.load(queued.folder).total
    assert_delivered(server.root / "so-ho-tich" / queued.folder.name, queued.folder)


def test_password_from_the_environment_and_nothing_in_clear(queued, dav, monkeypatch) -> None:
    server = dav()
    monkeypatch.setenv("HOTICH_DELIVERY_PASSWORD", PASSWORD)
    receipt = deliver(queued.svc, queued.boss, queued.package_id, server.url())
    assert receipt.location.endswith(queued.folder.name)
    assert PASSWORD not in settings_text(queued.svc) and PASSWORD not in queued.item()["target"]
