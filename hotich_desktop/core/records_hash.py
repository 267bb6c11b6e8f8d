"""A stable fingerprint of a record's fields: approval is tied to it, so a later edit voids the approval."""
from __future__ import annotations

import hashlib
import json
from typing import Any


def content_hash(fields: dict[str, Any]) -> str:
    blob = json.dumps({k: v for k, v in fields.items() if v not in (None, "")}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
