"""Vietnamese-aware comparison: NFC, with and without diacritics (handwriting OCR loses accents first)."""
from __future__ import annotations

import functools
import unicodedata

from rapidfuzz import fuzz
from unidecode import unidecode


def _plain_table() -> dict[int, str]:
    """Every accented Latin letter (Vietnamese and the rest) to its bare letter: one str.translate instead
    of unidecode's per-character work (an office's lexicon holds tens of thousands of values)."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base.isascii() and base.isalpha() and chr(cp) not in table:
            table[cp] = base
    return table


PLAIN = _plain_table()


def nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@functools.lru_cache(maxsize=65536)
def flat(text: str) -> str:
    """Lower case without accents: what a clerk types fast and what handwriting OCR gets right most often."""
    plain = nfc(text).translate(PLAIN)
    return (plain if plain.isascii() else unidecode(plain)).lower()


def similarity(a: str, b: str) -> float:
    """0..100: the letters count most, the accents break ties (the same weighting as ocr/lexicon.py)."""
    return 0.6 * fuzz.ratio(flat(a), flat(b)) + 0.4 * fuzz.ratio(nfc(a).lower(), nfc(b).lower())
