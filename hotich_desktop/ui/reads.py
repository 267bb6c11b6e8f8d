"""What the window reads, bundled so one trip to a worker brings all a screen needs (the GUI thread
never opens a store session): a page with its image, entries, findings and return reasons; thumbnails."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QImage

from ..core.entries.processing import load_page_frame
from ..core.lifecycle import EntryStatus
from ..core.roles import Actor
from ..core.service import Service
from ..core.views import EntryInfo, Finding, PageInfo

THUMB = 120


def pil_to_qimage(img: Any) -> QImage:
    rgb = img.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format_RGB888).copy()


def load_page_image(svc: Service, page_id: int) -> QImage:
    """Decoding a 300 dpi page takes longer than a frame."""
    return pil_to_qimage(load_page_frame(svc, page_id).image)


def load_thumbnail(svc: Service, page_id: int) -> QImage:
    frame = load_page_frame(svc, page_id)
    frame.image.thumbnail((THUMB, int(THUMB * 1.42)))
    return pil_to_qimage(frame.image)


@dataclass
class PageBundle:
    page: PageInfo
    entries: list[EntryInfo]
    findings: dict[int, list[Finding]] = field(default_factory=dict)
    reasons: dict[int, list[str]] = field(default_factory=dict)
    image: QImage | None = None


def load_page_bundle(svc: Service, actor: Actor, page_id: int, with_image: bool = True) -> PageBundle:
    page = svc.books.page(actor, page_id)
    entries = svc.entries.list(actor, page_id=page_id)
    return PageBundle(page, entries,
                      {e.id: svc.records.findings(actor, e.id) for e in entries if e.fields},
                      {e.id: svc.review.return_reasons(actor, e.id) for e in entries if e.status == EntryStatus.RETURNED},
                      load_page_image(svc, page_id) if with_image else None)
