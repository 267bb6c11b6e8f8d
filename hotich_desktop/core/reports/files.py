"""The daily report as files: xlsx (every figure, with charts), one printable A4 page (PDF), and the JSON the
district collects. Each carries the audit chain's head, which this workspace also remembers as an anchor."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import anchors, audit
from ..atomic import atomic_writer, disk_error_message, write_text
from ..errors import BadInput, HotichError
from . import charts, exchange
from .daily import ANCHOR_LABEL, COLUMNS, LABELS, _font, _table
from .progress import STATES, WAIT_DAYS, Progress

if TYPE_CHECKING:
    from ..service import Service

SUFFIXES = (".xlsx", ".pdf", ".json")


def write(svc: Service, progress: Progress, out: Path) -> dict[str, Any]:
    """Writes the report; returns the audit head it carries."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise BadInput("Báo cáo ghi ra tệp .xlsx, .pdf hoặc .json.")
    with svc.store.session() as s:
        head = audit.head(s)
    try:
        {".xlsx": _xlsx, ".pdf": _pdf, ".json": _json}[suffix](progress, out, head)
    except (OSError, ValueError) as exc:  # a missing folder, a full disk, a name the system refuses
        raise HotichError(disk_error_message(exc, out) if isinstance(exc, OSError)
                          else f"Không ghi được báo cáo vào «{out}»: tên tệp không hợp lệ.") from exc
    anchors.remember(svc.workspace.root, head, f"báo cáo {progress.day:%d/%m/%Y}")
    return head


def _json(p: Progress, out: Path, head: dict[str, Any]) -> None:
    from ... import __version__

    write_text(out, exchange.dumps(exchange.body(p, head, __version__)))


def series_of(p: Progress) -> charts.Series:
    days = [d.day for d in p.series]
    approved = [d.approved for d in p.series]
    projection: list[tuple[dt.date, float]] = []
    proj = p.projection
    if proj and proj.finish and proj.remaining > 0 and p.plan_total:
        projection = [(p.day, float(p.plan_total - proj.remaining)), (proj.finish, float(p.plan_total))]
    return charts.Series(days, approved, p.plan_line(), projection)


def daily_png(p: Progress, width_mm: float = 190, height_mm: float = 62, dpi: int = 150) -> bytes:
    return charts.daily_chart(series_of(p), "Hồ sơ được duyệt mỗi ngày và lũy kế so với kế hoạch",
                              width_mm, height_mm, dpi)


def books_png(p: Progress, width_mm: float = 190, height_mm: float = 55, dpi: int = 150) -> bytes:
    books = p.books
    return charts.book_chart([b.label for b in books], [b.approved for b in books], [b.entered for b in books],
                             [b.expected for b in books], "Từng sổ: đã nhập, đã duyệt, kế hoạch", width_mm,
                             height_mm, dpi)


BOOK_HEAD = ["Sổ", "Kế hoạch", "Mục tìm thấy", "Đã nhập", "Đã duyệt", "Đã xuất", "Tình trạng"]


def book_rows(p: Progress) -> list[list[Any]]:
    return [[b.label, b.expected if b.expected is not None else "", b.entries, b.entered, b.approved, b.exported,
             STATES[b.state] + ("" if b.planned or p.campaign is None else " (ngoài kế hoạch)")] for b in p.books]


def clerk_rows(p: Progress) -> list[list[Any]]:
    return [[login, *[c[k] for k in COLUMNS]] for login, c in p.clerks()]


def _xlsx(p: Progress, out: Path, head: dict[str, Any]) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Tiến độ"
    ws.append([f"Báo cáo tiến độ số hóa ngày {p.day:%d/%m/%Y} — {p.office_name}"])
    ws["A1"].font = Font(bold=True)
    for i, line in enumerate(_table(p.today)):
        ws.append([int(v) if i and v.isdigit() else v for v in line])

    summary = wb.create_sheet("Tóm tắt")
    summary.append([f"Tiến độ chiến dịch đến hết ngày {p.day:%d/%m/%Y} — {p.office_name} ({p.office_code})"])
    summary["A1"].font = Font(bold=True)
    for line in p.summary_lines():
        summary.append([line])
    summary.append([])
    t = p.totals()
    for label, value in (("Kế hoạch (hồ sơ)", p.plan_total), ("Đã nhập", t["entered"]), ("Đã duyệt", t["approved"]),
                         ("Đã xuất", t["exported"]), ("Hồ sơ còn điểm cần xem", p.open_finding_entries),
                         ("Hồ sơ bị trả lại", p.returned), (f"Chờ duyệt quá {WAIT_DAYS} ngày", p.waiting_late)):
        summary.append([label, value])
    if p.projection and p.projection.finish:
        summary.append(["Dự kiến xong", p.projection.finish])
        summary.cell(summary.max_row, 2).number_format = "DD/MM/YYYY"

    books = wb.create_sheet("Theo sổ")
    books.append(BOOK_HEAD)
    for row in book_rows(p):
        books.append(row)
    if p.books:
        bars = BarChart()
        bars.title, bars.y_axis.title = "Từng sổ", "hồ sơ"
        n = min(len(p.books), charts.MAX_BARS) + 1
        bars.add_data(Reference(books, min_col=4, max_col=5, min_row=1, max_row=n), titles_from_data=True)
        bars.set_categories(Reference(books, min_col=1, min_row=2, max_row=n))
        bars.width, bars.height = 24, 10
        books.add_chart(bars, "I2")

    days = wb.create_sheet("Theo ngày")
    days.append(["Ngày", "Đã nhập", "Đã duyệt", "Lũy kế đã duyệt", "Kế hoạch lũy kế"])
    acc = 0
    plan = p.campaign
    span = max(1, ((plan.end - plan.start).days + 1)) if plan else 1
    for d in p.series:
        acc += d.approved
        planned = round(p.plan_total * min(1.0, ((d.day - plan.start).days + 1) / span)) if plan else None
        days.append([d.day, d.entered, d.approved, acc, planned])
        days.cell(days.max_row, 1).number_format = "DD/MM/YYYY"
    if p.series:
        line = LineChart()
        line.title, line.y_axis.title = "Lũy kế đã duyệt so với kế hoạch", "hồ sơ"
        line.add_data(Reference(days, min_col=4, max_col=5 if plan else 4, min_row=1, max_row=days.max_row),
                      titles_from_data=True)
        line.set_categories(Reference(days, min_col=1, min_row=2, max_row=days.max_row))
        line.width, line.height = 24, 10
        days.add_chart(line, "G2")

    clerks = wb.create_sheet("Cán bộ trong ngày")
    clerks.append(["Người thực hiện", *[LABELS[k] for k in COLUMNS]])
    for row in clerk_rows(p):
        clerks.append(row)
    wb.create_sheet("Nhật ký").append([ANCHOR_LABEL, anchors.text(head)])  # its own sheet: the table stays as it was
    with atomic_writer(out) as fh:
        wb.save(fh)


def _pdf_document():  # noqa: ANN202
    from fpdf import FPDF

    font = _font()
    if font is None:
        raise BadInput("Không tìm thấy phông chữ tiếng Việt (DejaVu Sans) để in báo cáo PDF.")
    pdf = FPDF(orientation="P", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(10, 8, 10)
    pdf.add_font("DejaVu", "", str(font))
    bold = font.with_name("DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "B", str(bold if bold.exists() else font))
    return pdf


def _pdf(p: Progress, out: Path, head: dict[str, Any]) -> None:
    """One A4 page whatever the number of books: the lists are cut to what fits, with the rest counted."""
    import io

    pdf = _pdf_document()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 6, f"BÁO CÁO TIẾN ĐỘ SỐ HÓA ĐẾN NGÀY {p.day:%d/%m/%Y}\n{p.office_name} ({p.office_code})",
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("DejaVu", "", 8)
    for line in p.summary_lines():
        pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.image(io.BytesIO(daily_png(p)), x=10, w=190, h=62)
    pdf.image(io.BytesIO(books_png(p)), x=10, w=190, h=55)
    pdf.ln(1)
    bottom = 297 - 12
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(0, 4, "Công việc trong ngày theo người thực hiện", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 7)
    clerks = clerk_rows(p)
    room = max(1, int((bottom - pdf.get_y()) / 4.2) - 8)
    shown_clerks = clerks[:max(1, min(len(clerks), room // 3))]
    with pdf.table(col_widths=(40, 25, 25, 25, 25, 25, 25), line_height=3.6, text_align="CENTER") as table:
        table.row(["Người thực hiện", *[LABELS[k] for k in COLUMNS]])
        for row in shown_clerks or [["(không có)", *[""] * len(COLUMNS)]]:
            table.row([str(v) for v in row])
    pdf.ln(1)
    pdf.set_font("DejaVu", "B", 8)
    pdf.cell(0, 4, "Từng sổ (đang làm trước)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 7)
    order = {"working": 0, "waiting": 1, "done": 2}
    rows = [r for _, r in sorted(enumerate(book_rows(p)), key=lambda ir: (order[p.books[ir[0]].state], ir[0]))]
    fit = max(0, int((bottom - 6 - pdf.get_y()) / 3.7) - 1)
    shown = rows if len(rows) <= fit else rows[:max(0, fit - 1)]
    with pdf.table(col_widths=(40, 22, 22, 22, 22, 22, 40), line_height=3.3, text_align="CENTER") as table:
        table.row(BOOK_HEAD)
        for row in shown:
            table.row([str(v) for v in row])
        if len(shown) < len(rows):
            table.row([f"… và {len(rows) - len(shown)} sổ khác (xem bản Excel)", "", "", "", "", "", ""])
    pdf.set_xy(10, 297 - 10)
    pdf.set_font("DejaVu", "", 6)
    pdf.cell(0, 3, f"{ANCHOR_LABEL}: {anchors.text(head)}")
    with atomic_writer(out) as fh:
        fh.write(bytes(pdf.output()))
