"""The compiled translations are committed (a wheel, a bundle and the Windows installer carry them as they
are); they must be exactly what pyside6-lrelease makes of the .ts sources today."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hotich_desktop.core.workspace import resources_dir

TRANSLATIONS = resources_dir() / "translations"


def _lrelease() -> str:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(exe) if exe.exists() else shutil.which("pyside6-lrelease")
    assert found, "pyside6-lrelease (PySide6) is part of the test environment"
    return found


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*.ts")), ids=lambda p: p.name)
def test_committed_qm_matches_its_source(ts: Path, tmp_path: Path) -> None:
    qm = ts.with_suffix(".qm")
    assert qm.is_file(), f"{qm.name} is missing: run packaging/setup.sh (or pyside6-lrelease) and commit it"
    fresh = tmp_path / qm.name
    subprocess.run([_lrelease(), "-silent", str(ts), "-qm", str(fresh)], check=True, timeout=120)
    assert fresh.read_bytes() == qm.read_bytes(), (
        f"{qm.name} is stale: run `pyside6-lrelease {ts} -qm {qm}` and commit the result")


def test_there_is_a_translation() -> None:
    assert sorted(p.name for p in TRANSLATIONS.glob("*.qm")) == ["hotich_en.qm", "qt_vi.qm"]
