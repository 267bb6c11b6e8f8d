"""Every PDF in a package ≤ 100,000 bytes: an older, larger entry PDF is re-encoded within the budget for
the package (the stored file is left as it is; the package carries the smaller copy under the same name)."""
from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf.models.image import PdfImage

from ..errors import Refused
from ..imaging.pdf import HARD_LIMIT, encode


def fits(path: Path) -> bool:
    return path.stat().st_size <= HARD_LIMIT


def reencode(src: Path, dest: Path) -> Path:
    """The entry's image at the highest quality that fits the limit, same physical page size."""
    try:
        with pikepdf.open(src) as pdf:
            if len(pdf.pages) != 1:
                raise ValueError(f"{len(pdf.pages)} trang")
            page = pdf.pages[0]
            found = page.get_images() if hasattr(page, "get_images") else page.images
            images = [PdfImage(obj) for obj in found.values()]
            if not images:
                raise ValueError("không có ảnh")
            best = max(images, key=lambda im: im.width * im.height)
            image = best.as_pil_image()
            width_in = float(page.mediabox[2] - page.mediabox[0]) / 72.0
    except (pikepdf.PdfError, ValueError, NotImplementedError, OSError) as exc:
        raise Refused(f"PDF {src.name} lớn hơn {HARD_LIMIT:,} byte và không nén lại được ({exc}).".replace(",", "."))\
            from exc
    dpi = image.width / width_in if width_in > 0 else 200.0
    data = encode(image, dpi, limit=HARD_LIMIT).data
    if len(data) > HARD_LIMIT:
        raise Refused(f"PDF {src.name} không nén được xuống {HARD_LIMIT:,} byte.".replace(",", "."))
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return dest


def within_budget(src: Path, scratch: Path) -> Path:
    """The file to put in the package: the stored one if it fits, otherwise a re-encoded copy."""
    return src if fits(src) else reencode(src, scratch / src.name)
