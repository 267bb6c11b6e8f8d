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
    """Raises OcrUnavailable unless `lang` can be read: by the library in this process (its data file is
    found without starting a process) or by the `tesseract` program (asked for its languages once)."""
    use_bundled_tesseract()
    if not _program_forced() and _library_importable() and tessdata_dir(lang, ask_program=False) is not None:
        return
    exe = tesseract_exe()
    if not exe:
        raise OcrUnavailable(INSTALL_HINT)
    out = _list_langs(exe)
    if out is None:
        raise OcrUnavailable(INSTALL_HINT)
    if lang not in out.split():
        raise OcrUnavailable(INSTALL_HINT)


def _program_forced() -> bool:
    """HOTICH_OCR_PROGRAM=1: the `tesseract` program even where the library is there (to compare them)."""
    return os.environ.get("HOTICH_OCR_PROGRAM") == "1"


@functools.cache
def _library_importable() -> bool:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when the library starts: set before it loads
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return True


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

    Through the Tesseract library in this process when tesserocr is installed (a few models loaded once per
    process and reused: a field zone then costs milliseconds, not a process start), else through the
    `tesseract` program."""
    check(lang)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per read; we read entries in parallel
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


class _ApiPool:
    """Loaded Tesseracts of one language, lent to one thread at a time (an API object is not shared between
    threads). At most `cap` are ever loaded in a process (one per core: more would only wait for a core and
    cost 0.3 CPU-s and 30 MB each), so a page's entries, a folder's pages and a warm-up share the same few;
    a thread that finds none free waits for one."""

    def __init__(self, lang: str, cap: int) -> None:
        self.lang, self.cap = lang, max(1, cap)
        self.free: list = []
        self.made = 0  # loaded or loading
        self.cond = threading.Condition()
        self.failed = False

    def take(self):  # noqa: ANN201 - a tesserocr.PyTessBaseAPI, or None without the library
        with self.cond:
            while not self.free and self.made >= self.cap and not self.failed:
                self.cond.wait()
            if self.failed:
                return None
            if self.free:
                return self.free.pop()
            self.made += 1
        return self._load()

    def give(self, api) -> None:  # noqa: ANN001
        with self.cond:
            self.free.append(api)
            self.cond.notify()

    def warm(self, count: int) -> None:
        """Loads up to `count` models ahead (at most the cap), while the caller does other work."""
        for _ in range(count):
            with self.cond:
                if self.failed or self.made >= min(count, self.cap) or self.free:
                    return
                self.made += 1
            api = self._load()
            if api is None:
                return
            self.give(api)

    def _load(self):  # noqa: ANN202
        api = _new_api(self.lang)
        if api is None:
            with self.cond:
                self.failed = True
                self.made -= 1
                self.cond.notify_all()
        return api


_pools: dict[str, _ApiPool] = {}
_pools_lock = threading.Lock()


def _pool(lang: str) -> _ApiPool:
    with _pools_lock:
        if lang not in _pools:
            _pools[lang] = _ApiPool(lang, reading_threads())
        return _pools[lang]


def reading_threads() -> int:
    """How many Tesseract reads run at once in this process: one per core (each read is single-threaded
    under OMP_THREAD_LIMIT=1 and releases the GIL)."""
    return max(1, os.cpu_count() or 1)


def warm_up(lang: str = "vie", count: int | None = None) -> threading.Thread | None:
    """Starts loading the models in the background (about 0.3 s each) so that they are ready when the first
    entry is cut out: a command calls this before detecting the entries, which takes longer. None when the
    program is used instead, or the language is not there (check() will say so)."""
    if _program_forced() or not _library_importable() or tessdata_dir(lang, ask_program=False) is None:
        return None
    pool = _pool(lang)
    thread = threading.Thread(target=pool.warm, args=(count or pool.cap,), name="tesseract-warm-up", daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def _library_api(lang: str):  # noqa: ANN202 - yields a tesserocr.PyTessBaseAPI, or None
    """A loaded Tesseract from the process's pool, or None without tesserocr or its data, or when
    HOTICH_OCR_PROGRAM=1 asks for the program (to compare them)."""
    if _program_forced():
        yield None
        return
    pool = _pool(lang)
    api = pool.take()
    try:
        yield api
    finally:
        if api is not None:
            pool.give(api)


def _new_api(lang: str):  # noqa: ANN202
    """A Tesseract with `lang` loaded, or None (the pool remembers: the program is used from then on)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when the library starts: set before it loads
    try:
        import tesserocr

        data = tessdata_dir(lang, ask_program=False) or tessdata_dir(lang)
        if data is not None:
            return tesserocr.PyTessBaseAPI(path=str(data) + os.sep, lang=lang, init=True)
    except (ImportError, RuntimeError):
        pass
    return None


@functools.cache
def tessdata_dir(lang: str, ask_program: bool = True) -> Path | None:
    """The folder holding `<lang>.traineddata`: TESSDATA_PREFIX (the bundle sets it), else the usual places
    of Linux packages, else (with `ask_program`) the one the Tesseract program reports, which costs starting
    it (0.2 s), so it is asked last."""
    places = [os.environ.get("TESSDATA_PREFIX", ""), "/usr/share/tesseract-ocr/5/tessdata",
              "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata"]
    if ask_program:
        exe = tesseract_exe()
        out = _list_langs(exe) if exe else None
        m = re.search(r'"([^"]+)"', out or "")
        if m:
            places.append(m.group(1))
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
