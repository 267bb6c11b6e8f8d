"""What a book's layout profile buys: books made by tests.pagegen (one layout, hand and resolution per book,
numbers running on), the first page of each read and "confirmed" (the clerk keeps the true values, the book
learns where they sat), the book's other pages read with the profile and without it, in the same run.

    python benchmarks/layout_profile.py [--split tune|held] [--books N] [--pages N]

Prints per book and in total: fields exact, share of fields at confidence >= 0.9 and how many of those are
right, with and without the profile. tune and held use different seeds: tune on one, report the other.
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
import unicodedata

from common import ROOT  # noqa: F401  (puts the project on sys.path)

from hotich_desktop.core.entries.pipeline import detect_frame
from hotich_desktop.core.imaging.geometry import bbox_of
from hotich_desktop.core.imaging.loader import Frame
from hotich_desktop.core.ocr.layout_profile import LayoutProfile, learn
from hotich_desktop.core.ocr.reader import read_entries
from tests.pagegen import Book, PageSpec, make_page

SEEDS = {"tune": 500, "held": 900}
CONDITIONS = [(), ("tint", "noise"), ("skew", "noise"), ("faded", "tint"), ("phone",), ("seal", "stains", "tint")]


def books(split: str, count: int, pages: int) -> list[list[PageSpec]]:
    rng = random.Random(SEEDS[split])
    out = []
    for b in range(count):
        bt = rng.choice(["khai_sinh", "khai_tu", "ket_hon"])
        layout = rng.choice(["table", "table", "blocks"])
        hand, dpi = rng.choice(["hand", "hand", "type"]), rng.choice([150, 200, 300])
        out.append([PageSpec(bt, rng.choice([1986, 1995, 2005, 2017]), layout,
                             rng.randint(1, 4) if layout == "blocks" else rng.randint(4, 6), hand, dpi,
                             SEEDS[split] * 100 + b * 10 + p, conditions=rng.choice(CONDITIONS)) for p in range(pages)])
    return out


def iou(a: list[float], b: list[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def norm(v: str) -> str:
    return " ".join(unicodedata.normalize("NFC", v or "").split()).casefold()


def paired(truth: dict, polygons: list) -> list[tuple[int, dict]]:
    """(detected index, true entry) for detections that overlap a true entry well."""
    out = []
    for i, poly in enumerate(polygons):
        box = bbox_of(poly)
        best = max(truth["entries"], key=lambda e: iou(box, e["bbox"]))
        if iou(box, best["bbox"]) >= 0.5:
            out.append((i, best))
    return out


def tally(counts: dict[str, int], readings: list[dict], pairs: list[tuple[int, dict]]) -> None:
    for i, entry in pairs:
        for key, want in entry["fields"].items():
            got = readings[i].get(key)
            ok = got is not None and norm(got.value) == norm(want)
            sure = got is not None and got.confidence >= 0.9
            counts["fields"] += 1
            counts["exact"] += ok
            counts["sure"] += sure
            counts["sure_right"] += sure and ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="held", choices=sorted(SEEDS))
    ap.add_argument("--books", type=int, default=6)
    ap.add_argument("--pages", type=int, default=3, help="pages per book; the first one teaches")
    args = ap.parse_args()
    total = {name: dict.fromkeys(("fields", "exact", "sure", "sure_right"), 0) for name in ("without", "with")}
    seconds: dict[str, list[float]] = {"without": [], "with": []}
    for specs in books(args.split, args.books, args.pages):
        book = Book(specs[0].book_type, specs[0].year, specs[0].seed, 1)
        profile = LayoutProfile()
        here = {name: dict.fromkeys(("fields", "exact", "sure", "sure_right"), 0) for name in total}
        for n, spec in enumerate(specs):
            image, truth = make_page(spec, book)
            frame = Frame(image.convert("RGB"), 0, 1, float(spec.dpi), False)
            polygons = detect_frame(frame).detection.polygons
            pairs = paired(truth, polygons)
            if n == 0:  # the clerk confirms the first page: the book learns its layout
                first = read_entries(frame, polygons, spec.book_type)
                for i, entry in pairs:
                    ocr = {k: r.as_json() for k, r in first[i].items()}
                    profile = learn(profile, polygons[i], entry["fields"], ocr, entry_id=n * 100 + i)
                continue
            for name, prof in (("without", None), ("with", profile)):
                t0 = time.perf_counter()
                got = read_entries(frame, polygons, spec.book_type, profile=prof)
                seconds[name].append(time.perf_counter() - t0)
                tally(here[name], got, pairs)
                tally(total[name], got, pairs)
        s = specs[0]
        print(f"{s.book_type:<9} {s.layout:<6} {s.hand:<4} {s.dpi:>3} dpi {'+'.join(s.conditions) or 'clean':<18} "
              f"zones {len(profile.known()):>2}  " + "  ".join(
                  f"{name}: exact {c['exact']}/{c['fields']} sure {c['sure']} right {c['sure_right']}"
                  for name, c in here.items()), flush=True)
    print(f"\n{args.split}: {args.books} books x {args.pages} pages (first page teaches)")
    for name, c in total.items():
        n = max(1, c["fields"])
        print(f"{name:<8} exact {c['exact'] / n:.3f}  confident share {c['sure'] / n:.3f}  "
              f"confident right {c['sure_right'] / max(1, c['sure']):.3f}  "
              f"s/page (in process) {statistics.median(seconds[name]) if seconds[name] else 0:.2f}")


if __name__ == "__main__":
    main()
