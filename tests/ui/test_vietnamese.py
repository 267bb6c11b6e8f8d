"""No English left in the window: with the Vietnamese locale, every menu, dialog, Qt's own buttons, the
file picker and the field context menu are walked, and their texts compared against a list of English
words (proper names such as PDF, Tesseract, Ctrl are allowed)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialogButtonBox, QFileDialog, QGroupBox,
                               QLabel, QLineEdit, QMenu, QMessageBox, QTableWidget, QWidget, QWizard)

from hotich_desktop.ui.app import install_translator
from hotich_desktop.ui.demo import make_demo
from hotich_desktop.ui.dialogs import FirstAdminDialog, LoginDialog, NewBookDialog, NewUserDialog, SettingsDialog
from hotich_desktop.ui.first_run import FirstRunWizard
from hotich_desktop.ui.main_window import MainWindow
from hotich_desktop.ui.report_dialog import ReportDialog
from hotich_desktop.ui.users_dialog import UsersDialog

# English words a clerk would meet in Qt's and our texts; any of them left means an untranslated string
# ("to" and "in" are left out: "Phóng to", "in" (print) are Vietnamese).
ENGLISH = set("""ok cancel open save close yes no abort retry ignore discard help apply reset restore defaults undo
redo cut copy paste delete select all file files folder directory directories look new name size type kind date
modified back forward parent show hide details view list detail choose rename recent places sidebar computer
remove enter value error warning information the and or of is are not please verify found exists replace
step up down scroll here top bottom left right edge page float closes dock widget finish next continue done commit
go create find""".split())
PROPER = {"PDF", "USB", "Tesseract", "Ctrl", "Shift", "Enter", "Return", "PgDown", "PgUp", "Del", "Delete", "F1",
          "F8", "F9", "F10", "Excel", "LibreOffice", "Windows", "Qt", "OCR", "xlsx", "pdf", "apt-get", "sudo"}


def english_words(text: str) -> set[str]:
    if text.startswith(("/", "~")) or re.match(r"^[A-Za-z]:\\", text):
        return set()  # a path the user chose
    words = set(re.findall(r"[A-Za-z]+", text.replace("&", "")))
    return {w for w in words if w not in PROPER and w.lower() in ENGLISH}


def widget_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle(), root.toolTip()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTableWidget):
            texts += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount()) if w.horizontalHeaderItem(i)]
        texts.append(w.toolTip())
        for action in w.actions():
            texts += [action.text(), action.toolTip()]
    return [t for t in texts if t]


def menu_texts(menu: QMenu) -> list[str]:
    out = []
    for action in menu.actions():
        out.append(action.text())
        if action.menu():
            out += menu_texts(action.menu())
    return out


@pytest.fixture
def vietnamese(qtbot):
    app = QApplication.instance()
    translator = install_translator(app, "vi")
    assert translator is not None, "qt_vi.qm is committed beside the .ts"
    yield app
    app.removeTranslator(translator)


def test_no_english_in_windows_dialogs_and_qt_parts(qtbot, vietnamese, tmp_path: Path) -> None:
    svc, clerk, _ = make_demo(tmp_path)
    settings = svc.settings.get()
    settings.watch_folders, settings.ocr_enabled = [], False
    settings.save(svc.workspace.settings_path)
    found: dict[str, set[str]] = {}

    def check(where: str, texts: list[str]) -> None:
        for t in texts:
            bad = english_words(t)
            if bad:
                found.setdefault(where, set()).add(t)

    for login, password in (("canbo", "canbo123"), ("kiemtra", "kiemtra123"), ("quantri", "quantri123")):
        actor = svc.users.login(login, password)
        win = MainWindow(svc, actor)
        qtbot.addWidget(win)
        win.toggle_review() if actor.may("review") or actor.may("enter") else None
        for action in win.menuBar().actions():
            check(f"menu {login}", [action.text(), *menu_texts(action.menu())])
        check(f"window {login}", widget_texts(win))
        if actor.may("export"):
            win.open_outbox()
            check("outbox", widget_texts(win.outbox))
            win.outbox.close()
        win.close()

    admin = svc.users.login("quantri", "quantri123")
    for name, dialog in (("login", LoginDialog(svc)), ("first admin", FirstAdminDialog(svc)),
                         ("new book", NewBookDialog()), ("settings", SettingsDialog(svc.settings.get(), win.prefs)),
                         ("users", UsersDialog(svc, admin)), ("new user", NewUserDialog(svc, admin)),
                         ("report", ReportDialog(svc)), ("first run", FirstRunWizard(svc))):
        qtbot.addWidget(dialog)
        check(name, widget_texts(dialog))
        for box in dialog.findChildren(QDialogButtonBox):
            check(f"{name} buttons", [b.text() for b in box.buttons()])
        if isinstance(dialog, QWizard):
            check(f"{name} buttons", [dialog.buttonText(b) for b in (QWizard.BackButton, QWizard.NextButton,
                                                                    QWizard.FinishButton, QWizard.CancelButton)])
            for page_id in dialog.pageIds():
                check(f"{name} page", [dialog.page(page_id).title(), *widget_texts(dialog.page(page_id))])

    box = QMessageBox(QMessageBox.Warning, "Thông báo", "…", QMessageBox.Ok | QMessageBox.Cancel | QMessageBox.Yes
                      | QMessageBox.No)
    qtbot.addWidget(box)
    check("message box", [b.text() for b in box.buttons()])

    edit = QLineEdit("chữ")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    check("field context menu", menu_texts(menu))

    picker = QFileDialog(None, "Thư mục có ảnh quét", str(tmp_path))
    picker.setOption(QFileDialog.DontUseNativeDialog)
    picker.setFileMode(QFileDialog.Directory)
    qtbot.addWidget(picker)
    picker.show()
    check("folder picker", widget_texts(picker))
    picker.close()

    assert found == {}, found
    svc.close()


def test_the_checker_sees_english() -> None:
    assert english_words("&Cancel") == {"Cancel"} and english_words("Hủy (Ctrl+Q), tệp PDF") == set()
