"""A wheel that works: built from a copy of the sources, installed (not editable) into a fresh venv, run from
outside the source tree. It must find its forms, code lists, templates, translations and migrations as
package data, with nothing beside it.

The fresh venv reaches the third-party libraries (PySide6, OpenCV, …) of the test environment through one
.pth line, only to avoid downloading 300 MB per run: hotich_desktop itself comes from the wheel alone (the
test checks where it was imported from), and that path line does not activate the environment's own editable
install of the project.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from rapidfuzz import fuzz

import hotich_desktop
from hotich_desktop.core.workspace import resources_dir

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow
SKIP_COPY = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                   "artifacts", ".benchmarks")


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{cmd}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(venv, wheel, env) after `pip wheel` of a clean copy and `pip install` of the wheel into a new venv."""
    base = tmp_path_factory.mktemp("banh-xe")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=SKIP_COPY)  # a clean copy: no stale build/ can leak into the wheel
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HOTICH_RESOURCES", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(base / "wheels"),
         str(src)], cwd=base, env=env)
    wheel = next((base / "wheels").glob("hotich_desktop-*.whl"))
    target = base / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    py = target / "bin" / "python"
    site = Path(run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base, env)
                .stdout.strip())
    (site / "test-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], cwd=base, env=env)
    env["PATH"] = f"{target / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return target, wheel, env


def test_wheel_carries_every_resource_and_migration(installed: tuple[Path, Path, dict[str, str]]) -> None:
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"hotich_desktop/resources/{p.relative_to(resources_dir()).as_posix()}"
                for p in resources_dir().rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert expected and expected <= names, sorted(expected - names)[:10]
    assert "hotich_desktop/resources/translations/hotich_en.qm" in names
    migrations = Path(hotich_desktop.__file__).parent / "core" / "store" / "migrations"
    for path in [migrations / "env.py", migrations / "script.py.mako", *migrations.glob("versions/*.py")]:
        assert f"hotich_desktop/{path.relative_to(migrations.parents[2]).as_posix()}" in names, path.name
    assert not any(n.startswith(("tests/", "packaging/", "benchmarks/")) for n in names)
    assert wheel.name.startswith(f"hotich_desktop-{hotich_desktop.__version__}-")


def test_installed_commands_run_from_the_wheel(installed: tuple[Path, Path, dict[str, str]], tmp_path: Path,
                                               typed_page: tuple[Path, dict]) -> None:
    target, _, env = installed
    bin_dir = target / "bin"
    where = run([str(bin_dir / "python"), "-c", "import hotich_desktop; print(hotich_desktop.__file__)"],
                tmp_path, env).stdout.strip()
    assert Path(where).is_relative_to(target), f"hotich_desktop imported from {where}, not from the wheel"
    version = run([str(bin_dir / "hotich"), "--version"], tmp_path, env).stdout.strip()
    assert version == f"hotich {hotich_desktop.__version__}"
    assert run([str(bin_dir / "hotich-desktop"), "--version"], tmp_path, env).stdout.strip() == \
        f"hotich-desktop {hotich_desktop.__version__}"

    page, truth = typed_page
    out = tmp_path / "pdf"
    crop = run([str(bin_dir / "hotich"), "crop", str(page), "--book-type", "khai_sinh", "--year", "1998",
                "--volume", "1", "--out", str(out), "--json"], tmp_path, env)
    result = json.loads(crop.stdout)
    assert len(result["entries"]) == len(truth["entries"])
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == len(truth["entries"])
    for pdf in pdfs:
        assert pdf.stat().st_size <= 100_000, pdf.name
        assert len(PdfReader(pdf).pages) == 1
    # OCR ran with the wheel's forms: registration numbers read from the page name the files
    numbers = {int(e["fields"]["so"]) for e in truth["entries"] if str(e["fields"].get("so", "")).isdigit()}
    named = {int(part[3]) for part in (pdf.name.split(".") for pdf in pdfs)
             if part[:2] == ["KS", "1998"] and part[3].isdigit()}
    assert numbers & named, (sorted(numbers), [p.name for p in pdfs])

    # and the whole field reading (forms, code lists, lexicons) from package data
    ocr = json.loads(run([str(bin_dir / "hotich"), "ocr", str(page), "--book-type", "khai_sinh", "--json"],
                         tmp_path, env).stdout)
    names = [str(e["fields"].get("ho_ten", "")) for e in truth["entries"]]
    read = [str(e["fields"].get("ho_ten", {}).get("value", "")) for e in ocr["entries"]]
    assert len(read) == len(names)
    assert max(fuzz.ratio(a, b) for a in names for b in read) >= 90, (names, read)


def test_installed_window_self_test_loads_translations(installed: tuple[Path, Path, dict[str, str]],
                                                       tmp_path: Path, typed_page: tuple[Path, dict]) -> None:
    target, _, env = installed
    page, _ = typed_page
    out = run([str(target / "bin" / "hotich-desktop"), "--self-test", str(page)], tmp_path, env)
    assert "tự kiểm tra ĐẠT" in out.stdout and "hotich_en.qm" in out.stdout


def test_installed_demo_finds_its_sample_scans(installed: tuple[Path, Path, dict[str, str]], tmp_path: Path) -> None:
    target, _, env = installed
    py = str(target / "bin" / "python")
    scans = json.loads(run([py, "-c", "import json; from hotich_desktop.ui.demo import sample_scans; "
                                      "print(json.dumps([str(p) for p in sample_scans()]))"], tmp_path, env).stdout)
    assert scans and all(Path(s).is_relative_to(target) and Path(s).is_file() for s in scans)
    shown = run([str(target / "bin" / "hotich-desktop"), "--demo", "--data-dir", str(tmp_path / "demo"),
                 "--exit-when-shown"], tmp_path, env)
    assert "(MainWindow)" in shown.stdout
