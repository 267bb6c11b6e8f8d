"""The window on the screens of commune PCs: 1366×768 at 100 %, 1920×1080 at 150 % (1280×720 logical).
Every visible button, field and scroll area must be inside the screen; screenshots go to artifacts/."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb is installed by packaging/setup.sh test")
@pytest.mark.parametrize("screen,scale", [("1366x768", "1"), ("1920x1080", "1.5")])
def test_every_button_is_on_a_small_screen(screen: str, scale: str, tmp_path: Path) -> None:
    png = ROOT / "artifacts" / f"fit_{screen}_{scale}.png"
    report = tmp_path / "fit.json"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(PYTHONPATH=str(ROOT), QT_SCALE_FACTOR=scale, HOME=str(tmp_path))
    proc = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", sys.executable, "-m",
                           "tests.ui.fit_screen", str(png), str(report)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(report.read_text(encoding="utf-8"))
    width, height = (int(v) for v in screen.split("x"))
    logical = [round(width / float(scale)), round(height / float(scale))]
    assert result["screen"] == logical
    assert result["window"][2] <= logical[0] and result["window"][3] <= logical[1]
    assert result["outside"] == []
    assert Image.open(png).size == (width, height)
