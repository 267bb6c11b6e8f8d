"""Reading page images from what scanners and phones produce: JPEG, PNG, TIFF (multi-page), BMP, PDF.

Every failure becomes a `BadInput` with a Vietnamese reason, so intake can quarantine the file and go on.
Frames are produced one at a time: a 300-page TIFF never sits in memory whole.
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import BadInput

log = logging.getLogger(__name__)

MAX_PIXELS = 200_000_000  # 10,000 x 14,000 pages (A3 at 600 dpi) pass; decompression bombs do not
PDF_RENDER_DPI = 300
A4_LONG_INCH = 11.69
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".pdf"}


@dataclass
class Frame:
    """One page of a source file, upright (EXIF orientation applied), in RGB or L."""

    image: Image.Image
    index: int
    count: int
    dpi: float
    dpi_estimated: bool
    orientation: int = 1  # EXIF orientation found in the file (1 = none)
    full_size: tuple[int, int] | None = None  # upright size in pixels when `image` is a reduced draft

    @property
    def size(self) -> tuple[int, int]:
        return self.full_size or self.image.size


def estimate_dpi(width: int, height: int) -> float:
    """Without a dpi tag, assume the long side is an A4 page's long side (the commonest book size)."""
    return round(max(width, height) / A4_LONG_INCH)


def _dpi_of(img: Image.Image) -> tuple[float, bool]:
    raw = img.info.get("dpi")
    try:
        dpi = float(raw[0]) if raw else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if 50 <= dpi <= 1200:
        return dpi, False
    return float(estimate_dpi(*img.size)), True


def _why(path: Path, exc: BaseException) -> BadInput:
    text = str(exc)
    if isinstance(exc, Image.DecompressionBombError) or "decompression bomb" in text.lower():
        return BadInput(f"Ảnh «{path.name}» khai báo kích thước quá lớn (nghi là tệp độc hại); không mở.")
    if isinstance(exc, UnidentifiedImageError):
        return BadInput(f"Tệp «{path.name}» không phải ảnh quét đọc được (có thể bị đổi đuôi hoặc hỏng).")
    log.info("cannot read %s: %s", path, text)  # the library's own (English) words stay in the log
    if isinstance(exc, (OSError, SyntaxError, ValueError, EOFError)):
        return BadInput(f"Ảnh «{path.name}» bị hỏng hoặc chưa ghi xong: {_library_words(text)}.")
    if isinstance(exc, MemoryError):
        return BadInput(f"Ảnh «{path.name}» quá lớn để xử lý trên máy này.")
    return BadInput(f"Không đọc được «{path.name}»: {_library_words(text)}.")


LIBRARY_WORDS = (("truncated", "dữ liệu ảnh bị cụt (tệp chưa chép xong hoặc bị cắt)"),
                 ("broken data stream", "dữ liệu ảnh bị đứt đoạn"),
                 ("premature end", "tệp kết thúc sớm"),
                 ("unrecognized data stream", "không nhận ra dữ liệu ảnh"),
                 ("not enough data", "thiếu dữ liệu ảnh"),
                 ("cannot identify", "không nhận ra định dạng ảnh"),
                 ("decoder", "không giải mã được ảnh"),
                 ("tile", "các mảnh ảnh bị hỏng"))


def _library_words(text: str) -> str:
    """The image library's English reason said in the clerk's words."""
    lower = text.lower()
    return next((vi for en, vi in LIBRARY_WORDS if en in lower), "nội dung ảnh không đọc được")


def _upright(img: Image.Image) -> tuple[Image.Image, int]:
    orientation = img.getexif().get(0x0112, 1) if hasattr(img, "getexif") else 1
    if orientation not in (None, 1):
        img = ImageOps.exif_transpose(img)
    return img, int(orientation or 1)


def _normalise_mode(img: Image.Image) -> Image.Image:
    if img.mode in ("RGB", "L"):
        return img
    if img.mode in ("1", "I;16", "I", "F"):
        return img.convert("L")
    return img.convert("RGB")  # CMYK, P, RGBA, LA, YCbCr …


def _check_size(path: Path, img: Image.Image) -> None:
    w, h = img.size
    if w < 16 or h < 16:
        raise BadInput(f"Ảnh «{path.name}» quá nhỏ ({w}×{h} điểm ảnh) để là một trang sổ.")
    if w * h > MAX_PIXELS:
        raise BadInput(f"Ảnh «{path.name}» khai báo kích thước quá lớn ({w}×{h}); không mở.")


@dataclass(frozen=True)
class FrameInfo:
    index: int
    width: int
    height: int
    dpi: float
    dpi_estimated: bool


def probe(path: str | Path) -> list[FrameInfo]:
    """Sizes and dpi of every frame, each decoded once to prove it is whole (JPEG at 1/8 scale: fast,
    yet the whole stream is read, so a truncated file still fails)."""
    infos = []
    for frame in iter_frames(path, draft=True):
        w, h = frame.size
        infos.append(FrameInfo(frame.index, w, h, frame.dpi, frame.dpi_estimated))
        frame.image.close()
    if not infos:
        raise BadInput(f"Tệp «{Path(path).name}» không có trang nào.")
    return infos


def iter_frames(path: str | Path, first_only: bool = False, draft: bool = False) -> Iterator[Frame]:
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            raise BadInput(f"Tệp «{path.name}» rỗng (0 byte).")
        with path.open("rb") as fh:
            magic = fh.read(5)
    except FileNotFoundError:
        raise BadInput(f"Không tìm thấy tệp «{path.name}» (có thể đã bị xóa hoặc di chuyển).") from None
    except PermissionError:
        raise BadInput(f"Không có quyền đọc tệp «{path.name}».") from None
    if magic == b"%PDF-":
        yield from _pdf_frames(path, first_only)
    else:
        yield from _image_frames(path, first_only, draft)


def _image_frames(path: Path, first_only: bool, draft: bool = False) -> Iterator[Frame]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(path)
            _check_size(path, img)
            count = getattr(img, "n_frames", 1) if not first_only else 1
        except BadInput:
            raise
        except Exception as exc:  # Pillow raises many types for hostile files
            raise _why(path, exc) from exc
        try:
            for index in range(count):
                try:
                    img.seek(index)
                    _check_size(path, img)
                    dpi, estimated = _dpi_of(img)
                    full = img.size
                    if draft and img.format == "JPEG":
                        img.draft(img.mode, (max(1, full[0] // 8), max(1, full[1] // 8)))
                    img.load()
                    # Frames of a multi-page file are copied out; a single page is the loaded image itself,
                    # which must outlive this generator (closing it would free its pixels).
                    frame = img.copy() if count > 1 else img
                    upright, orientation = _upright(frame)
                    size = (full[1], full[0]) if orientation in (5, 6, 7, 8) else full
                    yield Frame(_normalise_mode(upright), index, count, dpi, estimated, orientation, size)
                except BadInput:
                    raise
                except Exception as exc:
                    raise _why(path, exc) from exc
        finally:
            if count > 1:
                img.close()


def _pdf_frames(path: Path, first_only: bool) -> Iterator[Frame]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise BadInput(f"Tệp PDF «{path.name}» có mật khẩu; hãy quét lại hoặc gỡ mật khẩu.") from exc
        raise BadInput(f"Tệp PDF «{path.name}» bị hỏng hoặc chưa ghi xong.") from exc
    try:
        count = 1 if first_only else len(pdf)
        if len(pdf) == 0:
            raise BadInput(f"Tệp PDF «{path.name}» không có trang nào.")
        for index in range(count):
            page = pdf[index]
            w_pt, h_pt = page.get_size()
            scale = PDF_RENDER_DPI / 72
            if w_pt * h_pt * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (w_pt * h_pt)) ** 0.5 * 0.99
            img = page.render(scale=scale).to_pil()
            page.close()
            yield Frame(_normalise_mode(img), index, len(pdf), round(scale * 72), False)
    finally:
        pdf.close()


def first_frame(path: str | Path) -> Frame:
    for frame in iter_frames(path, first_only=True):
        return frame
    raise BadInput(f"Tệp «{Path(path).name}» không có trang nào.")


def frame_at(path: str | Path, index: int) -> Frame:
    for frame in iter_frames(path):
        if frame.index == index:
            return frame
    raise BadInput(f"Tệp «{Path(path).name}» không có trang thứ {index + 1}.")
