"""Opens the window as a clerk first sees it on a small screen, with a page and its form loaded, and
reports every visible button (and field) that is not wholly on the screen, as JSON; saves a screenshot.

    xvfb-run -a -s "-screen 0 1366x768x24" python -m tests.ui.fit_screen OUT.png OUT.json
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLineEdit, QWidget


def _in_scroll_area(w: QWidget, win: QWidget) -> bool:
    parent = w.parentWidget()
    while parent is not None and parent is not win:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def outside(win: QWidget, screen: QRect) -> list[dict]:
    """Visible buttons, fields and scroll areas not wholly on the screen and in the window. A field inside a
    scroll area is reached by scrolling, so there the scroll area itself is what must be on the screen."""
    bad = []
    frame = win.geometry()
    for w in win.findChildren(QWidget):
        if not isinstance(w, (QAbstractButton, QLineEdit, QAbstractScrollArea)) or not w.isVisible():
            continue
        if w.window() is not win or _in_scroll_area(w, win):
            continue
        rect = QRect(w.mapToGlobal(w.rect().topLeft()), w.size())
        if not screen.contains(rect) or not frame.contains(rect):
            bad.append({"widget": type(w).__name__, "name": w.objectName(),
                        "text": getattr(w, "text", lambda: "")(), "rect": [rect.x(), rect.y(), rect.width(),
                                                                          rect.height()]})
    return bad


def main(png: str, report: str) -> int:
    app = QApplication([])
    from hotich_desktop.ui.app import install_translator, pick_font
    from hotich_desktop.ui.demo import make_demo
    from hotich_desktop.ui.main_window import MainWindow
    from tests.ui.synthetic import book_with_entries

    install_translator(app, "vi")
    pick_font(app)
    base = Path(tempfile.mkdtemp())
    svc, clerk, _ = make_demo(base)
    settings = svc.settings.get()
    settings.watch_folders, settings.ocr_enabled = [], False
    settings.save(svc.workspace.settings_path)
    ids = book_with_entries(svc, clerk, base / "in", svc.books.list(clerk)[0].id)
    svc.save_record(clerk, ids[0], {"so": "1", "ho_ten": "Nguyễn Thị Minh Khai Phương Thảo Hồng Nhung",
                                    "gioi_tinh": "Nam", "noi_sinh": "Trạm y tế xã Châu Quang, huyện Quỳ Hợp, "
                                                                    "tỉnh Nghệ An, nơi rất xa trung tâm"})
    win = MainWindow(svc, clerk, QSettings(str(base / "prefs.ini"), QSettings.IniFormat))
    win.show()
    screen = QGuiApplication.primaryScreen().availableGeometry()
    result: dict = {}

    def shoot() -> None:
        if len(win.entries) == 0 or win.busy:
            QTimer.singleShot(300, shoot)
            return
        win.show_entry(0)
        app.processEvents()
        Path(png).parent.mkdir(parents=True, exist_ok=True)
        QGuiApplication.primaryScreen().grabWindow(0).save(png)
        result.update(screen=[screen.width(), screen.height()],
                      window=[win.frameGeometry().x(), win.frameGeometry().y(), win.frameGeometry().width(),
                              win.frameGeometry().height()], outside=outside(win, screen))
        Path(report).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        win.close()
        app.quit()

    QTimer.singleShot(800, shoot)
    QTimer.singleShot(90000, app.quit)
    app.exec()
    svc.close()
    return 0 if result else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
