"""The district's view: every commune's report file from a folder (USB stick, shared folder, delivery
target), checked and added up, with a table and a chart per commune and for the district.

A file that is not a report, is damaged, is of a newer version or names a later day is refused with its
reason. A commune whose newest good report is older than the roll-up day is marked as not reported today
(its last figures still count in the district's cumulative totals, marked with their date).
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import atomic_writer, disk_error_message
from ..errors import BadInput, HotichError
from . import charts, exchange
from .exchange import CommuneReport, NotAReport

MAX_FILES = 5000
MARKS = {"ok": "Đã báo cáo", "late": "CHƯA BÁO CÁO HÔM NAY", "damaged": "TỆP BÁO CÁO HỎNG"}
NAME = re.compile(r"tien-do-(?P<code>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.json$", re.IGNORECASE)


@dataclass
class CommuneLine:
    code: str
    name: str
    mark: str                      # ok | late | damaged
    reason: str = ""
    report: CommuneReport | None = None  # the newest good report (None: never a good one)

    @property
    def mark_text(self) -> str:
        return MARKS[self.mark] + (f": {self.reason}" if self.reason else "")


@dataclass
class Rollup:
    day: dt.date
    communes: list[CommuneLine]
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason) not tied to a commune

    def reports(self) -> list[CommuneReport]:
        return [c.report for c in self.communes if c.report]

    def totals(self) -> dict[str, int]:
        out = dict.fromkeys(("plan", *exchange.TOTAL_KEYS, "returned", "waiting_over_2_days"), 0)
        for r in self.reports():
            out["plan"] += r.plan
            for k in exchange.TOTAL_KEYS:
                out[k] += r.totals[k]
            for k in ("returned", "waiting_over_2_days"):
                out[k] += r.queue.get(k, 0)
        return out

    def series(self) -> charts.Series:
        return _series([r for r in self.reports()], self.day, sum(r.plan for r in self.reports()),
                       _ends(self.reports()))

    def projection(self) -> tuple[dt.date | None, int | None]:
        return _project(self.series(), sum(r.plan for r in self.reports()), self.day, _ends(self.reports()))


def _ends(reports: list[CommuneReport]) -> tuple[dt.date | None, dt.date | None]:
    starts = [dt.date.fromisoformat(r.campaign["start"]) for r in reports if r.campaign]
    ends = [dt.date.fromisoformat(r.campaign["end"]) for r in reports if r.campaign]
    return (min(starts) if starts else None, max(ends) if ends else None)


def _series(reports: list[CommuneReport], day: dt.date, plan: int,
            span: tuple[dt.date | None, dt.date | None]) -> charts.Series:
    per: dict[dt.date, int] = defaultdict(int)
    for r in reports:
        for d, _entered, approved in r.series:
            if d <= day:
                per[d] += approved
    days = sorted(per) or [day]
    if days[-1] < day:
        days.append(day)
    first = days[0]
    full = [first + dt.timedelta(days=i) for i in range((day - first).days + 1)]
    start, end = span
    plan_line = [(start - dt.timedelta(days=1), 0.0), (end, float(plan))] if start and end and plan else []
    approved = [per.get(d, 0) for d in full]
    s = charts.Series(full, approved, plan_line)
    finish, _ = _project(s, plan, day, span)
    if finish and plan > sum(approved):
        s = charts.Series(full, approved, plan_line, [(day, float(sum(approved))), (finish, float(plan))])
    return s


def _project(s: charts.Series, plan: int, day: dt.date, span: tuple[dt.date | None, dt.date | None]
             ) -> tuple[dt.date | None, int | None]:
    start, end = span
    days = 7 if start is None else max(1, min(7, (day - start).days + 1))
    recent = sum(n for d, n in zip(s.days, s.approved) if (day - d).days < days)
    remaining = plan - sum(s.approved)
    if remaining <= 0:
        return day, (day - end).days if end else None
    if recent <= 0:
        return None, None
    finish = day + dt.timedelta(days=math.ceil(remaining / (recent / days)))
    return finish, (finish - end).days if end else None


def collect(folder: Path, day: dt.date) -> Rollup:
    if not folder.is_dir():
        raise BadInput(f"Không có thư mục «{folder}» (thư mục chứa tệp báo cáo .json của các xã).")
    files = sorted(p for p in _json_files(folder))
    good: dict[str, list[CommuneReport]] = defaultdict(list)
    bad: dict[str, list[tuple[str, str]]] = defaultdict(list)
    refused: list[tuple[str, str]] = []
    for path in files:
        shown = str(path.relative_to(folder))
        try:
            report = exchange.read(path)
        except NotAReport as exc:
            guess = NAME.search(path.name)
            if guess:
                bad[guess["code"]].append((shown, str(exc)))
            else:
                refused.append((shown, str(exc)))
            continue
        if report.day > day:
            refused.append((shown, f"báo cáo ghi ngày {report.day:%d/%m/%Y}, sau ngày tổng hợp {day:%d/%m/%Y}"))
            continue
        good[report.code].append(report)
    lines = []
    for code in sorted(set(good) | set(bad)):
        reports = sorted(good.get(code, []), key=lambda r: (r.day, int(r.audit_head.split(":")[0])))
        newest = reports[-1] if reports else None
        name = newest.name if newest else code
        if newest and newest.day == day:
            lines.append(CommuneLine(code, name, "ok", "", newest))
        elif bad.get(code):
            file, why = bad[code][-1]
            last = f"; số liệu gần nhất ngày {newest.day:%d/%m/%Y}" if newest else ""
            lines.append(CommuneLine(code, name, "damaged", f"«{file}»: {why}{last}", newest))
        else:
            assert newest is not None
            lines.append(CommuneLine(code, name, "late", f"báo cáo gần nhất ngày {newest.day:%d/%m/%Y}", newest))
    for code, items in bad.items():  # damaged files beside a good report of the day: listed, not counted
        if any(c.code == code and c.mark == "ok" for c in lines):
            refused.extend(items)
    return Rollup(day, lines, refused)


def _json_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for path in folder.rglob("*"):
        if len(path.relative_to(folder).parts) > 3 or not path.name.lower().endswith(".json"):
            continue
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".") \
                and path.name != ".received.json":
            found.append(path)
            if len(found) > MAX_FILES:
                raise BadInput(f"Thư mục «{folder}» có hơn {MAX_FILES} tệp .json: hãy chọn đúng thư mục báo cáo.")
    return found


# -- writing -----------------------------------------------------------------------------------------------
HEAD = ["Mã xã", "Tên xã", "Báo cáo", "Số liệu ngày", "Kế hoạch", "Đã nhập", "Đã duyệt", "% kế hoạch", "Đã xuất",
        "Trả lại", "Chờ duyệt > 2 ngày", "Dự kiến xong", "Trễ hạn (ngày)"]


def _cells(line: CommuneLine) -> list[Any]:
    r = line.report
    if r is None:
        return [line.code, line.name, line.mark_text, "", "", "", "", "", "", "", "", "", ""]
    proj = r.projection or {}
    pct = round(100 * r.totals["approved"] / r.plan, 1) if r.plan else ""
    finish = dt.date.fromisoformat(proj["finish"]) if isinstance(proj.get("finish"), str) else None
    late = proj.get("late_days")
    return [line.code, line.name, line.mark_text, r.day, r.plan, r.totals["entered"], r.totals["approved"], pct,
            r.totals["exported"], r.queue.get("returned", 0), r.queue.get("waiting_over_2_days", 0), finish,
            late if isinstance(late, int) else ""]


def district_cells(roll: Rollup) -> list[Any]:
    t = roll.totals()
    finish, late = roll.projection()
    pct = round(100 * t["approved"] / t["plan"], 1) if t["plan"] else ""
    counts = defaultdict(int)
    for c in roll.communes:
        counts[c.mark] += 1
    marks = f"{counts['ok']} đã báo cáo, {counts['late']} chưa, {counts['damaged']} tệp hỏng"
    return ["", "TOÀN HUYỆN", marks, roll.day, t["plan"], t["entered"], t["approved"], pct, t["exported"],
            t["returned"], t["waiting_over_2_days"], finish, late if late is not None else ""]


def write(roll: Rollup, out: Path) -> None:
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise BadInput("Bảng tổng hợp ghi ra tệp .xlsx hoặc .pdf.")
    try:
        (_xlsx if suffix == ".xlsx" else _pdf)(roll, out)
    except (OSError, ValueError) as exc:
        raise HotichError(disk_error_message(exc, out) if isinstance(exc, OSError)
                          else f"Không ghi được bảng tổng hợp vào «{out}»: tên tệp không hợp lệ.") from exc


def _sheet_title(text: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", text)[:28] or "xa"
    title, n = base, 1
    while title.lower() in used:
        n += 1
        title = f"{base[:26]}-{n}"
    used.add(title.lower())
    return title


def _xlsx(roll: Rollup, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Toàn huyện"
    ws.append([f"Tổng hợp tiến độ số hóa các xã, ngày {roll.day:%d/%m/%Y}"])
    ws["A1"].font = Font(bold=True)
    ws.append(HEAD)
    for line in roll.communes:
        ws.append(_cells(line))
        if line.mark != "ok":
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    ws.append(district_cells(roll))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=3, min_col=4, max_col=12):
        for cell in (row[0], row[-1]):
            cell.number_format = "DD/MM/YYYY"
    if roll.communes:
        bars = BarChart()
        bars.title = "Từng xã: kế hoạch và đã duyệt"
        n = 2 + len(roll.communes)
        bars.add_data(Reference(ws, min_col=5, min_row=2, max_row=n), titles_from_data=True)
        bars.add_data(Reference(ws, min_col=7, min_row=2, max_row=n), titles_from_data=True)
        bars.set_categories(Reference(ws, min_col=2, min_row=3, max_row=n))
        bars.width, bars.height = 24, 10
        ws.add_chart(bars, f"A{n + 4}")
    if roll.refused:
        ws.append([])
        ws.append(["Tệp không dùng được", "Lý do"])
        for file, why in roll.refused:
            ws.append([file, why])
    used = {ws.title.lower()}
    _series_sheet(wb.create_sheet(_sheet_title("Huyện theo ngày", used)), "Toàn huyện", roll.series(), LineChart,
                  Reference)
    for line in roll.communes:
        sheet = wb.create_sheet(_sheet_title(line.code, used))
        sheet.append([f"{line.name} ({line.code}) — {line.mark_text}"])
        sheet["A1"].font = Font(bold=True)
        if line.report:
            r = line.report
            _series_sheet(sheet, line.name, _series([r], roll.day, r.plan, _ends([r])), LineChart, Reference)
    with atomic_writer(out) as fh:
        wb.save(fh)


def _series_sheet(ws, title: str, s: charts.Series, LineChart, Reference) -> None:  # noqa: ANN001, N803
    start_row = ws.max_row + 1 if ws.max_row > 1 else 1
    ws.append(["Ngày", "Duyệt trong ngày", "Lũy kế đã duyệt"])
    acc = 0
    for d, n in zip(s.days, s.approved):
        acc += n
        ws.append([d, n, acc])
        ws.cell(ws.max_row, 1).number_format = "DD/MM/YYYY"
    if s.days:
        line = LineChart()
        line.title = f"{title}: lũy kế đã duyệt"
        line.add_data(Reference(ws, min_col=3, min_row=start_row, max_row=ws.max_row), titles_from_data=True)
        line.set_categories(Reference(ws, min_col=1, min_row=start_row + 1, max_row=ws.max_row))
        line.width, line.height = 20, 9
        ws.add_chart(line, "E2")


def _pdf(roll: Rollup, out: Path) -> None:
    from .files import _pdf_document

    pdf = _pdf_document()
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_page(orientation="L")
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 6, f"TỔNG HỢP TIẾN ĐỘ SỐ HÓA CÁC XÃ — NGÀY {roll.day:%d/%m/%Y}", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    finish, late = roll.projection()
    t = roll.totals()
    pdf.set_font("DejaVu", "", 8)
    words = (f"Toàn huyện: {t['approved']}/{t['plan']} hồ sơ đã duyệt, {t['entered']} đã nhập, {t['exported']} đã xuất. "
             + (f"Dự kiến xong {finish:%d/%m/%Y}" + (f", trễ {late} ngày." if late and late > 0 else ", kịp hạn.")
                if finish else "Chưa ước tính được ngày xong."))
    pdf.multi_cell(0, 4, words, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("DejaVu", "", 7)
    widths = (20, 34, 52, 18, 15, 15, 15, 14, 15, 14, 17, 18, 16)
    with pdf.table(col_widths=widths, line_height=3.4, text_align="CENTER") as table:
        table.row(HEAD)
        for line in roll.communes:
            table.row([_text(v) for v in _cells(line)])
        table.row([_text(v) for v in district_cells(roll)])
    if roll.refused:
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 8)
        pdf.cell(0, 4, "Tệp không dùng được", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 7)
        for file, why in roll.refused[:40]:
            pdf.multi_cell(0, 3.5, f"«{file}»: {why}", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page(orientation="L")
    district = charts.daily_chart(roll.series(), "Toàn huyện: duyệt mỗi ngày, lũy kế và kế hoạch", 277, 90, 120)
    pdf.image(io.BytesIO(district), x=10, w=277, h=90)
    reports = [c for c in roll.communes if c.report]
    bars = charts.book_chart([c.code for c in reports], [c.report.totals["approved"] for c in reports],
                             [c.report.totals["entered"] for c in reports], [c.report.plan for c in reports],
                             "Từng xã: đã nhập, đã duyệt, kế hoạch", 277, 90, 120)
    pdf.image(io.BytesIO(bars), x=10, w=277, h=90)
    per_page = 9  # 3 x 3 panels on a landscape page; the figures are in each panel's heading (the first
    # page's table has them all), so a page is one picture, not a table and a picture
    for i in range(0, len(roll.communes), per_page):
        chunk = roll.communes[i:i + per_page]
        pdf.add_page(orientation="L")
        items = [_series([c.report], roll.day, c.report.plan, _ends([c.report])) if c.report
                 else charts.Series([], []) for c in chunk]
        x, y, w, h = 10, 10, 277, 190
        pdf.image(io.BytesIO(charts.small_multiples(items, columns=3, width_mm=w, height_mm=h)), x=x, y=y, w=w, h=h)
        for line, s, (bx, by, bw, bh) in zip(chunk, items, charts.panel_boxes(len(items), 3)):
            left, top, bottom = x + bx * w, y + (1 - by - bh) * h, y + (1 - by) * h
            head, figures = _panel_title(line)
            pdf.set_font("DejaVu", "B", 7)
            pdf.text(left, top - 4.6, head[:90])
            pdf.set_font("DejaVu", "", 6)
            pdf.text(left, top - 1.4, figures[:100])
            pdf.set_font("DejaVu", "", 5.5)
            pdf.text(left, bottom + 3, charts.panel_scale(s))
    with atomic_writer(out) as fh:
        fh.write(bytes(pdf.output()))


def _panel_title(line: CommuneLine) -> tuple[str, str]:
    """Name and mark, then what the table says of it: approved against the plan and the finish."""
    head = f"{line.name} ({line.code})" + ("" if line.mark == "ok" else f" — {MARKS[line.mark]}")
    r = line.report
    if r is None:
        return head, line.reason
    pct = f" ({100 * r.totals['approved'] / r.plan:.0f}%)" if r.plan else ""
    finish = (r.projection or {}).get("finish")
    when = f", dự kiến xong {dt.date.fromisoformat(finish):%d/%m/%Y}" if isinstance(finish, str) else ""
    return head, f"Duyệt {r.totals['approved']}/{r.plan}{pct}{when}; số liệu {r.day:%d/%m}"


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)
