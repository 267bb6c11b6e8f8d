"""The 158 package: rows read back exactly, PDFs checked, atomic, versions, and every bad input refused."""
from __future__ import annotations

import errno
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from hotich_desktop.core.errors import BadInput, HotichError, Refused
from hotich_desktop.core.export.outbox import deliver_to_folder, export_book, waiting_packages
from hotich_desktop.core.export.template import KS_COLUMNS, SHEET, build_template
from tests.core.export.conftest import RECORDS

def test_package_rows_read_back_exactly(approved_book, tmp_path: Path) -> None:
    svc, book, boss, _, entries = approved_book
    with pytest.raises(Refused, match="xác nhận"):  # two entries are not approved: a partial book
        export_book(svc, boss, book.id, tmp_path / "out")
    result = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    folder = result.package
    assert folder.name == "KS.1998.01.xa-Demo" and result.records == 2
    assert {s["entry_id"] for s in result.skipped} == {entries[2].id, entries[3].id}
    wb = load_workbook(folder / f"{folder.name}.xlsx")
    ws = wb[SHEET]
    header = [c.value for c in ws[1]]
    assert [h.split("\n")[0].strip() for h in header] == KS_COLUMNS
    col = {h.split("\n")[0].strip(): i for i, h in enumerate(header)}
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[col["so"]] for r in rows] == ["1", "2"]  # registration-number order
    first, second = rows
    assert first[col["STT"]] == "1" and first[col["quyenSo"]] == "01/1998"
    assert first[col["nksHoTen"]] == "Dương Kim Hạnh" and first[col["nksGioiTinh"]] == "2"
    assert first[col["ngayDangKy"]] == "18.07.1998" and first[col["meHoTen"]] == "Lê Thị Ỏn"
    assert second[col["nksNgaySinh"]] == "06.1998" and second[col["chaNgaySinh"]] == "1965"
    assert second[col["nksQuocTich"]] is None  # empty stays empty, never "None"
    assert all(c.number_format == "@" for r in ws.iter_rows(min_row=2) for c in r if c.value is not None)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(folder / f"{folder.name}.zip") as zf:
        names = sorted(zf.namelist())
    assert names == sorted(r["pdf"] for r in manifest["rows"])
    assert names[0].startswith("KS.1998.01.001.Duong-Kim-Hanh")
    assert manifest["records"] == 2 and manifest["approved_by"] == "hoa"
    assert manifest["partial"] is True and manifest["not_included"]["entries"] == 2


def test_reexport_reuses_then_versions_and_never_duplicates(approved_book, tmp_path: Path) -> None:
    svc, book, boss, clerk, entries = approved_book
    out = tmp_path / "out"
    first = export_book(svc, boss, book.id, out, partial=True)
    again = export_book(svc, boss, book.id, out, partial=True)
    assert again.reused and again.package_id == first.package_id
    svc.save_record(clerk, entries[2].id, dict(RECORDS[0], so="3", ho_ten="Cầm Kim Dợ"), submit=True)
    svc.review.approve(boss, entries[2].id)
    newer = export_book(svc, boss, book.id, out, partial=True)
    assert newer.version == 2 and newer.records == 3 and not newer.reused
    with svc.store.session() as s:
        from sqlalchemy import text

        live = s.execute(text("SELECT id FROM export_packages WHERE status != 'superseded'")).scalars().all()
        dup = s.execute(text("SELECT entry_id FROM export_items JOIN export_packages p ON p.id = package_id "
                             "WHERE p.status != 'superseded' GROUP BY entry_id HAVING COUNT(*) > 1")).all()
    assert live == [newer.package_id] and dup == []
    assert [p.name for p in out.iterdir()] == ["KS.1998.01.xa-Demo"]


def test_changed_after_approval_is_refused_with_reason(approved_book, tmp_path: Path) -> None:
    svc, book, boss, _, entries = approved_book
    svc.save_record(boss, entries[0].id, dict(RECORDS[1], ho_ten="Dương Kim Hạnh Sửa"))
    result = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    reasons = {s["entry_id"]: s["reason"] for s in result.skipped}
    assert "phê duyệt" in reasons[entries[0].id] and result.records == 1


def test_missing_or_corrupt_pdf_refuses_whole_export(approved_book, tmp_path: Path) -> None:
    svc, book, boss, _, entries = approved_book
    pdf = svc.workspace.root / svc.entries.info(entries[0].id).pdf
    pdf.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(Refused, match="PDF hỏng"):
        export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    pdf.unlink()
    with pytest.raises(Refused, match="thiếu tệp PDF"):
        export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert waiting_packages(svc) == 0


@pytest.mark.parametrize("problem", ["not_a_workbook", "no_sheet", "missing_column"])
def test_bad_templates_are_reported_before_writing(approved_book, tmp_path: Path, problem: str) -> None:
    svc, book, boss, _, _ = approved_book
    template = tmp_path / "tinh.xlsx"
    if problem == "not_a_workbook":
        template.write_text("không phải excel")
    elif problem == "no_sheet":
        Workbook().save(template)
    else:
        build_template("khai_sinh", template)
        wb = load_workbook(template)
        wb[SHEET].delete_cols(KS_COLUMNS.index("nksHoTen") + 1)
        wb.save(template)
    settings = svc.settings.get()
    settings.templates = {"khai_sinh": str(template)}
    settings.save(svc.workspace.settings_path)
    with pytest.raises(BadInput) as err:
        export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    assert template.name in err.value.message
    assert list((tmp_path / "out").iterdir()) == []


def test_province_template_with_decorated_headers(approved_book, tmp_path: Path) -> None:
    svc, book, boss, _, _ = approved_book
    template = tmp_path / "tinh.xlsx"
    build_template("khai_sinh", template)
    wb = load_workbook(template)
    for cell in wb[SHEET][1]:
        cell.value = f"{cell.value}   "  # trailing spaces, as real templates have
    wb.save(template)
    before = [c.value for c in load_workbook(template)[SHEET][1]]
    settings = svc.settings.get()
    settings.templates = {"khai_sinh": str(template)}
    settings.save(svc.workspace.settings_path)
    result = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    after = load_workbook(result.package / f"{result.package.name}.xlsx")[SHEET]
    assert [c.value for c in after[1]] == before


def test_control_characters_are_removed_and_reported(approved_book, tmp_path: Path) -> None:
    """A value that slipped in from an old import; written straight through the package writer, since the
    store refuses to export a row changed behind the app's back (tests/core/test_audit_records.py)."""
    from hotich_desktop.core.export.outbox import collect_rows
    from hotich_desktop.core.export.package import write_package

    svc, book, boss, _, entries = approved_book
    rows, _ = collect_rows(svc, book.id)
    rows[0].fields = dict(rows[0].fields, noi_sinh="Trạm\x07 y tế")
    package = write_package(book, rows, tmp_path / "out", "UBND xã Demo", "hoa")
    assert any("ký tự điều khiển" in w for w in package.warnings)


def test_unwritable_export_folder_is_a_clear_message(approved_book, tmp_path: Path, monkeypatch) -> None:
    svc, book, boss, _, entries = approved_book
    real_mkdir = os.mkdir

    def refuse(path, *a, **k):  # noqa: ANN001, ANN002, ANN003 - a stick mounted read-only (root ignores chmod)
        if str(tmp_path / "usb") in os.fsdecode(path):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkdir(path, *a, **k)

    monkeypatch.setattr(os, "mkdir", refuse)
    with pytest.raises(HotichError, match="quyền"):
        export_book(svc, boss, book.id, tmp_path / "usb", partial=True)
    monkeypatch.undo()
    assert waiting_packages(svc) == 0 and svc.entries.info(entries[0].id).status == "approved"


def test_clerk_cannot_export(approved_book, tmp_path: Path) -> None:
    from hotich_desktop.core.errors import PermissionDenied

    svc, book, _, clerk, _ = approved_book
    with pytest.raises(PermissionDenied):
        export_book(svc, clerk, book.id, tmp_path / "out", partial=True)


def test_folder_delivery_verifies_and_full_target_is_not_sent(approved_book, tmp_path: Path, monkeypatch) -> None:
    svc, book, boss, _, _ = approved_book
    result = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    from hotich_desktop.core.export.targets.folder import FolderTarget

    real = FolderTarget._write
    calls = {"n": 0}

    def fills_up(self, out, chunk):  # noqa: ANN001
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, out, chunk)

    monkeypatch.setattr(FolderTarget, "_write", fills_up)
    with pytest.raises(HotichError, match="đầy"):
        deliver_to_folder(svc, boss, result.package_id, tmp_path / "usb")
    assert waiting_packages(svc) == 1  # failed, still waiting
    assert not (tmp_path / "usb" / result.package.name).exists()
    monkeypatch.setattr(FolderTarget, "_write", real)
    dest = deliver_to_folder(svc, boss, result.package_id, tmp_path / "usb")
    assert (dest / "manifest.json").exists() and waiting_packages(svc) == 0


def test_daily_report_totals_match_the_store(approved_book, tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import load_workbook as load

    from hotich_desktop.core.reports.daily import daily_rows, totals, write_report

    svc, book, boss, clerk, entries = approved_book
    svc.review.return_entry(boss, entries[1].id, "Sai tên")
    export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    today = dt.date.today()
    total = totals(daily_rows(svc, today))
    assert total == {"pages": 1, "entries": 4, "entered": 2, "approved": 2, "returned": 1, "exported": 1}
    write_report(svc, today, tmp_path / "r.xlsx")
    last = list(load(tmp_path / "r.xlsx").active.iter_rows(values_only=True))[-1]
    assert last[0] == "Tổng cộng" and list(last[2:]) == [1, 4, 2, 2, 1, 1]
    write_report(svc, today, tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert totals(daily_rows(svc, today - dt.timedelta(days=1))) == dict.fromkeys(total, 0)


def test_libreoffice_reads_back_the_stores_values(approved_book, tmp_path: Path) -> None:
    """The ministry's side opens the workbook with real spreadsheet software, not openpyxl."""
    import csv
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") or os.environ.get("HOTICH_FULL_SUITE"):
            pytest.fail("LibreOffice is missing: packaging/setup.sh test installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed (packaging/setup.sh test installs it)")
    svc, book, boss, _, _ = approved_book
    folder = export_book(svc, boss, book.id, tmp_path / "out", partial=True).package
    out = tmp_path / "csv"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
                    str(folder / f"{folder.name}.xlsx")], check=True, capture_output=True, timeout=180)
    with (out / f"{folder.name}.csv").open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    col = {h.split("\n")[0].strip(): i for i, h in enumerate(header)}
    by_number = {r[col["so"]]: r for r in rows}
    for fields in RECORDS:
        row = by_number[fields["so"]]
        assert row[col["nksHoTen"]] == fields["ho_ten"]
        assert row[col["nksNoiSinh"]] == fields["noi_sinh"]
        assert row[col["nksDanToc"]] == fields["dan_toc"] or row[col["nksDanToc"]].isdigit()
    assert by_number["1"][col["ngayDangKy"]] == "18.07.1998" and by_number["2"][col["nksNgaySinh"]] == "06.1998"
    assert by_number["1"][col["STT"]] == "1" and by_number["2"][col["chaNgaySinh"]] == "1965"


def test_usb_stick_pulled_mid_copy_is_not_marked_sent(approved_book, tmp_path: Path, monkeypatch) -> None:
    svc, book, boss, _, _ = approved_book
    result = export_book(svc, boss, book.id, tmp_path / "out", partial=True)
    from hotich_desktop.core.export.targets.folder import FolderTarget

    real = FolderTarget._write
    usb = tmp_path / "usb"

    def pulled_out(self, out, chunk):  # noqa: ANN001
        real(self, out, chunk)
        shutil.rmtree(usb)  # the stick is gone after the first chunk
        raise OSError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(FolderTarget, "_write", pulled_out)
    monkeypatch.setattr(FolderTarget, "sleep", lambda self, s: None, raising=False)
    with pytest.raises(HotichError):
        deliver_to_folder(svc, boss, result.package_id, usb)
    assert waiting_packages(svc) == 1 and not (usb / result.package.name).exists()


def test_crash_between_package_swaps_is_recovered(approved_book, tmp_path: Path) -> None:
    """A crash after the old package was moved aside and before the new one took its place."""
    from hotich_desktop.core.export.package import recover

    svc, book, boss, _, _ = approved_book
    out = tmp_path / "out"
    folder = export_book(svc, boss, book.id, out, partial=True).package
    aside = out / f".{folder.name}.old-4242"
    os.replace(folder, aside)
    (out / f".{folder.name}.abcd").mkdir()  # a half-written new package
    os.utime(out / f".{folder.name}.abcd", (1, 1))
    recover(out, folder.name)
    assert sorted(p.name for p in out.iterdir()) == [folder.name]
    assert (folder / "manifest.json").exists()
