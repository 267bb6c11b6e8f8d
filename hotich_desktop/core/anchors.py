"""Anchors of the audit chain outside the database: the chain's head (event id and hash) as it was when a
package was exported or a daily report written. The same head is printed in the package's manifest and
in the report; this workspace also keeps a list of them beside the database. `hotich audit verify` checks
that every anchored event is still in the chain unchanged, so cutting the tail or re-chaining is seen."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from . import atomic
from .errors import BadInput

FILE_NAME = "audit-anchors.json"
KEEP = 1000


def text(head: dict[str, Any]) -> str:
    return f"{head['id']}:{head['hash']}"


def load(root: Path) -> list[dict[str, Any]]:
    try:
        items = json.loads((root / FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        return [{"id": -1, "hash": "", "where": FILE_NAME}]  # unreadable: verify says so
    return [a for a in items if isinstance(a, dict)] if isinstance(items, list) else []


def remember(root: Path, head: dict[str, Any], where: str) -> None:
    items = [a for a in load(root) if a.get("id", -1) >= 0]
    items.append({"id": head["id"], "hash": head["hash"], "where": where,
                  "at": dt.datetime.now().astimezone().isoformat(timespec="seconds")})
    atomic.write_text(root / FILE_NAME, json.dumps(items[-KEEP:], ensure_ascii=False, indent=0))


def parse(source: str) -> dict[str, Any]:
    """An anchor given as 'ID:HASH' (as a report prints it), a package's manifest.json or its folder."""
    m = re.fullmatch(r"\s*(\d+)\s*:\s*([0-9a-fA-F]{64})\s*", source)
    if m:
        return {"id": int(m.group(1)), "hash": m.group(2).lower(), "where": source.strip()}
    path = Path(source)
    if path.is_dir():
        path = path / "manifest.json"
    try:
        head = json.loads(path.read_text(encoding="utf-8"))["audit_head"]
        return {"id": int(head["id"]), "hash": str(head["hash"]), "where": str(path)}
    except (OSError, ValueError, KeyError, TypeError):
        raise BadInput(f"Không đọc được mốc nhật ký từ «{source}» (cần SỐ:MÃ_BĂM hoặc manifest.json của gói)."
                       ) from None
