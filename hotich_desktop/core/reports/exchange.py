"""The report file a commune sends the district every day: small, versioned JSON that a roll-up can trust.

It carries the commune's code, the day, the audit chain's head (so the figures can be tied to the commune's
chain later) and a SHA-256 of its own content, so a file cut short on a USB stick or edited by hand is
refused with a reason instead of being added up. The checksum finds damage, not forgery.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any


if TYPE_CHECKING:
    from .progress import Progress

SCHEMA = "hotich.progress-report"
VERSION = 1
MAX_BYTES = 20_000_000
TOTAL_KEYS = ("entries", "entered", "approved", "exported")


def file_name(commune: str, day: dt.date) -> str:
    safe = re.sub(r"[^0-9A-Za-z._-]+", "-", commune).strip("-") or "xa"
    return f"tien-do-{safe}-{day:%Y-%m-%d}.json"


def body(p: Progress, head: dict[str, Any], app_version: str) -> dict[str, Any]:
    proj = p.projection
    return {
        "schema": SCHEMA, "version": VERSION, "app_version": app_version,
        "commune": {"code": p.office_code, "name": p.office_name},
        "date": p.day.isoformat(),
        "written_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "audit_head": {"id": int(head["id"]), "hash": str(head["hash"])},
        "campaign": p.campaign.as_json() if p.campaign else None,
        "plan_records": p.plan_total,
        "totals": p.totals(),
        "book_states": p.book_states(),
        "queue": {"open_finding_entries": p.open_finding_entries, "open_findings": p.open_findings,
                  "returned": p.returned, "waiting_over_2_days": p.waiting_late},
        "projection": proj.as_json() if proj else None,
        "series": [{"date": d.day.isoformat(), "entered": d.entered, "approved": d.approved} for d in p.series],
        "clerks": [{"login": login, **counts} for login, counts in p.clerks()],
        "books": [b.as_json() for b in p.books],
    }


def digest(content: dict[str, Any]) -> str:
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def dumps(content: dict[str, Any]) -> str:
    return json.dumps({**content, "sha256": digest(content)}, ensure_ascii=False, indent=1)


class NotAReport(ValueError):
    """Why a file cannot be added up (Vietnamese, shown as is)."""


@dataclass(frozen=True)
class CommuneReport:
    path: Path
    code: str
    name: str
    day: dt.date
    plan: int
    totals: dict[str, int]
    book_states: dict[str, int]
    queue: dict[str, int]
    projection: dict[str, Any] | None
    campaign: dict[str, Any] | None
    series: tuple[tuple[dt.date, int, int], ...]  # (day, entered, approved)
    audit_head: str


def read(path: Path) -> CommuneReport:
    """A commune's report file, checked: what it is, whether it is whole, which version wrote it."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NotAReport("tệp quá lớn để là báo cáo tiến độ")
        raw = path.read_bytes()
    except OSError as exc:
        raise NotAReport(f"không đọc được tệp ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotAReport("không phải tệp báo cáo tiến độ (không phải văn bản JSON)") from None
    except ValueError:
        if raw.lstrip().startswith(b"{") and SCHEMA.encode() in raw:
            raise NotAReport("tệp báo cáo bị hỏng (bị cắt cụt hoặc sửa dở, không đọc được JSON)") from None
        raise NotAReport("không phải tệp báo cáo tiến độ (không đọc được JSON)") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise NotAReport("không phải tệp báo cáo tiến độ của phần mềm số hóa hộ tịch")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise NotAReport("tệp báo cáo không ghi phiên bản hợp lệ")
    if version > VERSION:
        raise NotAReport(f"tệp báo cáo phiên bản {version}, mới hơn phiên bản phần mềm này đọc được ({VERSION}): "
                         "hãy cập nhật phần mềm ở huyện")
    given = data.pop("sha256", None)
    if not isinstance(given, str) or given != digest(data):
        raise NotAReport("tệp báo cáo bị hỏng hoặc bị sửa tay (mã kiểm tra SHA-256 không khớp nội dung)")
    try:
        return _parsed(path, data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NotAReport(f"tệp báo cáo thiếu hoặc sai mục «{exc}»") from None


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(str(value))
    return value


def _parsed(path: Path, d: dict[str, Any]) -> CommuneReport:
    commune = d["commune"]
    code = str(commune["code"]).strip()
    if not code:
        raise ValueError("commune.code")
    totals = {k: _int(d["totals"][k]) for k in TOTAL_KEYS}
    series = tuple((dt.date.fromisoformat(p["date"]), _int(p["entered"]), _int(p["approved"])) for p in d["series"])
    head = d["audit_head"]
    return CommuneReport(path, code, str(commune.get("name") or code), dt.date.fromisoformat(d["date"]),
                         _int(d["plan_records"]), totals, {k: _int(v) for k, v in dict(d["book_states"]).items()},
                         {k: _int(v) for k, v in dict(d["queue"]).items()},
                         dict(d["projection"]) if d.get("projection") else None,
                         dict(d["campaign"]) if d.get("campaign") else None, series,
                         f"{_int(head['id'])}:{head['hash']}")
