"""Form definitions per book type, read from resources/forms/*.json (data, so a province can change them)."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadInput
from ..workspace import resources_dir

FIELD_TYPES = {"text", "name", "date", "partial_date", "gender", "ethnicity", "nationality", "place", "regno",
               "note", "choice"}


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    type: str
    columns: tuple[str, ...]
    required: bool = False
    max_length: int = 200
    choices: dict[str, str] = field(default_factory=dict)
    default: str = ""
    page_label: str = ""  # how the printed book labels it, when that differs from the form's label

    @property
    def printed_label(self) -> str:
        return self.page_label or self.label


@dataclass(frozen=True)
class FormDef:
    book_type: str
    code: str
    title: str
    fields: tuple[FieldDef, ...]
    table_columns: tuple[tuple[str, ...], ...] = ()  # ruled registers: keys per column, top to bottom

    def field(self, key: str) -> FieldDef | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]


def _field(raw: dict[str, Any]) -> FieldDef:
    if raw.get("type") not in FIELD_TYPES:
        raise BadInput(f"Định nghĩa biểu mẫu có kiểu trường không hợp lệ: {raw.get('type')!r}")
    cols = raw.get("column") or []
    return FieldDef(key=raw["key"], label=raw["label"], type=raw["type"],
                    columns=tuple([cols] if isinstance(cols, str) else cols), required=bool(raw.get("required")),
                    max_length=int(raw.get("max_length", 200)), choices=dict(raw.get("choices", {})),
                    default=str(raw.get("default", "")), page_label=str(raw.get("page_label", "")))


@functools.cache
def load_form(book_type: str) -> FormDef:
    path = resources_dir() / "forms" / f"{book_type}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"Không có biểu mẫu cho loại sổ «{book_type}».") from None
    except ValueError as exc:
        raise BadInput(f"Tệp biểu mẫu {path.name} bị lỗi: {exc}") from exc
    return FormDef(book_type=raw["book_type"], code=raw["code"], title=raw["title"],
                   fields=tuple(_field(f) for f in raw["fields"]),
                   table_columns=tuple(tuple(c) for c in raw.get("table_columns", [])))


@functools.cache
def code_list(name: str) -> dict[str, Any]:
    """A code list from resources/codes (dan_toc, quoc_tich): items and aliases."""
    return json.loads((resources_dir() / "codes" / f"{name}.json").read_text(encoding="utf-8"))
