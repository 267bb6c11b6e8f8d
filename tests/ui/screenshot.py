"""Takes a screenshot of the main window with a page loaded, under a real X server (Xvfb).

    xvfb-run -a python -m tests.ui.screenshot artifacts/main_window.png
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication


def main(out: str) -> int:
    app = QApplication([])
    from hotich_desktop.ui.app import pick_font
    from hotich_desktop.ui.demo import make_demo, sample_scans
    from hotich_desktop.ui.main_window import MainWindow

    pick_font(app)
    svc, clerk, scanner = make_demo(Path(tempfile.mkdtemp()))
    win = MainWindow(svc, clerk)
    win.resize(1400, 900)
    win.show()
    shutil.copy(sample_scans()[0], scanner)

    def shoot() -> None:
        if len(win.entries) == 0 or win.busy:
            QTimer.singleShot(500, shoot)
            return
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        QGuiApplication.primaryScreen().grabWindow(0).save(out)  # the real screen, as a person sees it
        win.close()
        app.quit()

    QTimer.singleShot(1000, shoot)
    QTimer.singleShot(120000, app.quit)
    app.exec()
    return 0 if Path(out).exists() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "artifacts/main_window.png"))
