"""How commands speak: one JSON object with --json, a short Vietnamese summary without."""
from __future__ import annotations

import json
import sys
from typing import Any


def emit(payload: dict[str, Any], as_json: bool, summary: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(summary.rstrip() + "\n")
