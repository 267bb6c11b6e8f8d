"""Discrepancy lists: reading whatever the district sends, matching lines to records, resolving, exporting."""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from hotich_desktop.core import audit
from hotich_desktop.core.discrepancies import mapping as mp
from hotich_desktop.core.discrepancies.table import decode, read_table
from hotich_desktop.core.errors import BadInput, PermissionDenied, Refused
from hotich_desktop.core.lifecycle import EntryStatus
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import AuditEvent, DiscrepancyLine, DiscrepancyList
from tests.pagegen.discrepancies import HEADER, cp1258, insert_books, make_list

ROWS = [["1", "Khai sinh", "Xã Mường Bú", "Sai họ tên", "Lò Thị Ỏn", "05/03/1992", "Nữ", "", "12", "01/1992"],
        ["2", "Khai sinh", "Xã Mường Bú", "Sai ngày sinh", "Quàng Văn Páo", "07/08/1990", "Nam", "", "", ""],
        ["3", "Khai tử", "Xã Chiềng Sinh", "Trùng lặp", "Nguyễn Thị Thúy", "01/01/1950", "Nữ", "", "", ""]]
SHORT_HEADER = ["STT", "Loại việc", "Đơn vị hành chính", "Loại sai lệch", "Họ và tên", "Ngày sinh", "Giới tính",
                "Số định danh", "Số đăng ký", "Quyển số"]


def _csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(cp1258(buf.getvalue()) if encoding == "cp1258" else buf.getvalue().encode(encoding))
    return path


# -- reading --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding,label", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (có BOM)"), ("utf-16", "UTF-16"),
                                            ("utf-16-le", "UTF-16"), ("cp1258", "Windows-1258")])
def test_csv_in_each_encoding_reads_the_same_names(tmp_path: Path, encoding: str, label: str) -> None:
    table = read_table(_csv(tmp_path / "list.csv", SHORT_HEADER, ROWS, encoding))
    assert table.encoding == label
    assert table.header == SHORT_HEADER
    assert [cells[4] for _, cells in table.rows] == ["Lò Thị Ỏn", "Quàng Văn Páo", "Nguyễn Thị Thúy"]
    assert any(label in note for note in table.notes)


def test_csv_with_lines_in_two_encodings(tmp_path: Path) -> None:
    """A list pasted together from two offices' files: UTF-8 lines and Windows-1258 lines."""
    head = (",".join(SHORT_HEADER) + "\n" + ",".join(ROWS[0]) + "\n").encode("utf-8")
    tail = cp1258(",".join(ROWS[1]) + "\n")
    text, encoding, old = decode(head + tail)
    assert encoding == "UTF-8 lẫn Windows-1258" and old == 1
    table = read_table(Path(tmp_path / "x.csv").write_bytes(head + tail) and tmp_path / "x.csv")
    assert [cells[4] for _, cells in table.rows] == ["Lò Thị Ỏn", "Quàng Văn Páo"]
    assert "1 dòng Windows-1258" in table.notes[0]


def test_excel_with_title_rows_merged_cells_and_serial_dates(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH SAI LỆCH DỮ LIỆU HỘ TỊCH - DÂN CƯ"])
    ws.append([])
    ws.append(SHORT_HEADER)
    ws.append(["1", "Khai sinh", "Xã Mường Bú", "Sai họ tên", "Lò Thị Ỏn", 33668, "Nữ"])  # 05/03/1992 as a number
    ws.append(["2", "Khai sinh", None, "Sai ngày sinh", "Quàng Văn Páo", dt.datetime(1990, 8, 7), "Nam"])
    ws.append(["3", "Khai tử", None, "Trùng lặp", "Nguyễn Thị Thúy", "01/01/1950", "Nữ"])
    ws.merge_cells("C4:C6")  # the unit written once for its three rows
    ws.merge_cells("A1:J1")
    wb.save(tmp_path / "list.xlsx")
    table = read_table(tmp_path / "list.xlsx")
    assert table.header_row == 3 and table.header == SHORT_HEADER
    assert [cells[2] for _, cells in table.rows] == ["Xã Mường Bú"] * 3
    assert any("ô gộp" in n for n in table.notes)
    svc = Service.open(tmp_path / "ws")
    try:
        admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
        clerk = svc.create_user(admin, "canbo", "matkhau-canbo", "clerk")
        report = svc.discrepancies.import_list(clerk, tmp_path / "list.xlsx").value
        lines = svc.discrepancies.lines(report.list_id)
        assert [x.fields["birth"] for x in lines] == ["05/03/1992", "07/08/1990", "01/01/1950"]
        assert [x.unit for x in lines] == ["Xã Mường Bú"] * 3
        assert any("sê-ri" in n for n in report.notes)
        assert "Số định danh" not in report.unknown_columns  # mapped, just empty
    finally:
        svc.close()


@pytest.mark.parametrize("content,message", [
    (b"", "trống"),
    (b"PK\x03\x04 not really a zip", "không phải tệp Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
    (b"\x00\x01\x02\x03" * 3000, "không phải tệp CSV"),
    (b"\n\n  \n", "không có dòng"),
])
def test_unreadable_files_get_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        read_table(path)


def test_header_names_are_mapped_fuzzily_without_accents() -> None:
    got = mp.propose("discrepancy", ["TT", "Ho ten", "NGAY SINH", "Gioi tinh", "So CCCD", "So DK", "Quyen so",
                                     "Loai loi", "Xa/Phuong", "Ghi chu"])
    assert got == {"name": "Ho ten", "birth": "NGAY SINH", "gender": "Gioi tinh", "id_number": "So CCCD",
                   "reg_no": "So DK", "book": "Quyen so", "error_type": "Loai loi", "unit": "Xa/Phuong"}
    assert mp.propose("discrepancy", HEADER)["value_population"] == "Thông tin trong CSDL dân cư"
    assert [mp.error_type(t) for t in ("Sai họ tên", "Sai họ tên mẹ", "sai gioi tinh", "Không có trong CSDL dân cư",
                                       "Trùng lặp", "???")] == ["name", "parents", "gender", "missing_population",
                                                                 "duplicate", "other"]


# -- importing ------------------------------------------------------------------------------------------------
def test_import_reports_unknown_columns_duplicates_and_lines_without_a_person(sqlite_service, sqlite_people,
                                                                              tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    header = SHORT_HEADER + ["Ghi chú của huyện"]
    rows = [r + ["x"] for r in ROWS] + [ROWS[0] + ["x"], [""] * 11,
                                        ["9", "Khai sinh", "Xã Mường Bú", "Sai giới tính", "", "", "", "", "", ""]]
    report = svc.discrepancies.import_list(clerk, _csv(tmp_path / "l.csv", header, rows)).value
    assert report.read == 3 and report.empty == 1
    assert report.skipped == [(5, "trùng hệt dòng 2"), (7, "không có họ tên, số đăng ký hay số định danh")]
    assert report.unknown_columns == ["STT", "Ghi chú của huyện"]
    assert "Đã đọc 3 dòng" in report.text() and "Dòng 5: trùng hệt dòng 2" in report.text()
    # mapped once for the province: the next import of a file in the same shape needs nothing
    svc.discrepancies.save_mapping(clerk, "discrepancy", report.mapping)
    assert svc.discrepancies.saved_mapping("discrepancy") == report.mapping
    with pytest.raises(Refused, match="đã được nhập"):
        svc.discrepancies.import_list(clerk, tmp_path / "l.csv")


def test_a_mapping_the_file_does_not_fit_is_refused_whole(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    path = _csv(tmp_path / "l.csv", SHORT_HEADER, ROWS)
    with pytest.raises(BadInput, match="không có cột đã ghép.*Họ tên công dân"):
        svc.discrepancies.import_list(clerk, path, mapping={"name": "Họ tên công dân", "error_type": "Loại sai lệch"})
    with pytest.raises(BadInput, match="Chưa ghép cột «Loại sai lệch»"):
        svc.discrepancies.import_list(clerk, path, mapping={"name": "Họ và tên"})
    odd = _csv(tmp_path / "odd.csv", ["A", "B", "C"], [["1", "2", "3"]])
    with pytest.raises(BadInput, match="Chưa ghép cột"):
        svc.discrepancies.import_list(clerk, odd)
    assert svc.discrepancies.lists() == []


def test_nothing_is_half_imported(sqlite_service, sqlite_people, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    path = _csv(tmp_path / "l.csv", SHORT_HEADER, ROWS * 1)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(audit, "record", broken)  # fails after the lines were inserted
    with pytest.raises(OSError):
        svc.discrepancies.import_list(clerk, path)
    monkeypatch.undo()
    with svc.store.session() as s:
        assert s.scalar(select(func.count(DiscrepancyList.id))) == 0
        assert s.scalar(select(func.count(DiscrepancyLine.id))) == 0
    assert svc.discrepancies.import_list(clerk, path).value.read == 3


@pytest.mark.slow
def test_a_list_of_100000_lines(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    rows = [[str(i), "Khai sinh", f"Xã {i % 7}", "Sai ngày sinh", f"Người Thứ {i}", "01/01/1990", "Nam", "", "", ""]
            for i in range(100_000)]
    report = svc.discrepancies.import_list(clerk, _csv(tmp_path / "big.csv", SHORT_HEADER, rows)).value
    assert report.read == 100_000 and report.skipped == []
    assert svc.discrepancies.lists()[0].lines == 100_000


def test_a_clerk_cannot_purge_and_an_admin_cannot_import(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    admin, clerk, _ = sqlite_people
    with pytest.raises(PermissionDenied):
        svc.discrepancies.purge_population(clerk)
    with pytest.raises(PermissionDenied):
        svc.discrepancies.import_list(admin, _csv(tmp_path / "l.csv", SHORT_HEADER, ROWS))


# -- matching -------------------------------------------------------------------------------------------------
def test_matching_accuracy_on_a_generated_list(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    records = insert_books(svc, clerk, 3000, per_book=300)
    rows, truth = make_list(records, 400, seed=11)
    report = svc.discrepancies.import_list(clerk, _csv(tmp_path / "l.csv", HEADER, rows)).value
    assert report.read == 400
    result = svc.discrepancies.match(clerk, report.list_id).value
    assert result.records == 3000
    lines = svc.discrepancies.lines(report.list_id)
    present = [(x, t) for x, t in zip(lines, truth) if t is not None]
    right = sum(1 for x, t in present if x.entry_id == t)
    false = sum(1 for x, t in zip(lines, truth) if x.entry_id is not None and x.entry_id != t)
    assert right / len(present) >= 0.99, right
    assert false / len(lines) <= 0.005, false
    assert all(x.candidates and x.candidates[0]["score"] >= x.score - 0.1 for x, _ in present)


# -- resolving ------------------------------------------------------------------------------------------------
def test_each_resolution_is_audited_and_exported(service, people, tmp_path: Path) -> None:
    """On SQLite and on PostgreSQL (the shared store several desks work on)."""
    svc = service
    _, clerk, boss = people
    records = insert_books(svc, clerk, 300, per_book=300)
    rows, truth = make_list(records, 6, seed=3, absent_share=0)
    rows[2][8:10] = ["", ""]
    report = svc.discrepancies.import_list(clerk, _csv(tmp_path / "l.csv", HEADER, rows),
                                           received_on=dt.date(2026, 11, 1)).value
    svc.discrepancies.match(clerk, report.list_id)
    lines = svc.discrepancies.lines(report.list_id)
    assert [x.entry_id for x in lines] == truth
    d = svc.discrepancies
    wrong_pop = d.resolve(clerk, lines[0].id, "population_wrong", note="Sổ ghi đúng, xem bản quét").value
    assert wrong_pop.resolution_label == "Sổ xác nhận CSDL dân cư sai" and wrong_pop.resolved_by == "canbo"
    entry = svc.entries.info(truth[1])
    done = d.resolve(clerk, lines[1].id, "record_corrected", corrections={"ho_ten": "Lò Văn Mới"},
                     expected_version=entry.version)
    assert done.changes.entries == {truth[1]}
    after = svc.entries.info(truth[1])
    assert after.fields["ho_ten"] == "Lò Văn Mới" and after.status == EntryStatus.SUBMITTED  # waits for approval
    svc.review.approve(boss, truth[1], after.version)
    d.resolve(clerk, lines[2].id, "not_in_books", note="Không tìm thấy trong sổ")
    assert d.line(lines[2].id).entry_id is None
    with pytest.raises(BadInput, match="giá trị đúng"):
        d.resolve(clerk, lines[3].id, "record_corrected")
    with pytest.raises(BadInput, match="không hợp lệ"):
        d.resolve(clerk, lines[3].id, "whatever")
    with svc.store.session() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "discrepancy_resolve")
                                .order_by(AuditEvent.id)))
        kinds = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.object_id == str(truth[1]),
                                                                      AuditEvent.object_type == "entry"))]
    assert [(e.user_login, e.object_id, e.after["resolution"]) for e in events] == [
        ("canbo", str(lines[0].id), "population_wrong"), ("canbo", str(lines[1].id), "record_corrected"),
        ("canbo", str(lines[2].id), "not_in_books")]
    assert events[0].after["note"] == "Sổ ghi đúng, xem bản quét" and events[0].before["resolution"] == ""
    assert events[1].after["corrections"] == {"ho_ten": "Lò Văn Mới"}
    assert "record_submit" in kinds and "review_approve" in kinds
    assert svc.audit.verify().ok

    progress = d.progress(report.list_id, today=dt.date(2026, 11, 25))
    assert (progress.lines, progress.resolved, progress.days_left) == (6, 3, 21)
    assert sum(n for n, _ in progress.by_error_type.values()) == 6
    assert sum(done for _, done in progress.by_unit.values()) == 3

    out = d.export(clerk, report.list_id, tmp_path / "out" / "ket-qua.xlsx").value
    ws = load_workbook(out).active
    table = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    assert table[0] == HEADER + ["Kết quả xử lý", "Ghi chú xử lý", "Hồ sơ trong sổ", "Tệp PDF", "Người xử lý",
                                 "Ngày xử lý"]
    assert [str(c) for c in table[1][:len(HEADER)]] == rows[0]
    assert table[1][len(HEADER)] == "Sổ xác nhận CSDL dân cư sai" and table[1][len(HEADER) + 2].startswith("KS ")
    assert table[3][len(HEADER)] == "Không có trong sổ" and table[4][len(HEADER)] == "Chưa xử lý"
    assert len(table) == 7


def test_a_formula_in_the_list_stays_text_in_the_export(sqlite_service, sqlite_people, tmp_path: Path) -> None:
    svc = sqlite_service
    _, clerk, _ = sqlite_people
    rows = [["1", "Khai sinh", "Xã Mường Bú", "Sai họ tên", '=HYPERLINK("http://x.example","Lò Thị Ỏn")', "", "", "",
             "", ""]]
    report = svc.discrepancies.import_list(clerk, _csv(tmp_path / "l.csv", SHORT_HEADER, rows)).value
    out = svc.discrepancies.export(clerk, report.list_id, tmp_path / "out.xlsx").value
    cell = load_workbook(out).active["E2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
