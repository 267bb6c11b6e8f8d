"""The window as a person sees it: a real X server, a screenshot kept in artifacts/ (not committed)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb is installed by packaging/setup.sh test")
def test_screenshot_of_main_window_under_xvfb(ledgers: Path) -> None:
    out = ROOT / "artifacts" / "main_window.png"
    out.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
                           "tests.ui.screenshot", str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    img = Image.open(out).convert("L")
    assert img.size == (1400, 900)
    assert len(set(img.resize((50, 50)).getdata())) > 20  # a real picture, not a blank screen


def test_english_translation_loads(qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from hotich_desktop.ui.app import install_translator

    qm = ROOT / "hotich_desktop" / "resources" / "translations" / "hotich_en.qm"
    if not qm.exists():
        pytest.skip("translations are compiled by packaging/setup.sh")
    app = QApplication.instance()
    translator = install_translator(app, "en")
    try:
        assert translator is not None
        assert app.translate("MainWindow", "Số hóa sổ hộ tịch") == "Civil-status book digitisation"
    finally:
        app.removeTranslator(translator)
