"""`hotich-desktop --demo`: sample scans shipped in the package, a demo workspace that can be reopened."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotich_desktop.core.errors import BadInput
from hotich_desktop.core.imaging.detect import detect
from hotich_desktop.core.imaging.loader import first_frame
from hotich_desktop.core.workspace import resources_dir
from hotich_desktop.ui.demo import DemoScanner, open_demo, sample_scans, start_demo


@pytest.mark.parametrize("book_type", ["khai_sinh", "khai_tu", "ket_hon"])
def test_sample_scans_ship_in_the_package_with_their_truth(book_type: str) -> None:
    scans = sample_scans(book_type)
    assert len(scans) >= 2
    for scan in scans:
        assert scan.parent == resources_dir() / "demo" and scan.suffix == ".jpg"
        truth = json.loads(scan.with_suffix(".json").read_text(encoding="utf-8"))
        assert truth["book_type"] == book_type and truth["file"] == scan.name
        assert len(detect(first_frame(scan).image).polygons) == len(truth["entries"])


def test_sample_scans_are_small() -> None:
    total = sum(p.stat().st_size for p in (resources_dir() / "demo").iterdir())
    assert 0 < total < 5_000_000


def test_demo_in_home_is_reopened_as_it_was_left(tmp_path: Path, monkeypatch, qtbot) -> None:
    monkeypatch.setenv("HOTICH_HOME", str(tmp_path / "demo"))
    svc, clerk, scanner = start_demo(None)
    assert scanner == tmp_path / "demo" / "may-quet" and svc.workspace.root == tmp_path / "demo" / "du-lieu"
    books = [b.id for b in svc.books.list(clerk)]
    assert len(books) == 1
    feeder = DemoScanner(scanner, sample_scans(), interval_ms=10)
    qtbot.waitUntil(lambda: len(list(scanner.glob("*.jpg"))) == len(sample_scans()), timeout=10000)
    feeder.timer.stop()
    svc.close()

    again, clerk2, scanner2 = start_demo(str(tmp_path / "demo"))  # --data-dir names the same folder
    try:
        assert scanner2 == scanner and clerk2.login == clerk.login
        assert [b.id for b in again.books.list(clerk)] == books
        assert DemoScanner(scanner2, sample_scans(), interval_ms=10).queue == []  # nothing fed twice
    finally:
        again.close()


def test_demo_refuses_a_real_workspace(tmp_path: Path) -> None:
    from hotich_desktop.core.service import Service
    from hotich_desktop.core.workspace import Workspace

    data = tmp_path / "du-lieu"
    real = Service(Workspace.resolve(data, f"sqlite:///{data / 'hotich.sqlite3'}"))
    real.create_user(None, "admin", "matkhau-that", "admin")
    real.close()
    with pytest.raises(BadInput, match="không phải không gian thử"):
        open_demo(tmp_path)
