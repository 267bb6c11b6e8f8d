"""The Linux one-folder bundle made by packaging/build.sh runs on its own: its Python, Qt, resources and
Tesseract, with nothing from the machine's PATH.

Building takes several minutes on this machine (see README, "Linux bundle"), so the suite does not build it:
this test checks the bundle in dist/hotich (or HOTICH_BUNDLE) and is skipped only when there is none.
`HOTICH_BUNDLE_TEST=1 bash packaging/setup.sh test` builds it first, and then a missing bundle fails.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import hotich_desktop

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("HOTICH_BUNDLE") or ROOT / "dist" / "hotich")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not (BUNDLE / "hotich").is_file():
        if os.environ.get("HOTICH_BUNDLE_TEST") == "1":
            pytest.fail(f"HOTICH_BUNDLE_TEST=1 but there is no bundle at {BUNDLE}")
        pytest.skip(f"no Linux bundle at {BUNDLE}: build it with `bash packaging/build.sh` "
                    "(or run HOTICH_BUNDLE_TEST=1 bash packaging/setup.sh test)")
    built = (BUNDLE / "hotich").stat().st_mtime
    newer = [p for p in (ROOT / "hotich_desktop").rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and p.stat().st_mtime > built]
    assert not newer, (f"the bundle at {BUNDLE} is older than {newer[0].relative_to(ROOT)} "
                       "(and more): rebuild it with bash packaging/build.sh")
    return BUNDLE


def _first_run_window(stdout: str) -> bool:
    """A new data folder opens on its first-run window (whatever dialog that is), never on the refusal box."""
    return "cửa sổ đầu tiên đã hiện (" in stdout and "(QMessageBox)" not in stdout


def bare_env(tmp_path: Path) -> dict[str, str]:
    """No PATH to a system Tesseract or Python, no display: what a fresh machine gives the bundle."""
    empty = tmp_path / "khong-co-gi"
    empty.mkdir(exist_ok=True)
    return {"HOME": str(tmp_path), "PATH": str(empty), "LANG": "C.UTF-8", "OMP_THREAD_LIMIT": "1"}


def run(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    out = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{cmd}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}"
    return out


def test_bundle_holds_tesseract_and_its_languages(bundle: Path) -> None:
    tess = bundle / "_internal" / "tesseract"
    assert (tess / "tesseract").is_file() and os.access(tess / "tesseract", os.X_OK)
    for lang in ("vie", "eng", "osd"):
        assert (tess / "tessdata" / f"{lang}.traineddata").stat().st_size > 100_000
    assert any((bundle / "_internal").glob("libtesseract.so*")), "Tesseract's own library travels with it"


def test_versions(bundle: Path, tmp_path: Path) -> None:
    env = bare_env(tmp_path)
    assert run([str(bundle / "hotich"), "--version"], env, tmp_path).stdout.strip() == \
        f"hotich {hotich_desktop.__version__}"
    assert run([str(bundle / "hotich-desktop"), "--version"], env, tmp_path).stdout.strip() == \
        f"hotich-desktop {hotich_desktop.__version__}"


def test_self_test_with_the_bundled_sample_and_tesseract(bundle: Path, tmp_path: Path) -> None:
    out = run([str(bundle / "hotich"), "--self-test"], bare_env(tmp_path), tmp_path)
    assert "tự kiểm tra ĐẠT" in out.stdout
    assert f"Tesseract: {bundle.resolve() / '_internal' / 'tesseract' / 'tesseract'}" in out.stdout
    biggest = int(out.stdout.split("lớn nhất ")[1].split(" byte")[0].replace(".", ""))
    assert 0 < biggest <= 100_000


def test_window_self_test_without_a_display(bundle: Path, tmp_path: Path) -> None:
    out = run([str(bundle / "hotich-desktop"), "--self-test"], bare_env(tmp_path), tmp_path)
    assert "tự kiểm tra ĐẠT" in out.stdout and "nền tảng offscreen" in out.stdout


def test_window_opens_and_a_second_one_is_refused(bundle: Path, tmp_path: Path) -> None:
    env = {**bare_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    first = run([str(bundle / "hotich-desktop"), "--data-dir", str(tmp_path / "ws"), "--exit-when-shown"],
                env, tmp_path)
    assert _first_run_window(first.stdout)


def test_crop_from_the_bundle(bundle: Path, tmp_path: Path, typed_page: tuple[Path, dict]) -> None:
    page, truth = typed_page
    out = run([str(bundle / "hotich"), "crop", str(page), "--book-type", "khai_sinh", "--year", "1998",
               "--volume", "1", "--out", str(tmp_path / "pdf"), "--json"], bare_env(tmp_path), tmp_path)
    entries = json.loads(out.stdout)["entries"]
    assert len(entries) == len(truth["entries"])
    for e in entries:
        assert Path(e["pdf"]).stat().st_size <= 100_000 and len(PdfReader(e["pdf"]).pages) == 1
