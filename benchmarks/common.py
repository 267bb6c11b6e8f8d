"""Helpers shared by the benchmark scripts."""
from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATASET = ROOT.parent / "shared" / "ledgers" / "pages"
sys.path.insert(0, str(ROOT))


def dataset_pages(folder: Path) -> list[tuple[Path, dict]]:
    out = []
    for truth in sorted(folder.glob("*.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        out.append((folder / data["file"], data))
    return out


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def summary(values: list[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered):.3f}, p95 {p95:.3f}, max {ordered[-1]:.3f}"
