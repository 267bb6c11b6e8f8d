"""Running Tesseract on one prepared crop, and knowing whether it is there at all."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ..errors import HotichError

INSTALL_HINT = ("Chưa cài Tesseract tiếng Việt: các trường để trống, hãy nhập tay. "
                "Cài bằng: sudo apt-get install tesseract-ocr tesseract-ocr-vie")


class OcrUnavailable(HotichError):
    """Tesseract or its Vietnamese data is missing: the app still works, fields start empty."""


@dataclass(frozen=True)
class Word:
    text: str
    conf: float  # 0..1
    x0: int
    y0: int
    x1: int
    y1: int
    line: tuple[int, int, int]  # (block, paragraph, line) as Tesseract numbered it

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def bundled_tesseract() -> Path | None:
    """Tesseract shipped inside a frozen bundle (PyInstaller puts it in <bundle>/tesseract/ with tessdata/).

    A commune PC has nothing installed, and a system Tesseract of another version or without `vie` must not
    win over the one we tested with, so the bundled one always comes first.
    """
    base = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not base:
        return None
    exe = Path(base) / "tesseract" / ("tesseract.exe" if os.name == "nt" else "tesseract")
    return exe if exe.is_file() else None


def use_bundled_tesseract() -> bool:
    """Called once at start by both programs: points pytesseract and TESSDATA_PREFIX at the bundled copy."""
    exe = bundled_tesseract()
    if exe is None:
        return False
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = str(exe)
    os.environ["TESSDATA_PREFIX"] = str(exe.parent / "tessdata")
    return True


def tesseract_exe() -> str | None:
    """The Tesseract that will run: the bundled one, else the first on PATH."""
    exe = bundled_tesseract()
    return str(exe) if exe else shutil.which("tesseract")


@functools.cache
def check(lang: str = "vie") -> None:
    use_bundled_tesseract()
    exe = tesseract_exe()
    if not exe:
        raise OcrUnavailable(INSTALL_HINT)
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(INSTALL_HINT) from exc
    if lang not in out.split():
        raise OcrUnavailable(INSTALL_HINT)


def available(lang: str = "vie") -> bool:
    try:
        check(lang)
        return True
    except OcrUnavailable:
        return False


def read_words(image: np.ndarray | Image.Image, lang: str = "vie", psm: int = 6, timeout: float = 30,
               whitelist: str = "") -> list[Word]:
    """Words with confidence and box; `whitelist` limits the characters Tesseract may answer with."""
    import pytesseract

    check(lang)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per process; we run entries in parallel
    img = image.copy() if isinstance(image, Image.Image) else Image.fromarray(image)
    img.format = "BMP"  # pytesseract hands the picture over as a file: PNG compression cost more than reading
    try:
        data = pytesseract.image_to_data(img, lang=lang, config=f"--psm {psm}" + (f" -c tessedit_char_whitelist={whitelist}" if whitelist else ""),
                                         output_type=pytesseract.Output.DICT, timeout=timeout)
    except RuntimeError:  # pytesseract's timeout
        return []
    except pytesseract.TesseractError as exc:
        raise OcrUnavailable(f"Tesseract báo lỗi: {str(exc)[:200]}") from exc
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(Word(text, conf / 100, x, y, x + w, y + h,
                          (data["block_num"][i], data["par_num"][i], data["line_num"][i])))
    return words
