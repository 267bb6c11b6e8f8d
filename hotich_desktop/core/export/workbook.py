"""Filling a template with one book's rows: the body under the header is cleared first, so none of the
province's sample rows survives, and every written cell is text (`@`), as the 158 import expects."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInput
from ..records.forms import load_form
from .columns import column_spec
from .template import SHEET, open_template, read_columns
from .values import excel_safe, row_problems, row_values


@dataclass
class RowSource:
    """What one row is made of: the record's stored fields and the page it is on."""

    fields: Mapping[str, str]
    page: str


@dataclass
class FilledBook:
    values: list[dict[str, str]]          # per row, column -> text written
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # per row, what an import would refuse


def book_rows(book_type: str, year: int, volume: str, office_name: str,
              sources: Sequence[RowSource]) -> list[dict[str, str]]:
    form = load_form(book_type)
    return [row_values(form, s.fields, stt=n, book_year=year, volume=volume, page=s.page, office_name=office_name)
            for n, s in enumerate(sources, 1)]


def check_rows(book_type: str, rows: Sequence[Mapping[str, str]], columns: set[str]) -> list[str]:
    """The export check: per row, required columns left empty and codes or dates outside the 158 form."""
    required = column_spec(book_type).required
    out = []
    for values in rows:
        found = row_problems(values, required, columns)
        if found:
            out.append(f"Dòng {values.get('STT')} (số {values.get('so') or '?'}): " + "; ".join(found))
    return out


def fill_workbook(book_type: str, year: int, volume: str, office_name: str, sources: Sequence[RowSource],
                  template: Path, out: Path) -> FilledBook:
    wb = open_template(template)
    columns = read_columns(wb, book_type, template.name)
    rows = book_rows(book_type, year, volume, office_name, sources)
    used = {k for r in rows for k, v in r.items() if v}
    form_cols = {c for f in load_form(book_type).fields for c in f.columns}
    missing = sorted((used & (form_cols | {"STT", "so", "quyenSo"})) - set(columns))
    if missing:
        raise BadInput(f"Tệp mẫu «{template.name}» thiếu cột: {', '.join(missing)}.")
    ws = wb[SHEET]
    if ws.max_row > 1:
        ws.delete_rows(2, ws.max_row - 1)
    result = FilledBook(rows, problems=check_rows(book_type, rows, set(columns)))
    for n, values in enumerate(rows, 2):
        for key, col in columns.items():
            value = values.get(key, "")
            if not value:
                continue
            safe, changed = excel_safe(value)
            if changed:
                result.warnings.append(f"Dòng {n - 1}, cột {key}: đã bỏ ký tự điều khiển Excel không lưu được.")
            cell = ws.cell(row=n, column=col, value=safe)
            cell.number_format = "@"
            cell.data_type = "s"
    wb.save(out)
    return result
