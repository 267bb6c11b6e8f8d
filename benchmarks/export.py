"""Export of a large approved book (default 1,000 records with entry-sized PDFs) to the 158 package."""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import add_dataset_flag, dataset_folder, dataset_pages

from hotich_desktop.core.imaging.crop import straight_crop
from hotich_desktop.core.imaging.detect import detect
from hotich_desktop.core.imaging.loader import first_frame
from hotich_desktop.core.imaging.pdf import encode
from hotich_desktop.core.export.outbox import export_book
from hotich_desktop.core.records_hash import content_hash
from hotich_desktop.core.service import Service
from hotich_desktop.core.store.models import Entry, Page, Record, ReviewDecision


def sample_pdfs(folder: Path, n: int = 8) -> list[bytes]:
    out = []
    for path, _ in dataset_pages(folder):
        frame = first_frame(path)
        for poly in detect(frame.image).polygons:
            out.append(encode(straight_crop(frame.image, poly, frame.dpi), frame.dpi).data)
            if len(out) >= n:
                return out
    return out


def build_book(svc: Service, records: int, pdfs: list[bytes]) -> tuple[int, object]:
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    boss = svc.create_user(admin, "hoa", "matkhau1", "supervisor")
    book = svc.open_book(admin, "khai_sinh", 1998, "1")
    folder = svc.workspace.pdfs / "sach-1"
    folder.mkdir(parents=True, exist_ok=True)
    with svc.store.session() as s:
        for p in range(0, records, 4):
            page = Page(book_id=book.id, order=p // 4 + 1, source_name=f"p{p}.jpg", source_sha256=f"{p:064d}",
                        stored_path="archive/x.jpg", width=2481, height=3507, dpi=300, status="detected")
            s.add(page)
            s.flush()
            for k in range(min(4, records - p)):
                n = p + k + 1
                name = f"KS.1998.01.{n:03d}.Nguyen-Van-A{n}.A4.pdf"
                (folder / name).write_bytes(pdfs[n % len(pdfs)])
                entry = Entry(page_id=page.id, order=k, polygon=[[0, 0], [1, 0], [1, 1], [0, 1]], status="approved",
                              pdf_path=f"pdf/sach-1/{name}", pdf_bytes=len(pdfs[n % len(pdfs)]))
                s.add(entry)
                s.flush()
                fields = {"so": str(n), "ngay_dang_ky": "01/02/1998", "ho_ten": f"Nguyễn Văn A{n}",
                          "gioi_tinh": "Nam", "ngay_sinh": "01/01/1998", "noi_sinh": "Trạm y tế xã Mường Bú",
                          "dan_toc": "Thái", "quoc_tich": "Việt Nam", "ho_ten_me": "Lò Thị B"}
                h = content_hash(fields)
                s.add(Record(entry_id=entry.id, book_type="khai_sinh", fields=fields, ocr={}, content_hash=h,
                             approved_hash=h))
                s.add(ReviewDecision(entry_id=entry.id, reviewer_id=boss.id, decision="approved", record_hash=h))
    return book.id, boss


def upload_figures(package: Path, work: Path, size_mb: float) -> None:
    """Loopback upload throughput: a clean line (baseline) against one that drops 10 % of chunks."""
    from tests.core.export.upload_server import UploadServer

    from hotich_desktop.core.export.upload import UploadTarget, upload_package

    for label, drop in (("clean line", 0), ("10 % of chunks dropped", 10)):
        server = UploadServer(work / f"server-{drop}")
        server.faults.drop_every = drop
        target = UploadTarget(server.url, server.token, chunk_size=256 * 1024, backoff=0.05)
        t0 = time.perf_counter()
        upload_package(package, target)
        took = time.perf_counter() - t0
        print(f"upload, {label}: {size_mb / took:.1f} MB/s ({took:.2f} s, {server.faults.chunks} chunks sent, "
              f"arrived once: {len(server.received()) == 1})")
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=1000)
    add_dataset_flag(ap)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-export-"))
    svc = Service.open(work / "ws")
    book_id, boss = build_book(svc, args.records, sample_pdfs(dataset_folder(args.dataset)))
    t0 = time.perf_counter()
    result = export_book(svc, boss, book_id, work / "out")
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = export_book(svc, boss, book_id, work / "out")
    second = time.perf_counter() - t0
    size = sum(f["bytes"] for f in result.files) / 1024 / 1024
    print(f"records {result.records}; package {size:.1f} MB; export {first:.2f} s; "
          f"re-export of the unchanged book {second:.2f} s (reused: {again.reused})")
    upload_figures(result.package, work, size)
    svc.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
