"""Files every desk reaches, and two desks on one watched folder (issue 20, fourth failure).

On a shared PostgreSQL, desk B's export was refused (PDFs missing), its `process` marked desk A's page
failed, its save put a renamed PDF into desk A's package, and one of two concurrent runs crashed on a
`.part` race.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from hotich_desktop.core.entries import edit as entry_edit
from hotich_desktop.core.entries.pdfs import write_new
from hotich_desktop.core.export.outbox import export_book
from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.core.entries.processing import claim_page, load_page_frame, process_page
from tests.core.test_review import person


def _page_image(path: Path) -> None:
    img = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(img)
    for y in range(200, 1600, 350):
        draw.rectangle([100, y, 1140, y + 300], outline="black", width=4)
        draw.text((140, y + 40), "So: 12   Ho va ten: ...", fill="black")
    img.save(path, "JPEG", dpi=(150, 150), quality=85)
    os.utime(path, (path.stat().st_atime - 60, path.stat().st_mtime - 60))  # a settled file


@pytest.fixture
def two_desks(tmp_path: Path, db_url: str, request: pytest.FixtureRequest):
    if db_url.startswith("sqlite"):
        pytest.skip("several desks share a PostgreSQL server")
    a, b, admin = request.getfixturevalue("desk_pair")
    clerk = a.create_user(admin, "canbo", "matkhau-canbo", "clerk")
    boss = a.create_user(admin, "kiemtra", "matkhau-kiemtra", "supervisor")
    return a, b, clerk, boss, tmp_path


def test_desk_b_works_on_pages_and_pdfs_desk_a_took_in(two_desks) -> None:
    a, b, clerk, boss, tmp_path = two_desks
    scans = tmp_path / "scans"
    scans.mkdir()
    _page_image(scans / "trang-1.jpg")
    book = a.books.open(clerk, "khai_sinh", 1992, "1").value  # the year person() was registered in
    ingest_folder(a, clerk, book.id, scans)
    (page,) = a.books.pages(clerk, book.id)
    assert not (b.workspace.root / page.stored_path).exists()
    # Desk B reads the original from the shared store (before: "file missing", page marked failed).
    frame = load_page_frame(b, page.id)
    assert frame.image.width == 1240 and b.books.page_info(page.id).status != "failed"
    added = entry_edit.add_box(a, clerk, page.id, [[100, 200], [1140, 200], [1140, 500], [100, 500]])
    assert not (b.workspace.root / added.pdf).exists()
    saved = b.save_record(clerk, added.id, person(12), submit=True)  # desk B renames desk A's PDF
    assert (b.workspace.root / saved.entry.pdf).is_file() and "Tinh" in saved.entry.pdf
    assert not (a.workspace.root / saved.entry.pdf).exists()  # desk A's folder is left alone
    a.review.approve(boss, added.id, a.entries.info(added.id).version)
    result = export_book(b, boss, book.id, tmp_path / "out-b")  # before: refused, every PDF missing
    assert result.records == 1 and not result.skipped
    result_a = export_book(a, boss, book.id, tmp_path / "out-a")  # desk A fetches the renamed PDF back
    assert result_a.records == 1


def test_a_page_is_claimed_once(two_desks) -> None:
    a, b, clerk, _, tmp_path = two_desks
    scans = tmp_path / "scans"
    scans.mkdir()
    _page_image(scans / "trang-1.jpg")
    book = a.books.open(clerk, "khai_sinh", 1995, "1").value
    ingest_folder(a, clerk, book.id, scans)
    (page,) = a.books.pages(clerk, book.id)
    token = claim_page(a, page.id)
    assert token and claim_page(b, page.id) is None
    assert process_page(b, clerk, page.id, ocr=False) == 0  # desk B leaves it to desk A
    assert b.books.page_info(page.id).status == "new"


def test_two_writers_of_one_pdf_name_never_collide(tmp_path: Path) -> None:
    """The `.part` race: every writer has its own temp file; each gets its own final name."""
    folder = tmp_path / "pdf"
    written: list[Path] = []
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            for i in range(40):
                written.append(write_new(folder, "KS.1995.01.12.Lo-Van-Tinh.Nam.A4.pdf", f"{tag}{i}".encode()))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(written)) == 80 and not list(folder.glob(".*"))
    assert {p.read_bytes() for p in written} == {f"{t}{i}".encode() for t in "ab" for i in range(40)}
