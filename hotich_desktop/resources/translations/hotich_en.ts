<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="76" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="77" />
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="78" />
        <source>Mật khẩu (ít nhất 6 ký tự)</source>
        <translation>Password (at least 6 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="79" />
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="90" />
        <source>Tên đăng nhập không được trống hay có khoảng trắng.</source>
        <translation>The login must not be empty or contain spaces.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="92" />
        <source>Hãy ghi họ và tên.</source>
        <translation>Enter the full name.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="94" />
        <source>Mật khẩu phải có ít nhất 6 ký tự.</source>
        <translation>The password needs at least 6 characters.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="97" />
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../ui/backup_dialog.py" line="23" />
        <source>Sao lưu hằng ngày</source>
        <translation>Daily backup</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="27" />
        <source>USB hoặc ổ khác, không nằm trong thư mục dữ liệu</source>
        <translation>USB stick or another disk, outside the data folder</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="33" />
        <source> giờ</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="35" />
        <source>đã đặt (dấu khóa %1)</source>
        <translation>set (key fingerprint %1)</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="36" />
        <source>CHƯA ĐẶT — chưa sao lưu được</source>
        <translation>NOT SET — no backup possible yet</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="41" />
        <source>để trống: giữ mật khẩu đã đặt</source>
        <translation>leave empty: keep the passphrase set</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="42" />
        <source>Mật khẩu sao lưu chỉ nhập ở đây, không lưu trên máy: hãy ghi ra giấy, cất nơi an toàn. Không có nó thì không khôi phục được bản sao lưu nào.</source>
        <translation>The backup passphrase is typed here only and never stored: write it down and keep it safe. Without it no backup can be restored.</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="45" />
        <location filename="../../ui/backup_dialog.py" line="54" />
        <source>Thư mục sao lưu</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="45" />
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="46" />
        <source>Số bản giữ lại</source>
        <translation>Backups kept</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="46" />
        <source>Sao lưu từ</source>
        <translation>Back up from</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="47" />
        <source>Mật khẩu sao lưu</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="48" />
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="48" />
        <source>Nhập lại</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="62" />
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../ui/report_dialog.py" line="270" />
        <source>Kế hoạch chiến dịch số hóa</source>
        <translation>Digitisation campaign plan</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="278" />
        <source>Lưu tên và ngày</source>
        <translation>Save name and dates</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="281" />
        <source>Tên đợt</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="282" />
        <source>Ngày bắt đầu</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="283" />
        <source>Ngày kết thúc</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="291" />
        <source>Thêm sổ</source>
        <translation>Add book</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="291" />
        <source>Xóa sổ đã chọn</source>
        <translation>Remove the chosen book</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="295" />
        <source>tệp .xlsx hoặc .csv: Loại sổ, Năm, Quyển, Số hồ sơ dự kiến</source>
        <translation>.xlsx or .csv file: book type, year, volume, expected records</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="296" />
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="296" />
        <source>Thay danh sách bằng tệp</source>
        <translation>Replace the list from a file</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="313" />
        <source>Các sổ cần số hóa (mỗi dòng được lưu khi đủ loại sổ, năm và quyển):</source>
        <translation>Books to digitise (a row is saved once it has book type, year and volume):</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="341" />
        <source>Hiện có {0} sổ trong kế hoạch.</source>
        <translation>{0} books in the plan now.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="342" />
        <source>Chưa có kế hoạch: lưu tên và ngày trước, rồi thêm sổ.</source>
        <translation>No plan yet: save the name and dates first, then add books.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="388" />
        <source>Dòng {0}: {1}</source>
        <translation>Row {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="396" />
        <source>Đã lưu sổ {0} {1} quyển {2}.</source>
        <translation>Saved book {0} {1} volume {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="405" />
        <source>Đã xóa sổ.</source>
        <translation>Book removed.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="413" />
        <source>Đã lưu tên và ngày của kế hoạch.</source>
        <translation>The plan's name and dates are saved.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="416" />
        <source>Danh sách sổ</source>
        <translation>Book list</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="417" />
        <source>Bảng tính (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="426" />
        <source>Hãy chọn tệp danh sách sổ.</source>
        <translation>Choose the book list file.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="438" />
        <source>Đã thay danh sách: {0} sổ.</source>
        <translation>List replaced: {0} books.</translation>
    </message>
</context>
<context>
    <name>DiscrepancyDialog</name>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="88" />
        <source>Danh sách sai lệch hộ tịch – dân cư</source>
        <translation>Civil-status – population discrepancy list</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="92" />
        <source>Danh sách:</source>
        <translation>List:</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="95" />
        <source>Nhập danh sách…</source>
        <translation>Import list…</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="96" />
        <source>Ghép với hồ sơ</source>
        <translation>Match with records</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="97" />
        <source>Xuất kết quả…</source>
        <translation>Export results…</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="104" />
        <source>Dòng</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="104" />
        <source>Loại sai lệch</source>
        <translation>Discrepancy type</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="104" />
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="104" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="105" />
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="105" />
        <source>CSDL hộ tịch</source>
        <translation>Civil-status DB</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="105" />
        <source>CSDL dân cư</source>
        <translation>Population DB</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="106" />
        <location filename="../../ui/discrepancy_dialog.py" line="108" />
        <source>Hồ sơ</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="106" />
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="108" />
        <source>Điểm</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="108" />
        <source>Vì sao</source>
        <translation>Why</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="114" />
        <location filename="../../ui/discrepancy_dialog.py" line="121" />
        <source>Xem bản quét</source>
        <translation>See the scan</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="115" />
        <source>Sổ đúng: CSDL dân cư sai</source>
        <translation>Book right: population DB wrong</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="116" />
        <source>Nhập sai: sửa hồ sơ…</source>
        <translation>Keyed wrongly: correct the record…</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="117" />
        <source>Không có trong sổ</source>
        <translation>Not in the books</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="118" />
        <source>Mở lại</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="126" />
        <source>Hồ sơ ứng viên (nhấp đúp để xem bản quét):</source>
        <translation>Candidate records (double-click to see the scan):</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="146" />
        <source>{0} — {1}/{2} đã xử lý, hạn {3}</source>
        <translation>{0} — {1}/{2} resolved, due {3}</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="157" />
        <source>Danh sách sai lệch của huyện</source>
        <translation>The district's discrepancy list</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="168" />
        <source>Chưa nhập được</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="170" />
        <source>Đã nhập danh sách</source>
        <translation>List imported</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="181" />
        <source>Chưa ghép được</source>
        <translation>Not matched</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="190" />
        <source>Xuất kết quả xử lý</source>
        <translation>Export the results</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="191" />
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="199" />
        <source>Chưa xuất được</source>
        <translation>Not exported</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="201" />
        <source>Đã xuất</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="227" />
        <source>Chưa có danh sách nào: nhập danh sách của huyện (Excel hoặc CSV).</source>
        <translation>No list yet: import the district's list (Excel or CSV).</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="230" />
        <source>quá hạn {0} ngày</source>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="231" />
        <source>còn {0} ngày</source>
        <translation>{0} days left</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="234" />
        <source>Đã xử lý {0}/{1}; hạn {2} ({3}).
Theo loại: {4}
Theo đơn vị: {5}</source>
        <translation>Resolved {0}/{1}; due {2} ({3}).
By type: {4}
By unit: {5}</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="248" />
        <source>Dòng {0} — {1} ({2}). {3}{4}</source>
        <translation>Line {0} — {1} ({2}). {3}{4}</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="249" />
        <source>Ghi chú: </source>
        <translation>Note: </translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="274" />
        <source>Hãy chọn hồ sơ ứng viên trước.</source>
        <translation>Choose a candidate record first.</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="277" />
        <source>Sửa hồ sơ</source>
        <translation>Correct the record</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="278" />
        <source>Giá trị đúng theo sổ của trường «{0}» (bản sửa được gửi phê duyệt):</source>
        <translation>The book's value of «{0}» (the correction goes for approval):</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="283" />
        <source>Ghi chú xử lý</source>
        <translation>Resolution note</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="283" />
        <source>Ghi chú (không bắt buộc):</source>
        <translation>Note (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="291" />
        <source>Chưa xử lý được</source>
        <translation>Not resolved</translation>
    </message>
</context>
<context>
    <name>EntryController</name>
    <message>
        <location filename="../../ui/controllers/entry.py" line="76" />
        <source>Đang mở trang…</source>
        <translation>Opening the page…</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="87" />
        <source>Sổ chưa có trang nào</source>
        <translation>The book has no pages yet</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="110" />
        <location filename="../../ui/controllers/entry.py" line="272" />
        <source>Trang chưa có mục nào</source>
        <translation>This page has no entries yet</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="130" />
        <source>Bị trả lại: {0}</source>
        <translation>Returned: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="176" />
        <source>Ghi sai lệch cho huyện</source>
        <translation>Report a discrepancy to the district</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="177" />
        <source>Ghi chú (ví dụ: sổ ghi đúng như vậy):</source>
        <translation>Note (for example: the book says exactly this):</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="181" />
        <source>Đã ghi sai lệch vào danh sách gửi huyện.</source>
        <translation>The discrepancy is on the list for the district.</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="205" />
        <source>Mục {0}/{1} — {2}</source>
        <translation>Entry {0}/{1} — {2}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="313" />
        <source>Chưa lưu được mục {0}: {1}</source>
        <translation>Entry {0} not saved: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="317" />
        <source>Đã tự lưu bản nháp mục {0}</source>
        <translation>Draft of entry {0} saved</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="359" />
        <source>Mục này đã được phê duyệt; chỉ người phê duyệt mới sửa được.</source>
        <translation>This entry is approved; only a supervisor can change it.</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="368" />
        <source>Đã gửi duyệt mục {0}</source>
        <translation>Entry {0} submitted</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="369" />
        <source>Đã lưu mục {0}</source>
        <translation>Entry {0} saved</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="386" />
        <source>Chấp nhận điểm cần xem</source>
        <translation>Accept the finding</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="387" />
        <source>«{0}»
Lý do chấp nhận (ví dụ: sổ gốc ghi đúng như vậy):</source>
        <translation>«{0}»
Reason (for example: the original book says exactly this):</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="400" />
        <source>Đã chấp nhận: {0}</source>
        <translation>Accepted: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="430" />
        <source>Khung đã sửa; tệp PDF mới: {0}</source>
        <translation>Box changed; new PDF: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="435" />
        <source>Đang cắt lại mục…</source>
        <translation>Re-cutting the entry…</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="445" />
        <source>Đang thêm mục…</source>
        <translation>Adding the entry…</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="474" />
        <source>Chưa lưu được</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="475" />
        <source>Không lưu được các thay đổi của mục này: {0}</source>
        <translation>The changes to this entry could not be saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="476" />
        <source>Ở lại để sửa</source>
        <translation>Stay and fix</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/entry.py" line="477" />
        <source>Bỏ các thay đổi</source>
        <translation>Discard the changes</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <location filename="../../ui/entry_form.py" line="160" />
        <source>Chấm màu (độ tin cậy của chữ đọc tự động): &lt;span style='color:{0}'&gt;●&lt;/span&gt; cao &lt;span style='color:{1}'&gt;●&lt;/span&gt; vừa, nên xem lại &lt;span style='color:{2}'&gt;●&lt;/span&gt; thấp, phải kiểm tra &lt;span style='color:{3}'&gt;●&lt;/span&gt; không đọc được</source>
        <translation>Dots (confidence of the automatic reading): &lt;span style='color:{0}'&gt;●&lt;/span&gt; high &lt;span style='color:{1}'&gt;●&lt;/span&gt; medium, worth a look &lt;span style='color:{2}'&gt;●&lt;/span&gt; low, must be checked &lt;span style='color:{3}'&gt;●&lt;/span&gt; not read</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <location filename="../../ui/entry_form.py" line="48" />
        <source>Độ tin cậy của giá trị đọc tự động</source>
        <translation>Confidence of the automatically read value</translation>
    </message>
    <message>
        <location filename="../../ui/entry_form.py" line="61" />
        <source>Chấp nhận…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <location filename="../../ui/entry_form.py" line="62" />
        <source>Sổ gốc ghi đúng như vậy: chấp nhận điểm này, kèm lý do</source>
        <translation>The original book says exactly this: accept this finding, with a reason</translation>
    </message>
    <message>
        <location filename="../../ui/entry_form.py" line="93" />
        <source>Độ tin cậy: {0}</source>
        <translation>Confidence: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_form.py" line="95" />
        <source>Nguồn: {0}</source>
        <translation>Source: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_form.py" line="97" />
        <source>Chữ đọc được: «{0}»</source>
        <translation>Read: «{0}»</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="62" />
        <source>Tạo tài khoản quản trị đầu tiên</source>
        <translation>Create the first administrator</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="69" />
        <source>Máy này chưa có người dùng. Hãy tạo tài khoản quản trị.</source>
        <translation>This computer has no users yet. Create the administrator account.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="70" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="71" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="72" />
        <source>Mật khẩu (ít nhất 6 ký tự)</source>
        <translation>Password (at least 6 characters)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/first_run.py" line="169" />
        <source>Cài đặt lần đầu</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="173" />
        <source>Người quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="173" />
        <source>Tài khoản quản lý người dùng và cài đặt.</source>
        <translation>The account that manages users and settings.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="176" />
        <source>Cán bộ nhập liệu đầu tiên</source>
        <translation>First clerk</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="177" />
        <source>Người nhập hồ sơ hằng ngày (có thể thêm sau ở Quản trị → Người dùng). Để trống nếu chưa cần.</source>
        <translation>The person who enters records daily (can be added later in Admin → Users). Leave empty if not needed yet.</translation>
    </message>
</context>
<context>
    <name>IntakeController</name>
    <message>
        <location filename="../../ui/controllers/intake.py" line="51" />
        <source>Đang theo dõi thư mục máy quét: {0}</source>
        <translation>Watching the scanner folder: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/intake.py" line="61" />
        <source>Hãy chọn hoặc tạo sổ trước.</source>
        <translation>Choose or create a book first.</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/intake.py" line="66" />
        <source>Thư mục có ảnh quét</source>
        <translation>Folder with scans</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/intake.py" line="71" />
        <source>Đang nhận trang…</source>
        <translation>Taking in pages…</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/intake.py" line="78" />
        <source>Không đọc được {0}: {1}</source>
        <translation>Cannot read {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/intake.py" line="80" />
        <source>Trang trùng, đã có: {0}</source>
        <translation>Duplicate page, already stored: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/intake.py" line="100" />
        <source>Đang tìm mục và đọc chữ: {0}</source>
        <translation>Finding entries and reading: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/intake.py" line="122" />
        <source>Chưa có chức năng đọc chữ tự động (Tesseract, tiếng Việt): các trường để trống, hãy nhập tay. Cách cài: sudo apt-get install tesseract-ocr tesseract-ocr-vie (Windows: cài Tesseract kèm gói tiếng Việt).</source>
        <translation>Automatic reading (Tesseract, Vietnamese) is not available: fields start empty, type them in. To install: sudo apt-get install tesseract-ocr tesseract-ocr-vie (Windows: install Tesseract with the Vietnamese data).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="40" />
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="46" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="47" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>Số hóa sổ hộ tịch</source>
        <translation>Civil-status book digitisation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115" />
        <source>Sổ: </source>
        <translation>Book: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117" />
        <source>Sổ mới…</source>
        <translation>New book…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129" />
        <source>Lưu (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131" />
        <source>Gửi duyệt (Ctrl+Enter)</source>
        <translation>Submit for review (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178" />
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179" />
        <source>Nhận trang từ thư mục…</source>
        <translation>Take pages from a folder…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180" />
        <source>Tệp bị cách ly…</source>
        <translation>Quarantined files…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181" />
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182" />
        <source>Đăng xuất / đổi người dùng…</source>
        <translation>Sign out / switch user…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183" />
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184" />
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185" />
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187" />
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191" />
        <source>Thêm khung</source>
        <translation>Add box</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192" />
        <source>Xóa khung đang chọn</source>
        <translation>Delete selected box</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193" />
        <source>Lưu hồ sơ</source>
        <translation>Save record</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194" />
        <source>Lưu và gửi duyệt</source>
        <translation>Save and submit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196" />
        <source>&amp;Trang</source>
        <translation>&amp;Page</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198" />
        <source>Chuyển trang sang sổ khác…</source>
        <translation>Move page to another book…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199" />
        <source>Xóa trang…</source>
        <translation>Delete page…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200" />
        <source>Khôi phục trang đã xóa…</source>
        <translation>Restore a deleted page…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204" />
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205" />
        <source>Tìm hồ sơ…</source>
        <translation>Find a record…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206" />
        <source>Mục sau</source>
        <translation>Next entry</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207" />
        <source>Mục trước</source>
        <translation>Previous entry</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208" />
        <source>Vừa chiều rộng</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209" />
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210" />
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217" />
        <source>&amp;Duyệt</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="219" />
        <source>Hàng đợi duyệt</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="219" />
        <source>Hồ sơ bị trả lại cho tôi</source>
        <translation>Records returned to me</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221" />
        <source>Phê duyệt mục này</source>
        <translation>Approve this entry</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222" />
        <source>Trả lại mục này…</source>
        <translation>Return this entry…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223" />
        <source>&amp;Xuất</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225" />
        <source>Hộp thư đi…</source>
        <translation>Outbox…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226" />
        <source>Báo cáo tiến độ ngày…</source>
        <translation>Daily progress report…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227" />
        <source>Đối &amp;chiếu</source>
        <translation>&amp;Reconcile</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229" />
        <source>Danh sách sai lệch hộ tịch – dân cư…</source>
        <translation>Civil-status – population discrepancy list…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231" />
        <source>Nhập dữ liệu dân cư…</source>
        <translation>Import population data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232" />
        <source>Xóa dữ liệu dân cư…</source>
        <translation>Delete population data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="233" />
        <source>&amp;Quản trị</source>
        <translation>&amp;Admin</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235" />
        <source>Người dùng…</source>
        <translation>Users…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="236" />
        <source>Tệp mẫu xuất 158…</source>
        <translation>158 export templates…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237" />
        <source>Sao lưu hằng ngày…</source>
        <translation>Daily backup…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238" />
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239" />
        <location filename="../../ui/main_window.py" line="262" />
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="253" />
        <source>Sang ô sau / ô trước</source>
        <translation>Next / previous field</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="254" />
        <source>Xác nhận ô, ở ô cuối thì gửi duyệt</source>
        <translation>Confirm the field; on the last one, submit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255" />
        <source>Phóng to, thu nhỏ trang bằng chuột</source>
        <translation>Zoom the page with the mouse</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255" />
        <source>lăn chuột</source>
        <translation>mouse wheel</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264" />
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264" />
        <source>Phím</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="405" />
        <source>Đã sao lưu hằng ngày (%1 tệp mới).</source>
        <translation>Daily backup done (%1 new files).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410" />
        <source>Sao lưu hằng ngày chưa được: %1 — sẽ thử lại sau.</source>
        <translation>The daily backup failed: %1 — it will be tried again.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315" />
        <source>Đang thử kết nối tới nơi nhận…</source>
        <translation>Trying the connection to the destination…</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="39" />
        <source>(không có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="47" />
        <source>{0} dòng dữ liệu.</source>
        <translation>{0} data lines.</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="60" />
        <source>Vài dòng đầu của tệp:</source>
        <translation>The file's first lines:</translation>
    </message>
</context>
<context>
    <name>MismatchBar</name>
    <message>
        <location filename="../../ui/page_actions.py" line="30" />
        <source>Chuyển sang sổ đúng…</source>
        <translation>Move to the right book…</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="31" />
        <source>Vẫn giữ ở sổ này</source>
        <translation>Keep it in this book</translation>
    </message>
</context>
<context>
    <name>NewBookDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="112" />
        <source>Sổ đang số hóa</source>
        <translation>Book being digitised</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="120" />
        <source>Loại sổ</source>
        <translation>Book type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="121" />
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="122" />
        <source>Quyển số</source>
        <translation>Volume</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="87" />
        <source>Thêm người dùng</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="93" />
        <source>Cán bộ nhập liệu</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="93" />
        <source>Người phê duyệt</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="94" />
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="96" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="97" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="98" />
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../ui/first_run.py" line="49" />
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="49" />
        <source>Tên và mã của UBND xã/phường: có trong mọi gói dữ liệu xuất đi.</source>
        <translation>Name and code of the commune People's Committee: in every exported package.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="51" />
        <source>ví dụ: UBND xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An</source>
        <translation>for example: UBND xã Châu Quang, huyện Quỳ Hợp, tỉnh Nghệ An</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="53" />
        <source>mã đơn vị hành chính, ví dụ: 17707</source>
        <translation>administrative unit code, for example 17707</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="54" />
        <source>Tên cơ quan</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="55" />
        <source>Mã cơ quan</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="60" />
        <source>Hãy ghi đủ tên cơ quan.</source>
        <translation>Enter the office's full name.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="63" />
        <source>Mã cơ quan gồm chữ số/chữ cái không dấu (2–40 ký tự), không dùng mã mẫu.</source>
        <translation>The office code is digits/unaccented letters (2–40 characters), not the sample code.</translation>
    </message>
</context>
<context>
    <name>OutboxPanel</name>
    <message>
        <location filename="../../ui/outbox_panel.py" line="56" />
        <source>Hộp thư đi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="58" />
        <source>Gói</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="58" />
        <source>Phiên bản</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="58" />
        <source>Số hồ sơ</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="59" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="59" />
        <source>Tạo lúc</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="59" />
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="62" />
        <source>Xuất sổ đang mở</source>
        <translation>Export the open book</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="63" />
        <source>Chép sang USB / thư mục…</source>
        <translation>Copy to USB / folder…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="65" />
        <source>Gửi tất cả gói đang chờ</source>
        <translation>Send all waiting packages</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="81" />
        <source>Biên nhận: {0}</source>
        <translation>Receipt: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="111" />
        <source>Hãy chọn sổ trước.</source>
        <translation>Choose a book first.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="119" />
        <source>Sổ còn {0} mục chưa được phê duyệt.</source>
        <translation>{0} entries of the book are not approved yet.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="126" />
        <source>Đã xuất {0} hồ sơ vào {1}.</source>
        <translation>Exported {0} records to {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="128" />
        <source>Sổ không đổi từ lần xuất trước: dùng lại gói {0}.</source>
        <translation>The book is unchanged since the last export: package {0} reused.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="130" />
        <source>{0} mục chưa xuất (chưa duyệt hoặc đã sửa).</source>
        <translation>{0} entries not exported (not approved or changed).</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="136" />
        <source>Đang xuất dữ liệu…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="141" />
        <source>Sổ chưa xong</source>
        <translation>Book not finished</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="142" />
        <source>Gói chỉ có các mục đã phê duyệt. Vẫn xuất bây giờ?</source>
        <translation>The package holds the approved entries only. Export now?</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="143" />
        <source>Vẫn xuất</source>
        <translation>Export anyway</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="144" />
        <source>Để sau</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="151" />
        <location filename="../../ui/outbox_panel.py" line="165" />
        <source>Hãy chọn một gói trong danh sách.</source>
        <translation>Choose a package in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="154" />
        <source>Chép gói sang</source>
        <translation>Copy package to</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="159" />
        <source>Đã chép và kiểm tra: {0}</source>
        <translation>Copied and verified: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="160" />
        <source>Đang chép gói…</source>
        <translation>Copying package…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="170" />
        <source>Máy chủ đã nhận gói (biên nhận {0}).</source>
        <translation>The server received the package (receipt {0}).</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="171" />
        <source>Gói này đã được gửi trước đó.</source>
        <translation>This package was sent before.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="172" />
        <source>Đang gửi lên máy chủ…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="176" />
        <source>Gói {0}: {1}</source>
        <translation>Package {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="177" />
        <source>Không có gói nào chờ gửi.</source>
        <translation>No package is waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="181" />
        <source>Đang gửi các gói đang chờ…</source>
        <translation>Sending waiting packages…</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="85" />
        <source>(tự gửi lại sau {0} phút)</source>
        <translation>(sent again by itself in {0} min)</translation>
    </message>
    <message>
        <location filename="../../ui/outbox_panel.py" line="64" />
        <source>Gửi tới nơi nhận</source>
        <translation>Send to the destination</translation>
    </message>
</context>
<context>
    <name>PageActions</name>
    <message>
        <location filename="../../ui/page_actions.py" line="70" />
        <source>Sổ mới: {0} năm {1}, quyển 1</source>
        <translation>New book: {0} year {1}, volume 1</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="76" />
        <source>Chưa có sổ nào khác. Hãy tạo sổ mới trước (Sổ mới…).</source>
        <translation>There is no other book. Create one first (New book…).</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="78" />
        <source>Chuyển trang sang sổ khác</source>
        <translation>Move page to another book</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="78" />
        <source>Chuyển trang này sang:</source>
        <translation>Move this page to:</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="91" />
        <source>Đã chuyển trang sang: {0}</source>
        <translation>Page moved to: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="101" />
        <location filename="../../ui/page_actions.py" line="104" />
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="102" />
        <source>Xóa trang «{0}» khỏi sổ? Các mục của trang rời hàng đợi; có thể khôi phục lại (Trang → Khôi phục trang đã xóa…).</source>
        <translation>Delete page «{0}» from the book? Its entries leave the queue; it can be restored (Page → Restore a deleted page…).</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="105" />
        <source>Không xóa</source>
        <translation>Do not delete</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="121" />
        <source>Sổ này không có trang nào đã xóa.</source>
        <translation>This book has no deleted pages.</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="124" />
        <source>Khôi phục trang</source>
        <translation>Restore page</translation>
    </message>
    <message>
        <location filename="../../ui/page_actions.py" line="124" />
        <source>Trang đã xóa:</source>
        <translation>Deleted pages:</translation>
    </message>
</context>
<context>
    <name>PagesController</name>
    <message>
        <location filename="../../ui/controllers/pages.py" line="65" />
        <source>Chưa có sổ nào: bấm «Sổ mới…» để mở sổ đầu tiên.</source>
        <translation>No book yet: press «New book…» to open the first one.</translation>
    </message>
</context>
<context>
    <name>PopulationPanel</name>
    <message>
        <location filename="../../ui/population_panel.py" line="16" />
        <source>Dữ liệu dân cư</source>
        <translation>Population data</translation>
    </message>
    <message>
        <location filename="../../ui/population_panel.py" line="32" />
        <source>Không thấy người nào giống trong dữ liệu dân cư.</source>
        <translation>Nobody similar in the population data.</translation>
    </message>
    <message>
        <location filename="../../ui/population_panel.py" line="35" />
        <source>Giống nhất: {0}, sinh {1}, số định danh {2} (điểm {3:.0f}).</source>
        <translation>Closest: {0}, born {1}, ID number {2} (score {3:.0f}).</translation>
    </message>
    <message>
        <location filename="../../ui/population_panel.py" line="37" />
        <source>Không có trường nào khác.</source>
        <translation>No field differs.</translation>
    </message>
    <message>
        <location filename="../../ui/population_panel.py" line="39" />
        <source>{0}: sổ «{1}» — dân cư «{2}»</source>
        <translation>{0}: book «{1}» — population «{2}»</translation>
    </message>
    <message>
        <location filename="../../ui/population_panel.py" line="42" />
        <source>Lấy giá trị</source>
        <translation>Take the value</translation>
    </message>
    <message>
        <location filename="../../ui/population_panel.py" line="44" />
        <source>Ghi sai lệch</source>
        <translation>Report discrepancy</translation>
    </message>
</context>
<context>
    <name>ProtectionPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="130" />
        <source>Bảo vệ dữ liệu</source>
        <translation>Data protection</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="131" />
        <source>Tệp dữ liệu trên máy này KHÔNG tự mã hóa: máy bị mất là lộ dữ liệu công dân. Hãy mã hóa ổ đĩa: Windows bật BitLocker (Cài đặt → Quyền riêng tư và bảo mật → Mã hóa thiết bị, hoặc Control Panel → BitLocker Drive Encryption) cho ổ chứa thư mục dữ liệu; Linux cài với mã hóa toàn ổ (LUKS). Sao lưu hằng ngày vào USB hoặc ổ khác được mã hóa bằng mật khẩu sao lưu dưới đây (ghi ra giấy, cất nơi an toàn; để trống nếu đặt sau).</source>
        <translation>The data files on this computer are NOT encrypted by the program: a lost computer exposes citizens' data. Encrypt the disk: on Windows turn on BitLocker (Settings → Privacy &amp; security → Device encryption, or Control Panel → BitLocker Drive Encryption) for the drive holding the data folder; on Linux install with full-disk encryption (LUKS). Daily backups to a USB stick or another disk are encrypted with the backup passphrase below (write it down and keep it safe; leave empty to set it later).</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="138" />
        <location filename="../../ui/first_run.py" line="151" />
        <source>Thư mục sao lưu</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="138" />
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="139" />
        <source>Mật khẩu sao lưu</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="140" />
        <source>Nhập lại</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="142" />
        <source>Mã hóa luôn tệp cơ sở dữ liệu bằng mật khẩu này (hỏi khi mở ứng dụng)</source>
        <translation>Also encrypt the database file with this passphrase (asked when the app opens)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="146" />
        <source>Máy này thiếu gói SQLCipher: hãy mã hóa ổ đĩa như trên.</source>
        <translation>This computer lacks the SQLCipher package: encrypt the disk as above.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="158" />
        <source>Hai lần nhập mật khẩu sao lưu không giống nhau.</source>
        <translation>The two backup passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="160" />
        <source>Mật khẩu sao lưu phải có ít nhất %1 ký tự.</source>
        <translation>The backup passphrase needs at least %1 characters.</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="26" />
        <source>Tệp bị cách ly</source>
        <translation>Quarantined files</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="28" />
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="28" />
        <source>Lúc</source>
        <translation>At</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="28" />
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="29" />
        <source>Còn ở thư mục quét</source>
        <translation>Still in the scanner folder</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="34" />
        <source>Các tệp dưới đây không nhận được. Hãy quét lại trang (cùng tên tệp) hoặc chờ chép xong, rồi bấm «Thử lại».</source>
        <translation>The files below could not be taken in. Scan the page again (same file name) or wait for the copy to finish, then press «Retry».</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="38" />
        <source>Thử lại</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="39" />
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="39" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="57" />
        <source>có</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="57" />
        <source>không</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="68" />
        <source>Hãy chọn một tệp (và mở một sổ).</source>
        <translation>Choose a file (and open a book).</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="75" />
        <source>Đã nhận {0}.</source>
        <translation>Took in {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/quarantine_dialog.py" line="77" />
        <source>Vẫn chưa đọc được: {0}</source>
        <translation>Still unreadable: {0}</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/report_dialog.py" line="53" />
        <source>Báo cáo tiến độ theo ngày</source>
        <translation>Daily progress report</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="60" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="60" />
        <source>Người thực hiện</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="66" />
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="69" />
        <source>Lưu Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="69" />
        <source>Lưu PDF để in…</source>
        <translation>Save PDF for printing…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="70" />
        <source>Lưu tệp gửi huyện…</source>
        <translation>Save the district file…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="75" />
        <source>Công việc trong ngày</source>
        <translation>The day's work</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="76" />
        <source>Tiến độ chiến dịch</source>
        <translation>Campaign progress</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="93" />
        <source>Kế hoạch chiến dịch…</source>
        <translation>Campaign plan…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="121" />
        <source>Đang tính tiến độ…</source>
        <translation>Working out the progress…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="146" />
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="150" />
        <source>Đăng nhập để xem tiến độ chiến dịch.</source>
        <translation>Sign in to see the campaign's progress.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="189" />
        <source>Lưu báo cáo</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="195" />
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="203" />
        <source>Đã lưu: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <location filename="../../ui/controllers/review.py" line="44" />
        <source>Đang phê duyệt…</source>
        <translation>Approving…</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/review.py" line="71" />
        <source>Hàng đợi duyệt</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/review.py" line="72" />
        <source>Hồ sơ bị trả lại</source>
        <translation>Returned records</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../ui/review_panel.py" line="59" />
        <location filename="../../ui/review_panel.py" line="64" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="59" />
        <location filename="../../ui/review_panel.py" line="65" />
        <source>Người nhập</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="60" />
        <location filename="../../ui/review_panel.py" line="65" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="60" />
        <source>Điểm cần xem</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="64" />
        <source>Trang</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="64" />
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="64" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="66" />
        <source>Điểm cần xem / lý do trả lại</source>
        <translation>Findings / reason returned</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="71" />
        <source>Duyệt (F9)</source>
        <translation>Approve (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="72" />
        <source>Trả lại…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="73" />
        <source>Duyệt mọi mục không có điểm cần xem</source>
        <translation>Approve every entry without findings</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="74" />
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="89" />
        <source>Mọi sổ</source>
        <translation>All books</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="92" />
        <source>Mọi người</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="120" />
        <source>Đang tải hàng đợi…</source>
        <translation>Loading the queue…</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="136" />
        <source>{0} mục, {1} đã gửi duyệt và không có điểm cần xem</source>
        <translation>{0} entries, {1} submitted with no findings</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="186" />
        <source>Đã trả lại {0} mục.</source>
        <translation>Returned {0} entries.</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="157" />
        <source>Chưa chọn mục nào.</source>
        <translation>No entry selected.</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="162" />
        <source>Đã duyệt {0} mục.</source>
        <translation>Approved {0} entries.</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="164" />
        <source>Chưa duyệt {0}: {1}</source>
        <translation>Not approved {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/review_panel.py" line="170" />
        <source>Đang phê duyệt…</source>
        <translation>Approving…</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="103" />
        <location filename="../../ui/first_run.py" line="119" />
        <source>Thư mục máy quét</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="104" />
        <source>Thư mục máy quét lưu ảnh vào; chương trình tự nhận trang mới. Có thể chọn sau ở Tệp → Cài đặt.</source>
        <translation>The folder the scanner saves into; new pages are taken in by themselves. Can be chosen later in File → Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="107" />
        <source>Thư mục</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="107" />
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="114" />
        <source>Không có thư mục «%1». Bấm «Chọn…» để chọn thư mục máy quét lưu ảnh, hoặc để trống và chọn sau.</source>
        <translation>There is no folder «%1». Press «Choose…» to pick the folder the scanner saves into, or leave it empty for later.</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/search_dialog.py" line="25" />
        <source>Tìm hồ sơ</source>
        <translation>Find a record</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="27" />
        <source>Họ tên (hoặc tên), số đăng ký, hay ngày đăng ký dd/mm/yyyy</source>
        <translation>Full name (or given name), number, or date dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="29" />
        <source>Sổ</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="29" />
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="29" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="29" />
        <source>Ngày đăng ký</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="30" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="53" />
        <source>{0} hồ sơ (hiện tối đa 50)</source>
        <translation>{0} records (at most 50 shown)</translation>
    </message>
    <message>
        <location filename="../../ui/search_dialog.py" line="54" />
        <source>Không tìm thấy hồ sơ nào.</source>
        <translation>No record found.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="132" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="135" />
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="136" />
        <source>Chuyển tệp đã nhận vào thư mục con «da-nhan»</source>
        <translation>Move received files into the «da-nhan» subfolder</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="142" />
        <source>Đọc tự động (OCR) bằng Tesseract</source>
        <translation>Automatic reading (OCR) with Tesseract</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="160" />
        <source>để trống: SQLite trên máy này</source>
        <translation>empty: SQLite on this computer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="165" />
        <location filename="../../ui/dialogs.py" line="187" />
        <source>Thư mục máy quét</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="166" />
        <source>Thư mục xuất (USB)</source>
        <translation>Export folder (USB)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="167" />
        <source>Mã đơn vị</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="167" />
        <source>Tên đơn vị</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="168" />
        <source>Mẫu tên tệp PDF</source>
        <translation>PDF name pattern</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="169" />
        <source>Ngôn ngữ OCR</source>
        <translation>OCR language</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="173" />
        <source>Cơ sở dữ liệu (máy chủ)</source>
        <translation>Database (server)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="173" />
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="146" />
        <source>thư mục, webdav(s)://, sftp://người@máy/thư-mục hoặc https://</source>
        <translation>folder, webdav(s)://, sftp://user@host/folder or https://</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="149" />
        <source>để trống: giữ mật khẩu đã lưu</source>
        <translation>leave empty: keep the stored password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="152" />
        <source>Thử kết nối</source>
        <translation>Try the connection</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="170" />
        <source>Nơi nhận gói</source>
        <translation>Package destination</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="171" />
        <source>Mật khẩu nơi nhận</source>
        <translation>Destination password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="179" />
        <source>Đang thử kết nối…</source>
        <translation>Trying the connection…</translation>
    </message>
</context>
<context>
    <name>StatusController</name>
    <message>
        <location filename="../../ui/controllers/status.py" line="60" />
        <source>Đang xử lý {0}/{1}: {2}</source>
        <translation>Processing {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/status.py" line="76" />
        <source>Hộp thư đi: {0} gói chờ gửi</source>
        <translation>Outbox: {0} packages waiting</translation>
    </message>
    <message>
        <location filename="../../ui/controllers/status.py" line="83" />
        <source>⚠ {0} tệp bị cách ly</source>
        <translation>⚠ {0} files in quarantine</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../ui/template_dialog.py" line="23" />
        <source>Tệp mẫu xuất 158</source>
        <translation>158 export template</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="38" />
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="40" />
        <source>Dùng tệp này</source>
        <translation>Use this file</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="42" />
        <source>Dùng mẫu mặc định</source>
        <translation>Use the default template</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="44" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="60" />
        <source>Chỉ quản trị viên đổi được tệp mẫu.</source>
        <translation>Only an administrator can change templates.</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="69" />
        <source>Đang dùng: {0}</source>
        <translation>In use: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="69" />
        <source>mẫu mặc định của chương trình</source>
        <translation>the program's default template</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="75" />
        <source>Tệp mẫu Excel</source>
        <translation>Excel template</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="75" />
        <source>Sổ Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="98" />
        <source>Đã dùng tệp mẫu {0} cho loại sổ này.</source>
        <translation>Template {0} is now used for this book type.</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="102" />
        <source>Đã trở lại mẫu mặc định.</source>
        <translation>Back to the default template.</translation>
    </message>
    <message>
        <location filename="../../ui/template_dialog.py" line="107" />
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../ui/users_dialog.py" line="21" />
        <source>Người dùng</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="23" />
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="23" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="23" />
        <location filename="../../ui/users_dialog.py" line="80" />
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="24" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="27" />
        <source>Thêm…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="27" />
        <source>Đổi vai trò…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="28" />
        <source>Khóa / mở khóa</source>
        <translation>Lock / unlock</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="29" />
        <source>Đặt mật khẩu mới…</source>
        <translation>Set new password…</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="45" />
        <source>hoạt động</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="45" />
        <source>đã khóa</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="60" />
        <source>Hãy chọn một người dùng.</source>
        <translation>Choose a user.</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="80" />
        <source>Vai trò mới:</source>
        <translation>New role:</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="90" />
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/users_dialog.py" line="90" />
        <source>Mật khẩu mới (ít nhất 6 ký tự):</source>
        <translation>New password (at least 6 characters):</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/dialogs.py" line="210" />
        <source>Thông báo</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="73" />
        <source>Không đọc được tệp</source>
        <translation>Cannot read the file</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="75" />
        <source>Ghép cột: {0}</source>
        <translation>Columns: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="304" />
        <source>Trích xuất dữ liệu dân cư của xã</source>
        <translation>The commune's population extract</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="316" />
        <source>Chưa nhập được</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="318" />
        <source>Đã nhập dữ liệu dân cư</source>
        <translation>Population data imported</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="319" />
        <source>Dữ liệu chỉ nằm trong cơ sở dữ liệu; tệp gốc không được chép. Xóa khi xong bằng «Xóa dữ liệu dân cư».</source>
        <translation>The data stays in the database only; the file is not copied. Delete it when done with «Delete population data».</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="325" />
        <source>Xóa dữ liệu dân cư</source>
        <translation>Delete population data</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="326" />
        <source>Xóa toàn bộ {0} người của dữ liệu dân cư đã nhập? Việc này được ghi nhật ký và không hoàn tác được.</source>
        <translation>Delete all {0} people of the imported population data? This is logged and cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="332" />
        <source>Chưa xóa được</source>
        <translation>Not deleted</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="334" />
        <source>Đã xóa</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/discrepancy_dialog.py" line="334" />
        <source>Đã xóa {0} người.</source>
        <translation>Deleted {0} people.</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../ui/widgets.py" line="81" />
        <source>Trả lại</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="82" />
        <source>Lý do trả lại:</source>
        <translation>Reason for returning:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py" line="90" />
        <source>Hãy ghi lý do: người nhập cần biết phải sửa gì.</source>
        <translation>Write a reason: the clerk needs to know what to fix.</translation>
    </message>
</context>
</TS>