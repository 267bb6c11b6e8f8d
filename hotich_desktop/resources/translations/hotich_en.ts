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
        <location filename="../../hotich_desktop/ui/main_window.py" line="85" />
        <source>Số hóa sổ hộ tịch</source>
        <translation>Civil-status book digitisation</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="98" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="104" />
        <source>Sổ: </source>
        <translation>Book: </translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="106" />
        <source>Sổ mới…</source>
        <translation>New book…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="125" />
        <source>Lưu (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="127" />
        <source>Gửi duyệt (Ctrl+Enter)</source>
        <translation>Submit for review (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="170" />
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="171" />
        <source>Nhận trang từ thư mục…</source>
        <translation>Take pages from a folder…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="172" />
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="173" />
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="174" />
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="175" />
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="177" />
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="181" />
        <source>Thêm khung</source>
        <translation>Add box</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="182" />
        <source>Xóa khung đang chọn</source>
        <translation>Delete selected box</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="183" />
        <source>Lưu hồ sơ</source>
        <translation>Save record</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="184" />
        <source>Lưu và gửi duyệt</source>
        <translation>Save and submit</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="186" />
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="187" />
        <source>Mục sau</source>
        <translation>Next entry</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="188" />
        <source>Mục trước</source>
        <translation>Previous entry</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="189" />
        <source>Vừa chiều rộng</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="190" />
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="191" />
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="192" />
        <source>&amp;Duyệt</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="194" />
        <location filename="../../hotich_desktop/ui/main_window.py" line="513" />
        <source>Hàng đợi duyệt</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="194" />
        <source>Hồ sơ bị trả lại cho tôi</source>
        <translation>Records returned to me</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="196" />
        <source>Phê duyệt mục này</source>
        <translation>Approve this entry</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="197" />
        <source>Trả lại mục này…</source>
        <translation>Return this entry…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="198" />
        <source>&amp;Xuất</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="200" />
        <source>Hộp thư đi…</source>
        <translation>Outbox…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="201" />
        <source>Báo cáo tiến độ ngày…</source>
        <translation>Daily progress report…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="202" />
        <source>&amp;Quản trị</source>
        <translation>&amp;Admin</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="204" />
        <source>Người dùng…</source>
        <translation>Users…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="498" />
        <source>Chưa có chức năng đọc chữ tự động (Tesseract, tiếng Việt): các trường để trống, hãy nhập tay. Cách cài: sudo apt-get install tesseract-ocr tesseract-ocr-vie (Windows: cài Tesseract kèm gói tiếng Việt).</source>
        <translation>Automatic reading (Tesseract, Vietnamese) is not available: fields start empty, type them in. To install: sudo apt-get install tesseract-ocr tesseract-ocr-vie (Windows: install Tesseract with the Vietnamese data).</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="514" />
        <source>Hồ sơ bị trả lại</source>
        <translation>Returned records</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="553" />
        <source>Hộp thư đi: {0} gói chờ gửi</source>
        <translation>Outbox: {0} packages waiting</translation>
    </message>
    <message>
        <source>Thêm người dùng…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="238" />
        <source>Đang xử lý {0}/{1}: {2}</source>
        <translation>Processing {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="313" />
        <source>Đang mở trang…</source>
        <translation>Opening the page…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="330" />
        <source>Trang chưa có mục nào</source>
        <translation>This page has no entries yet</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="338" />
        <source>Mục {0}/{1} — {2} — {3}</source>
        <translation>Entry {0}/{1} — {2} — {3}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="341" />
        <source>Bị trả lại: {0}</source>
        <translation>Returned: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="382" />
        <source>Đã lưu mục {0}</source>
        <translation>Entry {0} saved</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="389" />
        <source>Đang cắt lại mục…</source>
        <translation>Re-cutting the entry…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="395" />
        <source>Đang thêm mục…</source>
        <translation>Adding the entry…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="424" />
        <source>Trả lại</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="424" />
        <source>Lý do trả lại:</source>
        <translation>Reason for returning:</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="445" />
        <source>Đang theo dõi thư mục máy quét: {0}</source>
        <translation>Watching the scanner folder: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="449" />
        <source>Hãy chọn hoặc tạo sổ trước.</source>
        <translation>Choose or create a book first.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="451" />
        <source>Thư mục có ảnh quét</source>
        <translation>Folder with scans</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="454" />
        <source>Đang nhận trang…</source>
        <translation>Taking in pages…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="458" />
        <source>Không đọc được {0}: {1}</source>
        <translation>Cannot read {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="460" />
        <source>Trang trùng, đã có: {0}</source>
        <translation>Duplicate page, already stored: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="479" />
        <source>Đang tìm mục và đọc chữ…</source>
        <translation>Finding entries and reading text…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/main_window.py" line="1" />
        <source>Đang thử kết nối tới nơi nhận…</source>
        <translation>Testing the connection to the destination…</translation>
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
    <name>OutboxPanel</name>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="29" />
        <source>Hộp thư đi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="32" />
        <source>Gói</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="32" />
        <source>Phiên bản</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="32" />
        <source>Số hồ sơ</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="33" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="33" />
        <source>Tạo lúc</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="33" />
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="40" />
        <source>Xuất sổ đang mở</source>
        <translation>Export the open book</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="41" />
        <source>Chép sang USB / thư mục…</source>
        <translation>Copy to USB / folder…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="42" />
        <source>Gửi lên máy chủ</source>
        <translation>Upload to server</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="43" />
        <source>Gửi tất cả gói đang chờ</source>
        <translation>Send all waiting packages</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="57" />
        <source>Biên nhận: {0}</source>
        <translation>Receipt: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="85" />
        <source>Hãy chọn sổ trước.</source>
        <translation>Choose a book first.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="89" />
        <source>Đã xuất {0} hồ sơ vào {1}.</source>
        <translation>Exported {0} records to {1}.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="91" />
        <source>Sổ không đổi từ lần xuất trước: dùng lại gói {0}.</source>
        <translation>The book is unchanged since the last export: package {0} reused.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="93" />
        <source>{0} mục chưa xuất (chưa duyệt hoặc đã sửa).</source>
        <translation>{0} entries not exported (not approved or changed).</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="97" />
        <source>Đang xuất dữ liệu…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="103" />
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="115" />
        <source>Hãy chọn một gói trong danh sách.</source>
        <translation>Choose a package in the list.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="106" />
        <source>Chép gói sang</source>
        <translation>Copy package to</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="109" />
        <source>Đã chép và kiểm tra: {0}</source>
        <translation>Copied and verified: {0}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="110" />
        <source>Đang chép gói…</source>
        <translation>Copying package…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="118" />
        <source>Máy chủ đã nhận gói (biên nhận {0}).</source>
        <translation>The server received the package (receipt {0}).</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="120" />
        <source>Đang gửi lên máy chủ…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="124" />
        <source>Gói {0}: {1}</source>
        <translation>Package {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="125" />
        <source>Không có gói nào chờ gửi.</source>
        <translation>No package is waiting.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="128" />
        <source>Đang gửi các gói đang chờ…</source>
        <translation>Sending waiting packages…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="1" />
        <source>(tự gửi lại sau {0} phút)</source>
        <translation>(retried automatically in {0} min)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/outbox_panel.py" line="1" />
        <source>Gửi tới nơi nhận</source>
        <translation>Send to destination</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="20" />
        <source>Báo cáo tiến độ theo ngày</source>
        <translation>Daily progress report</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="27" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="27" />
        <source>Người thực hiện</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="31" />
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="34" />
        <source>Lưu Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="34" />
        <source>Lưu PDF để in…</source>
        <translation>Save PDF for printing…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="54" />
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="62" />
        <source>Lưu báo cáo</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/report_dialog.py" line="71" />
        <source>Đã lưu: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="42" />
        <location filename="../../hotich_desktop/ui/review_panel.py" line="48" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="42" />
        <location filename="../../hotich_desktop/ui/review_panel.py" line="49" />
        <source>Người nhập</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="43" />
        <location filename="../../hotich_desktop/ui/review_panel.py" line="49" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="43" />
        <source>Điểm cần xem</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="48" />
        <source>Trang</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="48" />
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="48" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="50" />
        <source>Điểm cần xem / lý do trả lại</source>
        <translation>Findings / reason returned</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="60" />
        <source>Duyệt (F9)</source>
        <translation>Approve (F9)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="61" />
        <source>Trả lại…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="62" />
        <source>Duyệt mọi mục không có điểm cần xem</source>
        <translation>Approve every entry without findings</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="63" />
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="83" />
        <source>Mọi sổ</source>
        <translation>All books</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="86" />
        <source>Mọi người</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="104" />
        <source>{0} mục, {1} không có điểm cần xem</source>
        <translation>{0} entries, {1} without findings</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="122" />
        <source>Chưa chọn mục nào.</source>
        <translation>No entry selected.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="128" />
        <source>Đã duyệt {0} mục.</source>
        <translation>Approved {0} entries.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="130" />
        <source>Chưa duyệt {0}: {1}</source>
        <translation>Not approved {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="134" />
        <source>Đang phê duyệt…</source>
        <translation>Approving…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="140" />
        <source>Trả lại</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/review_panel.py" line="140" />
        <source>Lý do trả lại:</source>
        <translation>Reason for returning:</translation>
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
        <location filename="../../hotich_desktop/ui/dialogs.py" line="146" />
        <source>để trống nếu không gửi qua mạng</source>
        <translation>leave empty when not uploading</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="150" />
        <source>để trống: SQLite trên máy này</source>
        <translation>empty: SQLite on this computer</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="155" />
        <location filename="../../hotich_desktop/ui/dialogs.py" line="167" />
        <source>Thư mục máy quét</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="156" />
        <source>Thư mục xuất (USB)</source>
        <translation>Export folder (USB)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="157" />
        <source>Mã đơn vị</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="157" />
        <source>Tên đơn vị</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="158" />
        <source>Mẫu tên tệp PDF</source>
        <translation>PDF name pattern</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="159" />
        <source>Ngôn ngữ OCR</source>
        <translation>OCR language</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="160" />
        <source>Máy chủ nhận (gửi lên mạng)</source>
        <translation>Receiving server (upload)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="161" />
        <source>Mã truy cập máy chủ</source>
        <translation>Server access token</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="162" />
        <source>Cơ sở dữ liệu (máy chủ)</source>
        <translation>Database (server)</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="162" />
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="1" />
        <source>thư mục, webdav(s)://, sftp://người@máy/thư-mục hoặc https://</source>
        <translation>folder, webdav(s)://, sftp://user@host/folder or https://</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="1" />
        <source>để trống: giữ mật khẩu đã lưu</source>
        <translation>leave empty: keep the saved password</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="1" />
        <source>Thử kết nối</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="1" />
        <source>Nơi nhận gói</source>
        <translation>Package destination</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="1" />
        <source>Mật khẩu nơi nhận</source>
        <translation>Destination password</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="1" />
        <source>Đang thử kết nối…</source>
        <translation>Testing the connection…</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="18" />
        <source>Người dùng</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="21" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="21" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="21" />
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="75" />
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="22" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="28" />
        <source>Thêm…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="28" />
        <source>Đổi vai trò…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="29" />
        <source>Khóa / mở khóa</source>
        <translation>Lock / unlock</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="30" />
        <source>Đặt mật khẩu mới…</source>
        <translation>Set new password…</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="45" />
        <source>hoạt động</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="45" />
        <source>đã khóa</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="59" />
        <source>Hãy chọn một người dùng.</source>
        <translation>Choose a user.</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="75" />
        <source>Vai trò mới:</source>
        <translation>New role:</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="85" />
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../hotich_desktop/ui/users_dialog.py" line="85" />
        <source>Mật khẩu mới (ít nhất 6 ký tự):</source>
        <translation>New password (at least 6 characters):</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../hotich_desktop/ui/dialogs.py" line="189" />
        <source>Thông báo</source>
        <translation>Notice</translation>
    </message>
</context>
</TS>