"""Intake takes every page once, leaves originals alone, and quarantines what it cannot read."""
from __future__ import annotations

import hashlib
import io
import os
import time
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from hotich_desktop.cli.auth import SYSTEM_ACTOR
from hotich_desktop.core.errors import BadInput
from hotich_desktop.core.intake.ingest import ingest_file, ingest_folder
from hotich_desktop.core.intake.scanner import candidates, is_complete


def page_bytes(seed: int, fmt: str = "JPEG", size=(600, 800)) -> bytes:
    import numpy as np

    arr = np.random.default_rng(seed).integers(120, 255, (size[1], size[0], 3), dtype=np.uint8)
    img = Image.fromarray(arr)
    buf = io.BytesIO()
    img.save(buf, fmt, dpi=(200, 200))
    return buf.getvalue()


def old(path: Path) -> Path:
    """Make a file look settled (written a while ago)."""
    os.utime(path, (path.stat().st_atime - 60, path.stat().st_mtime - 60))
    return path


def bomb_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("matkhau")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.fixture
def book(sqlite_service):
    return sqlite_service.books.open(SYSTEM_ACTOR, "khai_sinh", 1992, "1").value


def test_every_format_and_duplicates(sqlite_service, book, tmp_path: Path) -> None:
    folder = tmp_path / "Máy quét" / "Sổ khai sinh"
    folder.mkdir(parents=True)
    (folder / "trang đầu.jpg").write_bytes(page_bytes(1))
    (folder / "b.png").write_bytes(page_bytes(2, "PNG"))
    (folder / "c.bmp").write_bytes(page_bytes(3, "BMP"))
    frames = [Image.effect_noise((500, 700), 30 + i).convert("RGB") for i in range(3)]
    frames[0].save(folder / "d.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))
    frames[0].save(folder / "e.pdf", save_all=True, append_images=frames[1:2], resolution=150)
    (folder / "ban sao.jpg").write_bytes(page_bytes(1))  # same content, other name
    (folder / "~scan.tmp").write_bytes(b"half")
    for p in folder.iterdir():
        old(p)
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    report = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder)
    assert len(report.pages) == 1 + 1 + 1 + 3 + 2
    assert [d["file"] for d in report.duplicates] == ["trang đầu.jpg"] or \
        [d["file"] for d in report.duplicates] == ["ban sao.jpg"]
    assert report.quarantined == []
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == hashes
    again = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder)
    assert again.pages == [] and len(sqlite_service.books.pages(SYSTEM_ACTOR, book.id)) == 8
    tiff_pages = [p for p in sqlite_service.books.pages(SYSTEM_ACTOR, book.id) if p.source_name == "d.tif"]
    assert [p.dpi for p in tiff_pages] == [300, 300, 300]


BAD_FILES = {
    "rong.jpg": b"",
    "cut.jpg": page_bytes(5)[:3000],
    "thu.jpg": "Đây là một bức thư, không phải ảnh".encode(),
    "bom.png": bomb_png(),
    "khoa.pdf": encrypted_pdf(),
    "hong.pdf": b"%PDF-1.4\n garbage",
    "tiny.png": page_bytes(6, "PNG", size=(8, 8)),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_quarantined_with_a_reason(sqlite_service, book, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = old_write(folder / name, BAD_FILES[name])
    good = old_write(folder / "z_good.jpg", page_bytes(9))
    report = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder)
    assert [q["file"] for q in report.quarantined] == [name]
    reason = report.quarantined[0]["reason"]
    assert name in reason and "Traceback" not in reason
    assert [p["file"] for p in report.pages] == ["z_good.jpg"]  # the app keeps going
    assert bad.read_bytes() == BAD_FILES[name]  # the original is untouched
    reasons = list(sqlite_service.workspace.quarantine.glob("*.ly-do.txt"))
    assert len(reasons) == 1 and reason in reasons[0].read_text(encoding="utf-8")
    assert ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder).quarantined == []  # told once


def old_write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return old(path)


def test_huge_tiff_is_refused_not_loaded(sqlite_service, book, tmp_path: Path) -> None:
    path = tmp_path / "in" / "lon.tif"
    path.parent.mkdir()
    # A valid TIFF header for a 20,000 x 20,000 RGB page, the pixel data a sparse 1.2 GB hole.
    w = h = 20_000
    header = bytearray(b"II*\x00") + struct.pack("<I", 8)
    entries = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 2),
               (273, 4, 1, 4096), (277, 3, 1, 3), (278, 4, 1, h), (279, 4, 1, w * h * 3)]
    header += struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        header += struct.pack("<HHII", tag, typ, count, value)
    header += b"\0\0\0\0"
    with path.open("wb") as fh:
        fh.write(header)
        fh.truncate(4096 + w * h * 3)
    old(path)
    report = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, path.parent)
    assert report.quarantined and "quá lớn" in report.quarantined[0]["reason"]


def test_growing_file_waits(sqlite_service, book, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dang-ghi.jpg").write_bytes(page_bytes(1)[:2000])  # just written, still growing
    cand = candidates(folder)[0]
    assert not is_complete(cand, stable_seconds=5)
    report = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder, stable_seconds=5)
    assert report.waiting == ["dang-ghi.jpg"] and report.quarantined == [] and report.pages == []


def test_a_file_cut_short_waits_while_it_may_still_be_written(sqlite_service, book, tmp_path: Path) -> None:
    """A scanner pausing mid-file: the half JPEG has no end mark, so it waits instead of being quarantined
    (once per growing copy); once whole it is taken; cut short and left alone, it is quarantined."""
    folder = tmp_path / "in"
    folder.mkdir()
    whole = page_bytes(31)
    half = folder / "dang-quet.jpg"
    half.write_bytes(whole[:4000])
    os.utime(half, (time.time() - 5, time.time() - 5))  # settled for the stable window, but recent
    report = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder, stable_seconds=1)
    assert report.waiting == ["dang-quet.jpg"] and report.quarantined == []
    half.write_bytes(whole)
    os.utime(half, (time.time() - 5, time.time() - 5))
    report = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder, stable_seconds=1)
    assert [p["file"] for p in report.pages] == ["dang-quet.jpg"] and report.quarantined == []
    left = old_write(folder / "bo-do.jpg", whole[:4000])
    report = ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder, stable_seconds=1)
    assert [q["file"] for q in report.quarantined] == [left.name]


def test_file_deleted_before_reading_is_not_quarantined(sqlite_service, book, tmp_path: Path) -> None:
    report = ingest_file(sqlite_service, SYSTEM_ACTOR, book.id, tmp_path / "da-xoa.jpg")
    assert report.waiting == ["da-xoa.jpg"] and report.quarantined == []


def test_folder_without_permission(sqlite_service, book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "khoa"
    folder.mkdir()

    def refuse(_path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(BadInput, match="quyền"):
        ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder)


def test_move_done_only_after_storing(sqlite_service, book, tmp_path: Path) -> None:
    settings = sqlite_service.settings.get()
    settings.move_done = True
    settings.save(sqlite_service.workspace.settings_path)
    folder = tmp_path / "in"
    folder.mkdir()
    old_write(folder / "a.jpg", page_bytes(3))
    ingest_folder(sqlite_service, SYSTEM_ACTOR, book.id, folder)
    assert not (folder / "a.jpg").exists() and (folder / "da-nhan" / "a.jpg").exists()
    stored = sqlite_service.books.page_path(sqlite_service.books.pages(SYSTEM_ACTOR, book.id)[0])
    assert stored.read_bytes() == (folder / "da-nhan" / "a.jpg").read_bytes()


def test_watcher_takes_new_files_and_rescans(sqlite_service, book, tmp_path: Path) -> None:
    import threading

    from hotich_desktop.core.intake.watcher import FolderWatcher

    folder = tmp_path / "scanner"
    folder.mkdir()
    old_write(folder / "truoc.jpg", page_bytes(21))  # arrived while the app was closed
    settings = sqlite_service.settings.get()
    settings.stable_seconds, settings.rescan_seconds = 0.3, 0.5
    settings.save(sqlite_service.workspace.settings_path)
    reports, got = [], threading.Event()

    def on_report(report) -> None:
        reports.append(report)
        if sum(len(r.pages) for r in reports) >= 2:
            got.set()

    written: list[str] = []

    def writer(fn, *args):  # noqa: ANN001, ANN002, ANN202 - the window's Ops.on_write_thread, in small
        written.append(fn.__name__)
        return fn(*args)

    watcher = FolderWatcher(sqlite_service, SYSTEM_ACTOR, book.id, [folder], on_report, writer=writer)
    watcher.start()
    try:
        (folder / "sau.jpg").write_bytes(page_bytes(22))
        assert got.wait(15), reports
    finally:
        watcher.stop()
    assert sorted(p["file"] for r in reports for p in r.pages) == ["sau.jpg", "truoc.jpg"]
    assert written and set(written) == {"ingest_candidates"}  # every store write went through the writer
