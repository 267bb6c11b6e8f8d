"""Flat ledger pages as a clean scanner would see them: ruled registers, boxed blocks and two-page spreads,
typed or written by hand. Every entry keeps its outline as points, so distortions can carry the truth along."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

from .content import COLUMN_TITLES, COLUMNS, LABELS, TITLES, Book
from .fonts import family, font

K = 8  # outline points per edge: enough to follow a curl near the gutter
A4 = (8.27, 11.69)  # inches
BLACK_INK = (28, 28, 34)
RULE = (38, 36, 34)
Blank = Callable[[int], bool]  # entries whose values are left out (to find their ink by difference)


def outline(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    """A rectangle as 4*K points clockwise from the top-left corner (corners at 0, K, 2K, 3K)."""
    t = np.linspace(0.0, 1.0, K, endpoint=False)
    top = np.stack([x0 + (x1 - x0) * t, np.full(K, y0)], 1)
    right = np.stack([np.full(K, x1), y0 + (y1 - y0) * t], 1)
    bottom = np.stack([x1 - (x1 - x0) * t, np.full(K, y1)], 1)
    left = np.stack([np.full(K, x0), y1 - (y1 - y0) * t], 1)
    return np.concatenate([top, right, bottom, left]).astype(np.float64)


@dataclass
class Sheet:
    """A page being made: the pixels, each entry's outline and fields, and what the distortions need to know."""

    image: np.ndarray  # H x W x 3, uint8 RGB
    outlines: list[np.ndarray]
    fields: list[dict[str, str]]
    dpi: int
    layout: str
    seals: list[bool] = field(default_factory=list)
    gutter: float | None = None  # x of a spread's fold, where the paper curls
    applied: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.seals = self.seals or [False] * len(self.outlines)

    @property
    def size(self) -> tuple[int, int]:
        return self.image.shape[1], self.image.shape[0]

    def map_points(self, fn) -> None:  # noqa: ANN001
        self.outlines = [fn(o) for o in self.outlines]
        if self.gutter is not None:
            self.gutter = float(fn(np.array([[self.gutter, self.image.shape[0] / 2]]))[0, 0])


class Pen:
    """Writes values as a clerk's hand (slanted font, words jittered, blue or black ink) or a typewriter would."""

    def __init__(self, rng: random.Random, dpi: int, hand: str, size_in: float, writer: int | None = None):
        """`writer`: a seed for the person holding the pen (font and ink), so every page of a book can be
        written by the same clerk; the jitter of each word still comes from `rng`."""
        self.rng, self.hand = rng, hand
        who = rng if writer is None else random.Random(f"writer/{writer}")
        self.path = who.choice(family("hand" if hand == "hand" else "type"))
        self.size = int(dpi * size_in)
        blue = (20 + who.randint(0, 30), 35 + who.randint(0, 40), 110 + who.randint(0, 80))
        self.ink = blue if hand == "hand" and who.random() < 0.65 else BLACK_INK

    def write(self, img: Image.Image, x: float, y: float, text: str, max_w: float, line_h: float) -> None:
        """`text` on the line whose top is y, shrunk to fit max_w, centred in line_h."""
        size = min(self.size, int(line_h * 0.62))
        f = font(self.path, size)
        words = text.split()
        lengths = [f.getlength(w) for w in words]
        width = sum(lengths) + size * 0.32 * (len(words) - 1)
        if width > max_w:
            size = max(8, int(size * max_w / width * 0.96))
            f = font(self.path, size)
            lengths = [f.getlength(w) for w in words]
        top = y + (line_h - size * 1.25) / 2
        slope = self.rng.uniform(-0.02, 0.02) if self.hand == "hand" else 0.0
        start = x
        for word, length in zip(words, lengths):
            mask = Image.new("L", (int(length) + 6, int(size * 1.5)), 0)
            ImageDraw.Draw(mask).text((2, 1), word, font=f, fill=255)
            dy = 0.0
            if self.hand == "hand":
                mask = mask.rotate(self.rng.uniform(-4, 4), resample=Image.BICUBIC, expand=True)
                strength = self.rng.uniform(0.6, 1.0)  # pen pressure
                dy = self.rng.uniform(-0.08, 0.08) * size + slope * (x - start)
            else:
                strength = self.rng.uniform(0.8, 1.0)  # a typewriter's ribbon and key pressure vary
            # A lighter ink on white paper is the same as a fainter stroke, and much cheaper than a faded mask.
            ink = tuple(int(255 - (255 - c) * strength) for c in self.ink)
            img.paste(ink, (int(x), int(top + dy)), mask)
            gap = 0.32 + (self.rng.uniform(-0.05, 0.12) if self.hand == "hand" else 0.0)
            x += length + size * gap


def _title(d: ImageDraw.ImageDraw, rng: random.Random, book: Book, x: float, y: float, dpi: int,
           width: float) -> None:
    bold = font(rng.choice(family("bold")), int(dpi * rng.uniform(0.14, 0.17)))
    text = f"{TITLES[book.book_type]} - NĂM {book.year}"
    size = bold.size
    while bold.getlength(text) > width * 0.8 and size > 10:
        size -= 2
        bold = font(bold.path, size)
    d.text((x + (width - bold.getlength(text)) * rng.uniform(0.4, 0.6), y), text, font=bold, fill=(22, 22, 22))


def _fit(path, size: int, text: str, width: float):  # noqa: ANN001, ANN202
    f = font(path, size)
    while f.getlength(text) > width and size > 8:
        size -= 1
        f = font(path, size)
    return f


def _ruled_table(img: Image.Image, rng: random.Random, pen: Pen, book: Book, dpi: int, xs: list[float],
                 groups: list[list[str] | None], titles: list[str], head: tuple[float, float], rows: list[float],
                 entries: list[dict[str, str]], blank: Blank, line_w: int) -> None:
    """One ruled table: header band, columns, row bands; each cell holds a column group, one field a line."""
    d = ImageDraw.Draw(img)
    head_top, head_bot = head
    bottom = rows[-1]
    d.rectangle((xs[0], head_top, xs[-1], bottom), outline=RULE, width=line_w + 1)
    d.line((xs[0], head_bot, xs[-1], head_bot), fill=RULE, width=line_w + 1)
    for x in xs[1:-1]:
        d.line((x, head_top, x, bottom), fill=RULE, width=line_w)
    for y in rows[1:-1]:
        d.line((xs[0], y, xs[-1], y), fill=RULE, width=line_w)
    head_path = rng.choice(family("bold"))
    for c, title in enumerate(titles):
        f = _fit(head_path, int(dpi * 0.1), title, xs[c + 1] - xs[c] - dpi * 0.08)
        d.text((xs[c] + dpi * 0.04, head_top + (head_bot - head_top - f.size) / 2), title, font=f, fill=(20, 20, 20))
    pad_x, pad_y = dpi * 0.05, dpi * 0.04
    for i, fields in enumerate(entries):
        y0, y1 = rows[i], rows[i + 1]
        for c, group in enumerate(groups):
            if not group or blank(i):
                continue
            slot = (y1 - y0 - 2 * pad_y) / len(group)
            for k, key in enumerate(group):
                pen.write(img, xs[c] + pad_x, y0 + pad_y + k * slot, fields[key], xs[c + 1] - xs[c] - 2 * pad_x, slot)


def _columns(rng: random.Random, left: float, right: float, n_groups: int, note: bool,
             weights: list[float]) -> list[float]:
    fractions = [w * rng.uniform(0.9, 1.1) for w in weights[:n_groups]] + ([0.09] if note else [])
    total = sum(fractions)
    xs, x = [left], left
    for f in fractions:
        x += (right - left) * f / total
        xs.append(x)
    xs[-1] = right
    return xs


def table(rng: random.Random, pen: Pen, book: Book, dpi: int, n: int, blank: Blank = lambda i: False) -> Sheet:
    """A ruled register page: header band of column titles, one entry per row band."""
    W, H = int(A4[0] * dpi), int(A4[1] * dpi)
    img = Image.new("RGB", (W, H), (255, 255, 255))
    margin = W * rng.uniform(0.045, 0.08)
    _title(ImageDraw.Draw(img), rng, book, margin, H * rng.uniform(0.025, 0.035), dpi, W - 2 * margin)
    head_top = H * rng.uniform(0.07, 0.085)
    head_bot = head_top + H * rng.uniform(0.025, 0.04)
    bottom = H * (1 - rng.uniform(0.03, 0.05))
    rows = [head_bot + (bottom - head_bot) * i / n for i in range(n + 1)]
    note = rng.random() < 0.5
    xs = _columns(rng, margin, W - margin, 3, note, [0.17, 0.42, 0.41])
    groups: list[list[str] | None] = [*COLUMNS[book.book_type], *([None] if note else [])]
    titles = [*COLUMN_TITLES, *(["Ghi chú"] if note else [])]
    entries = [book.next_entry() for _ in range(n)]
    _ruled_table(img, rng, pen, book, dpi, xs, groups, titles, (head_top, head_bot), rows, entries, blank,
                 max(1, round(dpi / 150)))
    outlines = [outline(xs[0], rows[i], xs[-1], rows[i + 1]) for i in range(n)]
    return Sheet(np.asarray(img).copy(), outlines, entries, dpi, f"table{n}")


def spread(rng: random.Random, pen: Pen, book: Book, dpi: int, n: int, blank: Blank = lambda i: False) -> Sheet:
    """Two facing pages of one register: each entry is a row across both pages and the gutter between."""
    W, H = int(A4[0] * dpi), int(A4[1] * dpi)
    img = Image.new("RGB", (2 * W, H), (255, 255, 255))
    outer, inner = W * rng.uniform(0.05, 0.08), W * rng.uniform(0.03, 0.05)
    _title(ImageDraw.Draw(img), rng, book, outer, H * rng.uniform(0.025, 0.035), dpi, W - outer - inner)
    head_top = H * rng.uniform(0.07, 0.085)
    head_bot = head_top + H * rng.uniform(0.025, 0.04)
    bottom = H * (1 - rng.uniform(0.03, 0.05))
    rows = [head_bot + (bottom - head_bot) * i / n for i in range(n + 1)]
    groups = COLUMNS[book.book_type]
    # The right-hand page: the rest in two columns, then the remarks column, as the official books rule it.
    half = (len(groups[2]) + 1) // 2
    right_groups = [groups[2][:half], groups[2][half:], None]
    left_xs = _columns(rng, outer, W - inner, 2, False, [0.3, 0.7])
    right_xs = _columns(rng, W + inner, 2 * W - outer, 2, True, [0.45, 0.45])
    entries = [book.next_entry() for _ in range(n)]
    width = max(1, round(dpi / 150))
    _ruled_table(img, rng, pen, book, dpi, left_xs, groups[:2], COLUMN_TITLES[:2], (head_top, head_bot), rows,
                 entries, blank, width)
    _ruled_table(img, rng, pen, book, dpi, right_xs, right_groups, [COLUMN_TITLES[2], "", "Ghi chú"],
                 (head_top, head_bot), rows, entries, blank, width)
    x = np.arange(2 * W, dtype=np.float32)
    fold = 1.0 - 0.22 * np.exp(-(((x - W) / (W * 0.012)) ** 2))  # the fold darkens towards the binding
    arr = np.asarray(img).copy()
    edge = slice(int(W * 0.95), int(W * 1.05))
    arr[:, edge] = (arr[:, edge] * fold[None, edge, None]).astype(np.uint8)
    outlines = [outline(left_xs[0], rows[i], right_xs[-1], rows[i + 1]) for i in range(n)]
    return Sheet(arr, outlines, entries, dpi, f"spread{n}", gutter=float(W))


def _block_lines(labels: list[tuple[str, str]], pair: bool) -> list[list[tuple[str, str]]]:
    """One field a line, or short fields two to a line when space is tight."""
    wide = {"noi_sinh", "noi_cu_tru", "noi_cu_tru_chong", "noi_cu_tru_vo", "nguoi_di_khai", "ho_ten_cha",
            "ho_ten_me", "noi_chet", "ho_ten", "ho_ten_chong", "ho_ten_vo", "nguyen_nhan"}
    if not pair:
        return [[item] for item in labels]
    lines: list[list[tuple[str, str]]] = []
    for item in labels:
        if item[0] in wide or not lines or len(lines[-1]) == 2 or lines[-1][0][0] in wide:
            lines.append([item])
        else:
            lines[-1].append(item)
    return lines


def blocks(rng: random.Random, pen: Pen, book: Book, dpi: int, n: int, blank: Blank = lambda i: False) -> Sheet:
    """Boxed blocks, one entry each: printed "label:" then the value on a dotted guide."""
    W, H = int(A4[0] * dpi), int(A4[1] * dpi)
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    margin = W * rng.uniform(0.05, 0.09)
    _title(d, rng, book, margin, H * rng.uniform(0.025, 0.035), dpi, W - 2 * margin)
    top, bottom = H * rng.uniform(0.07, 0.085), H * (1 - rng.uniform(0.03, 0.05))
    gap = H * rng.uniform(0.01, 0.02)
    slot = (bottom - top - gap * (n - 1)) / n
    labels = LABELS[book.book_type]
    pair = n >= 3 or (n == 2 and book.book_type == "khai_sinh") or rng.random() < 0.3
    lines = _block_lines(labels, pair)
    pad = dpi * 0.07
    line_h = min(dpi * 0.42, (slot - 2 * pad) / len(lines))
    height = min(slot, line_h * len(lines) + 2 * pad)
    label_f = font(rng.choice(family("print")), int(min(dpi * 0.11, line_h * 0.5)))
    dotted = rng.random() < 0.6
    width = max(2, round(dpi / 100))
    entries, outlines = [], []
    for i in range(n):
        fields = book.next_entry()
        y0 = top + i * (slot + gap)
        y1 = y0 + height
        d.rectangle((margin, y0, W - margin, y1), outline=RULE, width=width)
        half = (W - 2 * margin - 2 * pad) / 2
        for r, line in enumerate(lines):
            y = y0 + pad + r * line_h
            for c, (key, label) in enumerate(line):
                x = margin + pad + c * half
                end = W - margin - pad if len(line) == 1 or c == 1 else x + half - pad
                text = label + ":"
                ty = y + (line_h - label_f.size * 1.2) / 2
                d.text((x, ty), text, font=label_f, fill=(25, 25, 25))
                vx = x + label_f.getlength(text) + dpi * 0.04
                base = ty + label_f.size * 1.1
                if dotted:
                    for dx in np.arange(vx, end, dpi * 0.03):
                        d.point((dx, base), fill=(110, 110, 110))
                else:
                    d.line((vx, base, end, base), fill=(140, 140, 140), width=1)
                if not blank(i):
                    pen.write(img, vx, y - line_h * 0.12, fields[key], end - vx, line_h)
        entries.append(fields)
        outlines.append(outline(margin, y0, W - margin, y1))
    return Sheet(np.asarray(img).copy(), outlines, entries, dpi, f"block{n}")


LAYOUTS = {"table": table, "blocks": blocks, "spread": spread}
