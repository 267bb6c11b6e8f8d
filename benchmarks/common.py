"""Helpers shared by the benchmark scripts."""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GENERATED_PAGES, GENERATED_SEED = 24, 7
T = TypeVar("T")


def generated_dataset(pages: int = GENERATED_PAGES, seed: int = GENERATED_SEED) -> Path:
    """The default dataset: a varied mix made by tests.pagegen (every layout, hands, dpi, phone photos, curls),
    made once and cached in the temp folder."""
    from tests.pagegen import random_specs
    from tests.pagegen.cache import cached_set

    return cached_set(tuple(random_specs(pages, seed)), f"bench{pages}-{seed}")


def dataset_folder(given: str | Path | None) -> Path:
    """The folder given on the command line (pages with truth JSON beside them), else the generated one."""
    if given:
        folder = Path(given)
        if not any(folder.glob("*.json")):
            sys.exit(f"{folder}: no pages with truth JSON")
        return folder
    return generated_dataset()


def add_dataset_flag(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--dataset", type=Path, help="folder of pages with truth JSON (default: pages made by "
                                                 f"tests.pagegen, {GENERATED_PAGES} pages, seed {GENERATED_SEED})")


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


def each_ms(items: Iterable[T], fn: Callable[[T], object]) -> tuple[list[float], list[object]]:
    """fn(item) timed for each item: the milliseconds (sorted) and the answers (in order)."""
    times, answers = [], []
    for item in items:
        t0 = time.perf_counter()
        answers.append(fn(item))
        times.append((time.perf_counter() - t0) * 1000)
    return sorted(times), answers


def ms_line(times: list[float]) -> str:
    """Median, p95 and max of sorted milliseconds, as the search and check benchmarks print them."""
    return (f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * .95)]:.1f} ms, "
            f"max {times[-1]:.1f} ms")


def summary(values: list[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered):.3f}, p95 {p95:.3f}, max {ordered[-1]:.3f}"
