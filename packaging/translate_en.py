"""Fills the English .ts from this table (Vietnamese is the source language). Run after pyside6-lupdate:

    .venv/bin/pyside6-lupdate -no-obsolete hotich_desktop/ui/*.py hotich_desktop/ui/controllers/*.py \
        -ts hotich_desktop/resources/translations/hotich_en.ts
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


# The window's later dialogs (backup, campaign, discrepancies, population, first run, pages, search, templates).
EN.update({
    " giờ": " h", "&Trang": "&Page", "(không có)": "(none)", "Bảng tính (*.xlsx *.csv)": "Spreadsheets (*.xlsx *.csv)",
    "Bỏ các thay đổi": "Discard the changes", "CHƯA ĐẶT — chưa sao lưu được": "NOT SET — no backup possible yet",
    "CSDL dân cư": "Population DB", "CSDL hộ tịch": "Civil-status DB",
    "Chuyển sang sổ đúng…": "Move to the right book…", "Chuyển trang sang sổ khác…": "Move page to another book…",
    "Chưa có danh sách nào: nhập danh sách của huyện (Excel hoặc CSV).":
        "No list yet: import the district's list (Excel or CSV).",
    "Chưa ghép được": "Not matched", "Chưa lưu được": "Not saved", "Chưa lưu được mục {0}: {1}":
        "Entry {0} not saved: {1}", "Chưa nhập được": "Not imported", "Chưa xuất được": "Not exported",
    "Chưa xử lý được": "Not resolved",
    "Chấm màu (độ tin cậy của chữ đọc tự động): <span style='color:{0}'>●</span> cao <span style='color:{1}'>●</span>"
    " vừa, nên xem lại <span style='color:{2}'>●</span> thấp, phải kiểm tra <span style='color:{3}'>●</span> không "
    "đọc được": "Dots (confidence of the automatic reading): <span style='color:{0}'>●</span> high "
    "<span style='color:{1}'>●</span> medium, worth a look <span style='color:{2}'>●</span> low, must be checked "
    "<span style='color:{3}'>●</span> not read",
    "Chấp nhận điểm cần xem": "Accept the finding", "Chấp nhận…": "Accept…", "Chữ đọc được: «{0}»": "Read: «{0}»",
    "Cài đặt lần đầu": "First-time setup", "Cán bộ nhập liệu đầu tiên": "First clerk", "Cơ quan": "Office",
    "Danh sách sai lệch của huyện": "The district's discrepancy list",
    "Danh sách sai lệch hộ tịch – dân cư": "Civil-status – population discrepancy list",
    "Danh sách sai lệch hộ tịch – dân cư…": "Civil-status – population discrepancy list…",
    "Danh sách sổ": "Book list", "Danh sách:": "List:", "Dòng": "Line",
    "Dòng {0} — {1} ({2}). {3}{4}": "Line {0} — {1} ({2}). {3}{4}", "Excel (*.xlsx)": "Excel (*.xlsx)",
    "Ghi chú (không bắt buộc):": "Note (optional):",
    "Ghi chú (ví dụ: sổ ghi đúng như vậy):": "Note (for example: the book says exactly this):",
    "Ghi chú xử lý": "Resolution note", "Ghi chú: ": "Note: ", "Ghi sai lệch cho huyện": "Report a discrepancy to the district",
    "Ghép với hồ sơ": "Match with records",
    "Giá trị đúng theo sổ của trường «{0}» (bản sửa được gửi phê duyệt):":
        "The book's value of «{0}» (the correction goes for approval):",
    "Hai lần nhập mật khẩu không giống nhau.": "The two passwords differ.",
    "Hiện có {0} sổ trong kế hoạch.": "{0} books in the plan now.",
    "Hãy chọn hồ sơ ứng viên trước.": "Choose a candidate record first.", "Hãy ghi họ và tên.": "Enter the full name.",
    "Hãy ghi đủ tên cơ quan.": "Enter the office's full name.", "Họ và tên": "Full name", "Hồ sơ": "Record",
    "Hồ sơ ứng viên (nhấp đúp để xem bản quét):": "Candidate records (double-click to see the scan):",
    "Khung đã sửa; tệp PDF mới: {0}": "Box changed; new PDF: {0}",
    "Khôi phục trang đã xóa…": "Restore a deleted page…", "Không có trong sổ": "Not in the books",
    "Không lưu được các thay đổi của mục này: {0}": "The changes to this entry could not be saved: {0}",
    "Kế hoạch chiến dịch số hóa": "Digitisation campaign plan", "Kết quả": "Result", "Loại sai lệch": "Discrepancy type",
    "Lý do chấp nhận (ví dụ: sổ gốc ghi đúng như vậy):": "Reason (for example: the original book says exactly this):",
    "Mã cơ quan": "Office code",
    "Mã cơ quan gồm chữ số/chữ cái không dấu (2–40 ký tự), không dùng mã mẫu.":
        "The office code is digits/unaccented letters (2–40 characters), not the sample code.",
    "Mật khẩu phải có ít nhất 6 ký tự.": "The password needs at least 6 characters.",
    "Mật khẩu sao lưu": "Backup passphrase",
    "Mật khẩu sao lưu chỉ nhập ở đây, không lưu trên máy: hãy ghi ra giấy, cất nơi an toàn. Không có nó thì không "
    "khôi phục được bản sao lưu nào.": "The backup passphrase is typed here only and never stored: write it down and "
    "keep it safe. Without it no backup can be restored.",
    "Mở lại": "Reopen", "Mục này đã được phê duyệt; chỉ người phê duyệt mới sửa được.":
        "This entry is approved; only a supervisor can change it.",
    "Mục {0}/{1} — {2}": "Entry {0}/{1} — {2}", "Nguồn: {0}": "Source: {0}", "Ngày bắt đầu": "Start date",
    "Ngày kết thúc": "End date", "Ngày sinh": "Date of birth",
    "Người nhập hồ sơ hằng ngày (có thể thêm sau ở Quản trị → Người dùng). Để trống nếu chưa cần.":
        "The person who enters records daily (can be added later in Admin → Users). Leave empty if not needed yet.",
    "Người quản trị": "Administrator", "Nhập danh sách…": "Import list…", "Nhập dữ liệu dân cư…": "Import population data…",
    "Nhập lại": "Again", "Nhập lại mật khẩu": "Password again", "Nhập sai: sửa hồ sơ…": "Keyed wrongly: correct the record…",
    "Phím": "Key", "Phím tắt": "Keyboard shortcuts", "Phóng to, thu nhỏ trang bằng chuột": "Zoom the page with the mouse",
    "Sang ô sau / ô trước": "Next / previous field", "Sao lưu hằng ngày": "Daily backup",
    "Sao lưu hằng ngày chưa được: %1 — sẽ thử lại sau.": "The daily backup failed: %1 — it will be tried again.",
    "Sao lưu hằng ngày…": "Daily backup…", "Sao lưu từ": "Back up from", "Số bản giữ lại": "Backups kept",
    "Sổ chưa có trang nào": "The book has no pages yet", "Sổ chưa xong": "Book not finished",
    "Sổ còn {0} mục chưa được phê duyệt.": "{0} entries of the book are not approved yet.",
    "Sổ gốc ghi đúng như vậy: chấp nhận điểm này, kèm lý do":
        "The original book says exactly this: accept this finding, with a reason",
    "Sổ đúng: CSDL dân cư sai": "Book right: population DB wrong", "Sửa hồ sơ": "Correct the record",
    "Thư mục sao lưu": "Backup folder", "Trợ &giúp": "&Help",
    "Tài khoản quản lý người dùng và cài đặt.": "The account that manages users and settings.",
    "Tên cơ quan": "Office name",
    "Tên và mã của UBND xã/phường: có trong mọi gói dữ liệu xuất đi.":
        "Name and code of the commune People's Committee: in every exported package.",
    "Tên đăng nhập không được trống hay có khoảng trắng.": "The login must not be empty or contain spaces.",
    "Tên đợt": "Campaign name", "Tìm hồ sơ…": "Find a record…", "Tệp bị cách ly…": "Quarantined files…",
    "Tệp mẫu xuất 158…": "158 export templates…",
    "USB hoặc ổ khác, không nằm trong thư mục dữ liệu": "USB stick or another disk, outside the data folder",
    "Việc": "Action", "Vài dòng đầu của tệp:": "The file's first lines:", "Vì sao": "Why",
    "Vẫn giữ ở sổ này": "Keep it in this book", "Xem bản quét": "See the scan", "Xuất kết quả xử lý": "Export the results",
    "Xuất kết quả…": "Export results…", "Xác nhận ô, ở ô cuối thì gửi duyệt": "Confirm the field; on the last one, submit",
    "Xóa dữ liệu dân cư…": "Delete population data…", "Xóa trang…": "Delete page…", "còn {0} ngày": "{0} days left",
    "lăn chuột": "mouse wheel", "mã đơn vị hành chính, ví dụ: 17707": "administrative unit code, for example 17707",
    "quá hạn {0} ngày": "{0} days overdue",
    "tệp .xlsx hoặc .csv: Loại sổ, Năm, Quyển, Số hồ sơ dự kiến":
        ".xlsx or .csv file: book type, year, volume, expected records",
    "ví dụ: UBND xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An":
        "for example: UBND xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An",
    "{0} dòng dữ liệu.": "{0} data lines.", "{0} — {1}/{2} đã xử lý, hạn {3}": "{0} — {1}/{2} resolved, due {3}",
    "Đang thử kết nối tới nơi nhận…": "Trying the connection to the destination…",
    "Đang tìm mục và đọc chữ: {0}": "Finding entries and reading: {0}", "Điểm": "Score",
    "Đã chấp nhận: {0}": "Accepted: {0}", "Đã ghi sai lệch vào danh sách gửi huyện.":
        "The discrepancy is on the list for the district.", "Đã gửi duyệt mục {0}": "Entry {0} submitted",
    "Đã nhập danh sách": "List imported", "Đã sao lưu hằng ngày (%1 tệp mới).": "Daily backup done (%1 new files).",
    "Đã tự lưu bản nháp mục {0}": "Draft of entry {0} saved", "Đã xuất": "Exported",
    "Đã xử lý {0}/{1}; hạn {2} ({3}).\nTheo loại: {4}\nTheo đơn vị: {5}":
        "Resolved {0}/{1}; due {2} ({3}).\nBy type: {4}\nBy unit: {5}",
    "Đăng xuất / đổi người dùng…": "Sign out / switch user…", "Đơn vị": "Unit", "Đối &chiếu": "&Reconcile",
    "đã đặt (dấu khóa %1)": "set (key fingerprint %1)", "để trống: giữ mật khẩu đã đặt": "leave empty: keep the passphrase set",
    "Ở lại để sửa": "Stay and fix", "«{0}»\nLý do chấp nhận (ví dụ: sổ gốc ghi đúng như vậy):":
        "«{0}»\nReason (for example: the original book says exactly this):",
    "Gói chỉ có các mục đã phê duyệt. Vẫn xuất bây giờ?": "The package holds the approved entries only. Export now?",
    "Vẫn xuất": "Export anyway", "Để sau": "Later", "Gói này đã được gửi trước đó.": "This package was sent before.",
    "(tự gửi lại sau {0} phút)": "(sent again by itself in {0} min)", "Gửi tới nơi nhận": "Send to the destination",
    "Sổ mới: {0} năm {1}, quyển 1": "New book: {0} year {1}, volume 1",
    "Chưa có sổ nào khác. Hãy tạo sổ mới trước (Sổ mới…).": "There is no other book. Create one first (New book…).",
    "Chuyển trang sang sổ khác": "Move page to another book", "Chuyển trang này sang:": "Move this page to:",
    "Đã chuyển trang sang: {0}": "Page moved to: {0}", "Xóa trang": "Delete page",
    "Xóa trang «{0}» khỏi sổ? Các mục của trang rời hàng đợi; có thể khôi phục lại (Trang → Khôi phục trang đã xóa…).":
        "Delete page «{0}» from the book? Its entries leave the queue; it can be restored (Page → Restore a deleted "
        "page…).",
    "Không xóa": "Do not delete", "Sổ này không có trang nào đã xóa.": "This book has no deleted pages.",
    "Khôi phục trang": "Restore page", "Trang đã xóa:": "Deleted pages:", "Dữ liệu dân cư": "Population data",
    "Không thấy người nào giống trong dữ liệu dân cư.": "Nobody similar in the population data.",
    "Giống nhất: {0}, sinh {1}, số định danh {2} (điểm {3:.0f}).":
        "Closest: {0}, born {1}, ID number {2} (score {3:.0f}).",
    "Không có trường nào khác.": "No field differs.", "{0}: sổ «{1}» — dân cư «{2}»": "{0}: book «{1}» — population «{2}»",
    "Lấy giá trị": "Take the value", "Ghi sai lệch": "Report discrepancy", "Bảo vệ dữ liệu": "Data protection",
    "Tệp dữ liệu trên máy này KHÔNG tự mã hóa: máy bị mất là lộ dữ liệu công dân. Hãy mã hóa ổ đĩa: Windows bật "
    "BitLocker (Cài đặt → Quyền riêng tư và bảo mật → Mã hóa thiết bị, hoặc Control Panel → BitLocker Drive "
    "Encryption) cho ổ chứa thư mục dữ liệu; Linux cài với mã hóa toàn ổ (LUKS). Sao lưu hằng ngày vào USB hoặc ổ "
    "khác được mã hóa bằng mật khẩu sao lưu dưới đây (ghi ra giấy, cất nơi an toàn; để trống nếu đặt sau).":
        "The data files on this computer are NOT encrypted by the program: a lost computer exposes citizens' data. "
        "Encrypt the disk: on Windows turn on BitLocker (Settings → Privacy & security → Device encryption, or "
        "Control Panel → BitLocker Drive Encryption) for the drive holding the data folder; on Linux install with "
        "full-disk encryption (LUKS). Daily backups to a USB stick or another disk are encrypted with the backup "
        "passphrase below (write it down and keep it safe; leave empty to set it later).",
    "Hai lần nhập mật khẩu sao lưu không giống nhau.": "The two backup passphrases differ.",
    "Mật khẩu sao lưu phải có ít nhất %1 ký tự.": "The backup passphrase needs at least %1 characters.",
    "Tệp bị cách ly": "Quarantined files", "Tệp": "File", "Lúc": "At", "Lý do": "Reason",
    "Còn ở thư mục quét": "Still in the scanner folder",
    "Các tệp dưới đây không nhận được. Hãy quét lại trang (cùng tên tệp) hoặc chờ chép xong, rồi bấm «Thử lại».":
        "The files below could not be taken in. Scan the page again (same file name) or wait for the copy to "
        "finish, then press «Retry».",
    "Thử lại": "Retry", "Đóng": "Close", "có": "yes", "không": "no",
    "Hãy chọn một tệp (và mở một sổ).": "Choose a file (and open a book).", "Đã nhận {0}.": "Took in {0}.",
    "Vẫn chưa đọc được: {0}": "Still unreadable: {0}", "Lưu tệp gửi huyện…": "Save the district file…",
    "Công việc trong ngày": "The day's work", "Tiến độ chiến dịch": "Campaign progress",
    "Kế hoạch chiến dịch…": "Campaign plan…", "Đăng nhập để xem tiến độ chiến dịch.": "Sign in to see the campaign's progress.",
    "Đang tính tiến độ…": "Working out the progress…", "Đang lưu…": "Saving…", "Đang tải hàng đợi…": "Loading the queue…",
    "{0} mục, {1} đã gửi duyệt và không có điểm cần xem": "{0} entries, {1} submitted with no findings",
    "Đã trả lại {0} mục.": "Returned {0} entries.",
    "Thư mục máy quét lưu ảnh vào; chương trình tự nhận trang mới. Có thể chọn sau ở Tệp → Cài đặt.":
        "The folder the scanner saves into; new pages are taken in by themselves. Can be chosen later in File → "
        "Settings.",
    "Thư mục": "Folder", "Tìm hồ sơ": "Find a record",
    "Họ tên (hoặc tên), số đăng ký, hay ngày đăng ký dd/mm/yyyy": "Full name (or given name), number, or date dd/mm/yyyy",
    "Ngày đăng ký": "Registration date", "{0} hồ sơ (hiện tối đa 50)": "{0} records (at most 50 shown)",
    "Không tìm thấy hồ sơ nào.": "No record found.",
    "thư mục, webdav(s)://, sftp://người@máy/thư-mục hoặc https://": "folder, webdav(s)://, sftp://user@host/folder or https://",
    "để trống: giữ mật khẩu đã lưu": "leave empty: keep the stored password", "Thử kết nối": "Try the connection",
    "Nơi nhận gói": "Package destination", "Mật khẩu nơi nhận": "Destination password",
    "Đang thử kết nối…": "Trying the connection…", "⚠ {0} tệp bị cách ly": "⚠ {0} files in quarantine",
    "Tệp mẫu xuất 158": "158 export template", "Chọn tệp…": "Choose file…", "Dùng tệp này": "Use this file",
    "Dùng mẫu mặc định": "Use the default template", "Chỉ quản trị viên đổi được tệp mẫu.": "Only an administrator can change templates.",
    "Đang dùng: {0}": "In use: {0}", "mẫu mặc định của chương trình": "the program's default template",
    "Tệp mẫu Excel": "Excel template", "Sổ Excel (*.xlsx)": "Excel workbook (*.xlsx)",
    "Đã dùng tệp mẫu {0} cho loại sổ này.": "Template {0} is now used for this book type.",
    "Đã trở lại mẫu mặc định.": "Back to the default template.", "Không đọc được tệp": "Cannot read the file",
    "Ghép cột: {0}": "Columns: {0}", "Trích xuất dữ liệu dân cư của xã": "The commune's population extract",
    "Đã nhập dữ liệu dân cư": "Population data imported",
    "Dữ liệu chỉ nằm trong cơ sở dữ liệu; tệp gốc không được chép. Xóa khi xong bằng «Xóa dữ liệu dân cư».":
        "The data stays in the database only; the file is not copied. Delete it when done with «Delete population "
        "data».",
    "Xóa dữ liệu dân cư": "Delete population data",
    "Xóa toàn bộ {0} người của dữ liệu dân cư đã nhập? Việc này được ghi nhật ký và không hoàn tác được.":
        "Delete all {0} people of the imported population data? This is logged and cannot be undone.",
    "Chưa xóa được": "Not deleted", "Đã xóa": "Deleted", "Đã xóa {0} người.": "Deleted {0} people.",
    "Lưu tên và ngày": "Save name and dates", "Thêm sổ": "Add book", "Xóa sổ đã chọn": "Remove the chosen book",
    "Thay danh sách bằng tệp": "Replace the list from a file",
    "Các sổ cần số hóa (mỗi dòng được lưu khi đủ loại sổ, năm và quyển):":
        "Books to digitise (a row is saved once it has book type, year and volume):",
    "Chưa có kế hoạch: lưu tên và ngày trước, rồi thêm sổ.": "No plan yet: save the name and dates first, then add books.",
    "Dòng {0}: {1}": "Row {0}: {1}", "Đã lưu sổ {0} {1} quyển {2}.": "Saved book {0} {1} volume {2}.",
    "Đã xóa sổ.": "Book removed.", "Đã lưu tên và ngày của kế hoạch.": "The plan's name and dates are saved.",
    "Hãy chọn tệp danh sách sổ.": "Choose the book list file.", "Đã thay danh sách: {0} sổ.": "List replaced: {0} books.",
    "Không có thư mục «%1». Bấm «Chọn…» để chọn thư mục máy quét lưu ảnh, hoặc để trống và chọn sau.":
        "There is no folder «%1». Press «Choose…» to pick the folder the scanner saves into, or leave it empty for later.",
    "Chưa có sổ nào: bấm «Sổ mới…» để mở sổ đầu tiên.": "No book yet: press «New book…» to open the first one.",
    "Mã hóa luôn tệp cơ sở dữ liệu bằng mật khẩu này (hỏi khi mở ứng dụng)":
        "Also encrypt the database file with this passphrase (asked when the app opens)",
    "Máy này thiếu gói SQLCipher: hãy mã hóa ổ đĩa như trên.":
        "This computer lacks the SQLCipher package: encrypt the disk as above.",
    "Hãy ghi lý do: người nhập cần biết phải sửa gì.": "Write a reason: the clerk needs to know what to fix.",
    "Trả lại": "Return",
})


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
