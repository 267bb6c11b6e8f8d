"""Issue 17 (4): the watched folder's symlinks, FIFOs and devices are refused by lstat, never copied."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from hotich_desktop.cli.auth import SYSTEM_ACTOR
from hotich_desktop.core.intake.ingest import ingest_file, ingest_folder
from hotich_desktop.core.intake.quarantine import quarantine
from hotich_desktop.core.intake.watcher import FolderWatcher
from tests.core.intake.test_ingest import old, page_bytes

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks and FIFOs as on Linux")


@pytest.fixture
def setup(sqlite_service, tmp_path: Path):
    svc = sqlite_service
    book = svc.books.open(SYSTEM_ACTOR, "khai_sinh", 1992, "1").value
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    secret = outside / "shadow"
    secret.write_text("root:$6$bí-mật:19000:0:99999:7:::\n")
    image = outside / "page.jpg"
    image.write_bytes(page_bytes(5))
    old(image)
    (folder / "x.jpg").symlink_to(secret)
    (folder / "ngoai.jpg").symlink_to(image)
    os.mkfifo(folder / "ong.jpg")
    real = folder / "that.jpg"
    real.write_bytes(page_bytes(6))
    old(real)
    return svc, book, folder, secret


def _all_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()
                    and p.suffix != ".sqlite3")


def test_symlinks_and_fifos_are_refused_and_never_copied(setup) -> None:
    svc, book, folder, secret = setup
    report = ingest_folder(svc, SYSTEM_ACTOR, book.id, folder)
    assert [p["file"] for p in report.pages] == ["that.jpg"]
    assert report.quarantined == []
    refused = {r["file"]: r["reason"] for r in report.refused}
    assert set(refused) == {"x.jpg", "ngoai.jpg", "ong.jpg"}
    assert "symlink" in refused["x.jpg"] and "FIFO" in refused["ong.jpg"]
    assert all("không sao chép" in why for why in refused.values())
    assert b"bi-mat" not in _all_bytes(svc.workspace.root) and "bí-mật".encode() not in _all_bytes(
        svc.workspace.root)
    assert len(svc.books.pages(SYSTEM_ACTOR, book.id)) == 1


def test_a_file_swapped_for_a_symlink_is_refused_at_each_step(setup) -> None:
    svc, book, folder, secret = setup
    report = ingest_file(svc, SYSTEM_ACTOR, book.id, folder / "x.jpg")
    assert report.refused and not report.pages and not report.quarantined
    # quarantine itself never follows a link, whoever calls it
    assert quarantine(svc.workspace.quarantine, folder / "x.jpg", "thử") is None
    assert "bí-mật".encode() not in _all_bytes(svc.workspace.quarantine)


def test_the_watcher_tells_once_and_takes_only_the_real_page(setup) -> None:
    svc, book, folder, _ = setup
    reports = []
    watcher = FolderWatcher(svc, SYSTEM_ACTOR, book.id, [folder], reports.append)
    watcher.stable_seconds = 0
    watcher.scan_once()
    watcher.scan_once()
    refused = [r["file"] for rep in reports for r in rep.refused]
    assert sorted(refused) == ["ngoai.jpg", "ong.jpg", "x.jpg"]
    assert [p["file"] for rep in reports for p in rep.pages] == ["that.jpg"]
