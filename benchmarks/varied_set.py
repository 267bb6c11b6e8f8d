"""Builds a varied measurement set outside the repository: generator pages under the scanning conditions the
samples do not show (150 dpi, skew up to 3 degrees, upside down, faded ink, phone photos with perspective and
a dark table around the page, two-page spreads), each with its ground truth moved along with the pixels.

    python benchmarks/varied_set.py OUT [--generator PATH] [--pages N]

writes OUT/tune/<condition>/ and OUT/held/<condition>/ (different generator seeds: tune on one, report on
the other). Every folder is a dataset for ../shared/tools/score.py and benchmarks/reading.py.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from common import ROOT

GENERATOR = next((p / "shared" / "tools" / "make_ledgers.py" for p in ROOT.parents
                  if (p / "shared" / "tools" / "make_ledgers.py").exists()), Path("make_ledgers.py"))
# (seed, extra generator arguments): mixed books and single books of one type and year
SPLITS = {
    "tune": [(101, []), (102, ["--book", "khai_sinh", "--year", "1997"]), (103, ["--book", "ket_hon", "--year", "1992"]),
             (6161, ["--book", "khai_sinh", "--year", "1997"])],
    "held": [(9001, []), (9002, ["--book", "khai_tu", "--year", "2018"]), (9003, ["--book", "ket_hon", "--year", "1995"]),
             (9004, ["--book", "khai_sinh", "--year", "1986"])],
}
CONDITIONS = ("scan", "dpi150", "skew3", "upside", "fade", "phone", "spread")


def base_pages(out: Path, split: str, per_seed: int, generator: Path) -> list[tuple[Image.Image, dict]]:
    pages = []
    for seed, extra in SPLITS[split]:
        folder = out / "_base" / split / str(seed)
        if not folder.exists():
            subprocess.run([sys.executable, str(generator), str(folder), "--pages", str(per_seed), "--seed", str(seed),
                            *extra], check=True)
        for j in sorted(folder.glob("*.json")):
            truth = json.loads(j.read_text(encoding="utf-8"))
            pages.append((Image.open(folder / truth["file"]).convert("RGB"), truth))
    return pages


def _moved(truth: dict, fn, size: tuple[int, int], **extra) -> dict:  # noqa: ANN001
    """The truth with every polygon mapped by fn and boxes recomputed in an image of `size`."""
    w, h = size
    out = {k: v for k, v in truth.items() if k != "entries"}
    out.update(size=[w, h], **extra)
    out["entries"] = []
    for e in truth["entries"]:
        poly = [list(map(float, fn(x, y))) for x, y in e["polygon"]]
        xs, ys = [p[0] for p in poly], [p[1] for p in poly]
        out["entries"].append({**e, "polygon": [[round(x), round(y)] for x, y in poly],
                               "bbox": [max(0, round(min(xs))), max(0, round(min(ys))),
                                        min(w, round(max(xs))), min(h, round(max(ys)))]})
    return out


def dpi150(img: Image.Image, truth: dict, rng: random.Random) -> tuple[Image.Image, dict]:
    f = 150 / truth["dpi"]
    small = img.resize((round(img.width * f), round(img.height * f)), Image.LANCZOS)
    return small, _moved(truth, lambda x, y: (x * f, y * f), small.size, dpi=150)


def skew3(img: Image.Image, truth: dict, rng: random.Random) -> tuple[Image.Image, dict]:
    angle = rng.choice([-1, 1]) * rng.uniform(1.8, 2.2)  # on top of the generator's own up to 1.2 degrees
    paper = tuple(int(v) for v in np.median(np.asarray(img)[:40, :40].reshape(-1, 3), axis=0))
    turned = img.rotate(angle, resample=Image.BICUBIC, fillcolor=paper)
    a, (cx, cy) = math.radians(-angle), (img.width / 2, img.height / 2)

    def fn(x, y):  # noqa: ANN001, ANN202
        dx, dy = x - cx, y - cy
        return cx + dx * math.cos(a) - dy * math.sin(a), cy + dx * math.sin(a) + dy * math.cos(a)

    return turned, _moved(truth, fn, turned.size)


def upside(img: Image.Image, truth: dict, rng: random.Random) -> tuple[Image.Image, dict]:
    w, h = img.size
    return img.rotate(180), _moved(truth, lambda x, y: (w - x, h - y), img.size)


def fade(img: Image.Image, truth: dict, rng: random.Random) -> tuple[Image.Image, dict]:
    arr = np.asarray(img).astype(np.float32)
    paper = np.median(arr[::7, ::7].reshape(-1, 3), axis=0)
    k = rng.uniform(0.35, 0.5)  # ink keeps only this much of its darkness
    out = paper + (arr - paper) * k
    out += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 4, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), dict(truth)


def phone(img: Image.Image, truth: dict, rng: random.Random) -> tuple[Image.Image, dict]:
    """The page photographed from above at a slant: perspective, a dark table around it, light falling off."""
    w, h = img.size
    long_px = rng.randint(3000, 3400)  # a 12 MP phone, the page filling most of the frame
    cw, ch = int(long_px * 0.75), long_px
    s = min(cw, ch) * 0.84 / max(w, h * 0.75)
    pw, ph = w * s, h * s
    ox, oy = (cw - pw) / 2, (ch - ph) / 2
    j = lambda v: rng.uniform(-v, v)  # noqa: E731
    d = 0.045 * pw
    dst = np.float32([[ox + j(d), oy + j(d)], [ox + pw + j(d), oy + j(d)],
                      [ox + pw + j(d), oy + ph + j(d)], [ox + j(d), oy + ph + j(d)]])
    if rng.random() < 0.5:  # keystone: camera tilted toward the top or the bottom
        k = rng.uniform(0.02, 0.05) * pw
        dst[0, 0] += k; dst[1, 0] -= k
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    m = cv2.getPerspectiveTransform(src, dst)
    table = np.array([rng.randint(20, 70)] * 3, np.float32) + np.array([rng.randint(0, 25), rng.randint(0, 15), 0])
    out = cv2.warpPerspective(np.asarray(img), m, (cw, ch), flags=cv2.INTER_AREA,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=tuple(float(v) for v in table))
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    gx, gy = rng.uniform(0, 1), rng.uniform(0, 1)
    light = 1.0 - 0.35 * ((xx / cw - gx) ** 2 + (yy / ch - gy) ** 2)
    if rng.random() < 0.6:  # a hand's or the phone's shadow across one side
        edge = rng.uniform(0.15, 0.35) * cw
        light *= np.where(xx < edge, 0.72 + 0.28 * xx / edge, 1.0)
    arr = out.astype(np.float32) * light[..., None]
    arr += np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 6, arr.shape)
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))

    def fn(x, y):  # noqa: ANN001, ANN202
        v = m @ np.array([x, y, 1.0])
        return v[0] / v[2], v[1] / v[2]

    return photo, _moved(truth, fn, photo.size, dpi=0, phone=True)


def spread(pair: list[tuple[Image.Image, dict]], rng: random.Random) -> tuple[Image.Image, dict] | None:
    """Two ruled pages of one register side by side: each row runs across both pages and the gutter."""
    (a, ta), (b, tb) = pair
    if a.size != b.size or len(ta["entries"]) != len(tb["entries"]):
        return None
    w, h = a.size
    gutter = int(w * 0.03)
    canvas = Image.new("RGB", (2 * w + gutter, h), tuple(int(v) for v in np.asarray(a)[5, 5]))
    canvas.paste(a, (0, 0))
    canvas.paste(b, (w + gutter, 0))
    arr = np.asarray(canvas).astype(np.float32)
    xx = np.arange(canvas.width, dtype=np.float32)
    shade = 1.0 - 0.35 * np.exp(-((xx - (w + gutter / 2)) / (gutter * 1.2)) ** 2)  # the book's fold
    canvas = Image.fromarray(np.clip(arr * shade[None, :, None], 0, 255).astype(np.uint8))
    entries = []
    for ea, eb in zip(ta["entries"], tb["entries"]):
        pa, pb = ea["polygon"], [[x + w + gutter, y] for x, y in eb["polygon"]]
        poly = [pa[0], pb[1], pb[2], pa[3]]
        xs, ys = [p[0] for p in pa + pb], [p[1] for p in pa + pb]
        entries.append({**ea, "polygon": poly, "bbox": [min(xs), min(ys), max(xs), max(ys)]})
    truth = {**ta, "layout": "spread", "size": list(canvas.size), "entries": entries}
    return canvas, truth


def save(img: Image.Image, truth: dict, folder: Path, n: int, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"scan_{n:04d}.jpg"
    dpi = truth.get("dpi") or 0
    kw = {"dpi": (dpi, dpi)} if dpi else {}
    img.save(folder / name, quality=rng.randint(78, 90), **kw)
    (folder / f"scan_{n:04d}.json").write_text(json.dumps({**truth, "file": name}, ensure_ascii=False, indent=1),
                                               encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--generator", type=Path, default=GENERATOR)
    ap.add_argument("--pages", type=int, default=6, help="pages per condition and split")
    args = ap.parse_args()
    for split in SPLITS:
        pool = base_pages(args.out, split, 6, args.generator)
        rng = random.Random(split)
        for c, cond in enumerate(CONDITIONS):
            folder = args.out / split / cond
            shutil.rmtree(folder, ignore_errors=True)
            if cond == "spread":
                tables = [p for p in pool if p[1]["layout"].startswith("table")]
                pairs = [(tables[i], tables[j]) for i in range(len(tables)) for j in range(i + 1, len(tables))
                         if tables[i][0].size == tables[j][0].size]
                made = 0
                for pair in pairs[:: max(1, len(pairs) // args.pages)]:
                    res = spread(list(pair), rng)
                    if res and made < args.pages:
                        made += 1
                        save(*res, folder, made, rng)
                continue
            picks = [pool[(c * 3 + 5 * k) % len(pool)] for k in range(args.pages)]
            fn = {"scan": lambda i, t, r: (i, dict(t)), "dpi150": dpi150, "skew3": skew3, "upside": upside,
                  "fade": fade, "phone": phone}[cond]
            for n, (img, truth) in enumerate(picks, 1):
                save(*fn(img, truth, rng), folder, n, rng)
        print(f"{split}: {', '.join(CONDITIONS)} in {args.out / split}")


if __name__ == "__main__":
    main()
