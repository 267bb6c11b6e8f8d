"""Fills the English .ts from this table (Vietnamese is the source language). Run after pyside6-lupdate:

    .venv/bin/pyside6-lupdate hotich_desktop/ui/*.py -ts hotich_desktop/resources/translations/hotich_en.ts
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
    'Hàng đợi duyệt': 'Review queue',
    'Hồ sơ bị trả lại cho tôi': 'Records returned to me',
    '&Xuất': 'E&xport',
    'Hộp thư đi…': 'Outbox…',
    'Báo cáo tiến độ ngày…': 'Daily progress report…',
    'Người dùng…': 'Users…',
    'Hồ sơ bị trả lại': 'Returned records',
    'Hộp thư đi: {0} gói chờ gửi': 'Outbox: {0} packages waiting',
    'Hộp thư đi': 'Outbox',
    'Gói': 'Package',
    'Phiên bản': 'Version',
    'Số hồ sơ': 'Records',
    'Trạng thái': 'Status',
    'Tạo lúc': 'Created',
    'Ghi chú': 'Note',
    'Xuất sổ đang mở': 'Export the open book',
    'Chép sang USB / thư mục…': 'Copy to USB / folder…',
    'Gửi lên máy chủ': 'Upload to server',
    'Gửi tất cả gói đang chờ': 'Send all waiting packages',
    'Biên nhận: {0}': 'Receipt: {0}',
    'Hãy chọn sổ trước.': 'Choose a book first.',
    'Đã xuất {0} hồ sơ vào {1}.': 'Exported {0} records to {1}.',
    'Sổ không đổi từ lần xuất trước: dùng lại gói {0}.': 'The book is unchanged since the last export: package {0} reused.',
    '{0} mục chưa xuất (chưa duyệt hoặc đã sửa).': '{0} entries not exported (not approved or changed).',
    'Đang xuất dữ liệu…': 'Exporting…',
    'Hãy chọn một gói trong danh sách.': 'Choose a package in the list.',
    'Chép gói sang': 'Copy package to',
    'Đã chép và kiểm tra: {0}': 'Copied and verified: {0}',
    'Đang chép gói…': 'Copying package…',
    'Máy chủ đã nhận gói (biên nhận {0}).': 'The server received the package (receipt {0}).',
    'Đang gửi lên máy chủ…': 'Uploading…',
    'Gói {0}: {1}': 'Package {0}: {1}',
    'Không có gói nào chờ gửi.': 'No package is waiting.',
    'Đang gửi các gói đang chờ…': 'Sending waiting packages…',
    'Báo cáo tiến độ theo ngày': 'Daily progress report',
    'Người thực hiện': 'Person',
    'Ngày': 'Date',
    'Lưu Excel…': 'Save Excel…',
    'Lưu PDF để in…': 'Save PDF for printing…',
    'Tổng cộng': 'Total',
    'Lưu báo cáo': 'Save report',
    'Đã lưu: {0}': 'Saved: {0}',
    'Người nhập': 'Entered by',
    'Điểm cần xem': 'Findings',
    'Trang': 'Page',
    'Số': 'No.',
    'Điểm cần xem / lý do trả lại': 'Findings / reason returned',
    'Duyệt (F9)': 'Approve (F9)',
    'Trả lại…': 'Return…',
    'Duyệt mọi mục không có điểm cần xem': 'Approve every entry without findings',
    'Làm mới': 'Refresh',
    'Mọi sổ': 'All books',
    'Mọi người': 'Everyone',
    '{0} mục, {1} không có điểm cần xem': '{0} entries, {1} without findings',
    'Chưa chọn mục nào.': 'No entry selected.',
    'Đã duyệt {0} mục.': 'Approved {0} entries.',
    'Chưa duyệt {0}: {1}': 'Not approved {0}: {1}',
    'Đang phê duyệt…': 'Approving…',
    'để trống nếu không gửi qua mạng': 'leave empty when not uploading',
    'Ngôn ngữ OCR': 'OCR language',
    'Máy chủ nhận (gửi lên mạng)': 'Receiving server (upload)',
    'Mã truy cập máy chủ': 'Server access token',
    'Người dùng': 'Users',
    'Thêm…': 'Add…',
    'Đổi vai trò…': 'Change role…',
    'Khóa / mở khóa': 'Lock / unlock',
    'Đặt mật khẩu mới…': 'Set new password…',
    'hoạt động': 'active',
    'đã khóa': 'locked',
    'Hãy chọn một người dùng.': 'Choose a user.',
    'Vai trò mới:': 'New role:',
    'Mật khẩu mới': 'New password',
    'Mật khẩu mới (ít nhất 6 ký tự):': 'New password (at least 6 characters):',
    'Chưa có chức năng đọc chữ tự động (Tesseract, tiếng Việt): các trường để trống, hãy nhập tay. Cách cài: sudo apt-get install tesseract-ocr tesseract-ocr-vie (Windows: cài Tesseract kèm gói tiếng Việt).': 'Automatic reading (Tesseract, Vietnamese) is not available: fields start empty, type them in. To install: sudo apt-get install tesseract-ocr tesseract-ocr-vie (Windows: install Tesseract with the Vietnamese data).',
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
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parents[1] / "hotich_desktop/resources/translations/hotich_en.ts")))
