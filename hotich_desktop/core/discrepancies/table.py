"""Reading a province's spreadsheet (Excel or CSV) into rows of text, and saying how it was read.

Lists arrive as .xlsx exported from the population system, or CSV saved by whatever office tool was at hand:
UTF-8 (with or without BOM), UTF-16, or the old Windows-1258 Vietnamese code page, sometimes mixed line by
line after copy-and-paste. Merged cells (a unit's name merged down its rows) are spread to every row they
cover. Nothing here touches the store: the caller decides what to keep.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..errors import BadInput

MAX_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass
class Table:
    """The sheet as text: the header row's cells, the data rows (each with its row number in the file)."""
    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str = ""  # CSV: which encoding was used; Excel: "xlsx"
    notes: list[str] = field(default_factory=list)  # what the reader did (merged cells spread, …)
    header_row: int = 1


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if (value.hour, value.minute, value.second) == (0, 0, 0) else \
            value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and value.isascii():
        return " ".join(value.split())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.replace("\u00a0", " ").split())


def excel_serial_date(text: str) -> str:
    """'36526' (an Excel day number left unformatted) -> '01/01/2000'; anything else as given."""
    if re.fullmatch(r"\d{4,5}(\.0+)?", text):
        n = int(float(text))
        if 1 <= n <= 73050:  # up to 2099
            return (EXCEL_EPOCH + dt.timedelta(days=n)).strftime("%d/%m/%Y")
    return text


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx/.xlsm, or a .csv/.txt file; BadInput with a readable reason otherwise."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(f"Không mở được tệp {path.name}: {exc.strerror or exc}.") from None
    if not path.is_file():
        raise BadInput(f"{path.name} không phải là một tệp.")
    if size == 0:
        raise BadInput(f"Tệp {path.name} trống.")
    if size > MAX_BYTES:
        raise BadInput(f"Tệp {path.name} lớn quá ({size // (1024 * 1024)} MB; tối đa {MAX_BYTES // (1024 * 1024)} MB).")
    head = path.read_bytes()[:4] if size < 4096 else open(path, "rb").read(4)
    if head.startswith(b"PK"):
        table = _read_xlsx(path)
    elif path.suffix.lower() in (".xls",) or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadInput(f"{path.name} là tệp Excel cũ (.xls): hãy mở bằng Excel và lưu lại thành .xlsx hoặc CSV.")
    else:
        table = _read_csv(path.read_bytes(), path.name)
    return _find_header(table, path.name)


# -- CSV --------------------------------------------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str, int]:
    """Text, the encoding used, and how many lines needed Windows-1258 in a file that is mostly UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (có BOM)", 0
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16", 0
    sample = data[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without its BOM
        le = sample[1::2].count(0) > sample[0::2].count(0)
        return data.decode("utf-16-le" if le else "utf-16-be", errors="replace"), "UTF-16", 0
    try:
        return data.decode("utf-8"), "UTF-8", 0
    except UnicodeDecodeError:
        pass
    lines, old = [], 0
    for raw in data.split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1258", errors="replace"))
            old += 1
    text = "\n".join(lines)
    if old == len(lines) or old >= len([x for x in lines if x.strip()]):
        return text, "Windows-1258", 0
    return text, "UTF-8 lẫn Windows-1258", old


def _read_csv(data: bytes, name: str) -> Table:
    text, encoding, mixed = decode(data)
    text = unicodedata.normalize("NFC", text)  # Windows-1258 writes tones as combining marks
    if "\x00" in text:
        raise BadInput(f"{name} không phải tệp CSV (có ký tự nhị phân).")
    first = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t|", key=first.count)
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, [_clean(c) for c in cells]))
            if len(rows) > MAX_ROWS + 50:
                raise BadInput(f"{name} có hơn {MAX_ROWS:,} dòng; hãy chia danh sách thành nhiều tệp.")
    except csv.Error as exc:
        raise BadInput(f"{name}: dòng {reader.line_num} không đọc được ({exc}).") from None
    notes = [f"Mã ký tự: {encoding}" + (f" ({mixed} dòng Windows-1258)" if mixed else "")
             + f"; dấu phân cách «{'TAB' if delimiter == chr(9) else delimiter}»."]
    return Table([], rows, encoding, notes)


# -- Excel ------------------------------------------------------------------------------------------------
def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils import range_boundaries
    from openpyxl.utils.exceptions import InvalidFileException

    fh = open(path, "rb")  # a file object: openpyxl then judges the content, not the name's extension
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        fh.close()
        raise BadInput(f"{path.name} không phải tệp Excel đọc được ({type(exc).__name__}).") from None
    try:
        ws = wb.worksheets[0]
        merges = _merged_ranges(path, getattr(ws, "_worksheet_path", ""))
        rows: list[tuple[int, list[str]]] = []
        for number, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            rows.append((number, [_clean(c) for c in cells]))
            if len(rows) > MAX_ROWS + 50:
                raise BadInput(f"{path.name} có hơn {MAX_ROWS:,} dòng; hãy chia danh sách thành nhiều tệp.")
        title = ws.title
    finally:
        wb.close()
        fh.close()
    notes = [f"Trang tính «{title}»" + (f" (tệp có {len(wb.sheetnames)} trang, chỉ đọc trang đầu)"
                                       if len(wb.sheetnames) > 1 else "") + "."]
    spread = 0
    by_number = {n: cells for n, cells in rows}
    for ref in merges:
        # A unit's name merged down its rows reaches every row; a title merged across columns stays one cell.
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row == min_row:
            continue
        top = by_number.get(min_row)
        value = top[min_col - 1] if top and len(top) >= min_col else ""
        for r in range(min_row + 1, max_row + 1):
            cells = by_number.get(r)
            if cells is None:
                continue
            if len(cells) < min_col:
                cells.extend([""] * (min_col - len(cells)))
            if not cells[min_col - 1]:
                cells[min_col - 1] = value
        spread += 1
    if spread:
        notes.append(f"{spread} vùng ô gộp: giá trị được chép xuống mọi dòng của vùng.")
    return Table([], rows, "xlsx", notes)


def _merged_ranges(path: Path, sheet_path: str) -> list[str]:
    """The sheet's <mergeCell ref=…> list, read from the file itself (read-only sheets do not keep it)."""
    if not sheet_path:
        return []
    try:
        with zipfile.ZipFile(path) as z, z.open(sheet_path.lstrip("/")) as f:
            out = []
            for _event, el in ElementTree.iterparse(f):
                if el.tag.endswith("}mergeCell") and el.get("ref"):
                    out.append(el.get("ref"))
                elif el.tag.endswith("}row"):
                    el.clear()
            return out
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return []


# -- header -----------------------------------------------------------------------------------------------
def _find_header(table: Table, name: str) -> Table:
    """The header is the first row, among the first 15, that is mostly text cells (titles above it skipped)."""
    rows = [(n, cells) for n, cells in table.rows if any(cells)]
    if not rows:
        raise BadInput(f"{name} không có dòng dữ liệu nào.")
    best = None
    for n, cells in rows[:15]:
        filled = sorted({c for c in cells if c})
        texty = sum(1 for c in filled if not re.fullmatch(r"[\d/.\-\s]+", c))
        if len(filled) >= 2 and texty >= max(2, len(filled) * 0.7):
            best = (n, cells)
            break
    if best is None:
        best = rows[0]
    header_row, header = best
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body = []
    for n, cells in table.rows:
        if n <= header_row:
            continue
        cells = cells[:width] + [""] * (width - len(cells)) if len(cells) < width else cells
        body.append((n, cells))
    table.header, table.rows, table.header_row = header, body, header_row
    if header_row > 1:
        table.notes.append(f"Dòng tiêu đề cột là dòng {header_row}; {header_row - 1} dòng phía trên bỏ qua.")
    return table
