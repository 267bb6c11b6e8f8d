"""The plausibility rules of each book type, as data: resources/rules/<book_type>.json over _common.json.

A rule names its kind (what the engine computes: an age, an order of two dates, …), the fields it reads
("on") and points to ("fields"), a severity, a Vietnamese message with {placeholders} and the numbers a
province may tune ("params"). A workspace's rules.json overrides params, severity, message or switches a
rule off, without code; a bad override is refused with a message that names the file and the value.
"""
from __future__ import annotations

import functools
import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..booktypes import BOOK_TYPES
from ..errors import BadInput
from ..workspace import resources_dir

OVERRIDE_NAME = "rules.json"
SEVERITIES = ("error", "warning")

# kind -> (field roles it reads, params it takes with their type: "number" or "codes")
KINDS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "age": (("born", "at"), {"min": "number", "max": "number"}),
    "order": (("early", "late"), {"tolerance_days": "number"}),
    "late_registration": (("event", "registered", "kind"), {"max_days": "number", "on_time": "codes"}),
    "in_book_year": (("date",), {"grace_days": "number"}),
    "registration_order": (("date",), {"tolerance_days": "number"}),
    "number_gap": ((), {"max_gap": "number"}),
    "duplicate_number": ((), {}),
    "duplicate_person": ((), {}),
    "code_list": ((), {"suggest_cutoff": "number"}),
    "gender_name": ((), {}),
}
# what each kind's message may say, besides {label} (the first field's label) and {value} (its value)
PLACEHOLDERS: dict[str, set[str]] = {
    "age": {"age", "min", "max"}, "order": {"early", "late"},
    "late_registration": {"days", "max_days"}, "in_book_year": {"year"},
    "registration_order": {"previous", "previous_date"}, "number_gap": {"missing", "previous"},
    "duplicate_number": {"number"}, "duplicate_person": {"places"}, "code_list": {"suggestion"},
    "gender_name": {"middle"},
}
OVERRIDABLE = {"params", "severity", "message", "enabled", "title"}


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    title: str  # a short name, for the check view's filter by rule
    message: str
    fields: tuple[str, ...] = ()  # what the finding points to; the first is where it is shown
    on: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


def _fail(where: str, what: str) -> BadInput:
    return BadInput(f"Quy tắc kiểm tra trong {where}: {what}")


def _check_message(where: str, rule_id: str, kind: str, message: Any) -> str:
    if not isinstance(message, str) or not message.strip():
        raise _fail(where, f"«{rule_id}.message» phải là một câu thông báo (chữ), không phải {message!r}.")
    allowed = PLACEHOLDERS[kind] | {"label", "value"}
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError as exc:
        raise _fail(where, f"«{rule_id}.message» có dấu {{ }} không đóng: {exc}.") from None
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        raise _fail(where, f"«{rule_id}.message» dùng chỗ trống không có: {', '.join('{' + n + '}' for n in unknown)}"
                           f" (được dùng: {', '.join('{' + n + '}' for n in sorted(allowed))}).")
    return message


def _check_params(where: str, rule_id: str, kind: str, params: Any) -> dict[str, Any]:
    if not isinstance(params, dict):
        raise _fail(where, f"«{rule_id}.params» phải là một bảng {{tên: giá trị}}.")
    wanted = KINDS[kind][1]
    out = {}
    for name, value in params.items():
        if name not in wanted:
            raise _fail(where, f"quy tắc «{rule_id}» không có tham số «{name}»"
                               f" (có: {', '.join(wanted) or 'không tham số nào'}).")
        if wanted[name] == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100_000:
                raise _fail(where, f"«{rule_id}.params.{name}» phải là một số từ 0 đến 100000, "
                                   f"không phải {value!r}.")
        elif not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise _fail(where, f"«{rule_id}.params.{name}» phải là danh sách mã (chữ), không phải {value!r}.")
        out[name] = value
    lo, hi = out.get("min"), out.get("max")
    if lo is not None and hi is not None and lo > hi:
        raise _fail(where, f"quy tắc «{rule_id}»: min ({lo}) lớn hơn max ({hi}).")
    return out


def _rule(where: str, raw: Any) -> Rule:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise _fail(where, f"mỗi quy tắc phải là một bảng có «id», không phải {raw!r}.")
    rid, kind = raw["id"], raw.get("kind")
    if kind not in KINDS:
        raise _fail(where, f"quy tắc «{rid}» có loại «{kind}» không biết (có: {', '.join(KINDS)}).")
    on = raw.get("on", {})
    missing = [role for role in KINDS[kind][0] if role not in on]
    if missing:
        raise _fail(where, f"quy tắc «{rid}» thiếu trường «on.{missing[0]}».")
    severity = raw.get("severity")
    if severity not in SEVERITIES:
        raise _fail(where, f"«{rid}.severity» phải là error hoặc warning, không phải {severity!r}.")
    return Rule(id=rid, kind=kind, severity=severity, title=str(raw.get("title") or rid),
                message=_check_message(where, rid, kind, raw.get("message")),
                fields=tuple(raw.get("fields") or [v for v in on.values()][:1]), on=dict(on),
                params=_check_params(where, rid, kind, raw.get("params", {})), enabled=raw.get("enabled", True) is True)


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInput(f"Tệp quy tắc kiểm tra {path} không đọc được (không phải JSON UTF-8 hợp lệ): {exc}") from None
    except OSError as exc:
        raise BadInput(f"Không mở được tệp quy tắc kiểm tra {path}: {exc.strerror or exc}") from None


@functools.cache
def shipped(book_type: str) -> tuple[Rule, ...]:
    """The defaults shipped with the program: the rules every book has, then the book type's own."""
    out: dict[str, Rule] = {}
    for name in ("_common", book_type):
        path = resources_dir() / "rules" / f"{name}.json"
        raw = _read(path)
        if raw is None:
            continue
        for item in raw.get("rules", []) if isinstance(raw, dict) else []:
            rule = _rule(path.name, item)
            out[rule.id] = rule
    return tuple(out.values())


def _apply(where: str, rules: tuple[Rule, ...], book_type: str, changes: Any) -> tuple[Rule, ...]:
    if not isinstance(changes, dict):
        raise _fail(where, f"phần «{book_type}» phải là một bảng {{mã quy tắc: thay đổi}}.")
    by_id = {r.id: r for r in rules}
    for rid, change in changes.items():
        if rid not in by_id:
            raise _fail(where, f"sổ «{book_type}» không có quy tắc «{rid}» (có: {', '.join(by_id)}).")
        if not isinstance(change, dict):
            raise _fail(where, f"«{book_type}.{rid}» phải là một bảng, ví dụ {{\"params\": {{\"min\": 16}}}}.")
        extra = sorted(set(change) - OVERRIDABLE)
        if extra:
            raise _fail(where, f"«{book_type}.{rid}» không đổi được «{extra[0]}» (chỉ đổi được: "
                               f"{', '.join(sorted(OVERRIDABLE))}).")
        rule = by_id[rid]
        raw = {"id": rid, "kind": rule.kind, "on": dict(rule.on), "fields": list(rule.fields),
               "severity": change.get("severity", rule.severity), "title": change.get("title", rule.title),
               "message": change.get("message", rule.message),
               "params": {**rule.params, **(change.get("params") or {})}}
        if "enabled" in change and not isinstance(change["enabled"], bool):
            raise _fail(where, f"«{book_type}.{rid}.enabled» phải là true hoặc false.")
        by_id[rid] = _rule(where, {**raw, "enabled": change.get("enabled", rule.enabled)})
    return tuple(by_id.values())


@functools.lru_cache(maxsize=64)
def _loaded(book_type: str, override: str, stamp: tuple[int, int]) -> tuple[Rule, ...]:
    rules = shipped(book_type)
    if not override:
        return rules
    path = Path(override)
    raw = _read(path)
    if raw is None:
        return rules
    where = f"tệp điều chỉnh {path}"
    if not isinstance(raw, dict):
        raise _fail(where, "phải là một bảng {loại sổ: {mã quy tắc: thay đổi}}.")
    unknown = sorted(set(raw) - set(BOOK_TYPES) - {"_comment"})
    if unknown:
        raise _fail(where, f"không có loại sổ «{unknown[0]}» (có: {', '.join(BOOK_TYPES)}).")
    return _apply(where, rules, book_type, raw.get(book_type, {}))


def load_rules(book_type: str, workspace_root: Path | None = None) -> tuple[Rule, ...]:
    """The rules in force for a book type: shipped defaults with the workspace's override merged over them.
    Re-read when the override file changes (mtime and size), so a province's edit needs no restart."""
    override = (workspace_root / OVERRIDE_NAME) if workspace_root is not None else None
    stamp = (0, 0)
    if override is not None:
        try:
            st = override.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            override = None
    return _loaded(book_type, str(override) if override else "", stamp)


def validate_override(workspace_root: Path) -> None:
    """Raises BadInput naming the first problem of the workspace's override file (no file: nothing to say)."""
    for book_type in BOOK_TYPES:
        load_rules(book_type, workspace_root)


def rule_titles() -> list[tuple[str, str]]:
    """(rule id, title) of every shipped rule of every book type, once each: the check view's filter."""
    seen: dict[str, str] = {}
    for book_type in BOOK_TYPES:
        for rule in shipped(book_type):
            seen.setdefault(rule.id, rule.title)
    return list(seen.items())
