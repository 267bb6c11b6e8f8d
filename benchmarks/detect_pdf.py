"""Entry detection and entry PDFs: score against ground truth, sizes, and time per page, each compared in the
same run with the naive baseline (N equal bands, quality-85 JPEG in a PDF)."""
from __future__ import annotations

import io
import statistics
import sys
from pathlib import Path

from common import dataset_folder, dataset_pages, summary, timed

import img2pdf  # noqa: E402
from PIL import Image  # noqa: E402

from hotich_desktop.core.imaging.crop import straight_crop  # noqa: E402
from hotich_desktop.core.imaging.detect import detect  # noqa: E402
from hotich_desktop.core.imaging.loader import first_frame  # noqa: E402
from hotich_desktop.core.imaging.pdf import encode  # noqa: E402


def iou(a, b) -> float:  # noqa: ANN001
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def matched(truth: list, found: list, thr: float = 0.9) -> int:
    pairs = sorted(((iou(t, f), i, k) for i, t in enumerate(truth) for k, f in enumerate(found)), reverse=True)
    used_t, used_f = set(), set()
    for v, i, k in pairs:
        if v >= thr and i not in used_t and k not in used_f:
            used_t.add(i)
            used_f.add(k)
    return len(used_t)


def ours(image: Image.Image, dpi: float) -> tuple[list, list[int]]:
    found = detect(image)
    sizes = [len(encode(straight_crop(image, p, dpi), dpi).data) for p in found.polygons]
    return found.bboxes, sizes


def naive(image: Image.Image, n: int) -> tuple[list, list[int]]:
    w, h = image.size
    boxes, sizes = [], []
    for i in range(n):
        box = (0, h * i // n, w, h * (i + 1) // n)
        buf = io.BytesIO()
        image.crop(box).convert("RGB").save(buf, "JPEG", quality=85)
        sizes.append(len(img2pdf.convert(buf.getvalue())))
        boxes.append(list(box))
    return boxes, sizes


def main(folder: Path) -> None:
    rows = {"ours": [0, 0, 0, [], []], "naive": [0, 0, 0, [], []]}  # truth, found, matched, sizes, times
    for path, truth in dataset_pages(folder):
        frame = first_frame(path)
        want = [e["bbox"] for e in truth["entries"]]
        for name, run in (("ours", lambda: ours(frame.image, frame.dpi)),
                          ("naive", lambda: naive(frame.image, len(want)))):
            (boxes, sizes), seconds = timed(run)
            r = rows[name]
            r[0] += len(want)
            r[1] += len(boxes)
            r[2] += matched(want, boxes)
            r[3] += sizes
            r[4].append(seconds)
    print(f"dataset {folder} ({len(rows['ours'][4])} pages)")
    for name, (t, f, m, sizes, times) in rows.items():
        kb = [s / 1024 for s in sizes]
        over = sum(1 for k in kb if k > 100)
        print(f"{name:6s} recall@0.9 {m / t:.3f}  precision {m / max(f, 1):.3f}  "
              f"PDF median {statistics.median(kb):.1f} KB max {max(kb):.1f} KB over-100KB {over}/{len(kb)}  "
              f"seconds/page (detect+crops+PDFs, in process) {summary(times)}")


if __name__ == "__main__":
    main(dataset_folder(sys.argv[1] if len(sys.argv) > 1 else None))
