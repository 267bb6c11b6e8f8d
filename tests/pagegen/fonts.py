"""Fonts from Debian's fonts-freefont-ttf and fonts-dejavu: printed labels, typewriters and slanted 'hands'."""
from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

DIRS = [Path("/usr/share/fonts/truetype/freefont"), Path("/usr/share/fonts/truetype/dejavu"),
        Path("/usr/share/fonts/TTF"), Path("/usr/local/share/fonts")]

PRINT = ["FreeSerif.ttf", "DejaVuSerif.ttf", "FreeSans.ttf", "DejaVuSans.ttf"]
PRINT_BOLD = ["FreeSerifBold.ttf", "DejaVuSerif-Bold.ttf", "FreeSansBold.ttf", "DejaVuSans-Bold.ttf"]
TYPE = ["FreeMono.ttf", "DejaVuSansMono.ttf"]
HAND = ["FreeSerifItalic.ttf", "FreeSansOblique.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSerif-Italic.ttf",
        "DejaVuSansCondensed-Oblique.ttf", "FreeSerifBoldItalic.ttf"]


class FontsMissing(RuntimeError):
    """The page generator needs Debian's fonts (packaging/setup.sh installs them)."""


@functools.cache
def available(names: tuple[str, ...]) -> tuple[Path, ...]:
    found = tuple(d / n for n in names for d in DIRS if (d / n).is_file())
    if not found:
        raise FontsMissing(f"none of {', '.join(names)} found: apt-get install fonts-freefont-ttf fonts-dejavu")
    return found


def family(kind: str) -> tuple[Path, ...]:
    return available(tuple({"print": PRINT, "bold": PRINT_BOLD, "type": TYPE, "hand": HAND}[kind]))


@functools.lru_cache(maxsize=256)
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(6, int(size)))
