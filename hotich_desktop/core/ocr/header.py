"""What a page says it is: the book type and year printed in its header band ("SỔ ĐĂNG KÝ KẾT HÔN - NĂM 1986").

Read with Tesseract from the top band of the page (and from the bottom band turned round, for a page fed
upside down), matched loosely against the book titles, so a marriage page or a page of another year is
caught before its entries are cut and pre-filled into the wrong book's form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image, ImageOps
from rapidfuzz import fuzz
from unidecode import unidecode

from ..booktypes import BOOK_TYPES

BAND = 0.09  # share of the page height holding the title
MATCH = 85  # rapidfuzz partial ratio needed to call a title found
YEAR = re.compile(r"\bNAM\s*[:.]?\s*((?:18|19|20)\d\d)\b")


@dataclass(frozen=True)
class PageHeader:
    text: str
    book_type: str | None = None
    year: int | None = None

    def differs_from(self, book_type: str, year: int) -> str:
        """A sentence for the clerk when the header names another book; "" when it fits or says nothing."""
        other_type = self.book_type is not None and self.book_type != book_type
        other_year = self.year is not None and self.year != year
        if not (other_type or other_year):
            return ""
        title = BOOK_TYPES[self.book_type or book_type].title
        said = f"«{title}{' năm ' + str(self.year) if self.year else ''}»"
        here = f"{BOOK_TYPES[book_type].title} năm {year}"
        return f"Đầu trang ghi {said}, không phải {here}. Hãy chuyển trang sang đúng sổ hoặc xác nhận giữ lại."


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", unidecode(text).upper()).strip()


TITLES = {key: _plain(b.title).removeprefix("SO ").strip() for key, b in BOOK_TYPES.items()}


def match_header(text: str) -> PageHeader:
    """Book type and year from header text (OCR output; accents and small errors tolerated)."""
    plain = _plain(text)
    best, score = None, 0.0
    for key, title in TITLES.items():
        s = fuzz.partial_ratio(title, plain)
        if s > score or (s == score and best is not None and len(title) > len(TITLES[best])):
            best, score = key, s
    found = YEAR.search(plain)
    return PageHeader(text.strip(), best if score >= MATCH else None, int(found.group(1)) if found else None)


def read_header(image: Image.Image, lang: str = "vie") -> PageHeader:
    """OCR of the page's top band; the bottom band turned round when the top says nothing."""
    from .engine import read_words

    gray = ImageOps.grayscale(image)
    w, h = gray.size
    band = int(h * BAND)
    scale = 1.0 if w <= 1200 else 1200 / w  # a title is large print: a reduced band reads as well, faster
    for crop in (gray.crop((0, 0, w, band)), gray.crop((0, h - band, w, h)).rotate(180)):
        if scale != 1.0:
            crop = crop.resize((int(crop.width * scale), int(crop.height * scale)))
        words = read_words(crop, lang=lang, psm=6, timeout=20)
        header = match_header(" ".join(word.text for word in words if word.conf >= 0.3))
        if header.book_type or header.year:
            return header
    return PageHeader("")
