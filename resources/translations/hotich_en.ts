<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>FieldRow</name>
    <message>
        <location filename="../../hotich_desktop/ui/entry_form.py" line="34" />
        <source>Độ tin cậy của giá trị đọc tự động</source>
        <translation>Confidence of the automatically read value</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/entry_form.py" line="59" />
        <source>Độ tin cậy: {0}</source>
        <translation>Confidence: {0}</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="58" />
        <source>Tạo tài khoản quản trị đầu tiên</source>
        <translation>Create the first administrator</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="65" />
        <source>Máy này chưa có người dùng. Hãy tạo tài khoản quản trị.</source>
        <translation>This computer has no users yet. Create the administrator account.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="66" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="67" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="68" />
        <source>Mật khẩu (ít nhất 6 ký tự)</source>
        <translation>Password (at least 6 characters)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="36" />
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="42" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="43" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="72" />
        <source>Số hóa sổ hộ tịch</source>
        <translation>Civil-status book digitisation</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="80" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="86" />
        <source>Sổ: </source>
        <translation>Book: </translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="88" />
        <source>Sổ mới…</source>
        <translation>New book…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="107" />
        <source>Lưu (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="109" />
        <source>Gửi duyệt (Ctrl+Enter)</source>
        <translation>Submit for review (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="145" />
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="146" />
        <source>Nhận trang từ thư mục…</source>
        <translation>Take pages from a folder…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="147" />
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="148" />
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="149" />
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="150" />
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="152" />
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="156" />
        <source>Thêm khung</source>
        <translation>Add box</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="157" />
        <source>Xóa khung đang chọn</source>
        <translation>Delete selected box</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="158" />
        <source>Lưu hồ sơ</source>
        <translation>Save record</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="159" />
        <source>Lưu và gửi duyệt</source>
        <translation>Save and submit</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="161" />
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="162" />
        <source>Mục sau</source>
        <translation>Next entry</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="163" />
        <source>Mục trước</source>
        <translation>Previous entry</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="164" />
        <source>Vừa chiều rộng</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="165" />
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="166" />
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="167" />
        <source>&amp;Duyệt</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="169" />
        <source>Phê duyệt mục này</source>
        <translation>Approve this entry</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="170" />
        <source>Trả lại mục này…</source>
        <translation>Return this entry…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="171" />
        <source>&amp;Quản trị</source>
        <translation>&amp;Admin</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="173" />
        <source>Thêm người dùng…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="205" />
        <source>Đang xử lý {0}/{1}: {2}</source>
        <translation>Processing {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="280" />
        <source>Đang mở trang…</source>
        <translation>Opening the page…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="293" />
        <source>Trang chưa có mục nào</source>
        <translation>This page has no entries yet</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="301" />
        <source>Mục {0}/{1} — {2} — {3}</source>
        <translation>Entry {0}/{1} — {2} — {3}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="304" />
        <source>Bị trả lại: {0}</source>
        <translation>Returned: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="345" />
        <source>Đã lưu mục {0}</source>
        <translation>Entry {0} saved</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="352" />
        <source>Đang cắt lại mục…</source>
        <translation>Re-cutting the entry…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="358" />
        <source>Đang thêm mục…</source>
        <translation>Adding the entry…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="387" />
        <source>Trả lại</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="387" />
        <source>Lý do trả lại:</source>
        <translation>Reason for returning:</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="408" />
        <source>Đang theo dõi thư mục máy quét: {0}</source>
        <translation>Watching the scanner folder: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="412" />
        <source>Hãy chọn hoặc tạo sổ trước.</source>
        <translation>Choose or create a book first.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="414" />
        <source>Thư mục có ảnh quét</source>
        <translation>Folder with scans</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="417" />
        <source>Đang nhận trang…</source>
        <translation>Taking in pages…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="421" />
        <source>Không đọc được {0}: {1}</source>
        <translation>Cannot read {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="423" />
        <source>Trang trùng, đã có: {0}</source>
        <translation>Duplicate page, already stored: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="427" />
        <source>Đang tìm mục và đọc chữ…</source>
        <translation>Finding entries and reading text…</translation>
    </message>
</context>
<context>
    <name>NewBookDialog</name>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="108" />
        <source>Sổ đang số hóa</source>
        <translation>Book being digitised</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="116" />
        <source>Loại sổ</source>
        <translation>Book type</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="117" />
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="118" />
        <source>Quyển số</source>
        <translation>Volume</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="83" />
        <source>Thêm người dùng</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="89" />
        <source>Cán bộ nhập liệu</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="89" />
        <source>Người phê duyệt</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="90" />
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="92" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="93" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="94" />
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="126" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="129" />
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="136" />
        <source>Chuyển tệp đã nhận vào thư mục con «da-nhan»</source>
        <translation>Move received files into the «da-nhan» subfolder</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="142" />
        <source>Đọc tự động (OCR) bằng Tesseract</source>
        <translation>Automatic reading (OCR) with Tesseract</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="145" />
        <source>để trống: SQLite trên máy này</source>
        <translation>empty: SQLite on this computer</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="150" />
        <location filename="../../hotich_desktop/ui/dialogs.py" line="159" />
        <source>Thư mục máy quét</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="151" />
        <source>Thư mục xuất (USB)</source>
        <translation>Export folder (USB)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="152" />
        <source>Mã đơn vị</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="152" />
        <source>Tên đơn vị</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="153" />
        <source>Mẫu tên tệp PDF</source>
        <translation>PDF name pattern</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="154" />
        <source>Cơ sở dữ liệu (máy chủ)</source>
        <translation>Database (server)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="154" />
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="178" />
        <source>Thông báo</source>
        <translation>Notice</translation>
    </message>
</context>
</TS>