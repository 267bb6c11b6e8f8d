"""A small book built in the test itself (no sample scans needed): one page image drawn with Pillow,
taken in by intake, with entry boxes added the way a clerk adds them."""
from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from hotich_desktop.core.entries import edit as entry_edit
from hotich_desktop.core.intake.ingest import ingest_folder
from hotich_desktop.core.roles import Actor
from hotich_desktop.core.service import Service

WIDTH, HEIGHT = 1240, 1754  # A4 at 150 dpi
BAND = 380  # height of one entry's row


FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def title_font(size: int = 40) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def draw_page(path: Path, rows: int = 3, title: str = "SỔ ĐĂNG KÝ KHAI SINH - NĂM 1998") -> Path:
    """A ledger-like page: a printed title, and `rows` ruled rows with strokes standing in for writing."""
    img = Image.new("L", (WIDTH, HEIGHT), 250)
    draw = ImageDraw.Draw(img)
    draw.text((240, 50), title, fill=10, font=title_font())
    for k in range(rows):
        top = 150 + k * BAND
        draw.rectangle((60, top, WIDTH - 60, top + BAND - 20), outline=0, width=3)
        for line in range(5):
            y = top + 40 + line * 60
            draw.line((100 + 30 * k, y, 700 + 40 * line, y + 5), fill=20, width=4)
    img.save(path, dpi=(150, 150))
    return path


def entry_boxes(rows: int = 3) -> list[list[list[float]]]:
    return [[[60, 150 + k * BAND], [WIDTH - 60, 150 + k * BAND], [WIDTH - 60, 150 + k * BAND + BAND - 20],
             [60, 150 + k * BAND + BAND - 20]] for k in range(rows)]


def book_with_entries(svc: Service, actor: Actor, folder: Path, book_id: int, rows: int = 3,
                      title: str = "SỔ ĐĂNG KÝ KHAI SINH - NĂM 1998", name: str = "trang-001.png") -> list[int]:
    """Ingests one drawn page into the book and adds its entries; returns the entry ids top to bottom."""
    folder.mkdir(parents=True, exist_ok=True)
    page = draw_page(folder / name, rows, title)
    os.utime(page, (1, 1))  # long finished writing
    report = ingest_folder(svc, actor, book_id, folder, stable_seconds=0)
    page_id = report.pages[0]["page_id"]
    for polygon in entry_boxes(rows):
        entry_edit.add_box(svc, actor, page_id, polygon)
    return [e.id for e in svc.entries.list(actor, page_id=page_id)]
