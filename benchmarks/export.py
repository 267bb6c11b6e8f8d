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
from hotich_desktop.core import audit
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


TYPES = ("khai_sinh", "khai_tu", "ket_hon", "tinh_trang_hon_nhan", "nhan_cha_me_con")


def record_for(book_type: str, n: int) -> dict[str, str]:
    """A full record of the type, number n (the book-158 test records, renumbered and renamed)."""
    from tests.core.export.books158 import RECORDS

    fields = dict(RECORDS[book_type][0], so=str(n))
    for key in [k for k in fields if k.startswith("ho_ten")]:
        fields[key] = f"{fields[key]} {n}"
    return fields


def build_book(svc: Service, book_type: str, records: int, pdfs: list[bytes], people: tuple) -> int:
    admin, boss = people
    book = svc.books.open(admin, book_type, 1998, "1").value
    folder = svc.workspace.pdfs / f"sach-{book.id}"
    folder.mkdir(parents=True, exist_ok=True)
    code = book_type[:3]
    with svc.store.session() as s:
        for p in range(0, records, 4):
            page = Page(book_id=book.id, order=p // 4 + 1, source_name=f"p{p}.jpg",
                        source_sha256=f"{book.id:08d}{p:056d}", stored_path="archive/x.jpg", width=2481,
                        height=3507, dpi=300, status="detected", page_number=str(p // 4 + 1))
            s.add(page)
            s.flush()
            for k in range(min(4, records - p)):
                n = p + k + 1
                name = f"{code}.1998.01.{n:03d}.Nguoi-{n}.A4.pdf"
                (folder / name).write_bytes(pdfs[n % len(pdfs)])
                entry = Entry(page_id=page.id, order=k, polygon=[[0, 0], [1, 0], [1, 1], [0, 1]], status="approved",
                              pdf_path=f"pdf/sach-{book.id}/{name}", pdf_bytes=len(pdfs[n % len(pdfs)]))
                s.add(entry)
                s.flush()
                fields = record_for(book_type, n)
                h = content_hash(fields)
                s.add(Record(entry_id=entry.id, book_type=book_type, fields=fields, ocr={}, content_hash=h,
                             approved_hash=h))
                s.add(ReviewDecision(entry_id=entry.id, reviewer_id=boss.id, decision="approved", record_hash=h))
                audit.record(s, boss.login, "review_approve", "entry", entry.id, after={"hash": h})  # the chain vouches
    return book.id


def zip_baseline(pdfs: list[Path], out: Path) -> float:
    """The floor any export pays: the same PDFs into a stored zip, nothing else."""
    import zipfile

    t0 = time.perf_counter()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
        for pdf in pdfs:
            zf.write(pdf, arcname=pdf.name)
    return time.perf_counter() - t0


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
    ap.add_argument("--types", default=",".join(TYPES), help="comma-separated book types")
    ap.add_argument("--no-upload", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hotich-export-"))
    svc = Service.open(work / "ws")
    admin = svc.create_user(None, "admin", "matkhau1", "admin")
    boss = svc.create_user(admin, "hoa", "matkhau1", "supervisor")
    pdfs = sample_pdfs(dataset_folder(args.dataset))
    print(f"{args.records} records per book; sample PDFs {min(map(len, pdfs))}-{max(map(len, pdfs))} bytes; "
          "goal: export ≤ 20 s per book")
    result = None
    for book_type in args.types.split(","):
        book_id = build_book(svc, book_type, args.records, pdfs, (admin, boss))
        t0 = time.perf_counter()
        result = export_book(svc, boss, book_id, work / "out")
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = export_book(svc, boss, book_id, work / "out")
        second = time.perf_counter() - t0
        stored = sorted((svc.workspace.pdfs / f"sach-{book_id}").iterdir())
        base = zip_baseline(stored, work / f"baseline-{book_id}.zip")
        size = sum(f["bytes"] for f in result.files) / 1024 / 1024
        print(f"{book_type:>20}: {result.records} rows, package {size:.1f} MB; export {first:.2f} s "
              f"(baseline zip of the same PDFs alone {base:.2f} s); re-export unchanged {second:.2f} s "
              f"(reused: {again.reused})")
    if result is not None and not args.no_upload:
        upload_figures(result.package, work, sum(f["bytes"] for f in result.files) / 1024 / 1024)
    svc.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
