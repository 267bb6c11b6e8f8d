"""`hotich-desktop`: start-up (translation, store, sign-in) and the main window."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ..core.errors import HotichError
from ..core.service import Service
from ..core.workspace import resources_dir


def parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="hotich-desktop", description="Số hóa sổ hộ tịch")
    p.add_argument("--demo", action="store_true", help="không gian thử với ảnh quét mẫu")
    p.add_argument("--data-dir")
    p.add_argument("--db-url")
    p.add_argument("--lang", choices=["vi", "en"])
    return p.parse_args(argv)


def install_translator(app: QApplication, lang: str) -> QTranslator | None:
    """Vietnamese is the source language; other languages come from compiled .qm files."""
    QLocale.setDefault(QLocale(QLocale.Vietnamese if lang == "vi" else QLocale.English))
    if lang == "vi":
        return None
    translator = QTranslator(app)
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
    from .dialogs import FirstAdminDialog, LoginDialog

    if not svc.has_users():
        first = FirstAdminDialog(svc)
        if first.exec() != QDialog.Accepted:
            return None
    dialog = LoginDialog(svc)
    return dialog.actor if dialog.exec() == QDialog.Accepted else None


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    logging.basicConfig(level=logging.INFO)
    args = parse(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prefs = QSettings("hotich", "hotich_desktop")
    install_translator(app, args.lang or str(prefs.value("language", "vi")))
    pick_font(app)
    from .main_window import MainWindow

    try:
        if args.demo:
            from .demo import DemoScanner, make_demo, sample_scans

            svc, actor, scanner = make_demo()
        else:
            svc = Service.open(args.data_dir, args.db_url or (str(prefs.value("db_url", "")) or None))
            actor = sign_in(svc)
            if actor is None:
                return 0
    except HotichError as exc:
        QMessageBox.critical(None, "hotich_desktop", exc.message)
        return exc.exit_code
    window = MainWindow(svc, actor, prefs)
    window.show()
    if args.demo:
        window.feeder = DemoScanner(scanner, sample_scans(), parent=window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
