"""Issue 24: the district's roll-up of three communes' report files — one on time, one late, one with a
damaged file — plus files that are not reports; the marks, the totals, the xlsx and the PDF's charts."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from hotich_desktop.core.errors import BadInput
from hotich_desktop.core.reports import exchange
from hotich_desktop.core.reports.service import Reports

DAY = dt.date(2026, 11, 4)
ROOT = Path(__file__).resolve().parents[3]


def commune_file(folder: Path, code: str, day: dt.date, approved: list[int], plan: int = 100,
                 end: str = "2026-11-10") -> Path:
    """A commune's report as its own workstation writes it (exchange.body/dumps), from a few figures."""
    start = day - dt.timedelta(days=len(approved) - 1)
    content = {
        "schema": exchange.SCHEMA, "version": exchange.VERSION, "app_version": "test",
        "commune": {"code": code, "name": f"UBND xã {code}"}, "date": day.isoformat(),
        "written_at": f"{day.isoformat()}T16:30:00+07:00", "audit_head": {"id": 7, "hash": "a" * 64},
        "campaign": {"name": "Đợt 1", "start": "2026-11-01", "end": end, "books": 3, "expected_records": plan,
                     "books_without_expected": 0},
        "plan_records": plan,
        "totals": {"entries": sum(approved) + 5, "entered": sum(approved) + 3, "approved": sum(approved),
                   "exported": 0},
        "book_states": {"done": 0, "working": 2, "waiting": 1},
        "queue": {"open_finding_entries": 1, "open_findings": 1, "returned": 2, "waiting_over_2_days": 1},
        "projection": {"pace_per_day": 5.0, "pace_days": 4, "remaining": plan - sum(approved), "finish": "2026-11-09",
                       "late_days": -1, "on_track": True},
        "series": [{"date": (start + dt.timedelta(days=i)).isoformat(), "entered": n + 1, "approved": n}
                   for i, n in enumerate(approved)],
        "clerks": [], "books": [],
    }
    path = folder / exchange.file_name(code, day)
    path.write_text(exchange.dumps(content), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    usb = tmp_path / "usb"
    (usb / "xa-C").mkdir(parents=True)
    commune_file(usb, "xa-A", DAY, [10, 12, 9, 11])
    commune_file(usb, "xa-B", DAY - dt.timedelta(days=1), [4, 5, 6], plan=80)  # late: yesterday's file
    commune_file(usb, "xa-B", DAY - dt.timedelta(days=2), [4, 5], plan=80)
    damaged = commune_file(usb / "xa-C", "xa-C", DAY, [7, 7, 7, 7])
    damaged.write_bytes(damaged.read_bytes()[:300])  # cut short on the USB stick
    (usb / "ghi-chu.json").write_text(json.dumps({"ghi_chu": "không phải báo cáo"}), encoding="utf-8")
    edited = commune_file(usb, "xa-D", DAY, [1])
    data = json.loads(edited.read_text(encoding="utf-8"))
    data["totals"]["approved"] = 999  # "corrected" by hand
    edited.write_text(json.dumps(data), encoding="utf-8")
    newer = json.loads(commune_file(usb, "xa-E", DAY, [1]).read_text(encoding="utf-8"))
    newer.pop("sha256")
    newer["version"] = exchange.VERSION + 1
    (usb / exchange.file_name("xa-E", DAY)).write_text(exchange.dumps(newer), encoding="utf-8")
    (usb / "scan.pdf").write_bytes(b"%PDF-1.4 not ours")  # other files are left alone
    return usb


def test_marks_totals_and_reasons(folder: Path, tmp_path: Path) -> None:
    roll = Reports.rollup(folder, tmp_path / "huyen.xlsx", DAY)
    marks = {c.code: (c.mark, c.reason) for c in roll.communes}
    assert marks["xa-A"] == ("ok", "")
    assert marks["xa-B"] == ("late", "báo cáo gần nhất ngày 03/11/2026")
    assert marks["xa-C"][0] == "damaged" and "bị hỏng" in marks["xa-C"][1] and "xa-C/" in marks["xa-C"][1]
    assert marks["xa-D"][0] == "damaged" and "SHA-256 không khớp" in marks["xa-D"][1]
    assert marks["xa-E"][0] == "damaged" and "mới hơn phiên bản" in marks["xa-E"][1]
    assert [(f, "không phải tệp báo cáo" in why) for f, why in roll.refused] == [("ghi-chu.json", True)]
    t = roll.totals()  # the district counts each commune's newest good figures: A today, B yesterday
    assert (t["plan"], t["approved"], t["entered"], t["returned"]) == (180, 42 + 15, 42 + 3 + 15 + 3, 4)
    s = roll.series()
    assert s.days[0] == dt.date(2026, 11, 1) and s.days[-1] == DAY
    assert list(s.approved) == [10 + 4, 12 + 5, 9 + 6, 11]

    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "huyen.xlsx")
    ws = wb["Toàn huyện"]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] or r[1]]
    by_code = {r[0]: r for r in rows if r[0]}
    assert by_code["xa-A"][2] == "Đã báo cáo" and by_code["xa-B"][2].startswith("CHƯA BÁO CÁO HÔM NAY")
    assert by_code["xa-C"][2].startswith("TỆP BÁO CÁO HỎNG")
    district = next(r for r in rows if r[1] == "TOÀN HUYỆN")
    assert district[4] == 180 and district[6] == 57 and district[2].startswith("1 đã báo cáo, 1 chưa, 3 tệp hỏng")
    assert ws._charts and {"xa-A", "xa-B"} <= set(wb.sheetnames)


def test_pdf_has_a_table_and_charts(folder: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    out = tmp_path / "huyen.pdf"
    Reports.rollup(folder, out, DAY)
    doc = pdfium.PdfDocument(str(out))
    text = doc[0].get_textpage().get_text_range()
    assert "CHƯA BÁO CÁO HÔM NAY" in text and "TOÀN HUYỆN" in text and "ghi-chu.json" in text
    chart = np.asarray(doc[1].render(scale=60 / 72).to_pil().convert("L"))
    assert (chart < 128).mean() > 0.01 and len(np.unique(chart // 32)) >= 4
    assert len(doc) >= 3  # the district's page, its charts, the communes' panels
    panels = doc[2]
    words = panels.get_textpage().get_text_range()  # headings are PDF text beside the picture of the lines
    assert "(xa-A)" in words and "Duyệt " in words and "trục dọc 0" in words
    picture = np.asarray(panels.render(scale=60 / 72).to_pil().convert("L"))
    assert (picture < 128).mean() > 0.002
    doc.close()


def test_cli_rollup_and_bad_folder(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "huyen.xlsx"
    proc = subprocess.run([sys.executable, "-m", "hotich_desktop.cli.main", "report", "rollup", str(folder),
                           "--out", str(out), "--date", DAY.isoformat(), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    assert {c["code"]: c["mark"] for c in payload["communes"]}["xa-B"] == "late" and out.is_file()
    with pytest.raises(BadInput, match="Không có thư mục"):
        Reports.rollup(tmp_path / "khong-co", out, DAY)
    with pytest.raises(BadInput, match=r"\.xlsx hoặc \.pdf"):
        Reports.rollup(folder, tmp_path / "huyen.docx", DAY)
