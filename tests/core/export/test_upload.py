"""Upload to a real HTTP server on loopback that drops, fails, stalls and restarts: the package arrives
complete, byte-identical and exactly once, and the outbox never claims what did not arrive."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from hotich_desktop.core.errors import HotichError, Refused
from hotich_desktop.core.export.outbox import export_book, packages, upload, upload_waiting, waiting_packages
from hotich_desktop.core.export.upload import UploadError, UploadTarget, package_id, upload_package
from hotich_desktop.core.service import Service
from tests.core.export.upload_server import UploadServer

FAST = {"backoff": 0.01, "max_backoff": 0.05, "timeout": 2.0}


@pytest.fixture
def server(tmp_path: Path):
    srv = UploadServer(tmp_path / "server")
    yield srv
    srv.stop()


@pytest.fixture
def exported(approved_book, tmp_path: Path):
    svc, book, boss, clerk, entries = approved_book
    result = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    return svc, boss, result


def target(server: UploadServer, **kw: object) -> UploadTarget:
    return UploadTarget(server.url, server.token, **{"chunk_size": 8192, **FAST, **kw})  # type: ignore[arg-type]


def assert_arrived_once(server: UploadServer, folder: Path) -> None:
    assert server.received() == [package_id(folder)]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for f in manifest["files"]:
        got = server.package_file(f["sha256"]).read_bytes()
        assert got == (folder / f["name"]).read_bytes()
        assert hashlib.sha256(got).hexdigest() == f["sha256"]


def test_clean_upload_is_acknowledged_and_a_second_is_recognised(exported, server: UploadServer) -> None:
    svc, boss, result = exported
    receipt = upload(svc, boss, result.package_id, target(server))
    assert receipt.startswith("R-") and waiting_packages(svc) == 0
    item = packages(svc)[0]
    assert item["status"] == "acknowledged" and item["receipt"] == receipt and item["target"] == server.url
    before = server.faults.requests
    assert upload_package(result.package, target(server)) == receipt
    assert server.faults.requests - before == 1  # one question, nothing sent again
    assert_arrived_once(server, result.package)


def test_dropped_connections_and_500s_still_arrive_exactly_once(exported, server: UploadServer) -> None:
    svc, boss, result = exported
    server.faults.drop_every = 3
    server.faults.fail_every = 4
    upload(svc, boss, result.package_id, target(server))
    assert server.faults.chunks > 10  # the faults really fired on a many-chunk upload
    assert_arrived_once(server, result.package)


def test_slow_answers_time_out_and_resume_where_the_server_is(exported, server: UploadServer) -> None:
    svc, boss, result = exported
    server.faults.delay, server.faults.slow_left = 0.6, 3
    upload(svc, boss, result.package_id, target(server, timeout=0.3))
    assert_arrived_once(server, result.package)
    sent = server.faults.put_offsets
    assert len(sent) > len(set(sent))  # timed-out chunks had landed and were sent again, yet stored once


def test_server_restart_mid_upload_resumes_after_app_restart(exported, server: UploadServer,
                                                             tmp_path: Path) -> None:
    svc, boss, result = exported
    stopped = {"done": False}

    def stop_half_way(sent: int, total: int, _name: str) -> None:
        if sent > total // 3 and not stopped["done"]:
            stopped["done"] = True
            server.stop()

    with pytest.raises(UploadError, match="hộp thư đi"):
        upload(svc, boss, result.package_id, target(server, attempts=3), stop_half_way)
    assert packages(svc)[0]["status"] == "failed" and waiting_packages(svc) == 1
    svc.close()
    server.restart()
    reopened = Service.open(tmp_path / "ws")  # the app starts again on the same workspace
    server.faults.put_offsets.clear()
    outcome = upload_waiting(reopened, boss, target(server))
    assert [pid for pid, _ in outcome] == [result.package_id]
    assert server.faults.put_offsets[0][1] > 0  # resumed, not started over
    assert waiting_packages(reopened) == 0
    assert_arrived_once(server, result.package)
    reopened.close()


def test_lost_answer_to_the_commit_does_not_count_twice(exported, server: UploadServer) -> None:
    svc, boss, result = exported
    server.faults.drop_after_commit = 1
    first = upload(svc, boss, result.package_id, target(server))
    assert first and server.received() == [package_id(result.package)]


def test_wrong_token_is_a_clear_message_and_the_item_waits(exported, server: UploadServer) -> None:
    svc, boss, result = exported
    with pytest.raises(UploadError, match="token"):
        upload(svc, boss, result.package_id, UploadTarget(server.url, "sai", **FAST))  # type: ignore[arg-type]
    assert server.faults.requests == 1  # refused at once, no retry storm
    assert waiting_packages(svc) == 1 and server.received() == []


def test_unreachable_server_leaves_the_item_waiting(exported) -> None:
    svc, boss, result = exported
    with pytest.raises(UploadError):
        upload(svc, boss, result.package_id, UploadTarget("http://127.0.0.1:9/", "x", attempts=2, **FAST))
    assert packages(svc)[0]["status"] == "failed" and "hộp thư đi" in packages(svc)[0]["error"]


@pytest.mark.parametrize("damage", ["truncate", "delete", "bad-manifest"])
def test_damaged_package_in_the_outbox_is_refused_clearly(exported, server: UploadServer, damage: str) -> None:
    svc, boss, result = exported
    zip_file = next(result.package.glob("*.zip"))
    if damage == "truncate":
        zip_file.write_bytes(zip_file.read_bytes()[:1000])
    elif damage == "delete":
        zip_file.unlink()
    else:
        (result.package / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(HotichError):
        upload(svc, boss, result.package_id, target(server, attempts=2))
    assert server.received() == [] and waiting_packages(svc) == 1


def test_superseded_package_is_not_uploaded(approved_book, server: UploadServer, tmp_path: Path) -> None:
    svc, book, boss, clerk, entries = approved_book
    first = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    from tests.core.export.conftest import RECORDS

    svc.save_record(clerk, entries[2].id, dict(RECORDS[0], so="3", ho_ten="Cầm Kim Dợ"), submit=True)
    svc.review.approve(boss, entries[2].id)
    export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    with pytest.raises(Refused):
        upload(svc, boss, first.package_id, target(server))


def test_no_upload_address_configured_is_refused(exported) -> None:
    svc, boss, result = exported
    with pytest.raises(Refused, match="Cài đặt"):
        upload(svc, boss, result.package_id)
