"""Fills the English .ts from this table (Vietnamese is the source language). Run after pyside6-lupdate:

    .venv/bin/pyside6-lupdate hotich_desktop/ui/*.py -ts resources/translations/hotich_en.ts
    .venv/bin/python packaging/translate_en.py
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EN = {
    "&Duyệt": "&Review", "&Quản trị": "&Admin", "&Sửa": "&Edit", "&Tệp": "&File", "&Xem": "&View",
    "Bị trả lại: {0}": "Returned: {0}", "Chuyển tệp đã nhận vào thư mục con «da-nhan»":
    "Move received files into the «da-nhan» subfolder", "Chọn…": "Choose…", "Cài đặt": "Settings",
    "Cài đặt…": "Settings…", "Cán bộ nhập liệu": "Clerk", "Cơ sở dữ liệu (máy chủ)": "Database (server)",
    "Gửi duyệt (Ctrl+Enter)": "Submit for review (Ctrl+Enter)", "Hoàn tác": "Undo",
    "Hãy chọn hoặc tạo sổ trước.": "Choose or create a book first.", "Họ tên": "Full name",
    "Không đọc được {0}: {1}": "Cannot read {0}: {1}", "Loại sổ": "Book type", "Làm lại": "Redo",
    "Lý do trả lại:": "Reason for returning:", "Lưu (Ctrl+S)": "Save (Ctrl+S)", "Lưu hồ sơ": "Save record",
    "Lưu và gửi duyệt": "Save and submit", "Máy này chưa có người dùng. Hãy tạo tài khoản quản trị.":
    "This computer has no users yet. Create the administrator account.", "Mã đơn vị": "Office code",
    "Mẫu tên tệp PDF": "PDF name pattern", "Mật khẩu": "Password", "Mật khẩu (ít nhất 6 ký tự)":
    "Password (at least 6 characters)", "Mục sau": "Next entry", "Mục trước": "Previous entry",
    "Mục {0}/{1} — {2} — {3}": "Entry {0}/{1} — {2} — {3}", "Ngôn ngữ": "Language",
    "Người phê duyệt": "Supervisor", "Nhận trang từ thư mục…": "Take pages from a folder…", "Năm": "Year",
    "Phê duyệt mục này": "Approve this entry", "Phóng to": "Zoom in", "Quyển số": "Volume",
    "Quản trị": "Administrator", "Số hóa sổ hộ tịch": "Civil-status book digitisation", "Sổ": "Book",
    "Sổ mới…": "New book…", "Sổ đang số hóa": "Book being digitised", "Sổ: ": "Book: ", "Thoát": "Quit",
    "Thu nhỏ": "Zoom out", "Thêm khung": "Add box", "Thêm người dùng": "Add user",
    "Thêm người dùng…": "Add user…", "Thông báo": "Notice", "Thư mục có ảnh quét": "Folder with scans",
    "Thư mục máy quét": "Scanner folder", "Thư mục xuất (USB)": "Export folder (USB)",
    "Trang chưa có mục nào": "This page has no entries yet", "Trang trùng, đã có: {0}":
    "Duplicate page, already stored: {0}", "Trả lại": "Return", "Trả lại mục này…": "Return this entry…",
    "Tên đăng nhập": "Login", "Tên đơn vị": "Office name", "Tạo tài khoản quản trị đầu tiên":
    "Create the first administrator", "Vai trò": "Role", "Vừa chiều rộng": "Fit width",
    "Xóa khung đang chọn": "Delete selected box", "Đang cắt lại mục…": "Re-cutting the entry…",
    "Đang mở trang…": "Opening the page…", "Đang nhận trang…": "Taking in pages…",
    "Đang theo dõi thư mục máy quét: {0}": "Watching the scanner folder: {0}", "Đang thêm mục…": "Adding the entry…",
    "Đang tìm mục và đọc chữ…": "Finding entries and reading text…", "Đang xử lý {0}/{1}: {2}":
    "Processing {0}/{1}: {2}", "Đã lưu mục {0}": "Entry {0} saved", "Đăng nhập": "Sign in",
    "Đọc tự động (OCR) bằng Tesseract": "Automatic reading (OCR) with Tesseract",
    "Độ tin cậy của giá trị đọc tự động": "Confidence of the automatically read value",
    "Độ tin cậy: {0}": "Confidence: {0}", "để trống: SQLite trên máy này": "empty: SQLite on this computer",
}


def main(path: str) -> int:
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    for m in missing:
        print(f"untranslated: {m}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parents[1] / "resources/translations/hotich_en.ts")))
