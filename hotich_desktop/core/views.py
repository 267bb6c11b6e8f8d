"""Plain data classes handed from the core to its callers (CLI, window, tests): no ORM objects leak out."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class BookInfo:
    id: int
    book_type: str
    year: int
    volume: str
    office_code: str
    status: str = "open"
    version: int = 1

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "book_type": self.book_type, "year": self.year, "volume": self.volume,
                "version": self.version}


@dataclass(frozen=True)
class PageInfo:
    id: int
    book_id: int
    order: float
    source_name: str
    stored_path: str
    width: int
    height: int
    dpi: float
    status: str
    entries: int = 0
    page_number: str = ""
    error: str = ""


@dataclass
class EntryInfo:
    id: int
    page_id: int
    order: int
    polygon: list[list[float]]
    pdf: str
    bytes: int
    status: str
    fields: dict[str, Any] = field(default_factory=dict)
    ocr: dict[str, Any] = field(default_factory=dict)
    version: int = 0  # the record's version: a save or an approval names it (0: no record yet)
    box_version: int = 1  # the entry's own version (outline, PDF): a box edit names it

    @property
    def bbox(self) -> list[float]:
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return [min(xs), min(ys), max(xs), max(ys)]

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("ocr")
        out["bbox"] = self.bbox
        return out


@dataclass(frozen=True)
class Finding:
    """One data-quality finding, shown next to its field and listed per book."""

    code: str
    field: str
    message: str
    severity: str = "warning"  # warning | error
    accepted: bool = False
    fields: tuple[str, ...] = ()  # other fields the finding points to (coloured, the message stays at `field`)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
