"""Plain answers of the discrepancy room (no ORM object leaves it)."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from ..store.models import DiscrepancyLine, DiscrepancyList
from .mapping import ERROR_TYPES

RESOLUTIONS = {
    "": "Chưa xử lý",
    "population_wrong": "Sổ xác nhận CSDL dân cư sai",
    "record_corrected": "Nhập sai, đã sửa hồ sơ (chờ phê duyệt)",
    "not_in_books": "Không có trong sổ",
}


@dataclass
class ImportReport:
    """What an import read and what it did not, row by row."""
    list_id: int = 0
    read: int = 0
    empty: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row in the file, why)
    unknown_columns: list[str] = field(default_factory=list)
    encoding: str = ""
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    by_error_type: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["skipped"] = [{"row": r, "reason": why} for r, why in self.skipped]
        return out

    def text(self) -> str:
        lines = [f"Đã đọc {self.read} dòng" + (f" (danh sách số {self.list_id})" if self.list_id else "")
                 + f"; bỏ {len(self.skipped)} dòng" + (f", {self.empty} dòng trống" if self.empty else "") + "."]
        lines += self.notes
        if self.unknown_columns:
            lines.append("Cột không dùng (giữ nguyên khi xuất): " + ", ".join(self.unknown_columns) + ".")
        lines += [f"- {k}: {v}" for k, v in sorted(self.by_error_type.items())]
        lines += [f"Dòng {r}: {why}" for r, why in self.skipped[:50]]
        if len(self.skipped) > 50:
            lines.append(f"… và {len(self.skipped) - 50} dòng khác.")
        return "\n".join(lines)


@dataclass
class MatchReport:
    list_id: int
    records: int = 0
    matched: int = 0
    ambiguous: int = 0  # candidates, none clearly the one
    unmatched: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        return (f"Danh sách {self.list_id}: {self.matched} dòng ghép được hồ sơ, {self.ambiguous} dòng có hồ sơ gần "
                f"giống cần chọn, {self.unmatched} dòng không tìm thấy (so với {self.records} người trong sổ, "
                f"{self.seconds:.1f} giây).")


@dataclass(frozen=True)
class ListInfo:
    id: int
    name: str
    kind: str
    source_name: str
    received_on: dt.date
    deadline: dt.date
    lines: int
    resolved: int

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["received_on"], out["deadline"] = self.received_on.isoformat(), self.deadline.isoformat()
        return out


@dataclass(frozen=True)
class LineInfo:
    id: int
    list_id: int
    row: int
    case_type: str
    error_type: str
    error_label: str
    error_text: str
    unit: str
    fields: dict[str, Any]
    entry_id: int | None
    score: float
    candidates: list[dict[str, Any]]
    resolution: str
    resolution_label: str
    note: str
    resolved_by: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Progress:
    list_id: int
    lines: int
    resolved: int
    deadline: dt.date
    days_left: int
    by_error_type: dict[str, tuple[int, int]]  # label -> (lines, resolved)
    by_unit: dict[str, tuple[int, int]]

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["deadline"] = self.deadline.isoformat()
        return out

    def text(self) -> str:
        late = f"quá hạn {-self.days_left} ngày" if self.days_left < 0 else f"còn {self.days_left} ngày"
        lines = [f"Đã xử lý {self.resolved}/{self.lines} dòng; hạn {self.deadline:%d/%m/%Y} ({late})."]
        lines += ["Theo loại sai lệch:"] + [f"  {k}: {d}/{n}" for k, (n, d) in self.by_error_type.items()]
        lines += ["Theo đơn vị:"] + [f"  {k}: {d}/{n}" for k, (n, d) in self.by_unit.items()]
        return "\n".join(lines)


@dataclass(frozen=True)
class Difference:
    field: str  # the record's field key
    label: str
    record: str
    population: str


@dataclass(frozen=True)
class PopulationMatch:
    person_id: int
    score: float
    values: dict[str, str]
    id_number: str
    differences: list[Difference]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def list_info(x: DiscrepancyList, lines: int, resolved: int) -> ListInfo:
    return ListInfo(x.id, x.name, x.kind, x.source_name, x.received_on,
                    x.received_on + dt.timedelta(days=x.days), lines, resolved)


def line_info(x: DiscrepancyLine) -> LineInfo:
    return LineInfo(x.id, x.list_id, x.row, x.case_type, x.error_type, ERROR_TYPES[x.error_type][0], x.error_text,
                    x.unit, dict(x.fields or {}), x.entry_id, x.score or 0.0, list(x.candidates or []),
                    x.resolution or "", RESOLUTIONS.get(x.resolution or "", x.resolution or ""), x.note or "",
                    x.resolved_by or "")
