"""The image stages as the CLI contracts run them on one file: detect, crop, ocr (no store involved)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..booktypes import book_type as get_book_type
from ..errors import BadInput
from ..imaging.detect import Detection, detect
from ..imaging.geometry import bbox_of, rounded, to_raw
from ..imaging.loader import Frame, first_frame

log = logging.getLogger(__name__)


@dataclass
class PageDetection:
    image: str
    frame: Frame
    detection: Detection
    raw_size: tuple[int, int]
    polygons: list[list[list[int]]] = field(default_factory=list)

    @property
    def entries(self) -> list[dict[str, Any]]:
        return [{"polygon": p, "bbox": [int(v) for v in bbox_of(p)]} for p in self.polygons]

    @property
    def skew_degrees(self) -> float:
        return self.detection.skew_degrees

    def as_json(self) -> dict[str, Any]:
        out = {"image": self.image, "width": self.raw_size[0], "height": self.raw_size[1],
               "skew_degrees": self.skew_degrees, "dpi": self.frame.dpi, "entries": self.entries}
        if self.frame.orientation != 1:
            out["orientation"] = self.frame.orientation
        if self.detection.rotated_180:
            out["rotated_180"] = True
        return out


def detect_frame(frame: Frame, name: str = "") -> PageDetection:
    det = detect(frame.image)
    w, h = frame.image.size
    raw_w, raw_h = (h, w) if frame.orientation in (5, 6, 7, 8) else (w, h)
    polys = [rounded([to_raw(x, y, frame.orientation, raw_w, raw_h) for x, y in p]) for p in det.polygons]
    return PageDetection(name, frame, det, (raw_w, raw_h), polys)


def detect_file(path: Path) -> PageDetection:
    return detect_frame(first_frame(path), path.name)


def crop_file(path: Path, book_type: str, year: int, out: Path, volume: str = "",
              read_fields: bool = True) -> dict[str, Any]:
    from .pdfs import PdfName, entry_pdf  # PDF libraries load only for crop: `hotich ocr` starts faster

    get_book_type(book_type)
    if read_fields:
        from ..ocr.engine import warm_up

        warm_up()  # the models load while the entries are found
    page = detect_file(path)
    polygons = page.detection.polygons
    found = read_prefill(page.frame, polygons, book_type, only=_naming_keys(book_type)) if read_fields else []
    fields = [{k: v.value for k, v in r.items()} for r in found] or [{} for _ in polygons]
    name = PdfName(book_type, year, volume)
    entries = []
    for poly_upright, raw_poly, values in zip(polygons, page.polygons, fields):
        written = entry_pdf(page.frame, poly_upright, out, name, values)
        entries.append({"polygon": raw_poly, "bbox": [int(v) for v in bbox_of(raw_poly)], "pdf": str(written.path),
                        "bytes": written.bytes, "paper": written.paper})
    return {"image": path.name, "entries": entries}


def read_prefill(frame: Frame, polygons: list, book_type: str, lang: str = "vie",
                 only: set[str] | None = None, profile: Any = None) -> list[dict[str, Any]]:
    """The OCR readings per entry ({key: FieldReading}); one empty dict per entry when Tesseract is not
    there (the clerk types everything; said once in the log), never an error. `profile`: the book's
    LayoutProfile (core/ocr/layout_profile.py), where its fields sit."""
    if not polygons:
        return []
    from ..ocr.engine import OcrUnavailable
    from ..ocr.reader import read_entries

    try:
        return read_entries(frame, polygons, book_type, only=only, lang=lang, profile=profile)
    except OcrUnavailable as exc:
        log.warning("%s", exc.message)
        return [{} for _ in polygons]


def _naming_keys(book_type: str) -> set[str]:
    return {"so", *get_book_type(book_type).person_fields}


def ocr_file(path: Path, book_type: str) -> dict[str, Any]:
    """`hotich ocr` on one page: the models load in the background while the entries are found."""
    from ..ocr.engine import warm_up
    from ..ocr.reader import read_entries

    get_book_type(book_type)
    warm_up()
    page = detect_file(path)
    results = read_entries(page.frame, page.detection.polygons, book_type)
    entries = []
    for raw_poly, fields in zip(page.polygons, results):
        entries.append({"polygon": raw_poly, "bbox": [int(v) for v in bbox_of(raw_poly)],
                        "fields": {k: v.as_json(page.frame, page.raw_size) for k, v in fields.items()}})
    return {"image": path.name, "entries": entries}


def page_files(paths: list[Path]) -> list[Path]:
    """The page files named, a folder standing for the page files in it (by name; sub-folders not entered)."""
    from ..imaging.loader import IMAGE_SUFFIXES

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        else:
            require_file(path)
            out.append(path)
    if not out:
        raise BadInput("Không có tệp ảnh trang nào trong: " + ", ".join(str(p) for p in paths))
    return out


def ocr_files(paths: list[Path], book_type: str) -> list[dict[str, Any]]:
    """`hotich ocr` on many pages in one process: imports and models are paid once, and one page is found
    while another is read (a thread per core; the Tesseract pool in core/ocr/engine.py keeps one model
    per core for all of them). A page that cannot be read gets `error` and does not stop the others."""
    from concurrent.futures import ThreadPoolExecutor

    from ..ocr.engine import reading_threads, warm_up

    get_book_type(book_type)
    warm_up()

    def one(path: Path) -> dict[str, Any]:
        try:
            return ocr_file(path, book_type)
        except BadInput as exc:
            return {"image": path.name, "error": exc.message}

    with ThreadPoolExecutor(min(len(paths), reading_threads()) or 1) as pool:
        return list(pool.map(one, paths))


def require_file(path: Path) -> None:
    if not path.exists():
        raise BadInput(f"Không có tệp «{path}».")
