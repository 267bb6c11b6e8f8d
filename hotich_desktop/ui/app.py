"""`hotich-desktop`: start-up (translation, store, sign-in) and the main window."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from .. import __version__
from ..core.errors import HotichError
from ..core.instance import WindowLock
from ..core.service import Service
from ..core.workspace import Workspace, resources_dir


def parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hotich-desktop", description="Số hóa sổ hộ tịch")
    p.add_argument("--demo", action="store_true",
                   help="không gian thử với ảnh quét mẫu (mở lại được khi có --data-dir hoặc HOTICH_HOME)")
    p.add_argument("--data-dir")
    p.add_argument("--db-url")
    p.add_argument("--lang", choices=["vi", "en"])
    p.add_argument("--version", action="version", version=f"hotich-desktop {__version__}")
    p.add_argument("--self-test", nargs="?", const="", metavar="ẢNH",
                   help="tự kiểm tra bản cài đặt (cơ sở dữ liệu, Tesseract, PDF, Qt) rồi thoát; 0 nếu đạt")
    p.add_argument("--exit-when-shown", action="store_true",
                   help="thoát ngay khi cửa sổ đầu tiên hiện ra (đo thời gian khởi động)")
    return p.parse_args(argv)


class QuitWhenShown(QObject):
    """--exit-when-shown: the first window that appears ends the run (start-up benchmark, smoke tests)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Show and isinstance(obj, QWidget) and obj.isWindow():
            QApplication.instance().removeEventFilter(self)
            text = obj.text() if isinstance(obj, QMessageBox) else obj.windowTitle()
            print(f"hotich-desktop: cửa sổ đầu tiên đã hiện ({type(obj).__name__}): {text}", flush=True)
            QTimer.singleShot(0, lambda: QApplication.exit(0))  # exit(), not quit(): also ends a dialog's exec()
        return False


def self_test(page: str) -> int:
    """The core self-test, then Qt itself: a platform plugin, the translations, a Vietnamese font."""
    from ..core.selftest import run

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a technician's SSH session has no screen
    try:
        report = run(Path(page) if page else None)
    except HotichError as exc:
        print(f"hotich-desktop {__version__}: tự kiểm tra KHÔNG ĐẠT: {exc.message}", file=sys.stderr)
        return 1
    import PySide6

    app = QApplication.instance() or QApplication(sys.argv[:1])
    qm = resources_dir() / "translations" / "hotich_en.qm"
    if not QTranslator(app).load(str(qm)):
        print(f"hotich-desktop {__version__}: tự kiểm tra KHÔNG ĐẠT: thiếu bản dịch {qm}", file=sys.stderr)
        return 1
    print(report.summary().replace(f"hotich {__version__}", f"hotich-desktop {__version__}", 1))
    print(f"- Qt: PySide6 {PySide6.__version__}, nền tảng {app.platformName()}, bản dịch {qm.name}")
    return 0


def install_translator(app: QApplication, lang: str) -> QTranslator | None:
    """Vietnamese is the source language; other languages come from compiled .qm files. In Vietnamese,
    Qt's own buttons, menus and file dialog come from qt_vi.qm (PySide6 ships no qtbase_vi)."""
    QLocale.setDefault(QLocale(QLocale.Vietnamese if lang == "vi" else QLocale.English))
    translator = QTranslator(app)
    if lang == "vi":
        if translator.load(str(resources_dir() / "translations" / "qt_vi.qm")):
            app.installTranslator(translator)
            return translator
        return None
    if translator.load(str(resources_dir() / "translations" / f"hotich_{lang}.qm")):
        app.installTranslator(translator)
        return translator
    return None


def pick_font(app: QApplication) -> None:
    """A font with every Vietnamese diacritic (DejaVu/Free fonts ship with the installer's packages)."""
    families = set(QFontDatabase.families())
    for family in ("Segoe UI", "Noto Sans", "DejaVu Sans", "FreeSans"):
        if family in families:
            app.setFont(QFont(family, 10))
            return


def sign_in(svc: Service):  # noqa: ANN201
    from .dialogs import LoginDialog
    from .first_run import FirstRunWizard

    if not svc.users.has_users():
        first = FirstRunWizard(svc)
        if first.exec() != QDialog.Accepted:
            return None
    dialog = LoginDialog(svc)
    return dialog.actor if dialog.exec() == QDialog.Accepted else None


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    logging.basicConfig(level=logging.INFO)
    args = parse(sys.argv[1:] if argv is None else argv)
    from ..core.ocr.engine import use_bundled_tesseract

    use_bundled_tesseract()
    if args.self_test is not None:
        return self_test(args.self_test)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.exit_when_shown:
        quitter = QuitWhenShown(app)
        app.installEventFilter(quitter)
    prefs = QSettings("hotich", "hotich_desktop")
    install_translator(app, args.lang or str(prefs.value("language", "vi")))
    pick_font(app)
    from .main_window import MainWindow

    lock: WindowLock | None = None
    try:
        if args.demo:
            from .demo import DemoScanner, sample_scans, start_demo

            svc, actor, scanner = start_demo(args.data_dir)
            lock = WindowLock(svc.workspace.root).acquire()
        else:
            db_url = args.db_url or (str(prefs.value("db_url", "")) or None)
            workspace = Workspace.resolve(args.data_dir, db_url)
            lock = WindowLock(workspace.root).acquire()  # before any write
            from .unlock import unlock

            if not unlock(workspace):  # an encrypted store: the office's passphrase first
                return 0
            svc = Service.open(args.data_dir, db_url)
            actor = sign_in(svc)
            if actor is None:
                return 0
        window = MainWindow(svc, actor, prefs)
        window.show()
        if args.demo:
            window.feeder = DemoScanner(scanner, sample_scans(), parent=window)
        return app.exec()
    except HotichError as exc:
        QMessageBox.critical(None, "hotich_desktop", exc.message)
        return exc.exit_code
    finally:
        if lock is not None:
            lock.release()


if __name__ == "__main__":
    sys.exit(main())
