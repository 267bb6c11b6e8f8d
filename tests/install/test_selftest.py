"""`hotich --version` and `hotich --self-test`: a technician's proof that an installed copy works."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hotich_desktop import __version__


def hotich(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hotich_desktop.cli.main", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def test_version() -> None:
    out = hotich("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"hotich {__version__}"


def test_no_command_is_a_usage_error() -> None:
    out = hotich()
    assert out.returncode == 2 and "--self-test" in out.stderr


def test_self_test_on_a_missing_page_says_so(tmp_path: Path) -> None:
    out = hotich("--self-test", str(tmp_path / "khong-co.jpg"))
    assert out.returncode == 1
    assert "tự kiểm tra KHÔNG ĐẠT" in out.stderr and "khong-co.jpg" in out.stderr
    assert "Traceback" not in out.stderr


def test_self_test_without_tesseract_names_it(tmp_path: Path) -> None:
    """No program on PATH and the in-process library refused (HOTICH_OCR_PROGRAM=1): no Tesseract at all."""
    page = tmp_path / "trang.jpg"
    page.write_bytes(b"\xff\xd8\xff")
    empty = tmp_path / "bin"
    empty.mkdir()
    out = hotich("--self-test", str(page), env={"PATH": str(empty), "HOTICH_OCR_PROGRAM": "1"})
    assert out.returncode == 1
    assert "Tesseract" in out.stderr and "KHÔNG ĐẠT" in out.stderr


def test_self_test_without_the_program_reads_through_the_library(tmp_path: Path) -> None:
    """With tesserocr and the language data installed, a missing `tesseract` program is no failure: the
    self-test goes past the Tesseract step and stops at the (corrupt) page instead."""
    pytest.importorskip("tesserocr")
    page = tmp_path / "trang.jpg"
    page.write_bytes(b"\xff\xd8\xff")
    empty = tmp_path / "bin"
    empty.mkdir()
    out = hotich("--self-test", str(page), env={"PATH": str(empty)})
    assert out.returncode == 1
    assert "Không nhận được trang mẫu trang.jpg" in out.stderr, out.stderr


def test_self_test_on_a_corrupt_page_names_the_step(tmp_path: Path) -> None:
    page = tmp_path / "hong.jpg"
    page.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(3000))
    out = hotich("--self-test", str(page))
    assert out.returncode == 1
    assert "Không nhận được trang mẫu hong.jpg" in out.stderr, out.stderr


def test_self_test_on_the_bundled_sample_passes() -> None:
    out = hotich("--self-test")
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.splitlines()
    assert lines[0] == f"hotich {__version__}: tự kiểm tra ĐẠT"
    assert "Ảnh mẫu: khai_sinh_" in out.stdout and "đọc được 0 trường" not in out.stdout
    biggest = int(out.stdout.split("lớn nhất ")[1].split(" byte")[0].replace(".", ""))
    assert 0 < biggest <= 100_000


def test_self_test_reads_the_year_from_a_page_truth(typed_page: tuple[Path, dict]) -> None:
    page, truth = typed_page
    out = hotich("--self-test", str(page))
    assert out.returncode == 0, out.stderr[-3000:]
    assert f"{len(truth['entries'])} mục" in out.stdout


def test_self_test_names_a_page_of_another_year(typed_page: tuple[Path, dict], tmp_path: Path) -> None:
    import shutil

    page = tmp_path / "khong-kem-json.jpg"  # no truth beside it: the book is of the default year, not 1998
    shutil.copyfile(typed_page[0], page)
    out = hotich("--self-test", str(page))
    assert out.returncode == 1
    assert "Không tìm thấy mục nào trên trang mẫu khong-kem-json.jpg: Đầu trang ghi" in out.stderr, out.stderr
