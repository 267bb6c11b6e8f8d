"""Running Tesseract on one prepared crop, and knowing whether it is there at all."""
from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
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
    out = _list_langs(exe)
    if out is None:
        raise OcrUnavailable(INSTALL_HINT)
    if lang not in out.split():
        raise OcrUnavailable(INSTALL_HINT)


@functools.cache
def _list_langs(exe: str) -> str | None:
    """`tesseract --list-langs` (its first line names the data folder), asked once per process."""
    try:
        return subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def available(lang: str = "vie") -> bool:
    try:
        check(lang)
        return True
    except OcrUnavailable:
        return False


def read_words(image: np.ndarray | Image.Image, lang: str = "vie", psm: int = 6, timeout: float = 30,
               whitelist: str = "") -> list[Word]:
    """Words with confidence and box; `whitelist` limits the characters Tesseract may answer with.

    Through the Tesseract library in this process when tesserocr is installed (the model is loaded once per
    thread instead of once per call: a field zone then costs milliseconds, not a process start), else
    through the `tesseract` program."""
    check(lang)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per process; we run entries in parallel
    img = image if isinstance(image, Image.Image) else Image.fromarray(image)
    with _library_api(lang) as api:
        if api is not None:
            return _library_words(api, img, psm, timeout, whitelist)
    return _program_words(img, lang, psm, timeout, whitelist)


def _program_words(img: Image.Image, lang: str, psm: int, timeout: float, whitelist: str) -> list[Word]:
    import pytesseract

    img = img.copy()
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


_free_apis: dict[str, list] = {}
_apis_lock = threading.Lock()


@contextlib.contextmanager
def _library_api(lang: str):  # noqa: ANN202 - yields a tesserocr.PyTessBaseAPI, or None
    """A loaded Tesseract lent to one thread at a time (an API object is not shared between threads; a
    free one is reused, so the model loads once per thread that ever reads, not once per page), or None
    without tesserocr or its data, or when HOTICH_OCR_PROGRAM=1 asks for the program (to compare them)."""
    if os.environ.get("HOTICH_OCR_PROGRAM") == "1":
        yield None
        return
    with _apis_lock:
        free = _free_apis.setdefault(lang, [])
        api = free.pop() if free else None
    if api is None:
        api = _new_api(lang)
    try:
        yield api
    finally:
        if api is not None:
            with _apis_lock:
                _free_apis[lang].append(api)


_no_library: set[str] = set()


def _new_api(lang: str):  # noqa: ANN202
    """A Tesseract with `lang` loaded, or None (remembered: the program is used from then on)."""
    if lang in _no_library:
        return None
    try:
        import tesserocr

        data = tessdata_dir(lang)
        if data is not None:
            return tesserocr.PyTessBaseAPI(path=str(data) + os.sep, lang=lang, init=True)
    except (ImportError, RuntimeError):
        pass
    _no_library.add(lang)
    return None


@functools.cache
def tessdata_dir(lang: str) -> Path | None:
    """The folder holding `<lang>.traineddata`: TESSDATA_PREFIX (the bundle sets it), else the one the
    Tesseract program reports, else the usual places of Linux packages."""
    places = [os.environ.get("TESSDATA_PREFIX", "")]
    exe = tesseract_exe()
    out = _list_langs(exe) if exe else None
    m = re.search(r'"([^"]+)"', out or "")
    if m:
        places.append(m.group(1))
    places += ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
               "/usr/share/tessdata", "/usr/local/share/tessdata"]
    for place in places:
        if place and (Path(place) / f"{lang}.traineddata").is_file():
            return Path(place)
    return None


def _library_words(api, img: Image.Image, psm: int, timeout: float, whitelist: str) -> list[Word]:  # noqa: ANN001
    from tesserocr import RIL, iterate_level

    api.SetPageSegMode(psm)
    api.SetVariable("tessedit_char_whitelist", whitelist)
    api.SetImage(img)
    if not api.Recognize(int(timeout * 1000)):
        return []
    words: list[Word] = []
    block = par = line = 0
    iterator = api.GetIterator()
    if iterator is None:
        return []
    for r in iterate_level(iterator, RIL.WORD):
        if r.IsAtBeginningOf(RIL.BLOCK):
            block, par, line = block + 1, 0, 0
        if r.IsAtBeginningOf(RIL.PARA):
            par, line = par + 1, 0
        if r.IsAtBeginningOf(RIL.TEXTLINE):
            line += 1
        try:
            text = (r.GetUTF8Text(RIL.WORD) or "").strip()
        except RuntimeError:  # a word without text (tesserocr raises where the program prints nothing)
            continue
        box = r.BoundingBox(RIL.WORD)
        conf = r.Confidence(RIL.WORD)
        if not text or box is None or conf < 0:
            continue
        x0, y0, x1, y1 = box
        words.append(Word(text, conf / 100, x0, y0, x1, y1, (block, par, line)))
    return words
