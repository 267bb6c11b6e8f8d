"""Issue 24: a campaign with generated books worked over several days (the days injected into the store's
timestamps, no sleeping): cumulative totals, the projection, the report files and the chart in the PDF."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import update

from hotich_desktop.core.entries.processing import process_book
from hotich_desktop.core.errors import BadInput, PermissionDenied
from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.core.lifecycle import PageStatus
from hotich_desktop.core.reports import exchange
from hotich_desktop.core.reports.campaign import PlannedBook, parse_book_list
from hotich_desktop.core.review.book import review_queue
from hotich_desktop.core.store.models import Book, Entry, Page, Record, ReviewDecision, utcnow
from tests.conftest import ledger_pages, make_entries

START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 10)
DAY1, DAY2, DAY3 = dt.date(2026, 11, 2), dt.date(2026, 11, 3), dt.date(2026, 11, 4)


def fields(n: int, year: int, so: int | None = None) -> dict[str, str]:
    return {"so": str(so or n), "ngay_dang_ky": f"18/07/{year}", "ho_ten": f"Lò Văn Số {year} {n}",
            "gioi_tinh": "Nam", "ngay_sinh": f"22/06/{year}", "noi_sinh": "Trạm y tế xã Châu Quang",
            "dan_toc": "Thái"}


def happened_on(svc, day: dt.date, since: dt.datetime) -> None:
    """What was done since `since` (real time) is moved to the given day's noon, as if done then."""
    at = dt.datetime.combine(day, dt.time(12)).astimezone().astimezone(dt.timezone.utc).replace(tzinfo=None)
    with svc.store.session() as s:
        for model, column in ((Record, Record.entered_at), (Record, Record.submitted_at),
                              (ReviewDecision, ReviewDecision.created_at), (Entry, Entry.created_at),
                              (Page, Page.created_at), (Book, Book.created_at)):
            s.execute(update(model).where(column >= since).values({column.key: at})
                      .execution_options(synchronize_session=False))


@pytest.fixture
def campaign(sqlite_service, tmp_path: Path):
    return worked(sqlite_service, tmp_path)


@pytest.fixture
def campaign_any(service, tmp_path: Path):
    """The same on SQLite and on PostgreSQL (the days are counted by the database)."""
    return worked(service, tmp_path)


def worked(svc, tmp_path: Path):
    """Book A: a generated page of four entries, ingested and processed, plus four more; book B: six
    entries; book C: planned, not started. Three days of work."""
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau1", "clerk")
    boss = svc.create_user(admin, "hoa", "matkhau1", "supervisor")
    t0 = utcnow()
    scans = tmp_path / "scans"
    scans.mkdir()
    shutil.copy(ledger_pages()[0], scans)
    os.utime(next(scans.iterdir()), (1, 1))
    book_a = svc.books.open(clerk, "khai_sinh", 1998, "1").value
    ingest_folder(svc, clerk, book_a.id, scans)
    a = [e.id for e in process_book(svc, clerk, book_a.id, ocr=False)]
    assert len(a) == 4
    a += make_entries(svc, clerk, 4, year=1998, volume="1")
    b = make_entries(svc, clerk, 6, year=1999, volume="1")
    with svc.store.session() as s:
        s.execute(update(Page).values(status=PageStatus.DETECTED))
    svc.reports.set_campaign(admin, START, END, [PlannedBook("khai_sinh", 1998, "1", 8),
                                                 PlannedBook("khai_sinh", 1999, "1", 6),
                                                 PlannedBook("khai_tu", 2000, "1", None)], "Đợt 1")
    happened_on(svc, DAY1, t0)

    def work(day: dt.date, enter: list[tuple[int, dict]], approve: list[int], give_back: list[int] = ()) -> None:
        since = utcnow()
        for entry_id, values in enter:
            svc.save_record(clerk, entry_id, values, submit=True)
        for entry_id in approve:
            svc.review.approve(boss, entry_id)
        for entry_id in give_back:
            svc.review.return_entry(boss, entry_id, "Sai tên")
        happened_on(svc, day, since)

    work(DAY1, [(e, fields(k, 1998)) for k, e in enumerate(a[:4], 1)], a[:3])
    work(DAY2, [(e, fields(k, 1998)) for k, e in enumerate(a[4:], 5)], a[3:7])
    # two records of book B carry the same number: open findings for the supervisor
    work(DAY3, [(e, fields(k, 1999, so=5 if k == 6 else None)) for k, e in enumerate(b, 1)], [a[7], *b[:2]], [b[2]])
    return svc, admin, clerk, boss, a, b


def test_cumulative_totals_books_and_queue(campaign_any) -> None:
    svc, admin, clerk, boss, a, b = campaign_any
    p = svc.reports.progress(clerk, DAY3)
    assert p.plan_total == 14
    assert p.totals() == {"entries": 14, "entered": 14, "approved": 10, "exported": 0}
    assert [(x.label, x.state, x.approved) for x in p.books] == [
        ("KS 1998 q.1", "done", 8), ("KS 1999 q.1", "working", 2), ("KT 2000 q.1", "waiting", 0)]
    assert p.book_states() == {"done": 1, "working": 1, "waiting": 1}
    assert [(d.day, d.entered, d.approved) for d in p.series] == [
        (START, 0, 0), (DAY1, 4, 3), (DAY2, 4, 4), (DAY3, 6, 3)]
    assert p.returned == 1
    unclean = [r.entry_id for r in review_queue(svc) if not r.clean]
    assert p.open_finding_entries == len(unclean) >= 2 and {b[4], b[5]} <= set(unclean)
    assert p.waiting_late == 0  # sent on the report's day
    clerks = dict(p.clerks())
    assert clerks["lan"]["entered"] == 6 and clerks["hoa"]["approved"] == 3 and clerks["hoa"]["returned"] == 1
    earlier = svc.reports.progress(clerk, DAY1)  # a past day counts only what was done by then
    assert earlier.totals()["approved"] == 3 and earlier.totals()["entered"] == 4


def test_projection_at_the_last_seven_days_pace(campaign_any) -> None:
    svc, admin, clerk, *_ = campaign_any
    p = svc.reports.progress(clerk, DAY3)
    proj = p.projection
    # 4 days since the start (1 to 4 Nov), 10 approved: 2.5 a day, 4 left -> 2 more days
    assert (proj.pace, proj.pace_days, proj.remaining) == (2.5, 4, 4)
    assert proj.finish == dt.date(2026, 11, 6) and proj.late_days == -4 and "kịp tiến độ" in proj.text()
    later = svc.reports.progress(clerk, dt.date(2026, 11, 9))  # nothing approved since the 4th
    # 3 to 9 Nov: 7 approved in 7 days -> 1 a day, 4 left -> 13 Nov, 3 days after the end
    assert later.projection.finish == dt.date(2026, 11, 13) and later.projection.late_days == 3
    assert "TRỄ 3 ngày" in later.projection.text()
    assert later.waiting_late == 3  # b[3..5] sent on the 4th, still waiting on the 9th
    idle = svc.reports.progress(clerk, dt.date(2026, 11, 20))
    assert idle.projection.finish is None and "chưa ước tính" in idle.projection.text()


def test_pdf_is_one_page_with_charts_that_are_not_blank(campaign, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    svc, admin, clerk, *_ = campaign
    out = tmp_path / "bao-cao.pdf"
    svc.reports.write(clerk, DAY3, out)
    doc = pdfium.PdfDocument(str(out))
    assert len(doc) == 1
    page = doc[0]
    assert round(page.get_width() / 72 * 25.4) == 210 and round(page.get_height() / 72 * 25.4) == 297
    text = page.get_textpage().get_text_range()
    assert "KS 1998 q.1" in text and "Dự báo" in text and "kịp tiến độ" in text
    grey = np.asarray(page.render(scale=100 / 72).to_pil().convert("L"))
    mm = grey.shape[0] / 297
    charts = grey[int(45 * mm):int(165 * mm), int(12 * mm):int(198 * mm)]
    dark = (charts < 128).mean()
    assert 0.01 < dark < 0.6, dark  # lines, bars and hatching drawn, not an empty box
    assert len(np.unique(charts // 32)) >= 4  # black, hatched greys and white: more than text on paper
    doc.close()


def test_xlsx_and_json_files(campaign, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from hotich_desktop.core import anchors, audit

    svc, admin, clerk, *_ = campaign
    svc.reports.write(clerk, DAY3, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames[:5] == ["Tiến độ", "Tóm tắt", "Theo sổ", "Theo ngày", "Cán bộ trong ngày"]
    assert [r[:6] for r in wb["Theo sổ"].iter_rows(min_row=2, values_only=True)][0] == ("KS 1998 q.1", 8, 8, 8, 8, 0)
    assert wb["Theo ngày"]._charts and wb["Theo sổ"]._charts
    out = tmp_path / exchange.file_name(svc.settings.get().office_code, DAY3)
    svc.reports.write(clerk, DAY3, out)
    report = exchange.read(out)
    with svc.store.session() as s:
        head = audit.head(s)
    assert report.audit_head == anchors.text(head) and report.day == DAY3
    assert report.totals["approved"] == 10 and report.plan == 14 and report.code == svc.settings.get().office_code
    assert report.projection["finish"] == "2026-11-06" and report.projection["on_track"] is True
    assert any(a["hash"] == head["hash"] for a in anchors.load(svc.workspace.root))


def test_campaign_is_for_supervisors_audited_and_imported_from_a_list(campaign, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from hotich_desktop.core.store.models import AuditEvent

    svc, admin, clerk, boss, *_ = campaign
    with pytest.raises(PermissionDenied):
        svc.reports.set_campaign(clerk, START, END, [])
    wb = Workbook()
    wb.active.append(["Danh sách sổ cần số hóa — xã Demo"])
    wb.active.append(["STT", "Loại sổ", "Năm", "Quyển", "Số hồ sơ dự kiến"])
    wb.active.append([1, "Khai sinh", 1998, 1, 8])
    wb.active.append([2, "KT", 2000, "2", None])
    wb.save(tmp_path / "ds.xlsx")
    done = svc.reports.import_campaign(boss, START, END, tmp_path / "ds.xlsx", "Đợt 2")
    assert [b.as_json() for b in done.value.books] == [
        {"book_type": "khai_sinh", "year": 1998, "volume": "1", "expected": 8},
        {"book_type": "khai_tu", "year": 2000, "volume": "2", "expected": None}]
    assert done.changes.settings
    with svc.store.session() as s:
        event = s.query(AuditEvent).filter_by(action="campaign_set").order_by(AuditEvent.id.desc()).first()
        assert event.user_login == "hoa" and event.before["name"] == "Đợt 1"
    (tmp_path / "bad.csv").write_text("Loại sổ;Năm;Quyển\nkhai sinh;1998;1\nsổ lạ;19x8;2\n", encoding="utf-8")
    with pytest.raises(BadInput, match="dòng 3: loại sổ «sổ lạ» không có"):
        parse_book_list(tmp_path / "bad.csv")
    (tmp_path / "x.csv").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BadInput):
        parse_book_list(tmp_path / "x.csv")
    with pytest.raises(BadInput, match="trước ngày bắt đầu"):
        svc.reports.set_campaign(admin, END, START, [])


def test_decimals_are_written_the_vietnamese_way() -> None:
    """«0.1 hồ sơ/ngày» reads as nothing to a Vietnamese officer: the decimal mark is a comma."""
    import datetime as dt

    from hotich_desktop.core.reports.progress import Projection

    text = Projection(pace=0.1, pace_days=7, remaining=40, finish=dt.date(2027, 3, 1), late_days=None).text()
    assert "nhịp 0,1 hồ sơ/ngày" in text and "0.1" not in text
