"""Conditions real books and cameras add, as composable distortions of a Sheet.

Each distortion changes the pixels and, when it moves them, moves every entry's outline with the same
geometry, so the truth stays exact. Apply them in CANONICAL order (paper first, camera last) or compose your own.
"""
from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from .fonts import family, font
from .render import K, Sheet


SMALL = 8  # slowly varying fields are made at 1/8 scale and enlarged: cheap even at 300 dpi


def _smooth_field(rng: random.Random, shape: tuple[int, int], cells: int = 6) -> np.ndarray:
    """A slowly varying 0..1 field at 1/SMALL of the page's size."""
    h, w = shape[0] // SMALL + 1, shape[1] // SMALL + 1
    small = np.random.default_rng(rng.randrange(1 << 30)).random((cells, cells)).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC).clip(0, 1)


def scale_by(img: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """img * factor, the factor (any size, 1 or 3 channels, values 0..1.99) stretched over the image; done in
    uint8 arithmetic."""
    f8 = np.clip(factor * 128, 0, 255).astype(np.uint8)
    if f8.ndim == 2:
        f8 = cv2.cvtColor(f8, cv2.COLOR_GRAY2RGB)
    if f8.shape[:2] != img.shape[:2]:
        f8 = cv2.resize(f8, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.multiply(img, f8, scale=1 / 128)


def _border_colour(img: np.ndarray) -> tuple[int, int, int]:
    edge = np.concatenate([img[:4].reshape(-1, 3), img[-4:].reshape(-1, 3)])
    return tuple(int(v) for v in np.median(edge, axis=0))


@dataclass
class Seal:
    """Red commune seals stamped over an entry's bottom rule (the ink of the seal crosses the ruling)."""

    chance: float = 0.5

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        if not sheet.outlines:
            return sheet
        img = Image.fromarray(sheet.image)
        hits = [i for i in range(len(sheet.outlines)) if rng.random() < self.chance]
        hits = hits or [rng.randrange(len(sheet.outlines))]  # asked for seals: at least one
        for i in hits:
            o = sheet.outlines[i]
            x0, y0, x1, y1 = o[:, 0].min(), o[:, 1].min(), o[:, 0].max(), o[:, 1].max()
            r = int(min(sheet.dpi * rng.uniform(0.3, 0.42), (y1 - y0) * 0.45))
            cx = int(x1 - (x1 - x0) * rng.uniform(0.1, 0.35))
            cy = int(y1 - r * rng.uniform(-0.2, 0.4))
            layer = Image.new("L", (2 * r + 8, 2 * r + 8), 0)
            d = ImageDraw.Draw(layer)
            c = r + 4
            d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=max(3, r // 12))
            d.ellipse((c - r * 0.72, c - r * 0.72, c + r * 0.72, c + r * 0.72), outline=255, width=max(2, r // 20))
            f = font(family("bold")[0], max(10, r // 4))
            d.text((c - f.getlength("UBND XÃ") / 2, c - f.size * 0.6), "UBND XÃ", font=f, fill=255)
            layer = layer.rotate(rng.uniform(-40, 40), resample=Image.BICUBIC)
            strength = rng.uniform(0.55, 0.85)
            img.paste((205, 35, 45), (cx - c, cy - c), layer.point(lambda v, k=strength: int(v * k)))
            sheet.seals[i] = True
        sheet.image = np.asarray(img).copy()
        return sheet


@dataclass
class Faded:
    """Ink and rules gone pale, more in some parts of the page than others."""

    least: float = 0.35
    most: float = 0.65

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        amount = self.least + (self.most - self.least) * _smooth_field(rng, sheet.image.shape[:2], 4)
        sheet.image = cv2.bitwise_not(scale_by(cv2.bitwise_not(sheet.image), 1 - amount))
        return sheet


@dataclass
class Tint:
    """Paper yellowed with age, unevenly."""

    age: float | None = None  # 0 (new) .. 1 (very old)

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        age = rng.uniform(0.2, 1.0) if self.age is None else self.age
        tone = np.array([245 - 12 * age, 238 - 30 * age, 220 - 55 * age], np.float32) / 255
        vary = 1 - 0.06 * age * _smooth_field(rng, sheet.image.shape[:2])
        sheet.image = scale_by(sheet.image, vary[..., None] * tone)
        return sheet


@dataclass
class Stains:
    """Brown water and tea stains."""

    count: int = 3

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        h, w = sheet.image.shape[:2]
        s = 8  # drawn at 1/8 scale, enlarged
        small = np.zeros((h // s + 1, w // s + 1), np.float32)
        yy, xx = np.mgrid[0:small.shape[0], 0:small.shape[1]]
        for _ in range(self.count):
            cx, cy = rng.uniform(0, small.shape[1]), rng.uniform(0, small.shape[0])
            r = rng.uniform(0.02, 0.12) * small.shape[1]
            ring = rng.random() < 0.4  # a dried cup ring is darker at its edge
            dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / r
            blob = np.exp(-((dist - 1) ** 2) / 0.02) if ring else np.exp(-dist ** 2 * 2)
            small += blob.astype(np.float32) * rng.uniform(0.4, 1.0)
        brown = np.array([20, 38, 70], np.float32)
        stain = cv2.resize((small.clip(0, 1.2)[..., None] * brown).astype(np.uint8), (w, h),
                           interpolation=cv2.INTER_LINEAR)
        sheet.image = cv2.subtract(sheet.image, stain)
        return sheet


@dataclass
class Curl:
    """Paper curling into the binding: lines bow and darken near the gutter (a spread's fold, else the left edge)."""

    amount: float | None = None

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        h, w = sheet.image.shape[:2]
        a = rng.uniform(0.01, 0.025) if self.amount is None else self.amount
        g = sheet.gutter if sheet.gutter is not None else 0.0
        s = w * (0.06 if sheet.gutter is not None else 0.12)
        cy = h / 2

        def weight(x: np.ndarray) -> np.ndarray:
            return np.exp(-(((x - g) / s) ** 2))

        def forward(pts: np.ndarray) -> np.ndarray:
            out = pts.copy()
            out[:, 1] = cy + (pts[:, 1] - cy) * (1 - a * weight(pts[:, 0]))
            return out

        xs = np.arange(w, dtype=np.float32)
        # Only the columns near the fold move (beyond 3 s the shift is under a thousandth of a pixel).
        x0, x1 = max(0, int(g - 3 * s)), min(w, int(g + 3 * s) + 1)
        squeeze = (1 - a * weight(xs[x0:x1])).astype(np.float32)
        map_x = np.broadcast_to(np.arange(x1 - x0, dtype=np.float32)[None, :], (h, x1 - x0)).astype(np.float32)
        map_y = (cy + (np.arange(h, dtype=np.float32)[:, None] - cy) / squeeze[None, :]).astype(np.float32)
        fill = _border_colour(sheet.image)
        out = sheet.image.copy()
        out[:, x0:x1] = cv2.remap(np.ascontiguousarray(sheet.image[:, x0:x1]), map_x, map_y, cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_CONSTANT, borderValue=fill)
        shade = 1 - rng.uniform(0.15, 0.3) * weight(xs)
        sheet.image = scale_by(out, shade[None, :])
        sheet.map_points(forward)
        return sheet


@dataclass
class Skew:
    """The page laid a little crooked on the scanner glass."""

    degrees: float | None = None
    limit: float = 3.0

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        angle = rng.uniform(-self.limit, self.limit) if self.degrees is None else self.degrees
        h, w = sheet.image.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        sheet.image = cv2.warpAffine(sheet.image, m, (w, h), flags=cv2.INTER_LINEAR,
                                     borderValue=_border_colour(sheet.image))
        sheet.map_points(lambda p: p @ m[:, :2].T + m[:, 2])
        return sheet


@dataclass
class UpsideDown:
    """The book fed in the wrong way round. Entries keep their own corner order and book order."""

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        h, w = sheet.image.shape[:2]
        sheet.image = np.ascontiguousarray(sheet.image[::-1, ::-1])
        sheet.map_points(lambda p: np.stack([w - 1 - p[:, 0], h - 1 - p[:, 1]], 1))
        return sheet


@dataclass
class Phone:
    """A phone photo: the page on a dark table, seen at an angle, lit unevenly with a shadow across it."""

    tilt: float = 0.05  # corner displacement, as a fraction of the page width

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        h, w = sheet.image.shape[:2]
        mx, my = int(w * rng.uniform(0.05, 0.1)), int(h * rng.uniform(0.04, 0.08))
        cw, ch = w + 2 * mx, h + 2 * my
        sw, sh = cw // SMALL + 1, ch // SMALL + 1
        base = np.array([rng.randint(35, 80), rng.randint(28, 60), rng.randint(20, 45)], np.float32)
        grain = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, (sh, sw, 1)).astype(np.float32)
        table = base * (0.8 + 0.4 * _smooth_field(rng, (ch, cw), 3))[..., None] + grain
        table = cv2.resize(table.clip(0, 255).astype(np.uint8), (cw, ch), interpolation=cv2.INTER_LINEAR)
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        d = self.tilt * w
        dst = np.float32([[mx + x + rng.uniform(-d, d), my + y + rng.uniform(-d, d)] for x, y in src])
        dst[:, 0] = dst[:, 0].clip(2, cw - 2)
        dst[:, 1] = dst[:, 1].clip(2, ch - 2)
        hm = cv2.getPerspectiveTransform(src, dst)
        out = cv2.warpPerspective(sheet.image, hm, (cw, ch), dst=table, flags=cv2.INTER_LINEAR,
                                  borderMode=cv2.BORDER_TRANSPARENT)
        light = 0.75 + 0.35 * _smooth_field(rng, (ch, cw), 3)
        # A soft-edged shadow (the photographer's hand or head) across one side.
        yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
        theta = rng.uniform(0, 2 * math.pi)
        side = xx * math.cos(theta) + yy * math.sin(theta)
        cut = np.quantile(side, rng.uniform(0.65, 0.85))
        light *= 1 - rng.uniform(0.2, 0.4) / (1 + np.exp(-(side - cut) / (sw * 0.03)))
        sheet.image = cv2.GaussianBlur(scale_by(out, light), (0, 0), rng.uniform(0.5, 1.0))
        sheet.map_points(lambda p: cv2.perspectiveTransform(p[None].astype(np.float64), hm)[0])
        return sheet


@dataclass
class Noise:
    """Sensor noise and a little blur."""

    sigma: float | None = None

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        sigma = rng.uniform(3, 8) if self.sigma is None else self.sigma
        h, w = sheet.image.shape[:2]
        grain = np.random.default_rng(rng.randrange(1 << 30)).standard_normal((h // 2 + 1, w // 2 + 1),
                                                                               dtype=np.float32)
        grain = (grain * sigma * 1.4).round()

        def part(values: np.ndarray) -> np.ndarray:  # one sign of the noise, full size, 3 channels, uint8
            full = cv2.resize(values.clip(0, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST)
            return cv2.cvtColor(full, cv2.COLOR_GRAY2RGB)

        noisy = cv2.subtract(cv2.add(sheet.image, part(grain)), part(-grain))  # saturating uint8: fast
        sheet.image = cv2.GaussianBlur(noisy, (0, 0), rng.uniform(0.3, 0.8))
        return sheet


@dataclass
class JpegNoise:
    """Blocky artefacts of a scanner or messenger app saving at low quality."""

    quality: int | None = None

    def __call__(self, sheet: Sheet, rng: random.Random) -> Sheet:
        buf = io.BytesIO()
        Image.fromarray(sheet.image).save(buf, "JPEG", quality=self.quality or rng.randint(25, 50))
        sheet.image = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB")).copy()
        return sheet


# Conditions by name, in the order a page meets them: stamped and aged, then bent, scanned or photographed.
CONDITIONS = {"seal": Seal, "faded": Faded, "tint": Tint, "stains": Stains, "curl": Curl, "skew": Skew,
              "upside_down": UpsideDown, "phone": Phone, "noise": Noise, "jpeg": JpegNoise}
CANONICAL = list(CONDITIONS)


def apply(sheet: Sheet, names: list[str] | tuple[str, ...], rng: random.Random) -> Sheet:
    """The named conditions, each with its default settings, in canonical order."""
    unknown = set(names) - set(CONDITIONS)
    if unknown:
        raise ValueError(f"unknown conditions: {', '.join(sorted(unknown))}")
    for name in sorted(set(names), key=CANONICAL.index):
        sheet = CONDITIONS[name]()(sheet, rng)
        sheet.applied.append(name)
    return sheet


def corners(outline: np.ndarray) -> np.ndarray:
    return outline[[0, K, 2 * K, 3 * K]]
