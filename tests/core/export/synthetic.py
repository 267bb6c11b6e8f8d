"""An approved khai_sinh book made without scans: real one-page PDFs, records saved and approved through
the service, so export tests need nothing beside the project."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from hotich_desktop.core.store.models import Entry
from tests.conftest import make_entries


def record(n: int) -> dict[str, str]:
    return {"so": str(n), "ngay_dang_ky": "18/07/1998", "ho_ten": f"Lò Văn Số {n}", "gioi_tinh": "Nam",
            "ngay_sinh": "22/06/1998", "noi_sinh": "Trạm y tế xã Châu Quang", "dan_toc": "Thái"}


def small_pdf(path: Path, n: int) -> None:
    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).text((20, 80), f"Muc {n}", fill=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PDF", resolution=100)


def approved_book(svc, n: int, approve: int | None = None):
    """(book id, supervisor, clerk, entry ids): n entries with records, the first `approve` approved."""
    admin = svc.create_user(None, "admin", "matkhau-admin", "admin")
    clerk = svc.create_user(admin, "lan", "matkhau-lan", "clerk")
    boss = svc.create_user(admin, "hoa", "matkhau-hoa", "supervisor")
    ids = make_entries(svc, clerk, n, year=1998)
    with svc.store.session() as s:
        for k, entry_id in enumerate(ids, 1):
            pdf = svc.workspace.pdfs / f"muc-{entry_id}.pdf"
            small_pdf(pdf, k)
            entry = s.get(Entry, entry_id)
            entry.pdf_path, entry.pdf_bytes = str(pdf.relative_to(svc.workspace.root)), pdf.stat().st_size
    for k, entry_id in enumerate(ids, 1):
        svc.save_record(clerk, entry_id, record(k), submit=True)
        if k <= (n if approve is None else approve):
            svc.review.approve(boss, entry_id)
    book_id = svc.entries.context(boss, ids[0])[0].id
    return book_id, boss, clerk, ids
